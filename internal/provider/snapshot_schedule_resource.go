package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var (
	_ resource.ResourceWithImportState = (*snapshotScheduleResource)(nil)
	_ resource.ResourceWithIdentity    = (*snapshotScheduleResource)(nil)
)

// NewSnapshotScheduleResource is exasol_snapshot_schedule: a snapshot
// schedule of an Exasol 8 database (db_snapshot_backup_*_schedule).
func NewSnapshotScheduleResource() resource.Resource {
	r := &snapshotScheduleResource{}
	r.calls = snapshotScheduleCalls
	return newResource(r, "_snapshot_schedule", snapshotScheduleReader)
}

type snapshotScheduleResource struct {
	scheduleResource[snapshotScheduleModel, *client.SnapshotSchedule, client.SnapshotScheduleSpec, client.SnapshotScheduleChange]
}

func (r *snapshotScheduleResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = scheduleIdentitySchema("Name of the snapshot schedule, unique per database.")
}

// snapshotScheduleCalls are the snapshot schedule: its schema and its jobs.
var snapshotScheduleCalls = scheduleCalls[snapshotScheduleModel, client.SnapshotScheduleSpec, client.SnapshotScheduleChange]{
	typeName: "exasol_snapshot_schedule", example: "DB1/hourly", key: (*snapshotScheduleModel).key,
	spec: (*snapshotScheduleModel).spec, add: client.Backend.CreateSnapshotSchedule,
	change: snapshotScheduleChange, modify: client.Backend.ModifySnapshotSchedule, remove: client.Backend.DeleteSnapshotSchedule,
	desc: "A snapshot schedule of an Exasol 8 database (ConfD `db_snapshot_backup_add_schedule`). The cluster takes " +
		"snapshots of the database at the times the cron fields give, through the database's `snapshot_sync_volume` (which " +
		"`db_create` sets: `snapshot_sync_volume` of `exasol_database`; a database without one takes no snapshot schedule). Times and `enabled` are changed in place " +
		"(`db_snapshot_backup_modify_schedule`, which needs the database to be running); the database, the name and the " +
		"expiry replace the schedule (the modify job takes no expiry). Schedules are read from the database's configuration " +
		"(`db_info`).\n\nExasol 7.1 and EXAoperation (Exasol 6.x) have no snapshots: plans that create or change a snapshot " +
		"schedule there fail.",
	dbDesc: "Name of the database to take snapshots of. Changing it replaces the schedule.", what: "take the snapshot",
	attrs: func() map[string]schema.Attribute {
		return map[string]schema.Attribute{
			"expire": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "How long each snapshot is kept, as ConfD writes it: groups of a number and a unit `m` (months), `w` (weeks), `d` (days) or `h` (hours) " +
					"separated by spaces, e.g. `\"1w 3d\"`. Unset: the snapshots never expire. Changing it replaces the schedule.",
				Validators:    []validator.String{expireValidator},
				PlanModifiers: replaceString(),
			},
		}
	},
}
