package client

import "context"

// EXAoperation's XML-RPC interface documents no license upload or download;
// its getLicenseFeatures and getLicenseLimits (EXAoperation_XMLRPC.md) are
// not implemented. Every call is the capability table's refusal.

func (x *EXAoperation) LicenseInfo(context.Context) (map[string]string, error) {
	return nil, x.refuse(ObjectLicense, "")
}

func (x *EXAoperation) UploadLicense(context.Context, string) error {
	return x.refuse(ObjectLicense, "")
}

func (x *EXAoperation) DownloadLicense(context.Context) (string, error) {
	return "", x.refuse(ObjectLicense, "")
}
