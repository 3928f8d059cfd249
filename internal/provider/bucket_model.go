package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// bucketModel is exasol_bucket. The passwords are write-only: never in the
// plan or the state (their versions are).
type bucketModel struct {
	bucketAttrs
	ReadPasswordWO         types.String   `tfsdk:"read_password_wo"`
	ReadPasswordWOVersion  types.Int64    `tfsdk:"read_password_wo_version"`
	WritePasswordWO        types.String   `tfsdk:"write_password_wo"`
	WritePasswordWOVersion types.Int64    `tfsdk:"write_password_wo_version"`
	Timeouts               timeouts.Value `tfsdk:"timeouts"`
}

// bucketAttrs are the attributes the resource and the data sources share:
// all but the passwords and timeouts.
type bucketAttrs struct {
	ID              types.String `tfsdk:"id"`
	Service         types.String `tfsdk:"bucketfs_name"`
	Name            types.String `tfsdk:"bucket_name"`
	Public          types.Bool   `tfsdk:"public"`
	AdditionalFiles types.List   `tfsdk:"additional_files"`
	URL             types.String `tfsdk:"url"`
	UDFPath         types.String `tfsdk:"udf_path"`
}

// bucketID is the import id and id of a bucket: "<bucketfs_name>/<bucket_name>".
func bucketID(service, name string) string { return service + "/" + name }

// bucketRead is a bucket and the URL its service serves it at.
type bucketRead struct {
	bucket *client.Bucket
	url    string
}

// bucketReader reads a bucket for Read, the read-back after a change and
// the data source. Its service's absence from bucketfs_list, or the
// bucket's from the service's bucketfs_info: either way the bucket is gone.
var bucketReader = object[bucketModel, *bucketRead]{kind: "bucket",
	fill: (*bucketModel).fill,
	name: func(m *bucketModel) string { return bucketID(m.Service.ValueString(), m.Name.ValueString()) },
	get: func(ctx context.Context, c client.Backend, m *bucketModel) (*bucketRead, error) {
		service, name := m.Service.ValueString(), m.Name.ValueString()
		b, err := c.BucketFSInfo(ctx, service)
		if err != nil {
			return nil, err
		}
		for _, bk := range b.Buckets {
			if bk.Name == name {
				return &bucketRead{bucket: &bk, url: c.BucketURL(b, name)}, nil
			}
		}
		return nil, &client.Error{Kind: client.KindNotFound, Job: "bucketfs_info",
			Message: fmt.Sprintf("bucket %s does not exist (bucketfs_info of %s does not show it)", name, service)}
	}}

// fill is the one reader: the bucket and its service (for the URL) into m.
func (m *bucketModel) fill(ctx context.Context, r *bucketRead, diags *diag.Diagnostics) {
	url, b := r.url, r.bucket

	m.ID = types.StringValue(bucketID(b.Service, b.Name))
	m.Service, m.Name = types.StringValue(b.Service), types.StringValue(b.Name)
	if !b.PublicUnread { // EXAoperation does not report it: m keeps what it has
		m.Public = types.BoolValue(b.Public)
	}
	m.AdditionalFiles = stringListValue(ctx, b.AdditionalFiles, diags)
	m.URL = textOrNull(url)
	m.UDFPath = types.StringValue("/buckets/" + b.Service + "/" + b.Name)
	m.ReadPasswordWO, m.WritePasswordWO = types.StringNull(), types.StringNull()
}
