package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// bucketDataSource is data.exasol_bucket: one bucket with its URL.
var bucketDataSource = dataSource("_bucket", bucketDataSchema, readAs(bucketReader, func(m *bucketModel) *bucketAttrs { return &m.bucketAttrs }))

// bucketDataAttributes are a bucket's attributes as the data sources show
// them: the singular one's, and each entry of exasol_buckets.
func bucketDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":               computedString("`<bucketfs_name>/<bucket_name>`."),
		"bucketfs_name":    schema.StringAttribute{Required: true, MarkdownDescription: "The BucketFS service."},
		"bucket_name":      schema.StringAttribute{Required: true, MarkdownDescription: "The bucket."},
		"public":           computedBool("Whether anyone may read it without the read password."),
		"additional_files": computedStringList("Additional files the bucket shows."),
		"url":              computedString("Where an upload tool reaches the bucket (see `exasol_bucket`)."),
		"udf_path":         computedString("Where a UDF reads its files: `/buckets/<bucketfs_name>/<bucket_name>`."),
	}
}

func bucketDataSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A bucket of a BucketFS service, read with ConfD's `bucketfs_info` or EXAoperation's `listObjects` of the service, " +
			"e.g. `bfsdefault`'s `default` bucket. EXAoperation does not report `public` (null there).",
		Attributes: bucketDataAttributes(),
	}
}

// bucketsDataSource is data.exasol_buckets: every bucket of one service.
var bucketsDataSource = dataSource("_buckets", bucketsSchema, readBuckets)

type bucketsModel struct {
	ID      types.String `tfsdk:"id"`
	Service types.String `tfsdk:"bucketfs_name"`
	Names   types.List   `tfsdk:"names"`
	Buckets types.List   `tfsdk:"buckets"`
}

func bucketsSchema() schema.Schema {
	attrs := bucketDataAttributes()
	attrs["bucketfs_name"] = computedString("The BucketFS service.")
	attrs["bucket_name"] = computedString("The bucket.")
	return schema.Schema{
		MarkdownDescription: "Lists the buckets of one BucketFS service (ConfD `bucketfs_info`), each with the attributes of the " +
			"`exasol_bucket` data source, its URL included.",
		Attributes: map[string]schema.Attribute{
			"id":            computedString("The BucketFS service."),
			"bucketfs_name": schema.StringAttribute{Required: true, MarkdownDescription: "The BucketFS service, e.g. `bfsdefault`."},
			"names":         computedStringList("Bucket names, sorted."),
			"buckets":       computedObjects("Every bucket with the attributes of the `exasol_bucket` data source, in the service's order.", attrs),
		},
	}
}

// readBuckets reads the service once; each bucket goes through the
// resource's reader (bucketModel.fill), as exasol_bucket's does.
func readBuckets(ctx context.Context, c client.Backend, d *bucketsModel, diags *diag.Diagnostics) {
	service := d.Service.ValueString()
	b, err := c.BucketFSInfo(ctx, service)
	if err != nil {
		diags.AddError("Cannot read BucketFS service "+service, clientErrorDetail(err))
		return
	}
	names, buckets := objectsOf(ctx, b.Buckets, bucketDataAttributes(), func(bk client.Bucket) (string, bucketAttrs) {
		var m bucketModel
		m.fill(ctx, &bucketRead{bucket: &bk, url: c.BucketURL(b, bk.Name)}, diags)
		return bk.Name, m.bucketAttrs
	}, diags)
	*d = bucketsModel{ID: types.StringValue(service), Service: types.StringValue(service), Names: names, Buckets: buckets}
}
