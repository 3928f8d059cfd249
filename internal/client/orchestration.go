package client

import (
	"context"
	"time"
)

// The orchestration: the Backend's operations that are an order of calls
// rather than one call (the database lifecycle, the backup run, restore,
// backup control, suspending and removing a node, the cluster overview,
// the capability table's Limits and Offers), written once over a dialect;
// Cluster, the one Backend, embeds it (backend.go). Each dialect (ConfD,
// EXAoperation) brings its per-object calls; the order, the waits and the
// freshness of what they read are decided here, alike for both.
//
// The one freshness rule: an operation that decides and waits on what the
// cluster does reads fresh (Fresh), never what a Read saw a moment ago
// (readcache.go); the overview is a read like any other.

// dialect is what an interface brings to the orchestration, by family: the
// per-object calls (the primitives of lifecycle.go, backup_run.go,
// backup_control.go, restore.go, cluster.go and orchestration_objects.go)
// and the checks only it can make. ConfD and EXAoperation implement it
// (backend.go checks that they do).
type dialect interface {
	// Databases, backups and restores (dbPrimitives within).
	backupControlPrimitives
	backupPrimitives
	restorePrimitives
	// checkChange refuses a database change the interface cannot make,
	// before anything (a stop) is sent.
	checkChange(ctx context.Context, ch DatabaseChange) error
	schedulePrimitives
	// The cluster's objects.
	clusterStateSource
	nodePrimitives
	volumePrimitives
	remoteVolumePrimitives
	// capabilities is the interface's capability table (capabilities.go).
	capabilities() *Capabilities
}

// orchestration is embedded by Cluster: d is its dialect, s the session
// both ride on (which knows the master's address).
type orchestration struct {
	d dialect
	s *session
}

// StartDatabase starts a database and waits until it accepts connections.
func (o orchestration) StartDatabase(ctx context.Context, name string) (*Database, error) {
	return startDatabase(Fresh(ctx), o.d, name)
}

// StopDatabase waits for the current operation to end (a backup or restore
// is never cut off unless force is set), stops the database and waits for
// setup.
func (o orchestration) StopDatabase(ctx context.Context, name string, force bool) (*Database, error) {
	return stopDatabase(Fresh(ctx), o.d, name, force)
}

// ReconfigureDatabase applies a change in the documented order: stop (after
// the current operation is idle), configure, then bring the database to
// the runtime state wanted afterwards. A change the interface cannot make
// is refused before the database is stopped.
func (o orchestration) ReconfigureDatabase(ctx context.Context, name string, ch DatabaseChange, force, runAfter bool) error {
	if !ch.Empty() {
		if err := o.d.checkChange(ctx, ch); err != nil {
			return err
		}
	}
	return reconfigureDatabase(Fresh(ctx), o.d, name, ch, force, runAfter)
}

// SetDatabaseRunning brings a database to the wanted runtime state.
func (o orchestration) SetDatabaseRunning(ctx context.Context, name string, running, force bool) error {
	return setDatabaseRunning(Fresh(ctx), o.d, name, running, force)
}

// DeleteDatabase stops the database in order and deletes it. A database
// that is already gone counts as deleted.
func (o orchestration) DeleteDatabase(ctx context.Context, name string, force bool) error {
	return deleteDatabase(Fresh(ctx), o.d, name, force)
}

// RunBackup starts a backup and waits until the database's operation is
// idle again, reporting progress whenever it changes. It returns the backup
// the run added to the backup list. When ctx ends first, the backup goes on
// on the cluster and the error says so.
func (o orchestration) RunBackup(ctx context.Context, s BackupStart, report func(msg string)) (*Backup, error) {
	return runBackup(Fresh(ctx), o.d, s, report)
}

// RestoreDatabase restores a database in the documented order: the backup
// must be listed and usable (checked before anything changes), the
// database is stopped once its operation is idle, restored, and brought to
// the wanted runtime state when the restore has ended.
func (o orchestration) RestoreDatabase(ctx context.Context, s RestoreSpec, report func(string)) error {
	return restoreDatabase(Fresh(ctx), o.d, s, report)
}

// AbortBackup aborts the database's running backup and waits until its
// operation is idle. Without a running backup nothing is sent.
func (o orchestration) AbortBackup(ctx context.Context, db string, report func(string)) error {
	return abortBackup(Fresh(ctx), o.d, db, report)
}

// DeleteBackups deletes the given backups of a database (those the list
// no longer shows count as deleted) and, with unusable, every unusable
// one. Nothing is deleted while a database restores.
func (o orchestration) DeleteBackups(ctx context.Context, db string, ids []string, unusable bool, report func(string)) error {
	return deleteBackups(Fresh(ctx), o.d, db, ids, unusable, report)
}

// ChangeBackupExpiration sets when the backup set of backupID (its
// expire_alterable: the backup and those of its level and id) expires; a
// zero time means never. Nothing changes while a database restores.
func (o orchestration) ChangeBackupExpiration(ctx context.Context, db, backupID string, at time.Time) error {
	return changeBackupExpiration(Fresh(ctx), o.d, db, backupID, at)
}

// ClusterState reads the overview: the master, the nodes, the storage
// volumes' names, the databases with their states. A database that
// disappears between the list and its state is left out.
func (o orchestration) ClusterState(ctx context.Context) (*ClusterState, error) {
	return readClusterState(ctx, o.d, o.s)
}

// Limits lists what the interface cannot do, from its capability table.
func (o orchestration) Limits() []Limit { return o.d.capabilities().Limits }

// Offers are the runbook steps the interface carries out itself.
func (o orchestration) Offers() Offers { return o.d.capabilities().Offers }

// The dialects' part.

// checkChange: ConfD's db_configure takes every setting of a change.
func (c *ConfD) checkChange(context.Context, DatabaseChange) error { return nil }

// checkChange: settings editDatabase has no key for are refused.
func (x *EXAoperation) checkChange(ctx context.Context, ch DatabaseChange) error {
	_, err := x.dbChangeParams(ctx, ch)
	return err
}
