package client

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/client/exaop"
)

// Database operations as db_info reports them. guess: the pages name no
// operation values; "Backup" and "Restore" are what the simulator and the
// seeds' transcripts show.
const (
	OperationBackup  = "Backup"
	OperationRestore = "Restore"
)

// ExpireTimeLayout is db_backup_change_expiration's expire_time
// ("YYYY-MM-DD hh:mm:ss",
// https://docs.exasol.com/db/latest/confd/jobs/db_backup_change_expiration.htm).
const ExpireTimeLayout = time.DateTime

// DBBackupAbort runs db_backup_abort.
func (c *ConfD) DBBackupAbort(ctx context.Context, db string) error {
	_, err := c.exec(ctx, "db_backup_abort", Params{"db_name": db})
	return err
}

// DBBackupsDelete runs db_backups_delete.
func (c *ConfD) DBBackupsDelete(ctx context.Context, db string, ids []string) error {
	_, err := c.exec(ctx, "db_backups_delete", Params{"db_name": db, "backup_list": ids})
	return err
}

// DBBackupDeleteUnusable runs db_backup_delete_unusable.
func (c *ConfD) DBBackupDeleteUnusable(ctx context.Context, db string) error {
	_, err := c.exec(ctx, "db_backup_delete_unusable", Params{"db_name": db})
	return err
}

// DBBackupChangeExpiration runs db_backup_change_expiration; a zero time
// means never (blank expire_time, fact: the page).
func (c *ConfD) DBBackupChangeExpiration(ctx context.Context, _ string, volumeID int64, files string, at time.Time) error {
	t := ""
	if !at.IsZero() {
		t = at.UTC().Format(ExpireTimeLayout)
	}
	_, err := c.exec(ctx, "db_backup_change_expiration", Params{"backup_volume_id": volumeID, "backup_files": files, "expire_time": t})
	return err
}

// DBBackupAbort aborts the running backup (abortBackup).
func (x *EXAoperation) DBBackupAbort(ctx context.Context, db string) error {
	_, err := x.change(ctx, nil, exaop.DBObject(db), "abortBackup")
	return err
}

// DBBackupsDelete deletes backups by id (deleteBackups).
func (x *EXAoperation) DBBackupsDelete(ctx context.Context, db string, ids []string) error {
	l := make([]any, len(ids))
	for i, id := range ids {
		l[i] = id
	}
	_, err := x.change(ctx, nil, exaop.DBObject(db), "deleteBackups", l)
	return err
}

// DBBackupDeleteUnusable deletes the database's unusable backups (deleteUnusableBackups).
func (x *EXAoperation) DBBackupDeleteUnusable(ctx context.Context, db string) error {
	_, err := x.change(ctx, nil, exaop.DBObject(db), "deleteUnusableBackups")
	return err
}

// DBBackupChangeExpiration changes when a backup set expires
// (changeBackupExpiration(volume id, prefix, seconds since the Epoch); 0
// for never, guess).
func (x *EXAoperation) DBBackupChangeExpiration(ctx context.Context, db string, volumeID int64, files string, at time.Time) error {
	var epoch int64
	if !at.IsZero() {
		epoch = at.Unix()
	}
	_, err := x.change(ctx, nil, exaop.DBObject(db), "changeBackupExpiration", volumeID, files, epoch)
	return err
}

// backupControlPrimitives are what backup control needs of an interface.
type backupControlPrimitives interface {
	dbPrimitives
	DBList(ctx context.Context) ([]string, error)
	DBBackupList(ctx context.Context, db string, showForeign bool) ([]Backup, error)
	DBBackupAbort(ctx context.Context, db string) error
	DBBackupsDelete(ctx context.Context, db string, ids []string) error
	DBBackupDeleteUnusable(ctx context.Context, db string) error
	DBBackupChangeExpiration(ctx context.Context, db string, volumeID int64, files string, at time.Time) error
}

func abortBackup(ctx context.Context, p backupControlPrimitives, db string, report func(string)) error {
	report = orNoReport(report)
	d, err := p.DBStatus(ctx, db)
	if err != nil {
		return err
	}
	if d.Operation != OperationBackup {
		report(fmt.Sprintf("database %s: no backup running (operation %s); nothing to abort", db, d.Operation))
		return nil
	}
	if err := p.DBBackupAbort(ctx, db); err != nil {
		return err
	}
	report(fmt.Sprintf("database %s: backup abort sent", db))
	if _, err := waitDatabase(ctx, p, db, "end its aborted backup", (*Database).Idle); err != nil {
		return err
	}
	report(fmt.Sprintf("database %s: backup aborted, operation None", db))
	return nil
}

// restoreRunning refuses a change to backups while any database restores:
// the backup it reads may be one of them (a restore may read another
// database's backup), and no answer says which one it reads.
func restoreRunning(ctx context.Context, p backupControlPrimitives) error {
	dbs, err := p.DBList(ctx)
	if err != nil {
		return err
	}
	for _, name := range dbs {
		d, err := p.DBStatus(ctx, name)
		if err != nil {
			return err
		}
		if d.Operation == OperationRestore {
			return &Error{Kind: KindJob, Job: "db_info", Message: fmt.Sprintf(
				"database %s is restoring, and the backup it reads must not change: nothing was changed; try again when its restore has ended", name)}
		}
	}
	return nil
}

func deleteBackups(ctx context.Context, p backupControlPrimitives, db string, ids []string, unusable bool, report func(string)) error {
	report = orNoReport(report)
	if err := restoreRunning(ctx, p); err != nil {
		return err
	}
	if len(ids) > 0 {
		list, err := p.DBBackupList(ctx, db, false)
		if err != nil {
			return err
		}
		var present []string
		for _, id := range ids {
			if slices.ContainsFunc(list, func(b Backup) bool { return b.ID == id }) {
				present = append(present, id)
			} else {
				report(fmt.Sprintf("backup %s: not listed by db_backup_list, already gone", id))
			}
		}
		if len(present) > 0 {
			if err := p.DBBackupsDelete(ctx, db, present); err != nil {
				return err
			}
			report(fmt.Sprintf("database %s: %d backup(s) deleted", db, len(present)))
		}
	}
	if unusable {
		if err := p.DBBackupDeleteUnusable(ctx, db); err != nil {
			return err
		}
		report(fmt.Sprintf("database %s: unusable backups deleted", db))
	}
	return nil
}

func changeBackupExpiration(ctx context.Context, p backupControlPrimitives, db, backupID string, at time.Time) error {
	if err := restoreRunning(ctx, p); err != nil {
		return err
	}
	list, err := p.DBBackupList(ctx, db, true)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(list, func(b Backup) bool { return b.ID == backupID })
	if i < 0 {
		return &Error{Kind: KindNotFound, Job: "db_backup_list", Message: fmt.Sprintf("the backups of database %s do not include %q", db, backupID)}
	}
	// expire_alterable is "<volume id> <prefix>" (fact: the expiry how-to's listing)
	vol, files, ok := strings.Cut(list[i].ExpireAlterable, " ")
	vid, err := strconv.ParseInt(vol, 10, 64)
	if !ok || err != nil {
		return &Error{Kind: KindDecode, Job: "db_backup_list", Message: fmt.Sprintf("expire_alterable %q of backup %q is not '<volume id> <prefix>'", list[i].ExpireAlterable, backupID)}
	}
	return p.DBBackupChangeExpiration(ctx, db, vid, files, at)
}

// orNoReport makes a nil progress reporter one that drops its messages.
func orNoReport(report func(string)) func(string) {
	if report == nil {
		return func(string) {}
	}
	return report
}
