package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var (
	_ resource.Resource                = (*bucketResource)(nil)
	_ resource.ResourceWithConfigure   = (*bucketResource)(nil)
	_ resource.ResourceWithImportState = (*bucketResource)(nil)
)

// NewBucketResource is exasol_bucket.
func NewBucketResource() resource.Resource { return &bucketResource{} }

type bucketResource struct{ client client.Backend }

func (r *bucketResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_bucket"
}

func (r *bucketResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	name := []validator.String{stringvalidator.RegexMatches(bucketNameRE, "must be letters, digits, '_' or '-', starting with a letter or digit")}
	password := func(which, version string) schema.StringAttribute {
		return schema.StringAttribute{Optional: true, Sensitive: true, WriteOnly: true,
			MarkdownDescription: fmt.Sprintf("Write-only %s password (`%s_password`; Terraform 1.11 or later): sent to the cluster and "+
				"never stored in the plan or state. Set `%s` with it, and change that version to send a new password (in place, "+
				"`bucket_modify`). The cluster takes plain text or base 64.", which, which, version),
			Validators: []validator.String{stringvalidator.LengthAtLeast(1), stringvalidator.AlsoRequires(path.MatchRoot(version))}}
	}
	version := func(pw string) schema.Int64Attribute {
		return schema.Int64Attribute{Optional: true,
			MarkdownDescription: fmt.Sprintf("Version of `%s`. Terraform cannot see a write-only value change: change this number to send the password again.", pw),
			Validators:          []validator.Int64{int64validator.AlsoRequires(path.MatchRoot(pw))}}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A bucket of a BucketFS service (ConfD `bucket_add`): where UDFs and script-language containers find " +
			"their files (in a UDF under `udf_path`), uploaded to `url` with the write password. Public buckets are readable without " +
			"a password. `public`, the passwords and `additional_files` change in place (`bucket_modify`); the names replace the " +
			"bucket (`bucket_delete` removes its files). Not available on EXAoperation yet (the plan refuses it).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "`<bucketfs_name>/<bucket_name>`, the import id.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"bucketfs_name": schema.StringAttribute{Required: true, MarkdownDescription: "The BucketFS service (`bucketfs_name`), e.g. `bfsdefault`. Changing it replaces the bucket.",
				Validators: name, PlanModifiers: replace},
			"bucket_name": schema.StringAttribute{Required: true, MarkdownDescription: "Name of the bucket (`bucket_name`). Changing it replaces the bucket.",
				Validators: name, PlanModifiers: replace},
			"public": schema.BoolAttribute{Required: true,
				MarkdownDescription: "Whether anyone may read the bucket without the read password (`public`). Changed in place."},
			"read_password_wo":          password("read", "read_password_wo_version"),
			"read_password_wo_version":  version("read_password_wo"),
			"write_password_wo":         password("write", "write_password_wo_version"),
			"write_password_wo_version": version("write_password_wo"),
			"additional_files": schema.ListAttribute{ElementType: types.StringType, Optional: true, Computed: true,
				MarkdownDescription: "Additional files the bucket shows (`additional_files`), e.g. " +
					"`[\"EXAClusterOS:/opt/exasol/slc-*/ScriptLanguages-*\"]`. Changed in place; the cluster's when unset.",
				Validators:    []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
				PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()}},
			"url": schema.StringAttribute{Computed: true,
				MarkdownDescription: "Where an upload tool reaches the bucket: `https://<host>:<https_port>/<bucket_name>` (the http " +
					"port when https is off), the host being the provider's first endpoint; null when the service serves neither. " +
					"It follows the service's ports, so it is known only after an apply that changes the bucket."},
			"udf_path": schema.StringAttribute{Computed: true,
				MarkdownDescription: "Where a UDF reads the bucket's files: `/buckets/<bucketfs_name>/<bucket_name>`.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *bucketResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// lookup reads the bucket and its service's URL.
func (r *bucketResource) lookup(ctx context.Context, service, name string) (*client.Bucket, string, error) {
	b, err := r.client.BucketFSInfo(ctx, service)
	if err != nil {
		return nil, "", err
	}
	for _, bk := range b.Buckets {
		if bk.Name == name {
			return &bk, r.client.BucketURL(b, name), nil
		}
	}
	return nil, "", &client.Error{Kind: client.KindNotFound, Job: "bucketfs_info",
		Message: fmt.Sprintf("bucket %s does not exist (bucketfs_info of %s does not show it)", name, service)}
}

func (r *bucketResource) read(ctx context.Context, m *bucketModel, diags *diag.Diagnostics) {
	b, url, err := r.lookup(ctx, m.Service.ValueString(), m.Name.ValueString())
	if err != nil {
		diags.AddError("Cannot read bucket "+bucketID(m.Service.ValueString(), m.Name.ValueString()), err.Error())
		return
	}
	m.fill(ctx, url, b, diags)
}

// passwords are the write-only values of the configuration (never in the plan).
func passwords(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) (read, write types.String) {
	diags.Append(config.GetAttribute(ctx, path.Root("read_password_wo"), &read)...)
	diags.Append(config.GetAttribute(ctx, path.Root("write_password_wo"), &write)...)
	return read, write
}

func (r *bucketResource) spec(ctx context.Context, m *bucketModel, diags *diag.Diagnostics) client.BucketSpec {
	s := client.BucketSpec{Service: m.Service.ValueString(), Name: m.Name.ValueString(), Public: m.Public.ValueBool()}
	if known(m.AdditionalFiles) {
		s.AdditionalFiles = []string{}
		diags.Append(m.AdditionalFiles.ElementsAs(ctx, &s.AdditionalFiles, false)...)
	}
	return s
}

func (r *bucketResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan bucketModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	read, write := passwords(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, plan.Timeouts.Create, defaultCreateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	s := r.spec(ctx, &plan, &resp.Diagnostics)
	s.ReadPassword, s.WritePassword = optString(read), optString(write)
	if err := r.client.CreateBucket(ctx, s); err != nil {
		resp.Diagnostics.AddError("Cannot create bucket "+bucketID(s.Service, s.Name), explain(err))
		return
	}
	r.read(ctx, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *bucketResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state bucketModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, state.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	b, url, err := r.lookup(ctx, state.Service.ValueString(), state.Name.ValueString())
	if client.IsNotFound(err) {
		// The service's absence from bucketfs_list, or the bucket's from
		// its bucketfs_info: either way the bucket is gone.
		warnGone(&resp.Diagnostics, "bucket", state.ID.ValueString())
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read bucket "+state.ID.ValueString(), err.Error())
		return
	}
	state.fill(ctx, url, b, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *bucketResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior bucketModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	read, write := passwords(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, plan.Timeouts.Update, defaultUpdateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	s := r.spec(ctx, &plan, &resp.Diagnostics)
	if plan.AdditionalFiles.Equal(prior.AdditionalFiles) {
		s.AdditionalFiles = nil // unchanged: not sent
	}
	// A password is sent again only when its version changes.
	if !plan.ReadPasswordWOVersion.Equal(prior.ReadPasswordWOVersion) {
		s.ReadPassword = optString(read)
	}
	if !plan.WritePasswordWOVersion.Equal(prior.WritePasswordWOVersion) {
		s.WritePassword = optString(write)
	}
	changed := !plan.Public.Equal(prior.Public) || s.AdditionalFiles != nil || s.ReadPassword != nil || s.WritePassword != nil
	if changed {
		if err := r.client.ChangeBucket(ctx, s); err != nil {
			resp.Diagnostics.AddError("Cannot change bucket "+bucketID(s.Service, s.Name), explain(err))
			return
		}
	}
	r.read(ctx, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *bucketResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state bucketModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, state.Timeouts.Delete, defaultDeleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	if err := r.client.DeleteBucket(ctx, state.Service.ValueString(), state.Name.ValueString()); err != nil {
		resp.Diagnostics.AddError("Cannot delete bucket "+state.ID.ValueString(), explain(err))
	}
}

func (r *bucketResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	service, name, ok := strings.Cut(req.ID, "/")
	if !ok || service == "" || name == "" || strings.Contains(name, "/") {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("Import exasol_bucket by \"<bucketfs_name>/<bucket_name>\", e.g. \"bfsdefault/default\", not %q.", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("bucketfs_name"), service)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("bucket_name"), name)...)
}
