package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// bucketFSDataSource is data.exasol_bucketfs: one service, read with
// bucketfs_info (the model's reader, sync_key left out).
var bucketFSDataSource = dataSource("_bucketfs", bucketFSDataSchema, readBucketFSData)

type bucketFSDataModel struct {
	ID           types.String `tfsdk:"id"`
	Name         types.String `tfsdk:"bucketfs_name"`
	HTTPPort     types.Int64  `tfsdk:"http_port"`
	HTTPSPort    types.Int64  `tfsdk:"https_port"`
	Owner        types.List   `tfsdk:"owner"`
	SyncPeriod   types.Int64  `tfsdk:"sync_period"`
	Path         types.String `tfsdk:"path"`
	Mode         types.String `tfsdk:"mode"`
	BucketVolume types.String `tfsdk:"bucketvolume"`
	Disk         types.String `tfsdk:"disk"`
	Description  types.String `tfsdk:"description"`
	Buckets      types.List   `tfsdk:"buckets"`
}

func bucketFSDataSchema() schema.Schema {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	num := func(desc string) schema.Int64Attribute {
		return schema.Int64Attribute{Computed: true, MarkdownDescription: desc}
	}
	return schema.Schema{
		MarkdownDescription: "A BucketFS service, read with ConfD's `bucketfs_info` or EXAoperation's `getProperties`, e.g. the preinstalled " +
			"`bfsdefault`. Each interface reports only its own settings (see `exasol_bucketfs`); the others are null.",
		Attributes: map[string]schema.Attribute{
			"id":            str("The service's name."),
			"bucketfs_name": schema.StringAttribute{Required: true, MarkdownDescription: "Name of the service."},
			"http_port":     num("HTTP port; 0 when off."),
			"https_port":    num("HTTPS port; 0 when off."),
			"owner":         schema.ListAttribute{ElementType: types.Int64Type, Computed: true, MarkdownDescription: "Owner as (user id, group id)."},
			"sync_period":   num("Synchronization interval in seconds."),
			"path":          str("Path of the service."),
			"mode":          str("Service mode."),
			"bucketvolume":  str("The SDFS volume."),
			"disk":          str("EXAoperation only: the disk of the service's data."),
			"description":   str("EXAoperation only: the service's description."),
			"buckets":       schema.ListAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: "Names of the service's buckets."},
		},
	}
}

// readBucketFSData reads the service through the resource's reader
// (sync_key left out) and adds its buckets.
func readBucketFSData(ctx context.Context, c client.Backend, d *bucketFSDataModel, diags *diag.Diagnostics) {
	m := bucketFSModel{Name: d.Name}
	b, err := bucketFSReader.get(ctx, c, &m)
	if err != nil {
		diags.AddError("Cannot read BucketFS service "+d.Name.ValueString(), clientErrorDetail(err))
		return
	}
	m.fill(ctx, b, diags)
	*d = bucketFSDataModel{ID: m.ID, Name: m.Name, HTTPPort: m.HTTPPort, HTTPSPort: m.HTTPSPort,
		Owner: m.Owner, SyncPeriod: m.SyncPeriod, Path: m.Path, Mode: m.Mode, BucketVolume: m.BucketVolume,
		Disk: m.Disk, Description: m.Description,
		Buckets: stringListValue(ctx, bucketNames(b), diags)}
}
