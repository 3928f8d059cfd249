package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// NewTLSCertificateResource is exasol_tls_certificate.
func NewTLSCertificateResource() resource.Resource {
	return newResource(&tlsCertificateResource{}, "_tls_certificate", tlsCertificateReader)
}

type tlsCertificateResource struct {
	resourceBase[tlsCertificateModel, struct{}]
}

func (r *tlsCertificateResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	oneKey := stringvalidator.ExactlyOneOf(path.MatchRoot("private_key"), path.MatchRoot("private_key_wo"))
	resp.Schema = schema.Schema{
		MarkdownDescription: "The cluster's TLS certificate (ConfD `cert_update`, EXAoperation `uploadTlsFiles`), used by every database, " +
			"bucket and configuration API. Every change uploads the chain and its key again, in place. Neither interface reads the " +
			"certificate back, so the state holds what was uploaded; `not_after` is read from it, and a refresh warns 30 days before " +
			"it ends. Destroying the resource leaves the certificate on the cluster; it cannot be imported. A provider that pins the " +
			"cluster's CA (`ca_cert_file`) must trust the new chain's CA. EXAoperation takes neither `ca` nor `verify_cert` (the plan " +
			"refuses them), and serves the new certificate only after its next restart (`restartEXAoperation`), which the provider " +
			"does not do.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("Always `cluster`."),
			"certificate": schema.StringAttribute{Required: true,
				MarkdownDescription: "The whole certificate chain in PEM (`cert`), the server's certificate first. Exasol 8 requires " +
					"more than one certificate (changelog 21276).",
				Validators: []validator.String{certificateValidator{}}},
			"private_key": schema.StringAttribute{Optional: true, Sensitive: true,
				MarkdownDescription: "The server certificate's private key in PEM (`key`). Stored in the state (marked sensitive); " +
					"with Terraform 1.11 or later prefer `private_key_wo`. Exactly one of the two.",
				Validators: []validator.String{oneKey}},
			"private_key_wo": writeOnlyAttribute("Write-only private key (Terraform 1.11 or later): sent with the chain and never stored. Set "+
				"`private_key_wo_version` with it; a new version uploads again.", "private_key_wo_version", oneKey),
			"private_key_wo_version": writeOnlyVersion("private_key_wo", "Version of `private_key_wo`: change it to upload again."),
			"ca":                     schema.StringAttribute{Optional: true, MarkdownDescription: "The certificate authority in PEM (`ca`). ConfD only."},
			"verify_cert":            schema.BoolAttribute{Optional: true, MarkdownDescription: "Have the cluster verify the chain by WebPKI / CA/B rules (`verify_cert`). ConfD only."},
			"not_after":              computed("End of the server certificate's validity, RFC 3339, e.g. `2027-01-31T12:00:00Z`."),
			"subject":                computed("Subject of the server certificate."),
			"fingerprint_sha256":     computed("SHA-256 of the server certificate (DER), in hex."),
		},
		Blocks: timeoutsBlock(ctx),
	}
}

// upload sends m's chain with the key (private_key, or the write-only one
// from the configuration).
func (r *tlsCertificateResource) upload(ctx context.Context, m *tlsCertificateModel, config tfsdk.Config, diags *diag.Diagnostics) {
	wo := configString(ctx, config, "private_key_wo", diags)
	if diags.HasError() {
		return
	}
	key := m.PrivateKey.ValueString()
	if known(wo) {
		key = wo.ValueString()
	}
	err := r.client.UpdateCertificate(ctx, client.CertificateSpec{Chain: m.Certificate.ValueString(), Key: key,
		CA: m.CA.ValueString(), VerifyCert: optBool(m.VerifyCert)})
	if err != nil {
		diags.AddError("Cannot upload the TLS certificate", explain(err))
		return
	}
	if err := m.fill(); err != nil {
		diags.AddError("Cannot read the TLS certificate", err.Error())
	}
}

func (r *tlsCertificateResource) create(ctx context.Context, req resource.CreateRequest, plan *tlsCertificateModel, resp *resource.CreateResponse) {
	r.upload(ctx, plan, req.Config, &resp.Diagnostics)
	if !resp.Diagnostics.HasError() {
		r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
	}
}

// Read has nothing to read (no job shows the certificate); it warns of
// the end of the certificate's validity.
func (r *tlsCertificateResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state tlsCertificateModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if msg, ok := expiryDiagnostic(state.NotAfter.ValueString(), time.Now()); ok {
		resp.Diagnostics.AddWarning("TLS certificate expiring", msg)
	}
}

func (r *tlsCertificateResource) update(ctx context.Context, req resource.UpdateRequest, plan, _ *tlsCertificateModel, resp *resource.UpdateResponse) {
	r.upload(ctx, plan, req.Config, &resp.Diagnostics)
	if !resp.Diagnostics.HasError() {
		r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
	}
}

// delete leaves the certificate: ConfD has no job that removes it.
func (r *tlsCertificateResource) delete(context.Context, *tlsCertificateModel, *resource.DeleteResponse) {
}
