package client

import "context"

// Backup is one entry of db_backup_list, typed. The field names follow the
// listing's keys (see the seed: bid, id, level, timestamp, usable, …).
type Backup struct {
	// ID names the backup the way db_restore's backup_id takes it, e.g.
	// "10001 DB1/id_11/level_0/node_0/backup_202007071405 DB1".
	ID              string
	BID             int64
	Level           int64
	Timestamp       string // "2020-07-07 14:05"
	TS              string // "202007071405"
	Expire          string // "" = never
	Expired         bool
	ExpireAlterable string // what db_backup_change_expiration takes as backup_files
	Volume          string
	Usable          bool
	Usage           string // "0.001 GiB"
	Path            string
	System          string // the database the backup belongs to
	Dependencies    string // "-" or the backup this one builds on
	Comment         string
	LastItem        bool
}

// DBBackupList lists the backups of a database; showForeign adds the
// backups of other databases on the same archive volumes.
func (c *ConfD) DBBackupList(ctx context.Context, db string, showForeign bool) ([]Backup, error) {
	p := Params{"db_name": db}
	if showForeign {
		p["show_foreign"] = true
	}
	r, err := c.exec(ctx, "db_backup_list", p)
	if err != nil {
		return nil, err
	}
	out := []Backup{}
	for _, it := range (fields{"l": r.Output}).list("l") {
		f := asFields(it)
		if f == nil {
			continue
		}
		out = append(out, parseBackup(f))
	}
	return out, nil
}

// parseBackup reads one db_backup_list entry (EXAoperation's getBackups has
// the same keys).
func parseBackup(f fields) Backup {
	return Backup{
		ID:              f.str("id"),
		BID:             f.num("bid"),
		Level:           f.num("level"),
		Timestamp:       f.str("timestamp"),
		TS:              f.str("ts"),
		Expire:          f.str("expire"),
		Expired:         f.flag("expired"),
		ExpireAlterable: f.str("expire_alterable"),
		Volume:          f.str("volume"),
		Usable:          f.flag("usable"),
		Usage:           f.str("usage"),
		Path:            f.str("path"),
		System:          f.str("system"),
		Dependencies:    f.str("dependencies"),
		Comment:         f.str("comment"),
		LastItem:        f.flag("last_item"),
	}
}
