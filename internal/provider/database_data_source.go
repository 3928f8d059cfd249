package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// databaseDataSource is data.exasol_database: one database by name.
var databaseDataSource = dataSource("_database", databaseSchema, readAs(databaseReader, func(m *databaseModel) *databaseAttrs { return &m.databaseAttrs }))

func databaseSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads one Exasol database by name (ConfD `db_info`).",
		Attributes: databaseKeyed(map[string]schema.Attribute{
			"version":               computedString("Database version."),
			"data_volume_name":      computedString("Name of the data volume."),
			"mem_size":              schema.StringAttribute{Computed: true, CustomType: SizeType{}, MarkdownDescription: "Database memory as Exasol writes it."},
			"nodes":                 computedInt64List("Node ids, active first, then reserve."),
			"num_active_nodes":      computedInt64("Number of active nodes."),
			"port":                  computedInt64("Client port."),
			"owner":                 computedInt64List("Owning user and group id."),
			"params":                computedString("Extra database parameters."),
			"auto_start":            computedBool("Whether the cluster starts the database at boot."),
			"running":               computedBool("Whether the database is started."),
			"state":                 computedString("State the cluster reports (`running`, `setup`, …)."),
			"operation":             computedString("Current operation (`None` when idle)."),
			"connectible":           computedBool("Whether the database accepts connections."),
			"connection_string":     computedString("Address clients connect to, `host:port`."),
			"active_nodes":          computedStringList("Names of the active nodes."),
			"reserve_nodes":         computedStringList("Names of the reserve nodes."),
			"failed_nodes":          computedStringList("Names of failed nodes."),
			"temporary_volume_name": computedString("Name of the database's temporary volume."),
			"db_uuid":               computedString("UUID of the database."),
		}),
	}
}

// databasesDataSource is data.exasol_databases: the names of all databases.
var databasesDataSource = dataSource("_databases", databasesSchema, readDatabases)

type databasesModel struct {
	ID    types.String `tfsdk:"id"`
	Names types.List   `tfsdk:"names"`
}

func databasesSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the names of all databases of the cluster (ConfD `db_list`).",
		Attributes: map[string]schema.Attribute{
			"id":    computedString("Always `databases`."),
			"names": computedStringList("Database names, sorted."),
		},
	}
}

func readDatabases(ctx context.Context, c client.Backend, m *databasesModel, diags *diag.Diagnostics) {
	names, err := c.DBList(ctx)
	if err != nil {
		diags.AddError("Cannot list databases", clientErrorDetail(err))
		return
	}
	sort.Strings(names)
	*m = databasesModel{ID: types.StringValue("databases"), Names: stringListValue(ctx, names, diags)}
}
