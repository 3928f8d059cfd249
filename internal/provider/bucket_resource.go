package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var _ resource.ResourceWithImportState = (*bucketResource)(nil)

// NewBucketResource is exasol_bucket.
func NewBucketResource() resource.Resource {
	return newResource(&bucketResource{}, "_bucket", bucketReader)
}

type bucketResource struct {
	resourceBase[bucketModel, *bucketRead]
}

func (r *bucketResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	name := []validator.String{stringvalidator.RegexMatches(bucketNameRE, "must be letters, digits, '_' or '-', starting with a letter or digit")}
	password := func(which, version string) schema.StringAttribute {
		return writeOnlyAttribute(fmt.Sprintf("Write-only %s password (`%s_password`; Terraform 1.11 or later): sent to the cluster and "+
			"never stored in the plan or state. Set `%s` with it, and change that version to send a new password (in place, "+
			"`bucket_modify`). The cluster takes plain text or base 64. Required on EXAoperation.", which, which, version), version, stringvalidator.LengthAtLeast(1))
	}
	version := func(pw string) schema.Int64Attribute {
		return writeOnlyVersion(pw, fmt.Sprintf("Version of `%s`. Terraform cannot see a write-only value change: change this number to send the password again.", pw))
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A bucket of a BucketFS service (ConfD `bucket_add`, EXAoperation `addBucket`): where UDFs and " +
			"script-language containers find their files (in a UDF under `udf_path`), uploaded to `url` with the write password. " +
			"Public buckets are readable without a password. `public`, the passwords and `additional_files` change in place " +
			"(`bucket_modify`, `editBucketFSBucket`); the names replace the bucket (`bucket_delete` removes its files).\n\n" +
			"On EXAoperation both passwords are required (`addBucket` and `editBucketFSBucket` take them every time, so they are " +
			"sent with every change), `additional_files` is not taken, and `public` is not reported (a bucket has no properties): " +
			"a change of it made outside Terraform is not seen, and an imported bucket's `public` is set by the first apply.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("`<bucketfs_name>/<bucket_name>`, the import id."),
			"bucketfs_name": schema.StringAttribute{Required: true, MarkdownDescription: "The BucketFS service (`bucketfs_name`), e.g. `bfsdefault`. Changing it replaces the bucket.",
				Validators: name, PlanModifiers: replaceString()},
			"bucket_name": schema.StringAttribute{Required: true, MarkdownDescription: "Name of the bucket (`bucket_name`). Changing it replaces the bucket.",
				Validators: name, PlanModifiers: replaceString()},
			"public": schema.BoolAttribute{Required: true,
				MarkdownDescription: "Whether anyone may read the bucket without the read password (`public`, EXAoperation " +
					"`public_bucket`). Changed in place."},
			"read_password_wo":          password("read", "read_password_wo_version"),
			"read_password_wo_version":  version("read_password_wo"),
			"write_password_wo":         password("write", "write_password_wo_version"),
			"write_password_wo_version": version("write_password_wo"),
			"additional_files": schema.ListAttribute{ElementType: types.StringType, Optional: true, Computed: true,
				MarkdownDescription: "Additional files the bucket shows (`additional_files`), e.g. " +
					"`[\"EXAClusterOS:/opt/exasol/slc-*/ScriptLanguages-*\"]`. Changed in place; the cluster's when unset. ConfD only.",
				Validators:    []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
				PlanModifiers: keepList()},
			"url": schema.StringAttribute{Computed: true,
				MarkdownDescription: "Where an upload tool reaches the bucket: `https://<host>:<https_port>/<bucket_name>` (the http " +
					"port when https is off), the host being the provider's first endpoint; null when the service serves neither. " +
					"It follows the service's ports, so it is known only after an apply that changes the bucket."},
			"udf_path": schema.StringAttribute{Computed: true,
				MarkdownDescription: "Where a UDF reads the bucket's files: `/buckets/<bucketfs_name>/<bucket_name>`.",
				PlanModifiers:       keepString()},
		},
		Blocks: timeoutsBlock(ctx),
	}
}

// passwords are the write-only values of the configuration (never in the plan).
func passwords(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) (read, write types.String) {
	return configString(ctx, config, "read_password_wo", diags), configString(ctx, config, "write_password_wo", diags)
}

func (r *bucketResource) spec(ctx context.Context, m *bucketModel, diags *diag.Diagnostics) client.BucketSpec {
	s := client.BucketSpec{Service: m.Service.ValueString(), Name: m.Name.ValueString(), Public: m.Public.ValueBool()}
	if known(m.AdditionalFiles) {
		s.AdditionalFiles = []string{}
		diags.Append(m.AdditionalFiles.ElementsAs(ctx, &s.AdditionalFiles, false)...)
	}
	return s
}

func (r *bucketResource) create(ctx context.Context, req resource.CreateRequest, plan *bucketModel, resp *resource.CreateResponse) {
	read, write := passwords(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	s := r.spec(ctx, plan, &resp.Diagnostics)
	s.ReadPassword, s.WritePassword = optString(read), optString(write)
	if err := r.client.CreateBucket(ctx, s); err != nil {
		resp.Diagnostics.AddError("Cannot create bucket "+bucketID(s.Service, s.Name), explain(err))
		return
	}
	plan.ID = types.StringValue(bucketID(s.Service, s.Name)) // kept should the read-back fail
	r.readBack(ctx, plan, &resp.Diagnostics)
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
}

func (r *bucketResource) update(ctx context.Context, req resource.UpdateRequest, plan, prior *bucketModel, resp *resource.UpdateResponse) {
	read, write := passwords(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	s := r.spec(ctx, plan, &resp.Diagnostics)
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
	if r.client.API() == client.APIEXAoperation {
		// editBucketFSBucket takes both passwords with every change
		s.ReadPassword, s.WritePassword = optString(read), optString(write)
	}
	if changed {
		if err := r.client.ChangeBucket(ctx, s); err != nil {
			resp.Diagnostics.AddError("Cannot change bucket "+bucketID(s.Service, s.Name), explain(err))
			return
		}
	}
	r.readBack(ctx, plan, &resp.Diagnostics)
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
}

func (r *bucketResource) delete(ctx context.Context, state *bucketModel, resp *resource.DeleteResponse) {
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
	setAttributes(ctx, &resp.State, &resp.Diagnostics, map[string]any{"id": req.ID, "bucketfs_name": service, "bucket_name": name})
}
