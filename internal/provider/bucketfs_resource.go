package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var (
	_ resource.Resource                = (*bucketFSResource)(nil)
	_ resource.ResourceWithConfigure   = (*bucketFSResource)(nil)
	_ resource.ResourceWithImportState = (*bucketFSResource)(nil)
)

// NewBucketFSResource is exasol_bucketfs.
func NewBucketFSResource() resource.Resource { return &bucketFSResource{} }

type bucketFSResource struct{ client client.Backend }

func (r *bucketFSResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_bucketfs"
}

func (r *bucketFSResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	keepOrReplace := []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()}
	port := func(desc string) schema.Int64Attribute {
		return schema.Int64Attribute{Required: true, MarkdownDescription: desc + " `0` turns it off. Changed in place (`bucketfs_modify`).",
			Validators: []validator.Int64{int64validator.Between(0, 65535)}}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A BucketFS service (ConfD `bucketfs_add`): the synchronous file system that UDFs and script-language " +
			"containers read their files from, served over HTTP(S) on its own ports. Ports, owner and synchronisation period change in " +
			"place (`bucketfs_modify`); the other settings have no job that changes them and replace the service (`bucketfs_delete`, " +
			"which removes its buckets and files). Every cluster has the preinstalled service `bfsdefault`; import it to manage it. " +
			"Buckets are `exasol_bucket`. Not available on EXAoperation yet (the plan refuses it).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The service's name.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"bucketfs_name": schema.StringAttribute{Required: true, MarkdownDescription: "Name of the service (`bucketfs_name`), e.g. `bfs1`. Changing it replaces the service.",
				Validators:    []validator.String{stringvalidator.RegexMatches(bucketNameRE, "must be letters, digits, '_' or '-', starting with a letter or digit")},
				PlanModifiers: replace},
			"http_port":  port("HTTP port of the service (`http_port`); ignored by the cluster while `https_port` is not 0."),
			"https_port": port("HTTPS port of the service (`https_port`), e.g. `2581`."),
			"owner": schema.ListAttribute{ElementType: types.Int64Type, Required: true,
				MarkdownDescription: "Owner as (user id, group id) (`owner`), e.g. `[500, 500]`. Changed in place.",
				Validators:          []validator.List{listvalidator.SizeBetween(2, 2)}},
			"sync_key": schema.StringAttribute{Optional: true, Sensitive: true,
				MarkdownDescription: "Synchronisation key in base 64 (`sync_key`). Sent when the service is added and never read back; " +
					"changing it replaces the service (`bucketfs_modify` takes none).",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, PlanModifiers: replace},
			"sync_period": schema.Int64Attribute{Optional: true, Computed: true,
				MarkdownDescription: "Synchronisation interval in seconds (`sync_period`). The cluster's choice when unset. Changed in place.",
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}},
			"path": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Path of the service (`path`). Changing it replaces the service.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}, PlanModifiers: keepOrReplace},
			"mode": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Service mode (`mode`): `BucketFS`, `rsync` or `SDFS`. Changing it replaces the service.",
				Validators:          []validator.String{stringvalidator.OneOf("BucketFS", "rsync", "SDFS")}, PlanModifiers: keepOrReplace},
			"bucketvolume": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "The SDFS volume (`bucketvolume`). Changing it replaces the service.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}, PlanModifiers: keepOrReplace},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *bucketFSResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *bucketFSResource) read(ctx context.Context, m *bucketFSModel, diags *diag.Diagnostics) {
	b, err := r.client.BucketFSInfo(ctx, m.Name.ValueString())
	if err != nil {
		diags.AddError("Cannot read BucketFS service "+m.Name.ValueString(), err.Error())
		return
	}
	m.fill(ctx, b, diags)
}

func (r *bucketFSResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan bucketFSModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, plan.Timeouts.Create, defaultCreateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	spec := client.BucketFSSpec{Name: plan.Name.ValueString(), HTTPPort: plan.HTTPPort.ValueInt64(), HTTPSPort: plan.HTTPSPort.ValueInt64(),
		Owner: int64List(ctx, plan.Owner, &resp.Diagnostics), SyncKey: plan.SyncKey.ValueString(), SyncPeriod: plan.SyncPeriod.ValueInt64(),
		Path: plan.Path.ValueString(), Mode: plan.Mode.ValueString(), BucketVolume: plan.BucketVolume.ValueString()}
	if err := r.client.CreateBucketFS(ctx, spec); err != nil {
		resp.Diagnostics.AddError("Cannot create BucketFS service "+spec.Name, explain(err))
		return
	}
	r.read(ctx, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *bucketFSResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state bucketFSModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, state.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	b, err := r.client.BucketFSInfo(ctx, state.Name.ValueString())
	if readFailed(ctx, resp, "BucketFS service", state.Name.ValueString(), err) {
		return
	}
	state.fill(ctx, b, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *bucketFSResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior bucketFSModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, plan.Timeouts.Update, defaultUpdateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	var ch client.BucketFSChange
	if changedInt64(prior.HTTPPort, plan.HTTPPort) {
		ch.HTTPPort = optInt64(plan.HTTPPort)
	}
	if changedInt64(prior.HTTPSPort, plan.HTTPSPort) {
		ch.HTTPSPort = optInt64(plan.HTTPSPort)
	}
	if changedInt64(prior.SyncPeriod, plan.SyncPeriod) {
		ch.SyncPeriod = optInt64(plan.SyncPeriod)
	}
	if !plan.Owner.Equal(prior.Owner) {
		ch.Owner = int64List(ctx, plan.Owner, &resp.Diagnostics)
	}
	if err := r.client.ChangeBucketFS(ctx, plan.Name.ValueString(), ch); err != nil {
		resp.Diagnostics.AddError("Cannot change BucketFS service "+plan.Name.ValueString(), explain(err))
		return
	}
	r.read(ctx, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *bucketFSResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state bucketFSModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, state.Timeouts.Delete, defaultDeleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	if err := r.client.DeleteBucketFS(ctx, state.Name.ValueString()); err != nil {
		resp.Diagnostics.AddError("Cannot delete BucketFS service "+state.Name.ValueString(), explain(err))
	}
}

func (r *bucketFSResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("bucketfs_name"), req.ID)...)
}
