package client

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/client/exaop"
)

// RestoreTypes are db_restore's restore types
// (https://docs.exasol.com/db/latest/confd/jobs/db_restore.htm; EXAoperation's
// restoreDatabase takes the same words).
var RestoreTypes = []string{"blocking", "nonblocking", "virtual access"}

// RestoreSpec is one restore of a database from a backup.
type RestoreSpec struct {
	Database string
	// BackupID is the backup as db_backup_list names it (its "id").
	BackupID    string
	RestoreType string
	// Force cuts a running operation off when the database must be stopped.
	Force bool
	// Running is the runtime state wanted after the restore.
	Running bool
}

// DBRestore runs db_restore; the database must be stopped.
func (c *ConfD) DBRestore(ctx context.Context, db, backupID, restoreType string) error {
	_, err := c.exec(ctx, "db_restore", Params{"db_name": db, "backup_id": backupID, "restore_type": restoreType})
	return err
}

// DBRestore starts a restore of a stopped database (restoreDatabase).
func (x *EXAoperation) DBRestore(ctx context.Context, db, backupID, restoreType string) error {
	_, err := x.change(ctx, nil, exaop.DBObject(db), "restoreDatabase", backupID, restoreType)
	return err
}

// restorePrimitives are what a restore needs of a management interface.
type restorePrimitives interface {
	dbPrimitives
	DBBackupList(ctx context.Context, db string, showForeign bool) ([]Backup, error)
	DBRestore(ctx context.Context, db, backupID, restoreType string) error
}

func restoreDatabase(ctx context.Context, p restorePrimitives, s RestoreSpec, report func(string)) error {
	if report == nil {
		report = func(string) {}
	}
	if !slices.Contains(RestoreTypes, s.RestoreType) {
		return &Error{Kind: KindJob, Job: "db_restore", Message: fmt.Sprintf("restore type %q: use one of %q; nothing was sent", s.RestoreType, RestoreTypes)}
	}
	list, err := p.DBBackupList(ctx, s.Database, true)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(list, func(b Backup) bool { return b.ID == s.BackupID })
	switch {
	case i < 0:
		return &Error{Kind: KindJob, Job: "db_backup_list", Message: fmt.Sprintf(
			"the backups of database %s do not include %q; nothing was changed", s.Database, s.BackupID)}
	case !list[i].Usable:
		return &Error{Kind: KindJob, Job: "db_backup_list", Message: fmt.Sprintf(
			"backup %q is not usable (a backup it builds on is gone); nothing was changed", s.BackupID)}
	}
	report(fmt.Sprintf("database %s: stopping for the restore", s.Database))
	if _, err := stopDatabase(ctx, p, s.Database, s.Force); err != nil {
		return err
	}
	if err := p.DBRestore(ctx, s.Database, s.BackupID, s.RestoreType); err != nil {
		return err
	}
	report(fmt.Sprintf("database %s: %s restore from %s started", s.Database, s.RestoreType, s.BackupID))
	start, last := time.Now(), ""
	err = p.waiter().Until(ctx, fmt.Sprintf("the restore of database %s to end", s.Database), func(ctx context.Context) (bool, string, error) {
		d, err := p.DBStatus(ctx, s.Database)
		if err != nil {
			return false, "", err
		}
		state := fmt.Sprintf("state %s, operation %s", d.State, d.Operation)
		if state != last {
			last = state
			report(fmt.Sprintf("restore of %s: %s (%s)", s.Database, state, time.Since(start).Round(time.Second)))
		}
		return d.Idle(), state, nil
	})
	if err != nil {
		return err
	}
	report(fmt.Sprintf("database %s: restore ended", s.Database))
	return setDatabaseRunning(ctx, p, s.Database, s.Running, s.Force)
}
