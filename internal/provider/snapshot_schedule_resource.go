package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var (
	_ resource.ResourceWithImportState = (*snapshotScheduleResource)(nil)
	_ resource.ResourceWithIdentity    = (*snapshotScheduleResource)(nil)
)

// NewSnapshotScheduleResource is exasol_snapshot_schedule: a snapshot
// schedule of an Exasol 8 database (db_snapshot_backup_*_schedule).
func NewSnapshotScheduleResource() resource.Resource {
	return newResource(&snapshotScheduleResource{}, "_snapshot_schedule", snapshotScheduleReader)
}

type snapshotScheduleResource struct {
	resourceBase[snapshotScheduleModel, *client.SnapshotSchedule]
}

func (r *snapshotScheduleResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A snapshot schedule of an Exasol 8 database (ConfD `db_snapshot_backup_add_schedule`). The cluster takes " +
			"snapshots of the database at the times the cron fields give, through the database's `snapshot_sync_volume` (which " +
			"`db_create` sets: `snapshot_sync_volume` of `exasol_database`; a database without one takes no snapshot schedule). Times and `enabled` are changed in place " +
			"(`db_snapshot_backup_modify_schedule`, which needs the database to be running); the database, the name and the " +
			"expiry replace the schedule (the modify job takes no expiry). Schedules are read from the database's configuration " +
			"(`db_info`).\n\nExasol 7.1 and EXAoperation (Exasol 6.x) have no snapshots: plans that create or change a snapshot " +
			"schedule there fail.",
		Attributes: map[string]schema.Attribute{
			"id":          idAttribute("`<db_name>/<backup_name>`, e.g. `DB1/hourly`; also the import id."),
			"db_name":     databaseNameAttribute("Name of the database to take snapshots of. Changing it replaces the schedule."),
			"backup_name": scheduleNameAttribute(),
			"expire": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "How long each snapshot is kept, as ConfD writes it: groups of a number and a unit `m` (months), `w` (weeks), `d` (days) or `h` (hours) " +
					"separated by spaces, e.g. `\"1w 3d\"`. Unset: the snapshots never expire. Changing it replaces the schedule.",
				Validators:    []validator.String{expireValidator},
				PlanModifiers: replaceString(),
			},
			// minute, hour, day, month, weekday and enabled: below.
		},
		Blocks: timeoutsBlock(ctx),
	}
	addScheduleTimeAttributes(resp.Schema.Attributes, "take the snapshot")
}

func (r *snapshotScheduleResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = scheduleIdentitySchema("Name of the snapshot schedule, unique per database.")
}

func (r *snapshotScheduleResource) create(ctx context.Context, _ resource.CreateRequest, plan *snapshotScheduleModel, resp *resource.CreateResponse) {
	spec := plan.spec()
	id := scheduleID(spec.DBName, spec.BackupName)
	if err := r.client.CreateSnapshotSchedule(ctx, spec); err != nil {
		_, lookErr := r.client.SnapshotSchedule(lookupCtx(ctx), spec.DBName, spec.BackupName)
		resp.Diagnostics.AddError("Cannot create snapshot schedule "+id, clientErrorDetail(err)+importHint("exasol_snapshot_schedule", "snapshot schedule", id, lookErr == nil))
		return
	}
	// The schedule exists from here on: record it before the read-back can fail.
	setScheduleKey(ctx, &resp.State, spec.DBName, spec.BackupName, &resp.Diagnostics)
	plan.ID = types.StringValue(id) // kept should the read-back fail
	r.readBack(ctx, plan, &resp.Diagnostics)
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
}

func (r *snapshotScheduleResource) update(ctx context.Context, _ resource.UpdateRequest, plan, prior *snapshotScheduleModel, resp *resource.UpdateResponse) {
	db, name := plan.DBName.ValueString(), plan.BackupName.ValueString()
	if ch := snapshotScheduleChange(*prior, *plan); !ch.Empty() {
		if err := r.client.ModifySnapshotSchedule(ctx, db, name, ch); err != nil {
			resp.Diagnostics.AddError("Cannot update snapshot schedule "+scheduleID(db, name), clientErrorDetail(err))
			return // nothing changed: the prior state stays
		}
	}
	r.readBack(ctx, plan, &resp.Diagnostics)
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
}

func (r *snapshotScheduleResource) delete(ctx context.Context, state *snapshotScheduleModel, resp *resource.DeleteResponse) {
	db, name := state.DBName.ValueString(), state.BackupName.ValueString()
	if err := r.client.DeleteSnapshotSchedule(ctx, db, name); err != nil {
		resp.Diagnostics.AddError("Cannot delete snapshot schedule "+scheduleID(db, name), clientErrorDetail(err))
	}
}

// ImportState takes "DB1/hourly" (importSchedule).
func (r *snapshotScheduleResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importSchedule(ctx, req, resp, "exasol_snapshot_schedule", "DB1/hourly")
}
