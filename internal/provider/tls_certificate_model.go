package provider

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// tlsCertificateID is the id of the one certificate of a cluster.
const tlsCertificateID = "cluster"

// tlsCertificateModel is exasol_tls_certificate. No job or method reads
// the certificate back: the state holds what was uploaded, and the computed
// attributes are read from it.
type tlsCertificateModel struct {
	ID                  types.String   `tfsdk:"id"`
	Certificate         types.String   `tfsdk:"certificate"`
	PrivateKey          types.String   `tfsdk:"private_key"`
	PrivateKeyWO        types.String   `tfsdk:"private_key_wo"`
	PrivateKeyWOVersion types.Int64    `tfsdk:"private_key_wo_version"`
	CA                  types.String   `tfsdk:"ca"`
	VerifyCert          types.Bool     `tfsdk:"verify_cert"`
	NotAfter            types.String   `tfsdk:"not_after"`
	Subject             types.String   `tfsdk:"subject"`
	Fingerprint         types.String   `tfsdk:"fingerprint_sha256"`
	Timeouts            timeouts.Value `tfsdk:"timeouts"`
}

// tlsCertificateReader: no job reads the certificate back, so nothing is
// read from the cluster; the computed attributes come from the chain m
// holds. Read is the resource's own (it warns of the end of validity).
var tlsCertificateReader = object[tlsCertificateModel, struct{}]{kind: "TLS certificate",
	name: func(*tlsCertificateModel) string { return tlsCertificateID },
	get:  func(context.Context, client.Backend, *tlsCertificateModel) (struct{}, error) { return struct{}{}, nil },
	fill: func(m *tlsCertificateModel, _ context.Context, _ struct{}, diags *diag.Diagnostics) {
		if err := m.fill(); err != nil {
			diags.AddError("Cannot read the TLS certificate", err.Error())
		}
	}}

// leafCertificate parses the first certificate of a PEM chain.
func leafCertificate(chain string) (*x509.Certificate, error) {
	b, _ := pem.Decode([]byte(strings.TrimSpace(chain)))
	if b == nil || b.Type != "CERTIFICATE" {
		return nil, fmt.Errorf("no PEM certificate found (a chain starts with -----BEGIN CERTIFICATE-----)")
	}
	return x509.ParseCertificate(b.Bytes)
}

// fill is the one reader: the computed attributes from the chain in m.
func (m *tlsCertificateModel) fill() error {
	m.ID = types.StringValue(tlsCertificateID)
	c, err := leafCertificate(m.Certificate.ValueString())
	if err != nil {
		return err
	}
	sum := sha256.Sum256(c.Raw)
	m.NotAfter = types.StringValue(c.NotAfter.UTC().Format(time.RFC3339))
	m.Subject = types.StringValue(c.Subject.String())
	m.Fingerprint = types.StringValue(hex.EncodeToString(sum[:]))
	m.PrivateKeyWO = types.StringNull()
	return nil
}
