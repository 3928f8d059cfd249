package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// bucketNameRE is a BucketFS service's or a bucket's name: it becomes a
// path component of URLs and of /buckets/<service>/<bucket> in UDFs.
var bucketNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

// bucketFSModel is exasol_bucketfs.
type bucketFSModel struct {
	ID           types.String   `tfsdk:"id"`
	Name         types.String   `tfsdk:"bucketfs_name"`
	HTTPPort     types.Int64    `tfsdk:"http_port"`
	HTTPSPort    types.Int64    `tfsdk:"https_port"`
	Owner        types.List     `tfsdk:"owner"`
	SyncKey      types.String   `tfsdk:"sync_key"`
	SyncPeriod   types.Int64    `tfsdk:"sync_period"`
	Path         types.String   `tfsdk:"path"`
	Mode         types.String   `tfsdk:"mode"`
	BucketVolume types.String   `tfsdk:"bucketvolume"`
	Timeouts     timeouts.Value `tfsdk:"timeouts"`
}

// bucketFSReader reads a BucketFS service for Read, the read-back after a
// change and the data source.
var bucketFSReader = object[bucketFSModel, *client.BucketFS]{kind: "BucketFS service",
	fill: (*bucketFSModel).fill,
	name: func(m *bucketFSModel) string { return m.Name.ValueString() },
	get: func(ctx context.Context, c client.Backend, m *bucketFSModel) (*client.BucketFS, error) {
		return c.BucketFSInfo(ctx, m.Name.ValueString())
	}}

// fill is the one reader: bucketfs_info into m. sync_key is never reported
// and keeps what m has; empty texts are null. The buckets are the data
// source's only (bucketNames; in the resource's state they would lag behind
// the exasol_bucket resources applied after it).
func (m *bucketFSModel) fill(ctx context.Context, b *client.BucketFS, diags *diag.Diagnostics) {
	m.ID, m.Name = types.StringValue(b.Name), types.StringValue(b.Name)
	m.HTTPPort, m.HTTPSPort = types.Int64Value(b.HTTPPort), types.Int64Value(b.HTTPSPort)
	if b.Owner != nil {
		m.Owner = int64ListValue(ctx, b.Owner, diags)
	}
	m.SyncPeriod = types.Int64Value(b.SyncPeriod)
	m.Path, m.Mode, m.BucketVolume = textOrNull(b.Path), textOrNull(b.Mode), textOrNull(b.BucketVolume)
	if m.SyncKey.IsUnknown() {
		m.SyncKey = types.StringNull()
	}
}

// bucketNames are the names of a service's buckets, in the cluster's order.
func bucketNames(b *client.BucketFS) []string {
	names := []string{}
	for _, bk := range b.Buckets {
		names = append(names, bk.Name)
	}
	return names
}

func textOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}
