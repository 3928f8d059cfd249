package confd

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The snapshot jobs' documented calls (docs.exasol.com/db/latest/confd/jobs/
// db_snapshot_backup_*.htm), run by TestDocumentedExamples and the negative
// tests like every other job's.
func init() {
	examples = append(examples,
		example{"db_create", map[string]any{"db_name": "exa_db2", "version": "8.29.0", "data_volume_name": "DataVolume2",
			"mem_size": "2 GiB", "nodes": []int{11, 12, 13}, "num_active_nodes": 3, "port": 8564, "snapshot_sync_volume": "ArchiveVolume1"}, true},
		example{"db_snapshot_backup_add_schedule", map[string]any{"db_name": "exa_db", "backup_name": "snapshot1",
			"expire": "1w 3d", "enabled": true, "minute": 0, "hour": "*", "day": "*", "month": "*", "weekday": "*"}, true},
		example{"db_snapshot_backup_add_schedule", map[string]any{"db_name": "exa_db", "backup_name": "snapshot2",
			"expire": 3600, "minute": "15", "hour": 2, "day": 1, "month": 12, "weekday": "monday"}, true},
		example{"db_snapshot_backup_add_schedule", map[string]any{"db_name": "exa_db", "backup_name": "daily"}, false}, // exists
		example{"db_snapshot_backup_modify_schedule", map[string]any{"db_name": "exa_db", "backup_name": "daily",
			"minute": 30, "hour": "1", "day": "*", "month": "*", "weekday": 0, "enabled": false}, true},
		example{"db_snapshot_backup_modify_schedule", map[string]any{"db_name": "exa_db", "backup_name": "snapshot1",
			"enabled": true}, false}, // no such schedule
		example{"db_snapshot_backup_remove_schedule", map[string]any{"db_name": "exa_db", "backup_name": "daily"}, true},
		example{"db_snapshot_backup_remove_schedule", map[string]any{"db_name": "exa_db", "backup_name": "snapshot1"}, false},
		example{"db_snapshot_backup_start", map[string]any{"db_name": "exa_db", "expire": "1w"}, true},
		example{"db_snapshot_backup_start", map[string]any{"db_name": "exa_db"}, true},
		example{"db_snapshot_backup_list", map[string]any{"db_name": "exa_db"}, true},
	)
}

// snapshotFixture is the fixture's snapshot schedule (Exasol 8 only).
var snapshotFixture = example{"db_snapshot_backup_add_schedule", map[string]any{"db_name": "exa_db", "backup_name": "daily",
	"hour": 3}, true}

// What the pages state beyond the parameters: a schedule needs the
// database's snapshot_sync_volume; modifying one, and taking a snapshot,
// need a running database; the add defaults; modify takes no expire; a
// taken snapshot is listed; db_info shows the schedules (guess, see
// guesses.go); Exasol 7.1 has none of the jobs (guess).
func TestSnapshotJobs(t *testing.T) {
	s := fixture(t, Release8)
	fail := func(job string, p map[string]any, want string) {
		t.Helper()
		env := call(t, s, job, p)
		if env["result_code"] != int64(failCode) || !strings.Contains(fmt.Sprint(env["result_desc"]), want) {
			t.Errorf("%s %v: got %v, want a failure saying %q", job, p, env["result_desc"], want)
		}
	}
	ok := func(job string, p map[string]any) map[string]any {
		t.Helper()
		env := call(t, s, job, p)
		if env["result_code"] != int64(okCode) {
			t.Fatalf("%s %v: %v", job, p, env["result_desc"])
		}
		return env
	}
	// Defaults: minute 0, the rest *, disabled unless enabled.
	cfg := ok("db_info", map[string]any{"db_name": "exa_db"})["result_output"].(map[string]any)["config"].(map[string]any)
	l := cfg["snapshot_backups"].([]any)
	if len(l) != 1 {
		t.Fatalf("snapshot_backups: %v", l)
	}
	d := l[0].(map[string]any)
	if d["backup_name"] != "daily" || d["minute"] != "0" || d["hour"] != "3" || d["day"] != "*" || d["weekday"] != "*" ||
		d["enabled"] != false || (d["expire"] != "" && d["expire"] != nil) || cfg["snapshot_sync_volume"] != "DataVolume2" {
		t.Errorf("daily as db_info shows it: %v (%v)", d, cfg["snapshot_sync_volume"])
	}
	fail("db_snapshot_backup_modify_schedule", map[string]any{"db_name": "exa_db", "backup_name": "daily", "expire": "1w"},
		"unknown parameter 'expire'")
	fail("db_snapshot_backup_add_schedule", map[string]any{"db_name": "exa_db", "backup_name": "x", "hour": 24}, "hour")
	// A database without snapshot_sync_volume takes no schedule.
	ok("db_create", map[string]any{"db_name": "db2", "version": "8.29.0", "data_volume_name": "DataVolume2",
		"mem_size": "2 GiB", "nodes": []int{11, 12, 13}, "num_active_nodes": 3, "port": 8564})
	fail("db_snapshot_backup_add_schedule", map[string]any{"db_name": "db2", "backup_name": "x"}, "snapshot_sync_volume")
	// A snapshot is listed; a stopped database takes none, and its schedules are not modified.
	ok("db_snapshot_backup_start", map[string]any{"db_name": "exa_db", "expire": "1d"})
	if l := ok("db_snapshot_backup_list", map[string]any{"db_name": "exa_db"})["result_output"].([]any); len(l) != 1 ||
		l[0].(map[string]any)["expire"] == "" {
		t.Errorf("snapshot list: %v", l)
	}
	ok("db_stop", map[string]any{"db_name": "exa_db"})
	fail("db_snapshot_backup_start", map[string]any{"db_name": "exa_db"}, "running")
	fail("db_snapshot_backup_modify_schedule", map[string]any{"db_name": "exa_db", "backup_name": "daily", "hour": 1}, "running")
	ok("db_snapshot_backup_remove_schedule", map[string]any{"db_name": "exa_db", "backup_name": "daily"})

	old := fixture(t, Release71)
	names, _ := old.Call(context.Background(), "root", "job_list", nil)
	for name := range release8OnlyJobs {
		args := []any{name, map[string]any{"params": map[string]any{"db_name": "exa_db"}}}
		if _, err := old.Call(context.Background(), "root", "job_exec", args); err == nil || !strings.Contains(err.Error(), "does not exist") {
			t.Errorf("7.1 serves %s: %v", name, err)
		}
		if slices.Contains(names.([]string), name) {
			t.Errorf("7.1's job_list names %s", name)
		}
	}
}
