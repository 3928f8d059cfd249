package client

import "context"

// EXAoperation keeps no EXAConf: its cluster settings are other objects'
// properties (editNodeClusterNetwork and others, EXAoperation_XMLRPC.md).
// Both calls are the capability table's refusal (capabilities.go).

func (x *EXAoperation) ClusterSettings(context.Context) (map[string]string, error) {
	return nil, x.refuse(ObjectClusterSettings, "")
}

func (x *EXAoperation) ChangeClusterSettings(context.Context, map[string]any) error {
	return x.refuse(ObjectClusterSettings, "")
}
