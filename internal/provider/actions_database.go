package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// exasol_database_start, _stop and _restart: the runtime verbs of one
// database, with the same guarantees as exasol_database (a start waits
// until the database is connectible; a stop never cuts a backup or restore
// off unless force_stop says so).

var (
	_ action.ActionWithConfigure = (*databaseStartAction)(nil)
	_ action.ActionWithConfigure = (*databaseStopAction)(nil)
	_ action.ActionWithConfigure = (*databaseRestartAction)(nil)
)

type databaseActionModel struct {
	DBName    types.String `tfsdk:"db_name"`
	ForceStop types.Bool   `tfsdk:"force_stop"`
	Timeout   types.String `tfsdk:"timeout"`
}

type databaseStartModel struct {
	DBName  types.String `tfsdk:"db_name"`
	Timeout types.String `tfsdk:"timeout"`
}

// NewDatabaseStartAction is exasol_database_start.
func NewDatabaseStartAction() action.Action { return &databaseStartAction{} }

type databaseStartAction struct{ actionBase }

func (a *databaseStartAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_database_start"
}

func (a *databaseStartAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Starts a database (ConfD `db_start`) and waits until it accepts connections. A running database is left as it is.",
		Attributes: map[string]schema.Attribute{
			"db_name": actionDatabaseAttribute("start"),
			"timeout": actionTimeoutAttribute("the database to become connectible"),
		},
	}
}

func (a *databaseStartAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m databaseStartModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, report, ok := a.start(ctx, m.Timeout, resp)
	if !ok {
		return
	}
	defer cancel()
	startDatabase(ctx, a.client, m.DBName.ValueString(), report, &resp.Diagnostics)
}

// NewDatabaseStopAction is exasol_database_stop.
func NewDatabaseStopAction() action.Action { return &databaseStopAction{} }

type databaseStopAction struct{ actionBase }

func (a *databaseStopAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_database_stop"
}

func (a *databaseStopAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Stops a database (ConfD `db_stop`) once its current operation has ended, and waits until it is stopped (`setup`). " +
			"A stopped database is left as it is.",
		Attributes: map[string]schema.Attribute{
			"db_name":    actionDatabaseAttribute("stop"),
			"force_stop": actionForceStopAttribute(),
			"timeout":    actionTimeoutAttribute("a running operation to end and the database to stop"),
		},
	}
}

func (a *databaseStopAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m databaseActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, report, ok := a.start(ctx, m.Timeout, resp)
	if !ok {
		return
	}
	defer cancel()
	stopDatabase(ctx, a.client, m.DBName.ValueString(), m.ForceStop.ValueBool(), report, &resp.Diagnostics)
}

// NewDatabaseRestartAction is exasol_database_restart.
func NewDatabaseRestartAction() action.Action { return &databaseRestartAction{} }

type databaseRestartAction struct{ actionBase }

func (a *databaseRestartAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_database_restart"
}

func (a *databaseRestartAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Restarts a database: stops it once its current operation has ended (`db_stop`), then starts it (`db_start`) " +
			"and waits until it accepts connections. ConfD has no restart job of its own. A stopped database is simply started.",
		Attributes: map[string]schema.Attribute{
			"db_name":    actionDatabaseAttribute("restart"),
			"force_stop": actionForceStopAttribute(),
			"timeout":    actionTimeoutAttribute("the stop and the start together"),
		},
	}
}

func (a *databaseRestartAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m databaseActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, report, ok := a.start(ctx, m.Timeout, resp)
	if !ok {
		return
	}
	defer cancel()
	name := m.DBName.ValueString()
	if stopDatabase(ctx, a.client, name, m.ForceStop.ValueBool(), report, &resp.Diagnostics) {
		startDatabase(ctx, a.client, name, report, &resp.Diagnostics)
	}
}
