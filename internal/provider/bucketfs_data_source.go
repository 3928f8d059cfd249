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

// bucketFSDataModel is the resource's attributes and the service's buckets.
type bucketFSDataModel struct {
	bucketFSAttrs
	Buckets types.List `tfsdk:"buckets"`
}

func bucketFSDataSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A BucketFS service, read with ConfD's `bucketfs_info` or EXAoperation's `getProperties`, e.g. the preinstalled " +
			"`bfsdefault`. Each interface reports only its own settings (see `exasol_bucketfs`); the others are null.",
		Attributes: map[string]schema.Attribute{
			"id":            computedString("The service's name."),
			"bucketfs_name": schema.StringAttribute{Required: true, MarkdownDescription: "Name of the service."},
			"http_port":     computedInt64("HTTP port; 0 when off."),
			"https_port":    computedInt64("HTTPS port; 0 when off."),
			"owner":         computedInt64List("Owner as (user id, group id)."),
			"sync_period":   computedInt64("Synchronization interval in seconds."),
			"path":          computedString("Path of the service."),
			"mode":          computedString("Service mode."),
			"bucketvolume":  computedString("The SDFS volume."),
			"disk":          computedString("EXAoperation only: the disk of the service's data."),
			"description":   computedString("EXAoperation only: the service's description."),
			"buckets":       computedStringList("Names of the service's buckets."),
		},
	}
}

// readBucketFSData reads the service through the resource's reader
// (sync_key left out) and adds its buckets.
func readBucketFSData(ctx context.Context, c client.Backend, d *bucketFSDataModel, diags *diag.Diagnostics) {
	m := bucketFSModel{bucketFSAttrs: d.bucketFSAttrs}
	b, err := bucketFSReader.get(ctx, c, &m)
	if err != nil {
		diags.AddError("Cannot read BucketFS service "+d.Name.ValueString(), clientErrorDetail(err))
		return
	}
	m.fill(ctx, b, diags)
	*d = bucketFSDataModel{bucketFSAttrs: m.bucketFSAttrs, Buckets: stringListValue(ctx, bucketNames(b), diags)}
}
