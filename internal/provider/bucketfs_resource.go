package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var _ resource.ResourceWithImportState = (*bucketFSResource)(nil)

// NewBucketFSResource is exasol_bucketfs.
func NewBucketFSResource() resource.Resource {
	return newResource(&bucketFSResource{}, "_bucketfs", bucketFSReader)
}

type bucketFSResource struct {
	resourceBase[bucketFSModel, *client.BucketFS]
}

func (r *bucketFSResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	port := func(desc string) schema.Int64Attribute {
		return schema.Int64Attribute{Required: true, MarkdownDescription: desc + " `0` turns it off. Changed in place (`bucketfs_modify`, EXAoperation `editBucketFS`).",
			Validators: []validator.Int64{int64validator.Between(0, 65535)}}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A BucketFS service (ConfD `bucketfs_add`, EXAoperation `addBucketFS`): the synchronous file system that " +
			"UDFs and script-language containers read their files from, served over HTTP(S) on its own ports. Ports, owner and " +
			"synchronization period change in place (`bucketfs_modify`; on EXAoperation ports, disk and description, `editBucketFS`); " +
			"the other settings have no job that changes them and replace the service (`bucketfs_delete`, which removes its buckets " +
			"and files). Every cluster has the preinstalled service `bfsdefault`; import it to manage it. Buckets are `exasol_bucket`.\n\n" +
			"ConfD and EXAoperation take different settings: ConfD needs `bucketfs_name` and `owner`, and takes the synchronization " +
			"settings, `path`, `mode` and `bucketvolume`; EXAoperation names a new service itself (`bucketfs1`, … in `bucketfs_name`), " +
			"takes `disk` and `description` instead, and neither takes nor reports the others. The plan refuses a setting the " +
			"cluster's interface does not take, naming it.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("The service's name."),
			"bucketfs_name": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Name of the service (`bucketfs_name`), e.g. `bfs1`: required on ConfD; on EXAoperation the " +
					"service's object name, which EXAoperation chooses (set it only to the name of a service imported). Changing it replaces the service.",
				Validators:    []validator.String{stringvalidator.RegexMatches(bucketNameRE, "must be letters, digits, '_' or '-', starting with a letter or digit")},
				PlanModifiers: keepOrReplaceString()},
			"http_port":  port("HTTP port of the service (`http_port`); ignored by the cluster while `https_port` is not 0."),
			"https_port": port("HTTPS port of the service (`https_port`), e.g. `2581`."),
			"owner": schema.ListAttribute{ElementType: types.Int64Type, Optional: true, Computed: true,
				MarkdownDescription: "Owner as (user id, group id) (`owner`), e.g. `[500, 500]`: required on ConfD, not taken by " +
					"EXAoperation (null there). Changed in place.",
				Validators:    []validator.List{listvalidator.SizeBetween(2, 2)},
				PlanModifiers: keepList()},
			"disk": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "EXAoperation only: the disk of the service's data (`disk`, one of the cluster's data disks, e.g. " +
					"`d02_data`); the first data disk when unset. Changed in place (`editBucketFS`).",
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: keepString()},
			"description": schema.StringAttribute{Optional: true,
				MarkdownDescription: "EXAoperation only: a description of the service (`description`). Changed in place (`editBucketFS`).",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
			"sync_key": schema.StringAttribute{Optional: true, Sensitive: true,
				MarkdownDescription: "Synchronization key in base 64 (`sync_key`). Sent when the service is added and never read back; " +
					"changing it replaces the service (`bucketfs_modify` takes none).",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, PlanModifiers: replaceString()},
			"sync_period": schema.Int64Attribute{Optional: true, Computed: true,
				MarkdownDescription: "Synchronization interval in seconds (`sync_period`). The cluster's choice when unset. Changed in place.",
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers:       keepInt64()},
			"path": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Path of the service (`path`). Changing it replaces the service.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}, PlanModifiers: keepOrReplaceString()},
			"mode": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Service mode (`mode`): `BucketFS`, `rsync` or `SDFS`. Changing it replaces the service.",
				Validators:          []validator.String{stringvalidator.OneOf("BucketFS", "rsync", "SDFS")}, PlanModifiers: keepOrReplaceString()},
			"bucketvolume": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "The SDFS volume (`bucketvolume`). Changing it replaces the service.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}, PlanModifiers: keepOrReplaceString()},
		},
		Blocks: timeoutsBlock(ctx),
	}
}

func (r *bucketFSResource) create(ctx context.Context, _ resource.CreateRequest, plan *bucketFSModel, resp *resource.CreateResponse) {
	spec := client.BucketFSSpec{Name: plan.Name.ValueString(), HTTPPort: plan.HTTPPort.ValueInt64(), HTTPSPort: plan.HTTPSPort.ValueInt64(),
		Owner: int64List(ctx, plan.Owner, &resp.Diagnostics), SyncKey: plan.SyncKey.ValueString(), SyncPeriod: plan.SyncPeriod.ValueInt64(),
		Path: plan.Path.ValueString(), Mode: plan.Mode.ValueString(), BucketVolume: plan.BucketVolume.ValueString(),
		Disk: plan.Disk.ValueString(), Description: plan.Description.ValueString()}
	var name string
	spec.NameOut = &name
	if err := r.client.CreateBucketFS(ctx, spec); err != nil {
		resp.Diagnostics.AddError("Cannot create BucketFS service "+spec.Name, explain(err))
		return
	}
	// the name the interface gave (EXAoperation chooses it), kept should the read-back fail
	plan.ID, plan.Name = types.StringValue(name), types.StringValue(name)
	r.readBack(ctx, plan, &resp.Diagnostics)
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
}

func (r *bucketFSResource) update(ctx context.Context, _ resource.UpdateRequest, plan, prior *bucketFSModel, resp *resource.UpdateResponse) {
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
	if !plan.Owner.Equal(prior.Owner) && known(plan.Owner) {
		ch.Owner = int64List(ctx, plan.Owner, &resp.Diagnostics)
	}
	if !plan.Disk.Equal(prior.Disk) && known(plan.Disk) {
		ch.Disk = plan.Disk.ValueStringPointer()
	}
	if !plan.Description.Equal(prior.Description) {
		d := plan.Description.ValueString() // null clears it
		ch.Description = &d
	}
	if err := r.client.ChangeBucketFS(ctx, plan.Name.ValueString(), ch); err != nil {
		resp.Diagnostics.AddError("Cannot change BucketFS service "+plan.Name.ValueString(), explain(err))
		return
	}
	r.readBack(ctx, plan, &resp.Diagnostics)
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
}

func (r *bucketFSResource) delete(ctx context.Context, state *bucketFSModel, resp *resource.DeleteResponse) {
	if err := r.client.DeleteBucketFS(ctx, state.Name.ValueString()); err != nil {
		resp.Diagnostics.AddError("Cannot delete BucketFS service "+state.Name.ValueString(), explain(err))
	}
}

func (r *bucketFSResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByName(ctx, req, resp, "bucketfs_name")
}
