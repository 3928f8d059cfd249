package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// snapshotScheduleModel is exasol_snapshot_schedule.
type snapshotScheduleModel struct {
	scheduleKey                  // id, db_name, backup_name
	Expire        types.String   `tfsdk:"expire"`
	scheduleTimes                // minute, hour, day, month, weekday, enabled
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
}

// fill sets every attribute from what the cluster reports (db_info); it
// never copies the plan, so a value changed out of band shows up as drift.
func (m *snapshotScheduleModel) fill(_ context.Context, s *client.SnapshotSchedule, _ *diag.Diagnostics) {
	m.set(s.BackupName)
	m.Expire = expireValue(s.Expire)
	m.scheduleTimes.fill(s.Minute, s.Hour, s.Day, s.Month, s.Weekday, s.Enabled)
}

// snapshotScheduleReader reads a snapshot schedule for Read and the
// read-back after a change.
var snapshotScheduleReader = scheduleReader("snapshot schedule", (*snapshotScheduleModel).key, client.Backend.SnapshotSchedule, (*snapshotScheduleModel).fill)

// spec is what db_snapshot_backup_add_schedule gets: every time field, so
// that the cluster's own defaults never decide.
func (m *snapshotScheduleModel) spec() client.SnapshotScheduleSpec {
	return client.SnapshotScheduleSpec{
		DBName: m.DBName.ValueString(), BackupName: m.BackupName.ValueString(), Expire: optString(m.Expire),
		Minute: optString(m.Minute), Hour: optString(m.Hour), Day: optString(m.Day), Month: optString(m.Month),
		Weekday: optString(m.Weekday), Enabled: optBool(m.Enabled),
	}
}

// snapshotScheduleChange lists the db_snapshot_backup_modify_schedule
// parameters whose planned value differs from the state; the other
// attributes replace the schedule.
func snapshotScheduleChange(prior, plan snapshotScheduleModel) client.SnapshotScheduleChange {
	return client.SnapshotScheduleChange(plan.changeFrom(prior.scheduleTimes))
}
