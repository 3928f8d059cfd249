package client

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/wait"
)

// BackupStart is what db_backup_start takes.
type BackupStart struct {
	Database   string
	VolumeName string // backup_volume_name: a remote volume or an archive volume
	Level      int64  // 0 = full, 1–9 incremental on the newest lower level
	Expire     string // "1w 3d"; "" = never
}

// DBBackupStart runs db_backup_start; the database must be running and idle.
func (c *ConfD) DBBackupStart(ctx context.Context, s BackupStart) error {
	p := Params{"db_name": s.Database, "backup_volume_name": s.VolumeName, "level": s.Level}
	if s.Expire != "" {
		p["expire"] = s.Expire
	}
	_, err := c.exec(ctx, "db_backup_start", p)
	return err
}

// BackupProgress is db_backup_progress, typed. guess: the docs show no
// output; the keys are the simulator's ("running", "progress" in percent,
// "operation"). A release that says less leaves Percent at -1.
type BackupProgress struct {
	Running   bool
	Percent   int64
	Operation string
}

// DBBackupProgress runs db_backup_progress.
func (c *ConfD) DBBackupProgress(ctx context.Context, db string) (*BackupProgress, error) {
	r, err := c.exec(ctx, "db_backup_progress", Params{"db_name": db})
	if err != nil {
		return nil, err
	}
	f := asFields(r.Output)
	p := &BackupProgress{Running: f.flag("running"), Percent: -1, Operation: f.str("operation")}
	if f.has("progress") {
		p.Percent = f.num("progress")
	}
	return p, nil
}

// backupPrimitives are what a backup run needs of a management interface;
// ConfD and EXAoperation provide them, and the run is written once.
type backupPrimitives interface {
	DBBackupList(ctx context.Context, db string, showForeign bool) ([]Backup, error)
	DBBackupStart(ctx context.Context, s BackupStart) error
	DBStatus(ctx context.Context, name string) (*Database, error)
	// DBBackupProgress is a courtesy: an error only leaves the percentage out.
	DBBackupProgress(ctx context.Context, db string) (*BackupProgress, error)
}

func runBackup(ctx context.Context, c backupPrimitives, s BackupStart, report func(msg string)) (*Backup, error) {
	if report == nil {
		report = func(string) {}
	}
	before, err := c.DBBackupList(ctx, s.Database, false)
	if err != nil {
		return nil, err
	}
	if err := c.DBBackupStart(ctx, s); err != nil {
		return nil, err
	}
	report(fmt.Sprintf("backup of %s (level %d) to %s started", s.Database, s.Level, s.VolumeName))
	start, last := time.Now(), ""
	w := wait.Waiter{Backoff: wait.DefaultBackoff}
	err = w.Until(ctx, fmt.Sprintf("the backup of database %s to finish", s.Database), func(ctx context.Context) (bool, string, error) {
		d, err := c.DBStatus(ctx, s.Database)
		if err != nil {
			return false, "", err
		}
		if d.Idle() {
			return true, "operation None", nil
		}
		state := fmt.Sprintf("operation %s", d.Operation)
		// progress is a courtesy: a release without the job still finishes the wait
		if p, err := c.DBBackupProgress(ctx, s.Database); err == nil && p.Percent >= 0 {
			state = fmt.Sprintf("%d%% done", p.Percent)
		}
		if state != last {
			last = state
			report(fmt.Sprintf("backup of %s: %s (%s)", s.Database, state, time.Since(start).Round(time.Second)))
		}
		return false, state, nil
	})
	if err != nil {
		if wait.IsTimeout(err) {
			return nil, fmt.Errorf("%w; the backup goes on on the cluster (db_backup_abort stops it)", err)
		}
		return nil, err
	}
	after, err := c.DBBackupList(context.WithoutCancel(ctx), s.Database, false)
	if err != nil {
		return nil, err
	}
	for _, b := range slices.Backward(after) {
		if !slices.ContainsFunc(before, func(o Backup) bool { return o.ID == b.ID }) {
			report(backupFinished(s.Database, b))
			return &b, nil
		}
	}
	return nil, &Error{Kind: KindJob, Job: "db_backup_start", Message: fmt.Sprintf(
		"the operation of database %s ended but db_backup_list shows no new backup: the backup was aborted or failed", s.Database)}
}

// backupFinished says which backup was made as an operator reads a backup
// list (level, time, volume, size, expiry), not as the raw id that only
// db_restore takes.
func backupFinished(db string, b Backup) string {
	expire := "never expires"
	if b.Expire != "" {
		expire = "expires " + b.Expire
	}
	return fmt.Sprintf("backup of %s finished: level %d of %s on %s, %s, %s", db, b.Level, b.Timestamp, b.Volume, b.Usage, expire)
}
