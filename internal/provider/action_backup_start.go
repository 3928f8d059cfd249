package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// NewBackupStartAction is exasol_backup_start.
func NewBackupStartAction() action.Action {
	return &actionOf[backupStartModel]{name: "_backup_start", schema: backupStartSchema(), run: runBackupStart}
}

type backupStartModel struct {
	DBName           types.String `tfsdk:"db_name"`
	BackupVolumeName types.String `tfsdk:"backup_volume_name"`
	Level            types.Int64  `tfsdk:"level"`
	Expire           types.String `tfsdk:"expire"`
	Wait             types.Bool   `tfsdk:"wait"`
	Timeout          types.String `tfsdk:"timeout"`
}

func backupStartSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Starts a backup of a running database (ConfD `db_backup_start`) and waits until it has finished, reporting its " +
			"progress (`db_backup_progress`) as it goes. The backup it made is named at the end.",
		Attributes: map[string]schema.Attribute{
			"db_name": actionDatabaseAttribute("back up"),
			"backup_volume_name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Archive volume to write the backup to: a remote volume (e.g. `r0001` or its name) or a storage volume of type archive.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"level": schema.Int64Attribute{
				Required:            true,
				MarkdownDescription: "Backup level: 0 is a full backup, 1–9 an incremental one on the newest backup of a lower level.",
				Validators:          []validator.Int64{int64validator.Between(0, 9)},
			},
			"expire": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "When the backup expires, as ConfD writes it: numbers with `m` (months), `w` (weeks), `d` (days) or `h` (hours) " +
					"separated by spaces, e.g. `\"1w 3d\"`. Unset: it never expires.",
				Validators: []validator.String{expireValidator{}},
			},
			"wait": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Whether to wait for the backup to finish. Default true. With false the action ends once the backup has " +
					"started; it then runs on in the cluster.",
			},
			"timeout": actionTimeoutAttribute("the backup to finish"),
		},
	}
}

func runBackupStart(ctx context.Context, c client.Backend, m *backupStartModel, report func(string), diags *diag.Diagnostics) {
	s := client.BackupStart{
		Database: m.DBName.ValueString(), VolumeName: m.BackupVolumeName.ValueString(),
		Level: m.Level.ValueInt64(), Expire: m.Expire.ValueString(),
	}
	summary := fmt.Sprintf("Backup of database %s to %s failed", s.Database, s.VolumeName)
	if !m.Wait.IsNull() && !m.Wait.ValueBool() {
		if err := c.DBBackupStart(ctx, s); err != nil {
			diags.AddError(summary, err.Error())
			return
		}
		report(fmt.Sprintf("backup of %s (level %d) to %s started; not waiting for it (wait = false)", s.Database, s.Level, s.VolumeName))
		return
	}
	if _, err := c.RunBackup(ctx, s, report); err != nil {
		diags.AddError(summary, err.Error())
	}
}
