package client

import "context"

// EXAoperation's XML-RPC interface has no method that uploads the TLS
// certificate (EXAoperation_XMLRPC.md): the capability table's refusal.
func (x *EXAoperation) UpdateCertificate(context.Context, CertificateSpec) error {
	return x.refuse(ObjectTLSCertificate, "")
}
