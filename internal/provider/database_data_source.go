package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*databaseDataSource)(nil)

// NewDatabaseDataSource is data.exasol_database: one database by name.
func NewDatabaseDataSource() datasource.DataSource { return &databaseDataSource{} }

type databaseDataSource struct{ client client.Backend }

type databaseDataModel struct {
	ID               types.String `tfsdk:"id"`
	DBName           types.String `tfsdk:"db_name"`
	Version          types.String `tfsdk:"version"`
	DataVolumeName   types.String `tfsdk:"data_volume_name"`
	MemSize          types.String `tfsdk:"mem_size"`
	Nodes            types.List   `tfsdk:"nodes"`
	NumActiveNodes   types.Int64  `tfsdk:"num_active_nodes"`
	Port             types.Int64  `tfsdk:"port"`
	Owner            types.List   `tfsdk:"owner"`
	Params           types.String `tfsdk:"params"`
	AutoStart        types.Bool   `tfsdk:"auto_start"`
	Running          types.Bool   `tfsdk:"running"`
	State            types.String `tfsdk:"state"`
	Operation        types.String `tfsdk:"operation"`
	Connectible      types.Bool   `tfsdk:"connectible"`
	ConnectionString types.String `tfsdk:"connection_string"`
	ActiveNodes      types.List   `tfsdk:"active_nodes"`
	ReserveNodes     types.List   `tfsdk:"reserve_nodes"`
	FailedNodes      types.List   `tfsdk:"failed_nodes"`
	TemporaryVolume  types.String `tfsdk:"temporary_volume_name"`
	DBUUID           types.String `tfsdk:"db_uuid"`
}

func (d *databaseDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_database"
}

func (d *databaseDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	strs := func(desc string) schema.ListAttribute {
		return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: desc}
	}
	ints := func(desc string) schema.ListAttribute {
		return schema.ListAttribute{Computed: true, ElementType: types.Int64Type, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one Exasol database by name (ConfD `db_info`).",
		Attributes: map[string]schema.Attribute{
			"id": str("The database name."),
			"db_name": schema.StringAttribute{
				Required: true, MarkdownDescription: "Name of the database.",
				Validators: []validator.String{nameValidator("database")},
			},
			"version":               str("Database version."),
			"data_volume_name":      str("Name of the data volume."),
			"mem_size":              str("Database memory as Exasol writes it."),
			"nodes":                 ints("Node ids, active first, then reserve."),
			"num_active_nodes":      schema.Int64Attribute{Computed: true, MarkdownDescription: "Number of active nodes."},
			"port":                  schema.Int64Attribute{Computed: true, MarkdownDescription: "Client port."},
			"owner":                 ints("Owning user and group id."),
			"params":                str("Extra database parameters."),
			"auto_start":            schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the cluster starts the database at boot."},
			"running":               schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the database is started."},
			"state":                 str("State the cluster reports (`running`, `setup`, …)."),
			"operation":             str("Current operation (`None` when idle)."),
			"connectible":           schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the database accepts connections."},
			"connection_string":     str("Address clients connect to, `host:port`."),
			"active_nodes":          strs("Names of the active nodes."),
			"reserve_nodes":         strs("Names of the reserve nodes."),
			"failed_nodes":          strs("Names of failed nodes."),
			"temporary_volume_name": str("Name of the database's temporary volume."),
			"db_uuid":               str("UUID of the database."),
		},
	}
}

func (d *databaseDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *databaseDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m databaseDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	db, err := d.client.DBInfo(ctx, m.DBName.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Cannot read database "+m.DBName.ValueString(), err.Error())
		return
	}
	// Reuse the resource's mapping so both report the cluster the same way.
	var full databaseModel
	full.fill(ctx, db, &resp.Diagnostics)
	m = databaseDataModel{
		ID: full.ID, DBName: full.DBName, Version: full.Version, DataVolumeName: full.DataVolumeName,
		MemSize: full.MemSize.StringValue, Nodes: full.Nodes, NumActiveNodes: full.NumActiveNodes, Port: full.Port,
		Owner: full.Owner, Params: full.Params, AutoStart: full.AutoStart, Running: full.Running, State: full.State,
		Operation: full.Operation, Connectible: full.Connectible, ConnectionString: full.ConnectionStr,
		ActiveNodes: full.ActiveNodes, ReserveNodes: full.ReserveNodes, FailedNodes: full.FailedNodes,
		TemporaryVolume: full.TemporaryVolume, DBUUID: full.DBUUID,
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
