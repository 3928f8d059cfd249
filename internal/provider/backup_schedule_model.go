package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

type backupScheduleModel struct {
	scheduleKey                     // id, db_name, backup_name
	BackupVolumeName types.String   `tfsdk:"backup_volume_name"`
	BackupVolumeID   types.Int64    `tfsdk:"backup_volume_id"`
	Level            types.Int64    `tfsdk:"level"`
	Expire           types.String   `tfsdk:"expire"`
	scheduleTimes                   // minute, hour, day, month, weekday, enabled
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

// scheduleID is the identifier an operator sees: "DB1/nightly".
func scheduleID(db, name string) string { return db + "/" + name }

// fill sets every attribute from what the cluster reports; it never copies
// the plan, so a value changed out of band shows up as drift.
func (m *backupScheduleModel) fill(_ context.Context, s *client.BackupSchedule, _ *diag.Diagnostics) {
	m.set(s.BackupName)
	m.BackupVolumeName = types.StringValue(s.BackupVolumeName)
	if s.BackupVolumeID != nil {
		m.BackupVolumeID = types.Int64Value(*s.BackupVolumeID)
	} else if m.BackupVolumeID.IsUnknown() {
		// A cluster that does not report the id: keep what is known, else null.
		m.BackupVolumeID = types.Int64Null()
	}
	m.Level = types.Int64Value(s.Level)
	m.Expire = expireValue(s.Expire)
	m.scheduleTimes.fill(s.Minute, s.Hour, s.Day, s.Month, s.Weekday, s.Enabled)
}

// spec is what db_backup_add_schedule gets.
func (m *backupScheduleModel) spec() client.ScheduleSpec {
	return client.ScheduleSpec{
		DBName:           m.DBName.ValueString(),
		BackupName:       m.BackupName.ValueString(),
		BackupVolumeName: m.BackupVolumeName.ValueString(),
		BackupVolumeID:   optInt64(m.BackupVolumeID),
		Level:            m.Level.ValueInt64(),
		Expire:           optString(m.Expire),
		Minute:           optString(m.Minute),
		Hour:             optString(m.Hour),
		Day:              optString(m.Day),
		Month:            optString(m.Month),
		Weekday:          optString(m.Weekday),
		Enabled:          optBool(m.Enabled),
	}
}

// scheduleChange lists the db_backup_modify_schedule parameters whose
// planned value differs from the state; the other attributes replace.
func scheduleChange(prior, plan backupScheduleModel) client.ScheduleChange {
	t := plan.changeFrom(prior.scheduleTimes)
	ch := client.ScheduleChange{Minute: t.Minute, Hour: t.Hour, Day: t.Day, Month: t.Month, Weekday: t.Weekday, Enabled: t.Enabled}
	if !plan.Expire.Equal(prior.Expire) {
		never := ""
		ch.Expire = &never // expire removed from the configuration
		if !plan.Expire.IsNull() {
			ch.Expire = plan.Expire.ValueStringPointer()
		}
	}
	return ch
}

// backupScheduleReader reads a backup schedule for Read and the read-back
// after a change.
var backupScheduleReader = scheduleReader("backup schedule", (*backupScheduleModel).key, client.Backend.BackupSchedule, (*backupScheduleModel).fill)
