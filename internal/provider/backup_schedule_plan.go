package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/units"
)

// checkCluster checks a backup schedule against the cluster (see
// preflight.go): a new schedule's database and archive volume exist or are
// planned, and its name is free in the database; a change in place finds
// the database running, as db_backup_modify_schedule needs. Cron fields and
// the expiry are checked without the cluster (cronField, expireValidator below).
func (r *backupScheduleResource) checkCluster(ctx context.Context, plan, prior *backupScheduleModel, replacement bool, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !known(plan.DBName) {
		return
	}
	pf := r.preflight
	if prior != nil && !replacement && schedReplaced(*prior, *plan) {
		return // checked as the create of the replacement
	}
	c := scheduleCheck{pf: pf, plan: *plan, prior: prior}
	fresh := prior == nil || replacement
	pf.check(ctx, &resp.Diagnostics, "backup schedule "+plan.DBName.ValueString()+"/"+plan.BackupName.ValueString(),
		func(ctx context.Context) (diag.Diagnostics, error) {
			var ds diag.Diagnostics
			c.diags = &ds
			if !fresh {
				return ds, c.running(ctx)
			}
			if err := c.database(ctx); err != nil {
				return nil, err
			}
			return ds, c.volume(ctx)
		})
}

// schedReplaced reports whether the plan replaces the schedule (see the schema).
func schedReplaced(prior, plan backupScheduleModel) bool {
	return anyPlannedChange([][2]attr.Value{
		{plan.DBName, prior.DBName}, {plan.BackupName, prior.BackupName}, {plan.BackupVolumeName, prior.BackupVolumeName},
		{plan.BackupVolumeID, prior.BackupVolumeID}, {plan.Level, prior.Level},
	})
}

type scheduleCheck struct {
	pf    *preflight
	plan  backupScheduleModel
	prior *backupScheduleModel
	diags *diag.Diagnostics
}

// database finds the database, and the schedule's name free in it.
func (c scheduleCheck) database(ctx context.Context) error {
	db := c.plan.DBName.ValueString()
	names, err := c.pf.view.DatabaseNames(ctx)
	if err != nil {
		return err
	}
	if !slices.Contains(names, db) {
		if _, planned := c.pf.planned.database(db); !planned {
			c.diags.AddAttributeError(path.Root("db_name"), "No such database",
				fmt.Sprintf("Database %s does not exist. %s", db, notPlannedHint("exasol_database", "db_name = exasol_database.db1.db_name")))
		}
		return nil
	}
	if !known(c.plan.BackupName) {
		return nil
	}
	schedules, err := c.pf.view.Schedules(ctx, db)
	if err != nil {
		return err
	}
	name := c.plan.BackupName.ValueString()
	self := c.prior != nil && c.prior.DBName.ValueString() == db && c.prior.BackupName.ValueString() == name
	for _, s := range schedules {
		own := s.BackupVolumeName == c.plan.BackupVolumeName.ValueString() && s.Level == c.plan.Level.ValueInt64() // ownObject in preflight.go
		if s.BackupName == name && !self && !own {
			c.diags.AddAttributeError(path.Root("backup_name"), "Backup schedule exists",
				fmt.Sprintf("Database %s already has a backup schedule named %s. Choose another name, or import it (%s).", db, name, scheduleID(db, name)))
		}
	}
	return nil
}

// volume finds the archive volume by name or id: a remote volume, or a
// storage volume of type archive.
func (c scheduleCheck) volume(ctx context.Context) error {
	byName, byID := known(c.plan.BackupVolumeName), known(c.plan.BackupVolumeID)
	if !byName && !byID {
		return nil
	}
	name, id := c.plan.BackupVolumeName.ValueString(), c.plan.BackupVolumeID.ValueInt64()
	at, label := path.Root("backup_volume_name"), name
	if !byName {
		at, label = path.Root("backup_volume_id"), "with id "+strconv.FormatInt(id, 10)
	}
	vols, err := c.pf.view.Volumes(ctx)
	if err != nil {
		return err
	}
	for _, v := range vols {
		if (byName && v.Name == name) || (!byName && v.ID == strconv.FormatInt(id, 10)) {
			if byName && byID && v.ID != strconv.FormatInt(id, 10) {
				c.mismatch(name, v.ID)
			}
			if v.Type != "" && v.Type != client.VolumeTypeArchive {
				c.diags.AddAttributeError(at, "Not an archive volume",
					fmt.Sprintf("Storage volume %s is a %s volume; backups go to an archive volume (a remote volume, or a storage volume of type archive).", v.Name, v.Type))
			}
			return nil
		}
	}
	if byName {
		if pv, ok := c.pf.planned.volume(name); ok {
			if pv.typ != "" && pv.typ != client.VolumeTypeArchive {
				c.diags.AddAttributeError(at, "Not an archive volume",
					fmt.Sprintf("Storage volume %s is planned as a %s volume; backups go to an archive volume.", name, pv.typ))
			}
			return nil
		}
	}
	if c.pf.planned.remote(name, id) {
		return nil
	}
	if byName && byID {
		remotes, err := c.pf.view.RemoteVolumes(ctx)
		if err != nil {
			return err
		}
		for _, v := range remotes {
			if v.Name == name {
				if v.ID != id {
					c.mismatch(name, strconv.FormatInt(v.ID, 10))
				}
				return nil
			}
		}
	} else if byName {
		names, err := c.pf.view.RemoteVolumeNames(ctx)
		if err != nil || slices.Contains(names, name) {
			return err
		}
	} else {
		remotes, err := c.pf.view.RemoteVolumes(ctx)
		if err != nil {
			return err
		}
		if slices.ContainsFunc(remotes, func(v *client.RemoteVolume) bool { return v.ID == id }) {
			return nil
		}
	}
	c.diags.AddAttributeError(at, "No such archive volume",
		fmt.Sprintf("Archive volume %s does not exist (neither a remote volume nor a storage volume of type archive). %s", label,
			notPlannedHint("exasol_remote_volume", "backup_volume_name = exasol_remote_volume.backups.remote_volume_name")))
	return nil
}

// mismatch reports a backup_volume_name and backup_volume_id that name two
// volumes.
func (c scheduleCheck) mismatch(name, id string) {
	c.diags.AddAttributeError(path.Root("backup_volume_id"), "Archive volume named twice",
		fmt.Sprintf("backup_volume_name %s is the volume with id %s, not %d. Set one of backup_volume_name and backup_volume_id, or both naming the same volume.",
			name, id, c.plan.BackupVolumeID.ValueInt64()))
}

// running finds the database running: db_backup_modify_schedule refuses
// otherwise (fact: "The database must be running to run this job").
func (c scheduleCheck) running(ctx context.Context) error {
	db := c.plan.DBName.ValueString()
	if pd, ok := c.pf.planned.database(db); ok && pd.running != nil && *pd.running {
		return nil // started in this run before the schedule changes
	}
	d, err := c.pf.view.Database(ctx, db)
	if err != nil || d == nil {
		return err
	}
	if d.State != client.DBStateRunning {
		c.diags.AddAttributeError(path.Root("db_name"), "Database not running",
			fmt.Sprintf("Changing a backup schedule (db_backup_modify_schedule) needs database %s to be running; it is %s. "+
				"Start it first (running = true on its exasol_database).", db, d.State))
	}
	return nil
}

// Plan-time checks of a backup schedule's cron fields and expiry, so that a
// typo fails at plan with the allowed values, not at apply with a cluster
// message. They accept what ConfD documents and the simulator enforces.

// cronField describes one cron field of db_backup_add_schedule. The ranges
// are ConfD's (docs: minute 0-59, hour 0-23, day 1-31, month 1-12, weekday
// 0-7 "or the english name of the day").
type cronField struct {
	name   string
	lo, hi int
	names  map[string]int // words accepted in place of numbers (weekday only)
}

// guess: "the english name of the day" is read as the full name or its
// three-letter abbreviation, in any case, usable wherever a number is
// (also in ranges such as "mon-fri"). Keep in step with the simulator's
// WeekdayNames.
var weekdayNames = map[string]int{
	"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6,
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
}

var (
	cronMinute  = cronField{name: "minute", lo: 0, hi: 59}
	cronHour    = cronField{name: "hour", lo: 0, hi: 23}
	cronDay     = cronField{name: "day", lo: 1, hi: 31}
	cronMonth   = cronField{name: "month", lo: 1, hi: 12}
	cronWeekday = cronField{name: "weekday", lo: 0, hi: 7, names: weekdayNames}
)

func (f cronField) Description(context.Context) string {
	d := fmt.Sprintf(`must be a cron %s field: "*", a value %d-%d, a range "a-b", a step "*/n" or "a-b/n", or a comma-separated list of these`,
		f.name, f.lo, f.hi)
	if f.names != nil {
		d += ` (days may also be named: "mon", "Monday", …; 0 and 7 are Sunday)`
	}
	return d
}

func (f cronField) MarkdownDescription(ctx context.Context) string { return f.Description(ctx) }

func (f cronField) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	v := req.ConfigValue.ValueString()
	if problem := f.check(v); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+f.name,
			fmt.Sprintf("%q is not valid: %s. The value %s.", v, problem, f.Description(ctx)))
	}
}

// check returns what is wrong with v, or "".
func (f cronField) check(v string) string {
	if v == "" {
		return "it is empty"
	}
	for _, part := range strings.Split(v, ",") {
		rng, step, hasStep := strings.Cut(part, "/")
		if hasStep {
			if n, err := strconv.Atoi(step); err != nil || n < 1 {
				return fmt.Sprintf("the step %q must be a whole number of at least 1", step)
			}
		}
		if rng == "*" {
			continue
		}
		a, b, isRange := strings.Cut(rng, "-")
		x, msg := f.value(a)
		if msg != "" {
			return msg
		}
		switch {
		case isRange:
			y, msg := f.value(b)
			if msg != "" {
				return msg
			}
			if y < x {
				return fmt.Sprintf("the range %q runs backwards", rng)
			}
		case hasStep:
			return fmt.Sprintf("a step needs \"*\" or a range before it, not %q", part)
		}
	}
	return ""
}

func (f cronField) value(s string) (int, string) {
	if n, ok := f.names[strings.ToLower(s)]; ok {
		return n, ""
	}
	n, err := strconv.Atoi(s)
	if err != nil || strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") {
		if f.names != nil {
			return 0, fmt.Sprintf("%q is neither a number nor a day name", s)
		}
		return 0, fmt.Sprintf("%q is not a number", s)
	}
	if n < f.lo || n > f.hi {
		return 0, fmt.Sprintf("%d is outside %d-%d", n, f.lo, f.hi)
	}
	return n, ""
}

func (r *backupScheduleResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		// Both may be set (a configuration generated by an import has both);
		// the preflight then checks that they name the same volume.
		resourcevalidator.AtLeastOneOf(path.MatchRoot("backup_volume_name"), path.MatchRoot("backup_volume_id")),
	}
}

// expireValidator checks ConfD's expiry notation "#m #w #d #h" with the
// parser the simulator uses (units.ParseExpire), so that what passes the
// plan is what the cluster accepts.
var expireValidator = stringCheck{desc: expireDesc, problem: func(s string) (string, string) {
	if s == "" {
		return "Invalid expire", "expire is empty. Omit expire for backups that never expire, or give a time such as \"1w 3d\"."
	}
	d, err := units.ParseExpire(s)
	switch {
	case errors.Is(err, units.ErrExpireTooLong):
		return "Invalid expire", fmt.Sprintf("%q is too long: an expiry can be at most about 292 years. Omit expire for backups that never expire.", s)
	case err != nil:
		return "Invalid expire", fmt.Sprintf("%q is not valid: the value %s.", s, expireDesc)
	case d == 0:
		return "Invalid expire", fmt.Sprintf("%q adds up to zero, so every backup would expire at once. Omit expire for backups that never expire.", s)
	}
	return "", ""
}}

const expireDesc = `must be one or more "<number><unit>" groups separated by spaces, with units m, w, d and h (ConfD's "#m #w #d #h"), e.g. "1w 3d"`
