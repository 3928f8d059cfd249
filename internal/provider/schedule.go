package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// What backup schedules (exasol_backup_schedule) and snapshot schedules
// (exasol_snapshot_schedule) share: ConfD gives both the same key (a
// database and a backup_name), the same five cron fields and the same
// enabled flag, and reports both in db_info's configuration.

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

// scheduleTimes is the part of a schedule's model that says when it runs;
// embedded in both models, so its attributes are theirs.
type scheduleTimes struct {
	Minute  types.String `tfsdk:"minute"`
	Hour    types.String `tfsdk:"hour"`
	Day     types.String `tfsdk:"day"`
	Month   types.String `tfsdk:"month"`
	Weekday types.String `tfsdk:"weekday"`
	Enabled types.Bool   `tfsdk:"enabled"`
}

// timesChange is what a modify job sends of the times: the fields whose
// planned value differs from the state, nil where they do not.
type timesChange struct {
	Minute, Hour, Day, Month, Weekday *string
	Enabled                           *bool
}

func (t scheduleTimes) changeFrom(prior scheduleTimes) timesChange {
	return timesChange{
		Minute: stringChange(prior.Minute, t.Minute), Hour: stringChange(prior.Hour, t.Hour),
		Day: stringChange(prior.Day, t.Day), Month: stringChange(prior.Month, t.Month),
		Weekday: stringChange(prior.Weekday, t.Weekday), Enabled: boolChange(prior.Enabled, t.Enabled),
	}
}

// fill sets the times from what the cluster reports.
func (t *scheduleTimes) fill(minute, hour, day, month, weekday string, enabled bool) {
	t.Minute = types.StringValue(minute)
	t.Hour = types.StringValue(hour)
	t.Day = types.StringValue(day)
	t.Month = types.StringValue(month)
	t.Weekday = types.StringValue(weekday)
	t.Enabled = types.BoolValue(enabled)
}

// expireValue is a reported expiry as the attribute holds it: "" (never
// expire) is expire unset.
func expireValue(expire string) types.String {
	if expire == "" {
		return types.StringNull()
	}
	return types.StringValue(expire)
}

// backupNameRE: any text without surrounding blanks. guess: ConfD documents
// no rule beyond "unique within a DB"; blanks at the ends would be invisible
// in listings.
var backupNameRE = regexp.MustCompile(`^\S(.*\S)?$`)

// scheduleSchema is a schedule's schema: desc, the schedule's key (id, for
// instance example; db_name, described by dbDesc; backup_name), its own
// attributes attrs, the cron fields and enabled (what says what the
// schedule does, e.g. "start the backup"), and the timeouts.
func scheduleSchema(ctx context.Context, desc, example, dbDesc, what string, attrs map[string]schema.Attribute) schema.Schema {
	attrs["id"] = idAttribute("`<db_name>/<backup_name>`, e.g. `" + example + "`; also the import id.")
	attrs["db_name"] = databaseNameAttribute(dbDesc)
	attrs["backup_name"] = schema.StringAttribute{
		Required:            true,
		MarkdownDescription: "Name of the schedule (`backup_name`), unique within the database. Changing it replaces the schedule.",
		Validators:          []validator.String{stringvalidator.RegexMatches(backupNameRE, "must not be empty or begin or end with blanks")},
		PlanModifiers:       replaceString(),
	}
	cron := func(f cronField, def, desc string) schema.StringAttribute {
		return schema.StringAttribute{
			Optional: true, Computed: true,
			Default:             stringdefault.StaticString(def),
			MarkdownDescription: fmt.Sprintf("%s, in cron syntax: a value %d-%d, `*`, a range `a-b`, a step `*/n` or `a-b/n`, or a comma list of these. Default `%q`. Changed in place.", desc, f.lo, f.hi, def),
			Validators:          []validator.String{f},
		}
	}
	attrs["minute"] = cron(cronMinute, defaultScheduleMinute, "Minute of the hour to "+what)
	attrs["hour"] = cron(cronHour, defaultScheduleHour, "Hour of the day to "+what)
	attrs["day"] = cron(cronDay, defaultScheduleDay, "Day of the month to "+what)
	attrs["month"] = cron(cronMonth, defaultScheduleMonth, "Month to "+what)
	attrs["weekday"] = cron(cronWeekday, defaultScheduleWeekday, "Day of the week to "+what+" (0 and 7 are Sunday; names such as `mon` or `Friday` are accepted too)")
	attrs["enabled"] = schema.BoolAttribute{
		Optional: true, Computed: true,
		Default:             booldefault.StaticBool(true),
		MarkdownDescription: "Whether the cluster runs the schedule. Default true (ConfD itself adds schedules disabled unless told). Changed in place.",
	}
	return schema.Schema{MarkdownDescription: desc, Attributes: attrs, Blocks: timeoutsBlock(ctx)}
}

// setScheduleKey records a schedule's key (id, db_name, backup_name) in the
// state: after its create, before the read-back can fail, and on import.
func setScheduleKey(ctx context.Context, state *tfsdk.State, db, name string, diags *diag.Diagnostics) {
	setAttributes(ctx, state, diags, map[string]any{"id": scheduleID(db, name), "db_name": db, "backup_name": name})
}

// importSchedule takes an import id such as "DB1/nightly": the database name
// cannot hold a slash, so everything after the first one is the schedule's
// name; an import by identity (scheduleIdentity) becomes that id. typeName
// and example go into the refusal of another form.
func importSchedule(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, typeName, example string) {
	importIDFromIdentity(ctx, &req, &resp.Diagnostics, scheduleIdentity.importID)
	db, name, found := strings.Cut(req.ID, "/")
	if !found || !nameRE.MatchString(db) || !backupNameRE.MatchString(name) {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("Import an %s as <db_name>/<backup_name>, e.g. %s; %q is not of that form.", typeName, example, req.ID))
		return
	}
	setScheduleKey(ctx, &resp.State, db, name, &resp.Diagnostics)
}

// scheduleIdentity is a schedule's resource identity (identity.go): what it
// is imported by.
type scheduleIdentity struct {
	DBName     types.String `tfsdk:"db_name"`
	BackupName types.String `tfsdk:"backup_name"`
}

func (i scheduleIdentity) importID() string {
	return scheduleID(i.DBName.ValueString(), i.BackupName.ValueString())
}

// scheduleIdentitySchema is scheduleIdentity's schema; nameDesc describes backup_name.
func scheduleIdentitySchema(nameDesc string) identityschema.Schema {
	return identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"db_name":     identityschema.StringAttribute{RequiredForImport: true, Description: "Name of the database."},
		"backup_name": identityschema.StringAttribute{RequiredForImport: true, Description: nameDesc},
	}}
}

// scheduleKey names a schedule: a database and the schedule's name, and
// the id made of both. Both models embed it.
type scheduleKey struct {
	ID         types.String `tfsdk:"id"`
	DBName     types.String `tfsdk:"db_name"`
	BackupName types.String `tfsdk:"backup_name"`
}

func (k *scheduleKey) names() (db, name string) {
	return k.DBName.ValueString(), k.BackupName.ValueString()
}

func (k *scheduleKey) identity() any {
	return scheduleIdentity{DBName: k.DBName, BackupName: k.BackupName}
}

// key lets code generic over the two models reach the embedded key.
func (k *scheduleKey) key() *scheduleKey { return k }

// set records the schedule called name, as the cluster reports it, in the
// database the key names.
func (k *scheduleKey) set(name string) {
	db := k.DBName.ValueString()
	k.ID, k.DBName, k.BackupName = types.StringValue(scheduleID(db, name)), types.StringValue(db), types.StringValue(name)
}

// scheduleReader is the reader of a schedule of kind, which get reads by
// database and name and fill maps.
func scheduleReader[M, O any](kind string, key func(m *M) *scheduleKey, get func(client.Backend, context.Context, string, string) (O, error),
	fill func(*M, context.Context, O, *diag.Diagnostics)) object[M, O] {
	return object[M, O]{kind: kind, fill: fill,
		name:     func(m *M) string { return scheduleID(key(m).names()) },
		identity: func(m *M) any { return key(m).identity() },
		get: func(ctx context.Context, c client.Backend, m *M) (O, error) {
			db, name := key(m).names()
			return get(c, ctx, db, name)
		}}
}

// scheduleResource is what a backup schedule and a snapshot schedule do
// alike: each is added (from its spec S), modified (by its change C) and
// deleted by database and name, and imported as <db_name>/<backup_name>,
// with the schema scheduleSchema makes; calls are the kind: its schema's
// parts and its jobs.
type scheduleResource[M, O, S any, C interface{ Empty() bool }] struct {
	resourceBase[M, O]
	calls scheduleCalls[M, S, C]
}

// scheduleCalls are a kind of schedule: its schema (scheduleSchema's desc,
// dbDesc and what, and the kind's own attributes attrs) and its jobs.
type scheduleCalls[M, S any, C interface{ Empty() bool }] struct {
	typeName, example  string // "exasol_backup_schedule", "DB1/nightly"
	desc, dbDesc, what string
	attrs              func() map[string]schema.Attribute
	key                func(m *M) *scheduleKey
	spec               func(m *M) S
	change             func(prior, plan M) C // what the modify job sends
	add                func(c client.Backend, ctx context.Context, s S) error
	modify             func(c client.Backend, ctx context.Context, db, name string, ch C) error
	remove             func(c client.Backend, ctx context.Context, db, name string) error
}

// Schema is the kind's: scheduleSchema over the parts calls name.
func (r *scheduleResource[M, O, S, C]) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = scheduleSchema(ctx, r.calls.desc, r.calls.example, r.calls.dbDesc, r.calls.what, r.calls.attrs())
}

func (r *scheduleResource[M, O, S, C]) create(ctx context.Context, _ resource.CreateRequest, plan *M, resp *resource.CreateResponse) {
	k := r.calls.key(plan)
	db, name := k.names()
	id := scheduleID(db, name)
	if err := r.calls.add(r.client, ctx, r.calls.spec(plan)); err != nil {
		_, lookErr := r.object.get(lookupCtx(ctx), r.client, plan)
		resp.Diagnostics.AddError("Cannot create "+r.object.kind+" "+id, clientErrorDetail(err)+importHint(r.calls.typeName, r.object.kind, id, lookErr == nil))
		return
	}
	// The schedule exists from here on: record it before the read-back can fail.
	setScheduleKey(ctx, &resp.State, db, name, &resp.Diagnostics)
	k.ID = types.StringValue(id) // kept should the read-back fail
	r.readBack(ctx, plan, &resp.Diagnostics)
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
}

func (r *scheduleResource[M, O, S, C]) update(ctx context.Context, _ resource.UpdateRequest, plan, prior *M, resp *resource.UpdateResponse) {
	db, name := r.calls.key(plan).names()
	if ch := r.calls.change(*prior, *plan); !ch.Empty() {
		if err := r.calls.modify(r.client, ctx, db, name, ch); err != nil {
			resp.Diagnostics.AddError("Cannot update "+r.object.kind+" "+scheduleID(db, name), clientErrorDetail(err))
			return // nothing changed: the prior state stays
		}
	}
	r.readBack(ctx, plan, &resp.Diagnostics)
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
}

func (r *scheduleResource[M, O, S, C]) delete(ctx context.Context, state *M, resp *resource.DeleteResponse) {
	db, name := r.calls.key(state).names()
	if err := r.calls.remove(r.client, ctx, db, name); err != nil {
		resp.Diagnostics.AddError("Cannot delete "+r.object.kind+" "+scheduleID(db, name), clientErrorDetail(err))
	}
}

// ImportState takes "DB1/nightly" (importSchedule).
func (r *scheduleResource[M, O, S, C]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importSchedule(ctx, req, resp, r.calls.typeName, r.calls.example)
}
