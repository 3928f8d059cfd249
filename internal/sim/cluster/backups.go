package cluster

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/units"
)

// StartBackup starts a backup of a running database to an archive volume
// (remote, or a storage volume of type archive). The backup is listed once
// the backup transition ends. A level above 0 builds on the newest backup of
// a lower level on the same volume.
func (c *Cluster) StartBackup(db string, target Ref, level int, expire string) error {
	return c.do(false, func(st *State, now time.Time) error {
		d, err := st.FindDatabase(db)
		if err != nil {
			return err
		}
		if d.State != DBRunning {
			return conflict("database '%s' is %s; a backup needs a running database", d.Name, d.State)
		}
		if d.Operation != OpNone {
			return conflict("database '%s' is busy with operation '%s'", d.Name, d.Operation)
		}
		if level < 0 || level > 9 {
			return invalid("backup level must be between 0 and 9, got %d", level)
		}
		ttl, err := ParseExpire(expire)
		if err != nil {
			return err
		}
		vid, vname, err := st.FindArchive(target)
		if err != nil {
			return err
		}
		if v := st.Volume(vid); v != nil && v.State != VolumeOnline {
			return conflict("archive volume '%s' is %s, not %s", v.Name, v.State, VolumeOnline)
		}
		run := &BackupRun{VolumeID: vid, Level: level, Expire: ttl}
		if level > 0 {
			for _, b := range slices.Backward(st.Backups) {
				if b.System == d.Name && b.VolumeID == vid && b.Level < level && st.Usable(b) {
					run.Base = b.ID
					break
				}
			}
			if run.Base == 0 {
				return conflict("database '%s' has no usable backup of a level below %d on archive volume '%s' to build on", d.Name, level, vname)
			}
		}
		d.Operation, d.Backup = OpBackup, run
		d.OpChange = c.transition(TransBackup, OpNone, now)
		return nil
	})
}

// AbortBackup ends the running backup without listing it.
func (c *Cluster) AbortBackup(db string) error {
	return c.do(false, func(st *State, now time.Time) error {
		d, err := st.FindDatabase(db)
		if err != nil {
			return err
		}
		if d.Operation != OpBackup {
			return conflict("no backup of database '%s' is running", d.Name)
		}
		d.Operation, d.OpChange, d.Backup = OpNone, nil, nil
		return nil
	})
}

// DeleteBackups deletes backups of a database, named by key, path or bid.
func (c *Cluster) DeleteBackups(db string, keys []string) error {
	return c.do(false, func(st *State, now time.Time) error {
		d, err := st.FindDatabase(db)
		if err != nil {
			return err
		}
		if len(keys) == 0 {
			return invalid("backup_list must not be empty")
		}
		var ids []int
		for _, k := range keys {
			b, err := st.FindBackup(k)
			if err != nil {
				return err
			}
			if b.System != d.Name {
				return notFound("backup '%s' of database '%s'", k, d.Name)
			}
			ids = append(ids, b.ID)
		}
		st.Backups = slices.DeleteFunc(st.Backups, func(b *Backup) bool { return slices.Contains(ids, b.ID) })
		return nil
	})
}

// DeleteUnusableBackups deletes the database's backups that can no longer be
// restored; it returns how many.
func (c *Cluster) DeleteUnusableBackups(db string) (int, error) {
	var n int
	err := c.do(false, func(st *State, now time.Time) error {
		if _, err := st.FindDatabase(db); err != nil {
			return err
		}
		var gone []int
		for _, b := range st.Backups {
			if b.System == db && !st.Usable(b) {
				gone = append(gone, b.ID)
			}
		}
		n = len(gone)
		st.Backups = slices.DeleteFunc(st.Backups, func(b *Backup) bool { return slices.Contains(gone, b.ID) })
		return nil
	})
	return n, err
}

// Restore restores a stopped database from a backup (its own or a foreign
// one). See RestoreLeavesRunning for the state it ends in.
func (c *Cluster) Restore(db, key, restoreType string) error {
	return c.do(false, func(st *State, now time.Time) error {
		d, err := st.FindDatabase(db)
		if err != nil {
			return err
		}
		if d.State != DBSetup || d.Operation != OpNone {
			return conflict("database '%s' is %s; it must be stopped to restore it", d.Name, busy(d))
		}
		if !slices.Contains(RestoreTypes, restoreType) {
			return invalid("restore type must be one of '%s', got '%s'", strings.Join(RestoreTypes, "', '"), restoreType)
		}
		b, err := st.FindBackup(key)
		if err != nil {
			return err
		}
		if !st.Usable(b) {
			return conflict("backup '%s' is not usable: a backup it builds on was deleted", key)
		}
		if v := st.Volume(d.Config.DataVolumeID); v == nil || v.State != VolumeOnline {
			return conflict("the data volume of database '%s' is not %s", d.Name, VolumeOnline)
		}
		d.Operation, d.RestoreType = OpRestore, restoreType
		d.OpChange = c.transition(TransRestore, OpNone, now)
		if RestoreLeavesRunning {
			d.State = DBRunning
		}
		return nil
	})
}

func busy(d *Database) string {
	if d.Operation != OpNone {
		return "busy with operation '" + d.Operation + "'"
	}
	return d.State
}

// ParseExpire reads an expiry like "1w 3d" (the notation and its units are
// units.ParseExpire's, which the provider validates with too) or a bare
// number of seconds. "" means never.
func ParseExpire(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, nil
	}
	d, err := units.ParseExpire(s)
	if err != nil {
		return 0, invalid("expire %q: use the format \"#m #w #d #h\", e.g. \"1w 3d\"", s)
	}
	return d, nil
}

// SetBackupExpiry changes when the backups under prefix ("DB1/id_1/level_0")
// on an archive volume expire; a zero time means never.
func (c *Cluster) SetBackupExpiry(volume Ref, prefix string, at time.Time) error {
	return c.do(false, func(st *State, now time.Time) error {
		vid, vname, err := st.FindArchive(volume)
		if err != nil {
			return err
		}
		var hit []*Backup
		for _, b := range st.Backups {
			if b.VolumeID == vid && strings.HasPrefix(b.Path(), strings.TrimSuffix(prefix, "/")) {
				hit = append(hit, b)
			}
		}
		if len(hit) == 0 {
			return notFound("backup '%s' on archive volume '%s'", prefix, vname)
		}
		for _, b := range hit {
			b.Expires = at
		}
		return nil
	})
}
