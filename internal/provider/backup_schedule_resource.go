package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var (
	_ resource.ResourceWithImportState      = (*backupScheduleResource)(nil)
	_ resource.ResourceWithConfigValidators = (*backupScheduleResource)(nil)
)

// Defaults of the cron fields. fact: minute "0" and hour "*" (docs of
// db_backup_add_schedule). guess: day, month and weekday "*" (the simulator's
// choice; the docs' text for them is cut off). The provider always sends all
// five, so the cluster's own defaults never decide.
const (
	defaultScheduleMinute  = "0"
	defaultScheduleHour    = "*"
	defaultScheduleDay     = "*"
	defaultScheduleMonth   = "*"
	defaultScheduleWeekday = "*"
)

// NewBackupScheduleResource is exasol_backup_schedule.
func NewBackupScheduleResource() resource.Resource {
	r := &backupScheduleResource{}
	r.resourceBase = resourceBase[backupScheduleModel, *client.BackupSchedule]{name: "_backup_schedule", object: backupScheduleReader, changes: r}
	return r
}

type backupScheduleResource struct {
	resourceBase[backupScheduleModel, *client.BackupSchedule]
}

// backupNameRE: any text without surrounding blanks. guess: ConfD documents
// no rule beyond "unique within a DB"; blanks at the ends would be invisible
// in listings.
var backupNameRE = regexp.MustCompile(`^\S(.*\S)?$`)

func (r *backupScheduleResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	cron := func(f cronField, def, desc string) schema.StringAttribute {
		return schema.StringAttribute{
			Optional: true, Computed: true,
			Default:             stringdefault.StaticString(def),
			MarkdownDescription: fmt.Sprintf("%s, in cron syntax: a value %d-%d, `*`, a range `a-b`, a step `*/n` or `a-b/n`, or a comma list of these. Default `%q`. Changed in place.", desc, f.lo, f.hi, def),
			Validators:          []validator.String{f},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A backup schedule of an Exasol database (ConfD `db_backup_add_schedule`). The cluster starts backups " +
			"to the archive volume at the times the cron fields give. Expiry, times and `enabled` are changed in place " +
			"(`db_backup_modify_schedule`, which needs the database to be running); the database, name, volume and level " +
			"replace the schedule. Schedules are read from the database's configuration (`db_info`).\n\n" +
			"On EXAoperation (Exasol 6.x) a database has one list of schedules (`getBackupSchedule`), which " +
			"`setBackupSchedule` replaces whole. The provider reads the list, changes only its own entry and writes every " +
			"other entry back as it was, with every key, also keys it does not know. Exasol does not document the keys of an " +
			"entry: the ones the provider writes (`backup_name`, `volume` as the archive volume's object name, `level`, " +
			"`expire`, `minute`, `hour`, `day`, `month`, `weekday`, `enabled`) are ConfD's schedule keys, a guess that a " +
			"real 6.x cluster may name otherwise.",
		Attributes: map[string]schema.Attribute{
			"id":      idAttribute("`<db_name>/<backup_name>`, e.g. `DB1/nightly`; also the import id."),
			"db_name": databaseNameAttribute("Name of the database to back up. Changing it replaces the schedule."),
			"backup_name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Name of the schedule (`backup_name`), unique within the database. Changing it replaces the schedule.",
				Validators:          []validator.String{stringvalidator.RegexMatches(backupNameRE, "must not be empty or begin or end with blanks")},
				PlanModifiers:       replace,
			},
			"backup_volume_name": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Name of the archive volume (a remote volume, or a storage volume of type archive) that receives the backups. " +
					"Set this or `backup_volume_id` (or both, naming the same volume). Changing the volume replaces the schedule.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace(),
				},
			},
			"backup_volume_id": schema.Int64Attribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Id of the archive volume that receives the backups (remote volumes have ids from 10000). " +
					"Set this or `backup_volume_name` (or both, naming the same volume). Changing the volume replaces the schedule.",
				Validators: []validator.Int64{int64validator.AtLeast(0)},
				PlanModifiers: []planmodifier.Int64{
					int64planmodifier.UseStateForUnknown(), int64planmodifier.RequiresReplace(),
				},
			},
			"level": schema.Int64Attribute{
				Required:            true,
				MarkdownDescription: "Backup level: 0 is a full backup, 1-9 are incremental backups on top of the last backup of a lower level. Changing it replaces the schedule.",
				Validators:          []validator.Int64{int64validator.Between(0, 9)},
				PlanModifiers:       int64Replace(),
			},
			"expire": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "How long each backup is kept, as ConfD writes it: groups of a number and a unit `m` (months), `w` (weeks), `d` (days) or `h` (hours) " +
					"separated by spaces, e.g. `\"1w 3d\"`. Unset: the backups never expire. Changed in place.",
				Validators: []validator.String{expireValidator},
			},
			"minute":  cron(cronMinute, defaultScheduleMinute, "Minute of the hour to start the backup"),
			"hour":    cron(cronHour, defaultScheduleHour, "Hour of the day to start the backup"),
			"day":     cron(cronDay, defaultScheduleDay, "Day of the month to start the backup"),
			"month":   cron(cronMonth, defaultScheduleMonth, "Month to start the backup"),
			"weekday": cron(cronWeekday, defaultScheduleWeekday, "Day of the week to start the backup (0 and 7 are Sunday; names such as `mon` or `Friday` are accepted too)"),
			"enabled": schema.BoolAttribute{
				Optional: true, Computed: true,
				Default:             booldefault.StaticBool(true),
				MarkdownDescription: "Whether the cluster runs the schedule. Default true (ConfD itself adds schedules disabled unless told). Changed in place.",
			},
		},
		Blocks: timeoutsBlock(ctx),
	}
}

func (r *backupScheduleResource) create(ctx context.Context, req resource.CreateRequest, plan *backupScheduleModel, resp *resource.CreateResponse) {
	spec := client.ScheduleSpec{
		DBName:           plan.DBName.ValueString(),
		BackupName:       plan.BackupName.ValueString(),
		BackupVolumeName: plan.BackupVolumeName.ValueString(),
		BackupVolumeID:   optInt64(plan.BackupVolumeID),
		Level:            plan.Level.ValueInt64(),
		Expire:           optString(plan.Expire),
		Minute:           optString(plan.Minute),
		Hour:             optString(plan.Hour),
		Day:              optString(plan.Day),
		Month:            optString(plan.Month),
		Weekday:          optString(plan.Weekday),
		Enabled:          optBool(plan.Enabled),
	}
	id := scheduleID(spec.DBName, spec.BackupName)
	if err := r.client.CreateBackupSchedule(ctx, spec); err != nil {
		_, lookErr := r.client.BackupSchedule(lookupCtx(ctx), spec.DBName, spec.BackupName)
		resp.Diagnostics.AddError("Cannot create backup schedule "+id, clientErrorDetail(err)+importHint("exasol_backup_schedule", "backup schedule", id, lookErr == nil))
		return
	}
	// The schedule exists from here on: record it before the read-back can fail.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("db_name"), spec.DBName)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("backup_name"), spec.BackupName)...)
	plan.ID = types.StringValue(id) // kept should the read-back fail
	r.readBack(ctx, plan, &resp.Diagnostics)
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
}

func (r *backupScheduleResource) update(ctx context.Context, req resource.UpdateRequest, plan, prior *backupScheduleModel, resp *resource.UpdateResponse) {
	db, name := plan.DBName.ValueString(), plan.BackupName.ValueString()
	if ch := scheduleChange(*prior, *plan); !ch.Empty() {
		if err := r.client.DBBackupModifySchedule(ctx, db, name, ch); err != nil {
			resp.Diagnostics.AddError("Cannot update backup schedule "+scheduleID(db, name), clientErrorDetail(err))
			return // nothing changed: the prior state stays
		}
	}
	r.readBack(ctx, plan, &resp.Diagnostics)
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
}

func (r *backupScheduleResource) delete(ctx context.Context, state *backupScheduleModel, resp *resource.DeleteResponse) {
	db, name := state.DBName.ValueString(), state.BackupName.ValueString()
	if err := r.client.DeleteBackupSchedule(ctx, db, name); err != nil {
		resp.Diagnostics.AddError("Cannot delete backup schedule "+scheduleID(db, name), clientErrorDetail(err))
	}
}

// ImportState takes "DB1/nightly": the database name cannot hold a slash, so
// everything after the first one is the schedule's name.
func (r *backupScheduleResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importIDFromIdentity(ctx, &req, &resp.Diagnostics, backupScheduleIdentity.importID)
	db, name, found := strings.Cut(req.ID, "/")
	if !found || !nameRE.MatchString(db) || !backupNameRE.MatchString(name) {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("Import an exasol_backup_schedule as <db_name>/<backup_name>, e.g. DB1/nightly; %q is not of that form.", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), scheduleID(db, name))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("db_name"), db)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("backup_name"), name)...)
}
