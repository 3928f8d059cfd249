package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// bucketDataSource is data.exasol_bucket: one bucket with its URL.
var bucketDataSource = dataSource("_bucket", bucketDataSchema, readBucketData)

type bucketDataModel struct {
	ID              types.String `tfsdk:"id"`
	Service         types.String `tfsdk:"bucketfs_name"`
	Name            types.String `tfsdk:"bucket_name"`
	Public          types.Bool   `tfsdk:"public"`
	AdditionalFiles types.List   `tfsdk:"additional_files"`
	URL             types.String `tfsdk:"url"`
	UDFPath         types.String `tfsdk:"udf_path"`
}

func bucketDataSchema() schema.Schema {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return schema.Schema{
		MarkdownDescription: "A bucket of a BucketFS service, read with ConfD's `bucketfs_info` or EXAoperation's `listObjects` of the service, " +
			"e.g. `bfsdefault`'s `default` bucket. EXAoperation does not report `public` (null there).",
		Attributes: map[string]schema.Attribute{
			"id":               str("`<bucketfs_name>/<bucket_name>`."),
			"bucketfs_name":    schema.StringAttribute{Required: true, MarkdownDescription: "The BucketFS service."},
			"bucket_name":      schema.StringAttribute{Required: true, MarkdownDescription: "The bucket."},
			"public":           schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether anyone may read it without the read password."},
			"additional_files": schema.ListAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: "Additional files the bucket shows."},
			"url":              str("Where an upload tool reaches the bucket (see `exasol_bucket`)."),
			"udf_path":         str("Where a UDF reads its files: `/buckets/<bucketfs_name>/<bucket_name>`."),
		},
	}
}

// readBucketData reads the bucket through the resource's reader.
func readBucketData(ctx context.Context, c client.Backend, d *bucketDataModel, diags *diag.Diagnostics) {
	m := bucketModel{Service: d.Service, Name: d.Name}
	if bucketReader.read(ctx, c, &m, diags); diags.HasError() {
		return
	}
	*d = bucketDataModel{ID: m.ID, Service: m.Service, Name: m.Name, Public: m.Public,
		AdditionalFiles: m.AdditionalFiles, URL: m.URL, UDFPath: m.UDFPath}
}
