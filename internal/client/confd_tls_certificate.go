package client

import (
	"context"
)

// The cluster's TLS certificate: ConfD's cert_update
// (https://docs.exasol.com/db/latest/confd/jobs/cert_update.htm). No job
// reads it back.

// UpdateCertificate uploads the chain and its key.
func (c *ConfD) UpdateCertificate(ctx context.Context, s CertificateSpec) error {
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
