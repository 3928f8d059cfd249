package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

var _ resource.ResourceWithImportState = (*licenseResource)(nil)

// NewLicenseResource is exasol_license.
func NewLicenseResource() resource.Resource {
	return newResource(&licenseResource{}, "_license", licenseReader)
}

type licenseResource struct {
	resourceBase[licenseResourceModel, string]
}

func (r *licenseResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	one := stringvalidator.ExactlyOneOf(path.MatchRoot("license"), path.MatchRoot("license_wo"))
	resp.Schema = schema.Schema{
		MarkdownDescription: "The cluster's license (ConfD `license_upload`; \"it may take a few minutes for the new license to take " +
			"effect\"; EXAoperation `licenseUpdate`, which takes the license as XML). On ConfD a refresh reads the license file back " +
			"(`license_download`) and compares its hash. EXAoperation has no method that returns the license: a refresh compares its " +
			"fields (`getLicenseProperties`, `getLicenseFeatures`, `getLicenseLimits`) with those read after the upload, and " +
			"`license_sha256` becomes null when they changed. Either way, a license uploaded out of band is uploaded again (on " +
			"EXAoperation, one whose fields differ). Its fields are `data.exasol_license`. Destroying the resource leaves the license " +
			"on the cluster. An import on EXAoperation cannot read the license's hash: the next apply uploads the configured license.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("Always `license`."),
			"license": schema.StringAttribute{Optional: true, Sensitive: true,
				MarkdownDescription: "The whole license file (`license`; EXAoperation's `license_data`, XML), e.g. " +
					"`file(\"cluster.exasol_license\")`. Stored in the state " +
					"(marked sensitive); with Terraform 1.11 or later prefer `license_wo`. Exactly one of the two.",
				Validators: []validator.String{one, stringvalidator.LengthAtLeast(1)}},
			"license_wo": writeOnlyAttribute("Write-only license file (Terraform 1.11 or later), never stored; set `license_wo_version` with it.",
				"license_wo_version", one, stringvalidator.LengthAtLeast(1)),
			"license_wo_version": writeOnlyVersion("license_wo", "Version of `license_wo`; a change uploads again (so does a license changed out of band)."),
			"license_sha256": schema.StringAttribute{Computed: true,
				MarkdownDescription: "SHA-256 of the license file on the cluster, in hex; on EXAoperation, of the license last " +
					"uploaded, null after a change out of band or an import."},
		},
		Blocks: timeoutsBlock(ctx),
	}
}

func (r *licenseResource) upload(ctx context.Context, m *licenseResourceModel, config tfsdk.Config, diags *diag.Diagnostics) {
	wo := configString(ctx, config, "license_wo", diags)
	contents := m.License.ValueString()
	if known(wo) {
		contents = wo.ValueString()
	}
	if diags.HasError() {
		return
	}
	if err := r.client.UploadLicense(ctx, contents); err != nil {
		diags.AddError("Cannot upload the license", explain(err))
		return
	}
	m.fill(contents)
}

// create uploads and records the hash of what it sent: the cluster may take
// minutes to take a new license up, so it is not read back.
func (r *licenseResource) create(ctx context.Context, req resource.CreateRequest, plan *licenseResourceModel, resp *resource.CreateResponse) {
	r.upload(ctx, plan, req.Config, &resp.Diagnostics)
	if !resp.Diagnostics.HasError() {
		r.recordFields(ctx, resp.Private, &resp.Diagnostics)
		r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
	}
}

func (r *licenseResource) update(ctx context.Context, req resource.UpdateRequest, plan, _ *licenseResourceModel, resp *resource.UpdateResponse) {
	r.upload(ctx, plan, req.Config, &resp.Diagnostics)
	if !resp.Diagnostics.HasError() {
		r.recordFields(ctx, resp.Private, &resp.Diagnostics)
		r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
	}
}

// delete leaves the license: a cluster always has one.
func (r *licenseResource) delete(context.Context, *licenseResourceModel, *resource.DeleteResponse) {}

func (r *licenseResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importSingleton(ctx, req, resp, "exasol_license", licenseID, "", nil)
}
