package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*bucketDataSource)(nil)

// NewBucketDataSource is data.exasol_bucket: one bucket with its URL.
func NewBucketDataSource() datasource.DataSource { return &bucketDataSource{} }

type bucketDataSource struct{ client client.Backend }

type bucketDataModel struct {
	ID              types.String `tfsdk:"id"`
	Service         types.String `tfsdk:"bucketfs_name"`
	Name            types.String `tfsdk:"bucket_name"`
	Public          types.Bool   `tfsdk:"public"`
	AdditionalFiles types.List   `tfsdk:"additional_files"`
	URL             types.String `tfsdk:"url"`
	UDFPath         types.String `tfsdk:"udf_path"`
}

func (d *bucketDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_bucket"
}

func (d *bucketDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A bucket of a BucketFS service, read with ConfD's `bucketfs_info`, e.g. `bfsdefault`'s `default` bucket.",
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

func (d *bucketDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *bucketDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg bucketDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	b, url, err := (&bucketResource{client: d.client}).lookup(ctx, cfg.Service.ValueString(), cfg.Name.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Cannot read bucket "+bucketID(cfg.Service.ValueString(), cfg.Name.ValueString()), err.Error())
		return
	}
	var m bucketModel
	m.fill(ctx, url, b, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &bucketDataModel{ID: m.ID, Service: m.Service, Name: m.Name, Public: m.Public,
		AdditionalFiles: m.AdditionalFiles, URL: m.URL, UDFPath: m.UDFPath})...)
}
