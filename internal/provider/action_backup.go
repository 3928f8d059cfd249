package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// Backups: start one, abort a running one; retention: delete backups,
// change when they expire. Deleting and changing expiry refuse while any
// database restores, so that the backup a restore reads never changes.

var _ action.ActionWithValidateConfig = (*backupsDeleteAction)(nil)

// backupAbortAction is exasol_backup_abort.
var backupAbortAction = actionFor("_backup_abort", actionSchema("Aborts the running backup of a database (ConfD `db_backup_abort`, EXAoperation `abortBackup`) and waits until "+
	"the database's operation is idle. Without a running backup nothing is sent.",
	"the aborted backup to end", map[string]schema.Attribute{
		"db_name": actionDatabaseAttribute("abort the backup of"),
	}), runBackupAbort)

func runBackupAbort(ctx context.Context, c client.Backend, m *databaseVerbModel, report func(string), diags *diag.Diagnostics) {
	if err := c.AbortBackup(ctx, m.DBName.ValueString(), report); err != nil {
		diags.AddError("Cannot abort the backup of database "+m.DBName.ValueString(), explain(err))
	}
}

// NewBackupsDeleteAction is exasol_backups_delete.
func NewBackupsDeleteAction() action.Action {
	return &backupsDeleteAction{actionOf[backupsDeleteModel]{name: "_backups_delete", schema: actionSchema("Deletes backups of a database: the listed ones (ConfD `db_backups_delete`, EXAoperation `deleteBackups`) and, "+
		"with `unusable = true`, every unusable one (`db_backup_delete_unusable`, `deleteUnusableBackups`). A listed backup that "+
		"`db_backup_list` no longer shows counts as deleted. Nothing is deleted while any database restores: the backup it reads must stay.",
		"the deletion", map[string]schema.Attribute{
			"db_name": actionDatabaseAttribute("delete backups of"),
			"backup_ids": schema.ListAttribute{
				ElementType: types.StringType, Optional: true,
				MarkdownDescription: "Backups to delete, as `db_backup_list` names them (`id` of an `exasol_backups` entry); may be empty.",
				Validators:          []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"unusable": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Also delete every unusable backup of the database (one whose base backup is gone). Default false.",
			},
		}), run: runBackupsDelete}}
}

type backupsDeleteAction struct{ actionOf[backupsDeleteModel] }

type backupsDeleteModel struct {
	databaseVerbModel
	BackupIDs types.List `tfsdk:"backup_ids"`
	Unusable  types.Bool `tfsdk:"unusable"`
}

func (a *backupsDeleteAction) ValidateConfig(ctx context.Context, req action.ValidateConfigRequest, resp *action.ValidateConfigResponse) {
	var m backupsDeleteModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if !resp.Diagnostics.HasError() && m.BackupIDs.IsNull() && !m.Unusable.IsUnknown() && !m.Unusable.ValueBool() {
		resp.Diagnostics.AddError("Nothing to delete", "Set backup_ids, unusable = true, or both.")
	}
}

func runBackupsDelete(ctx context.Context, c client.Backend, m *backupsDeleteModel, report func(string), diags *diag.Diagnostics) {
	var ids []string
	if !m.BackupIDs.IsNull() {
		if diags.Append(m.BackupIDs.ElementsAs(ctx, &ids, false)...); diags.HasError() {
			return
		}
	}
	if err := c.DeleteBackups(ctx, m.DBName.ValueString(), ids, m.Unusable.ValueBool(), report); err != nil {
		diags.AddError("Cannot delete backups of database "+m.DBName.ValueString(), explain(err))
	}
}

// backupExpirationAction is exasol_backup_expiration.
var backupExpirationAction = actionFor("_backup_expiration", actionSchema("Changes when a backup expires (ConfD `db_backup_change_expiration`, EXAoperation `changeBackupExpiration`). "+
	"The change applies to the backup's set as the cluster groups it (its `expire_alterable`, e.g. `10001 DB1/id_1/level_0`). "+
	"Nothing changes while any database restores.",
	"the change", map[string]schema.Attribute{
		"db_name":   actionDatabaseAttribute("change a backup of"),
		"backup_id": actionRequiredString("The backup, as `db_backup_list` names it (`id` of an `exasol_backups` entry).", stringvalidator.LengthAtLeast(1)),
		"expire_time": actionRequiredString("New expiry, UTC, as `YYYY-MM-DD hh:mm:ss` (e.g. `2030-01-31 12:00:00`); `\"\"` means the backup never expires. "+
			"ConfD takes the time as written (its page gives no time zone; UTC is assumed); EXAoperation as seconds since the Epoch.", expireTimeValidator),
	}), runBackupExpiration)

type backupExpirationModel struct {
	databaseVerbModel
	BackupID   types.String `tfsdk:"backup_id"`
	ExpireTime types.String `tfsdk:"expire_time"`
}

func runBackupExpiration(ctx context.Context, c client.Backend, m *backupExpirationModel, report func(string), diags *diag.Diagnostics) {
	at, _ := parseExpireTime(m.ExpireTime.ValueString()) // validated
	db, id := m.DBName.ValueString(), m.BackupID.ValueString()
	if err := c.ChangeBackupExpiration(ctx, db, id, at); err != nil {
		diags.AddError("Cannot change the expiry of backup "+id, explain(err))
		return
	}
	when := "never"
	if !at.IsZero() {
		when = at.Format(client.ExpireTimeLayout) + " UTC"
	}
	report(fmt.Sprintf("backup %s of database %s: expires %s", id, db, when))
}

// parseExpireTime reads expire_time; "" is the zero time (never).
func parseExpireTime(s string) (time.Time, error) {
	if strings.TrimSpace(s) == "" {
		return time.Time{}, nil
	}
	return time.ParseInLocation(client.ExpireTimeLayout, strings.TrimSpace(s), time.UTC)
}

// backupStartAction is exasol_backup_start.
var backupStartAction = actionFor("_backup_start", actionSchema("Starts a backup of a running database (ConfD `db_backup_start`) and waits until it has finished, reporting its "+
	"progress (`db_backup_progress`) as it goes. The backup it made is named at the end.",
	"the backup to finish", map[string]schema.Attribute{
		"db_name":            actionDatabaseAttribute("back up"),
		"backup_volume_name": actionRequiredString("Archive volume to write the backup to: a remote volume (e.g. `r0001` or its name) or a storage volume of type archive.", stringvalidator.LengthAtLeast(1)),
		"level": schema.Int64Attribute{
			Required:            true,
			MarkdownDescription: "Backup level: 0 is a full backup, 1–9 an incremental one on the newest backup of a lower level.",
			Validators:          []validator.Int64{int64validator.Between(0, 9)},
		},
		"expire": actionOptionalString("When the backup expires, as ConfD writes it: numbers with `m` (months), `w` (weeks), `d` (days) or `h` (hours) "+
			"separated by spaces, e.g. `\"1w 3d\"`. Unset: it never expires.", expireValidator),
		"wait": schema.BoolAttribute{
			Optional: true,
			MarkdownDescription: "Whether to wait for the backup to finish. Default true. With false the action ends once the backup has " +
				"started; it then runs on in the cluster.",
		},
	}), runBackupStart)

type backupStartModel struct {
	databaseVerbModel
	BackupVolumeName types.String `tfsdk:"backup_volume_name"`
	Level            types.Int64  `tfsdk:"level"`
	Expire           types.String `tfsdk:"expire"`
	Wait             types.Bool   `tfsdk:"wait"`
}

func runBackupStart(ctx context.Context, c client.Backend, m *backupStartModel, report func(string), diags *diag.Diagnostics) {
	s := client.BackupStart{
		Database: m.DBName.ValueString(), VolumeName: m.BackupVolumeName.ValueString(),
		Level: m.Level.ValueInt64(), Expire: m.Expire.ValueString(),
	}
	summary := fmt.Sprintf("Backup of database %s to %s failed", s.Database, s.VolumeName)
	if !m.Wait.IsNull() && !m.Wait.ValueBool() {
		if err := c.DBBackupStart(ctx, s); err != nil {
			diags.AddError(summary, clientErrorDetail(err))
			return
		}
		report(fmt.Sprintf("backup of %s (level %d) to %s started; not waiting for it (wait = false)", s.Database, s.Level, s.VolumeName))
		return
	}
	if _, err := c.RunBackup(ctx, s, report); err != nil {
		diags.AddError(summary, clientErrorDetail(err))
	}
}

var expireTimeValidator = stringCheck{desc: expireTimeDesc, problem: func(s string) (string, string) {
	if _, err := parseExpireTime(s); err != nil {
		return "Invalid expire_time", fmt.Sprintf("%q %s.", s, expireTimeDesc)
	}
	return "", ""
}}

const expireTimeDesc = "must be a time as YYYY-MM-DD hh:mm:ss, or \"\" for never"
