package client

import "context"

// The cluster's TLS certificate: ConfD's cert_update
// (https://docs.exasol.com/db/latest/confd/jobs/cert_update.htm). No job
// reads it back.

var certJobs = map[string]jobSpec{
	"cert_update": {change: true, params: []string{"key", "cert", "ca", "verify_cert"}},
}

// CertificateSpec is cert_update's parameters; an empty CA and a nil
// VerifyCert are not sent.
type CertificateSpec struct {
	Chain, Key, CA string
	VerifyCert     *bool
}

// UpdateCertificate uploads the chain and its key.
func (c *Client) UpdateCertificate(ctx context.Context, s CertificateSpec) error {
	p := Params{"cert": s.Chain, "key": s.Key}
	if s.CA != "" {
		p["ca"] = s.CA
	}
	if s.VerifyCert != nil {
		p["verify_cert"] = *s.VerifyCert
	}
	_, err := c.exec(ctx, "cert_update", p)
	return err
}

// EXAoperation's XML-RPC interface has no method that uploads the TLS
// certificate (EXAoperation_XMLRPC.md).
func (x *EXAoperation) UpdateCertificate(context.Context, CertificateSpec) error {
	return unsupportedErr("upload the cluster's TLS certificate", "its XML-RPC interface has no such method")
}
