package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var (
	_ resource.Resource                = (*licenseResource)(nil)
	_ resource.ResourceWithConfigure   = (*licenseResource)(nil)
	_ resource.ResourceWithImportState = (*licenseResource)(nil)
)

// NewLicenseResource is exasol_license.
func NewLicenseResource() resource.Resource { return &licenseResource{} }

type licenseResource struct{ client client.Backend }

func (r *licenseResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_license"
}

func (r *licenseResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	one := stringvalidator.ExactlyOneOf(path.MatchRoot("license"), path.MatchRoot("license_wo"))
	resp.Schema = schema.Schema{
		MarkdownDescription: "The cluster's licence (ConfD `license_upload`; \"it may take a few minutes for the new license to take " +
			"effect\"). A refresh reads the licence file back (`license_download`) and compares its hash: a licence uploaded out of " +
			"band is uploaded again. Its fields are `data.exasol_license`. Destroying the resource leaves the licence on the cluster. " +
			"Not available on EXAoperation (the plan refuses it).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "Always `license`.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"license": schema.StringAttribute{Optional: true, Sensitive: true,
				MarkdownDescription: "The whole licence file (`license`), e.g. `file(\"cluster.exasol_license\")`. Stored in the state " +
					"(marked sensitive); with Terraform 1.11 or later prefer `license_wo`. Exactly one of the two.",
				Validators: []validator.String{one, stringvalidator.LengthAtLeast(1)}},
			"license_wo": schema.StringAttribute{Optional: true, Sensitive: true, WriteOnly: true,
				MarkdownDescription: "Write-only licence file (Terraform 1.11 or later), never stored; set `license_wo_version` with it.",
				Validators:          []validator.String{one, stringvalidator.LengthAtLeast(1), stringvalidator.AlsoRequires(path.MatchRoot("license_wo_version"))}},
			"license_wo_version": schema.Int64Attribute{Optional: true,
				MarkdownDescription: "Version of `license_wo`; a change uploads again (so does a licence changed out of band).",
				Validators:          []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("license_wo"))}},
			"license_sha256": schema.StringAttribute{Computed: true,
				MarkdownDescription: "SHA-256 of the licence file on the cluster, in hex."},
		},
	}
}

func (r *licenseResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *licenseResource) upload(ctx context.Context, m *licenseResourceModel, config tfsdk.Config, diags *diag.Diagnostics) {
	var wo types.String
	diags.Append(config.GetAttribute(ctx, path.Root("license_wo"), &wo)...)
	contents := m.License.ValueString()
	if known(wo) {
		contents = wo.ValueString()
	}
	if diags.HasError() {
		return
	}
	if err := r.client.UploadLicense(ctx, contents); err != nil {
		diags.AddError("Cannot upload the licence", explain(err))
		return
	}
	m.fill(contents)
}

func (r *licenseResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan licenseResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.upload(ctx, &plan, req.Config, &resp.Diagnostics)
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
}

func (r *licenseResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state licenseResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	contents, err := r.client.DownloadLicense(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the licence", err.Error())
		return
	}
	state.fill(contents)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *licenseResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan licenseResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.upload(ctx, &plan, req.Config, &resp.Diagnostics)
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
}

// Delete leaves the licence: a cluster always has one.
func (r *licenseResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

func (r *licenseResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID != licenseID {
		resp.Diagnostics.AddError("Invalid import id", fmt.Sprintf("Import exasol_license by the id %q, not %q.", licenseID, req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), licenseID)...)
}
