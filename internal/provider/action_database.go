package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// exasol_database_start, _stop, _restart and _restore: the runtime verbs of one
// database, with the same guarantees as exasol_database (a start waits
// until the database is connectible; a stop never cuts a backup or restore
// off unless force_stop says so).

// databaseVerbModel is what every action on one database takes: the
// database and the timeout; the other actions' models embed it.
type databaseVerbModel struct {
	DBName  types.String `tfsdk:"db_name"`
	Timeout types.String `tfsdk:"timeout"`
}

// databaseActionModel is a verb that stops the database: force_stop too.
type databaseActionModel struct {
	databaseVerbModel
	ForceStop types.Bool `tfsdk:"force_stop"`
}

// databaseStartAction is exasol_database_start.
var databaseStartAction = actionFor("_database_start", databaseVerbSchema("start", false,
	"Starts a database (ConfD `db_start`) and waits until it accepts connections. A running database is left as it is.",
	"the database to become connectible"), runDatabaseStart)

func runDatabaseStart(ctx context.Context, c client.Backend, m *databaseVerbModel, report func(string), diags *diag.Diagnostics) {
	startDatabase(ctx, c, m.DBName.ValueString(), report, diags)
}

// databaseStopAction is exasol_database_stop.
var databaseStopAction = actionFor("_database_stop", databaseVerbSchema("stop", true,
	"Stops a database (ConfD `db_stop`) once its current operation has ended, and waits until it is stopped (`setup`). "+
		"A stopped database is left as it is.",
	"a running operation to end and the database to stop"), runDatabaseStop)

func runDatabaseStop(ctx context.Context, c client.Backend, m *databaseActionModel, report func(string), diags *diag.Diagnostics) {
	stopDatabase(ctx, c, m.DBName.ValueString(), m.ForceStop.ValueBool(), report, diags)
}

// databaseRestartAction is exasol_database_restart.
var databaseRestartAction = actionFor("_database_restart", databaseVerbSchema("restart", true,
	"Restarts a database: stops it once its current operation has ended (`db_stop`), then starts it (`db_start`) "+
		"and waits until it accepts connections. ConfD has no restart job of its own. A stopped database is simply started.",
	"the stop and the start together"), runDatabaseRestart)

func runDatabaseRestart(ctx context.Context, c client.Backend, m *databaseActionModel, report func(string), diags *diag.Diagnostics) {
	name := m.DBName.ValueString()
	if stopDatabase(ctx, c, name, m.ForceStop.ValueBool(), report, diags) {
		startDatabase(ctx, c, name, report, diags)
	}
}

// databaseVerbSchema is the schema of a runtime verb: the database, how
// long to wait for what, and force_stop where the verb stops the database.
func databaseVerbSchema(verb string, stops bool, desc, waitFor string) schema.Schema {
	attrs := map[string]schema.Attribute{"db_name": actionDatabaseAttribute(verb)}
	if stops {
		attrs["force_stop"] = actionForceStopAttribute()
	}
	return actionSchema(desc, waitFor, attrs)
}

type databaseRestoreModel struct {
	databaseActionModel
	BackupID    types.String `tfsdk:"backup_id"`
	RestoreType types.String `tfsdk:"restore_type"`
	Running     types.Bool   `tfsdk:"running"`
}

// databaseRestoreAction is exasol_database_restore.
var databaseRestoreAction = actionFor("_database_restore", actionSchema("Restores a database from a backup (ConfD `db_restore`, EXAoperation `restoreDatabase`). The backup must be "+
	"listed by `db_backup_list` and usable; this is checked before anything changes. The database is then stopped once its "+
	"current operation has ended, restored, and, when the restore has ended, brought back to its runtime state, reporting "+
	"progress as it goes. The ids come from the `exasol_backups` data source (its `newest_usable` picks the newest usable backup of a level).",
	"the stop, the restore and the start together", map[string]schema.Attribute{
		"db_name": actionDatabaseAttribute("restore"),
		"backup_id": actionRequiredString("The backup as `db_backup_list` names it (`id` of an `exasol_backups` entry), e.g. "+
			"`10001 DB1/id_11/level_0/node_0/backup_202007071405 DB1`.", stringvalidator.LengthAtLeast(1)),
		"restore_type": actionOptionalString("`blocking` (default: the database accepts no connections until the restore ends), `nonblocking`, "+
			"or `virtual access` (the backup is readable without being restored).", stringvalidator.OneOf(client.RestoreTypes...)),
		"running": schema.BoolAttribute{
			Optional:            true,
			MarkdownDescription: "Runtime state after the restore: true started, false stopped. Default: the state the database had before.",
		},
		"force_stop": actionForceStopAttribute(),
	}), runDatabaseRestore)

func runDatabaseRestore(ctx context.Context, c client.Backend, m *databaseRestoreModel, report func(string), diags *diag.Diagnostics) {
	s := client.RestoreSpec{
		Database: m.DBName.ValueString(), BackupID: m.BackupID.ValueString(), RestoreType: "blocking",
		Force: m.ForceStop.ValueBool(), Running: m.Running.ValueBool(),
	}
	if known(m.RestoreType) {
		s.RestoreType = m.RestoreType.ValueString()
	}
	summary := fmt.Sprintf("Restore of database %s failed", s.Database)
	if !known(m.Running) {
		d, err := c.DBInfo(ctx, s.Database)
		if err != nil {
			diags.AddError(summary, clientErrorDetail(err))
			return
		}
		s.Running = d.Running()
	}
	if err := c.RestoreDatabase(ctx, s, report); err != nil {
		diags.AddError(summary, explain(err))
	}
}

// stopDatabase stops one database for an action and reports how.
func stopDatabase(ctx context.Context, c client.Backend, name string, force bool, report func(string), diags *diag.Diagnostics) bool {
	d, err := c.DBInfo(ctx, name)
	if err != nil {
		diags.AddError("Cannot stop database "+name, clientErrorDetail(err))
		return false
	}
	if d.State == client.DBStateSetup {
		report(fmt.Sprintf("database %s: already stopped (setup)", name))
		return true
	}
	if !d.Idle() {
		if force {
			report(fmt.Sprintf("database %s: stopping, cutting off operation %q (force_stop)", name, d.Operation))
		} else {
			report(fmt.Sprintf("database %s: waiting for operation %q to end before stopping it", name, d.Operation))
		}
	} else {
		report(fmt.Sprintf("database %s: stopping (state %s)", name, d.State))
	}
	if _, err := c.StopDatabase(ctx, name, force); err != nil {
		diags.AddError("Cannot stop database "+name, explain(err))
		return false
	}
	report(fmt.Sprintf("database %s: stopped (setup)", name))
	return true
}

// startDatabase starts one database for an action and reports how.
func startDatabase(ctx context.Context, c client.Backend, name string, report func(string), diags *diag.Diagnostics) bool {
	d, err := c.DBInfo(ctx, name)
	if err != nil {
		diags.AddError("Cannot start database "+name, clientErrorDetail(err))
		return false
	}
	if d.State == client.DBStateRunning && d.Connectible {
		report(fmt.Sprintf("database %s: already running, connectible at %s", name, d.ConnectionString))
		return true
	}
	report(fmt.Sprintf("database %s: starting (state %s)", name, d.State))
	if d, err = c.StartDatabase(ctx, name); err != nil {
		diags.AddError("Cannot start database "+name, clientErrorDetail(err))
		return false
	}
	report(fmt.Sprintf("database %s: running, connectible at %s", name, d.ConnectionString))
	return true
}
