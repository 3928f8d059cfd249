package provider

import (
	"context"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// exasol_database_start, _stop and _restart: the runtime verbs of one
// database, with the same guarantees as exasol_database (a start waits
// until the database is connectible; a stop never cuts a backup or restore
// off unless force_stop says so).

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
func NewDatabaseStartAction() action.Action {
	return &actionOf[databaseStartModel]{name: "_database_start", schema: databaseStartSchema(), run: runDatabaseStart}
}

func databaseStartSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Starts a database (ConfD `db_start`) and waits until it accepts connections. A running database is left as it is.",
		Attributes: map[string]schema.Attribute{
			"db_name": actionDatabaseAttribute("start"),
			"timeout": actionTimeoutAttribute("the database to become connectible"),
		},
	}
}

func runDatabaseStart(ctx context.Context, c client.Backend, m *databaseStartModel, report func(string), diags *diag.Diagnostics) {
	startDatabase(ctx, c, m.DBName.ValueString(), report, diags)
}

// NewDatabaseStopAction is exasol_database_stop.
func NewDatabaseStopAction() action.Action {
	return &actionOf[databaseActionModel]{name: "_database_stop", schema: databaseStopSchema(), run: runDatabaseStop}
}

func databaseStopSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Stops a database (ConfD `db_stop`) once its current operation has ended, and waits until it is stopped (`setup`). " +
			"A stopped database is left as it is.",
		Attributes: map[string]schema.Attribute{
			"db_name":    actionDatabaseAttribute("stop"),
			"force_stop": actionForceStopAttribute(),
			"timeout":    actionTimeoutAttribute("a running operation to end and the database to stop"),
		},
	}
}

func runDatabaseStop(ctx context.Context, c client.Backend, m *databaseActionModel, report func(string), diags *diag.Diagnostics) {
	stopDatabase(ctx, c, m.DBName.ValueString(), m.ForceStop.ValueBool(), report, diags)
}

// NewDatabaseRestartAction is exasol_database_restart.
func NewDatabaseRestartAction() action.Action {
	return &actionOf[databaseActionModel]{name: "_database_restart", schema: databaseRestartSchema(), run: runDatabaseRestart}
}

func databaseRestartSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Restarts a database: stops it once its current operation has ended (`db_stop`), then starts it (`db_start`) " +
			"and waits until it accepts connections. ConfD has no restart job of its own. A stopped database is simply started.",
		Attributes: map[string]schema.Attribute{
			"db_name":    actionDatabaseAttribute("restart"),
			"force_stop": actionForceStopAttribute(),
			"timeout":    actionTimeoutAttribute("the stop and the start together"),
		},
	}
}

func runDatabaseRestart(ctx context.Context, c client.Backend, m *databaseActionModel, report func(string), diags *diag.Diagnostics) {
	name := m.DBName.ValueString()
	if stopDatabase(ctx, c, name, m.ForceStop.ValueBool(), report, diags) {
		startDatabase(ctx, c, name, report, diags)
	}
}
