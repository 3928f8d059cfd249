package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// NewDatabasesDataSource is data.exasol_databases: the names of all databases.
func NewDatabasesDataSource() datasource.DataSource {
	return &dataSourceOf[databasesModel]{name: "_databases", schema: databasesSchema(), read: readDatabases}
}

type databasesModel struct {
	ID    types.String `tfsdk:"id"`
	Names types.List   `tfsdk:"names"`
}

func databasesSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the names of all databases of the cluster (ConfD `db_list`).",
		Attributes: map[string]schema.Attribute{
			"id":    schema.StringAttribute{Computed: true, MarkdownDescription: "Always `databases`."},
			"names": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Database names, sorted."},
		},
	}
}

func readDatabases(ctx context.Context, c client.Backend, m *databasesModel, diags *diag.Diagnostics) {
	names, err := c.DBList(ctx)
	if err != nil {
		diags.AddError("Cannot list databases", err.Error())
		return
	}
	sort.Strings(names)
	*m = databasesModel{ID: types.StringValue("databases"), Names: stringListValue(ctx, names, diags)}
}
