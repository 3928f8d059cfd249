package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// NewDatabaseRestoreAction is exasol_database_restore.
func NewDatabaseRestoreAction() action.Action {
	return &actionOf[databaseRestoreModel]{name: "_database_restore", schema: databaseRestoreSchema(), run: runDatabaseRestore}
}

type databaseRestoreModel struct {
	DBName      types.String `tfsdk:"db_name"`
	BackupID    types.String `tfsdk:"backup_id"`
	RestoreType types.String `tfsdk:"restore_type"`
	Running     types.Bool   `tfsdk:"running"`
	ForceStop   types.Bool   `tfsdk:"force_stop"`
	Timeout     types.String `tfsdk:"timeout"`
}

func databaseRestoreSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Restores a database from a backup (ConfD `db_restore`, EXAoperation `restoreDatabase`). The backup must be " +
			"listed by `db_backup_list` and usable; this is checked before anything changes. The database is then stopped once its " +
			"current operation has ended, restored, and, when the restore has ended, brought back to its runtime state, reporting " +
			"progress as it goes. The ids come from the `exasol_backups` data source (its `newest_usable` picks the newest usable backup of a level).",
		Attributes: map[string]schema.Attribute{
			"db_name": actionDatabaseAttribute("restore"),
			"backup_id": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "The backup as `db_backup_list` names it (`id` of an `exasol_backups` entry), e.g. " +
					"`10001 DB1/id_11/level_0/node_0/backup_202007071405 DB1`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"restore_type": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "`blocking` (default: the database accepts no connections until the restore ends), `nonblocking`, " +
					"or `virtual access` (the backup is readable without being restored).",
				Validators: []validator.String{stringvalidator.OneOf(client.RestoreTypes...)},
			},
			"running": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Runtime state after the restore: true started, false stopped. Default: the state the database had before.",
			},
			"force_stop": actionForceStopAttribute(),
			"timeout":    actionTimeoutAttribute("the stop, the restore and the start together"),
		},
	}
}

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
			diags.AddError(summary, err.Error())
			return
		}
		s.Running = d.Running()
	}
	if err := c.RestoreDatabase(ctx, s, report); err != nil {
		diags.AddError(summary, explain(err))
	}
}
