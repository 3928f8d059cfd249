package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*databasesDataSource)(nil)

// NewDatabasesDataSource is data.exasol_databases: the names of all databases.
func NewDatabasesDataSource() datasource.DataSource { return &databasesDataSource{} }

type databasesDataSource struct{ client client.Backend }

type databasesModel struct {
	ID    types.String `tfsdk:"id"`
	Names types.List   `tfsdk:"names"`
}

func (d *databasesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_databases"
}

func (d *databasesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the names of all databases of the cluster (ConfD `db_list`).",
		Attributes: map[string]schema.Attribute{
			"id":    schema.StringAttribute{Computed: true, MarkdownDescription: "Always `databases`."},
			"names": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Database names, sorted."},
		},
	}
}

func (d *databasesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *databasesDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	names, err := d.client.DBList(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Cannot list databases", clientErrorDetail(err))
		return
	}
	sort.Strings(names)
	m := databasesModel{ID: types.StringValue("databases"), Names: stringListValue(ctx, names, &resp.Diagnostics)}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
