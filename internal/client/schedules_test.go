package client

import "testing"

// config.backups' keys are a guess: the id may be missing and older
// releases may call the volume "volume". Neither may be misread.
func TestParseSchedules(t *testing.T) {
	got := parseSchedules([]any{
		map[string]any{"backup_name": "a", "backup_volume_name": "r0001", "backup_volume_id": "10001", "level": int64(1),
			"expire": "1w", "minute": "0", "hour": "*", "day": "*", "month": "*", "weekday": "mon", "enabled": true},
		map[string]any{"backup_name": "b", "volume": "Archive", "level": "0"},
		map[string]any{"backup_name": "c", "backup_volume_id": "0"},
		"not a dict",
	})
	if len(got) != 3 {
		t.Fatalf("%d schedules, want 3: %+v", len(got), got)
	}
	a, b, c := got[0], got[1], got[2]
	if a.BackupVolumeID == nil || *a.BackupVolumeID != 10001 || a.BackupVolumeName != "r0001" || a.Level != 1 || !a.Enabled || a.Weekday != "mon" {
		t.Errorf("a = %+v", a)
	}
	if b.BackupVolumeID != nil || b.BackupVolumeName != "Archive" || b.Enabled || b.Expire != "" {
		t.Errorf("b = %+v: a missing id must stay unknown, the volume be read from \"volume\"", b)
	}
	if c.BackupVolumeID == nil || *c.BackupVolumeID != 0 {
		t.Errorf("c = %+v: volume id 0 is an id", c)
	}
}

func TestScheduleChangeParams(t *testing.T) {
	if !(ScheduleChange{}).Empty() {
		t.Fatal("an empty change is not empty")
	}
	never, off := "", false
	p := ScheduleChange{Expire: &never, Enabled: &off}.params()
	if len(p) != 2 || p["expire"] != "" || p["enabled"] != false {
		t.Fatalf("params %v, want exactly expire and enabled", p)
	}
}
