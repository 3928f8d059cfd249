package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var (
	_ resource.ResourceWithImportState      = (*backupScheduleResource)(nil)
	_ resource.ResourceWithConfigValidators = (*backupScheduleResource)(nil)
)

// NewBackupScheduleResource is exasol_backup_schedule.
func NewBackupScheduleResource() resource.Resource {
	r := &backupScheduleResource{}
	r.calls = backupScheduleCalls
	return newResource(r, "_backup_schedule", backupScheduleReader)
}

type backupScheduleResource struct {
	scheduleResource[backupScheduleModel, *client.BackupSchedule, client.ScheduleSpec, client.ScheduleChange]
}

// backupScheduleCalls are the backup schedule: its schema and its jobs.
var backupScheduleCalls = scheduleCalls[backupScheduleModel, client.ScheduleSpec, client.ScheduleChange]{
	typeName: "exasol_backup_schedule", example: "DB1/nightly", key: (*backupScheduleModel).key,
	spec: (*backupScheduleModel).spec, add: client.Backend.CreateBackupSchedule,
	change: scheduleChange, modify: client.Backend.DBBackupModifySchedule, remove: client.Backend.DeleteBackupSchedule,
	desc: "A backup schedule of an Exasol database (ConfD `db_backup_add_schedule`). The cluster starts backups " +
		"to the archive volume at the times the cron fields give. Expiry, times and `enabled` are changed in place " +
		"(`db_backup_modify_schedule`, which needs the database to be running); the database, name, volume and level " +
		"replace the schedule. Schedules are read from the database's configuration (`db_info`).\n\n" +
		"On EXAoperation (Exasol 6.x) a database has one list of schedules (`getBackupSchedule`), which " +
		"`setBackupSchedule` replaces whole. The provider reads the list, changes only its own entry and writes every " +
		"other entry back as it was, with every key, also keys it does not know. Exasol does not document the keys of an " +
		"entry: the ones the provider writes (`backup_name`, `volume` as the archive volume's object name, `level`, " +
		"`expire`, `minute`, `hour`, `day`, `month`, `weekday`, `enabled`) are ConfD's schedule keys, a guess that a " +
		"real 6.x cluster may name otherwise.",
	dbDesc: "Name of the database to back up. Changing it replaces the schedule.", what: "start the backup",
	attrs: func() map[string]schema.Attribute {
		return map[string]schema.Attribute{
			"backup_volume_name": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Name of the archive volume (a remote volume, or a storage volume of type archive) that receives the backups. " +
					"Set this or `backup_volume_id` (or both, naming the same volume). Changing the volume replaces the schedule.",
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: keepOrReplaceString(),
			},
			"backup_volume_id": schema.Int64Attribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Id of the archive volume that receives the backups (remote volumes have ids from 10000). " +
					"Set this or `backup_volume_name` (or both, naming the same volume). Changing the volume replaces the schedule.",
				Validators:    []validator.Int64{int64validator.AtLeast(0)},
				PlanModifiers: keepOrReplaceInt64(),
			},
			"level": schema.Int64Attribute{
				Required:            true,
				MarkdownDescription: "Backup level: 0 is a full backup, 1-9 are incremental backups on top of the last backup of a lower level. Changing it replaces the schedule.",
				Validators:          []validator.Int64{int64validator.Between(0, 9)},
				PlanModifiers:       replaceInt64(),
			},
			"expire": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "How long each backup is kept, as ConfD writes it: groups of a number and a unit `m` (months), `w` (weeks), `d` (days) or `h` (hours) " +
					"separated by spaces, e.g. `\"1w 3d\"`. Unset: the backups never expire. Changed in place.",
				Validators: []validator.String{expireValidator},
			},
		}
	},
}
