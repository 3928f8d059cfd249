package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// bucketModel is exasol_bucket. The passwords are write-only: never in the
// plan or the state (their versions are).
type bucketModel struct {
	ID                     types.String   `tfsdk:"id"`
	Service                types.String   `tfsdk:"bucketfs_name"`
	Name                   types.String   `tfsdk:"bucket_name"`
	Public                 types.Bool     `tfsdk:"public"`
	ReadPasswordWO         types.String   `tfsdk:"read_password_wo"`
	ReadPasswordWOVersion  types.Int64    `tfsdk:"read_password_wo_version"`
	WritePasswordWO        types.String   `tfsdk:"write_password_wo"`
	WritePasswordWOVersion types.Int64    `tfsdk:"write_password_wo_version"`
	AdditionalFiles        types.List     `tfsdk:"additional_files"`
	URL                    types.String   `tfsdk:"url"`
	UDFPath                types.String   `tfsdk:"udf_path"`
	Timeouts               timeouts.Value `tfsdk:"timeouts"`
}

// bucketID is the import id and id of a bucket: "<bucketfs_name>/<bucket_name>".
func bucketID(service, name string) string { return service + "/" + name }

// fill is the one reader: the bucket and its service (for the URL) into m.
func (m *bucketModel) fill(ctx context.Context, url string, b *client.Bucket, diags *diag.Diagnostics) {
	m.ID = types.StringValue(bucketID(b.Service, b.Name))
	m.Service, m.Name = types.StringValue(b.Service), types.StringValue(b.Name)
	m.Public = types.BoolValue(b.Public)
	m.AdditionalFiles = stringListValue(ctx, b.AdditionalFiles, diags)
	m.URL = textOrNull(url)
	m.UDFPath = types.StringValue("/buckets/" + b.Service + "/" + b.Name)
	m.ReadPasswordWO, m.WritePasswordWO = types.StringNull(), types.StringNull()
}
