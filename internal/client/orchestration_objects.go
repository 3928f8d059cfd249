package client

import (
	"context"

	"github.com/exacluster/terraform-provider-exasol/internal/wait"
)

// The per-object intents written once over the dialects' primitives:
// storage volumes (create, change, delete), remote volumes and backup schedules
// (delete). What differs per interface is the primitive: how the change
// is sent and read back after a lost answer (the runner, verify.go).

// removed is the outcome of a removal whose answer was err: a refused
// removal counts as done only when the object's list no longer shows it
// (read: an error for which IsNotFound holds), never because the
// refusal's text says the object is missing (lookup.go).
func removed(ctx context.Context, err error, read func(context.Context) error) error {
	if err != nil && refused(err) {
		if IsNotFound(read(ctx)) {
			return nil
		}
	}
	return err
}

// volumePrimitives are what a dialect brings to the storage volume intents
// written once below: the create as the interface sends it (after refusing
// what it cannot take), the removal, and the reads and changes of one volume.
type volumePrimitives interface {
	VolumeInfo(ctx context.Context, name string) (*Volume, error)
	// The parts of a change, each sent and read back after a lost answer
	// as the interface can: resize (blocks per node, < 0 shrinks), labels,
	// I/O status.
	volumeResize(ctx context.Context, name string, blocksPerNode int64) error
	volumeRelabel(ctx context.Context, name string, add, remove []string) error
	volumeSetIOStatus(ctx context.Context, name string, appIO, intIO bool) error
	// volumeAdd sends the create, read back after a lost answer by the
	// runner, and returns the part of after the create did not take.
	volumeAdd(ctx context.Context, s VolumeSpec, after VolumeChange) (VolumeChange, error)
	// volumeRemove sends the removal of a volume (read back after a lost
	// answer); one its list no longer shows may count as removed.
	volumeRemove(ctx context.Context, name string) error
	waiter() wait.Waiter
}

// CreateVolume creates a volume, waits until it is ONLINE, and applies
// what the create does not take (labels, I/O status). A lost answer to the
// create is read back before anything is reported or sent again, so that a
// volume the cluster did create is never created twice. A non-nil error
// after the create itself succeeded comes with created = true.
func (o orchestration) CreateVolume(ctx context.Context, s VolumeSpec, after VolumeChange) (created bool, err error) {
	rest, err := o.d.volumeAdd(ctx, s, after)
	if err != nil {
		return false, err
	}
	if _, err := waitForVolume(ctx, o.d.waiter(), o.d.VolumeInfo, s.Name, "come online", func(v *Volume) bool { return v.State == VolumeStateOnline }); err != nil {
		return true, err
	}
	return true, o.ChangeVolume(ctx, s.Name, rest)
}

// ChangeVolume applies a change in a fixed order: resize, labels (removed,
// then added), I/O status. It stops at the first refusal, so that the
// caller's read-back shows how far it got; what an interface cannot do
// (EXAoperation shrinking) is refused by the first part, before anything
// is sent.
func (o orchestration) ChangeVolume(ctx context.Context, name string, ch VolumeChange) error {
	if ch.BlocksPerNode != 0 {
		if err := o.d.volumeResize(ctx, name, ch.BlocksPerNode); err != nil {
			return err
		}
	}
	if len(ch.AddLabels) > 0 || len(ch.RemoveLabels) > 0 {
		if err := o.d.volumeRelabel(ctx, name, ch.AddLabels, ch.RemoveLabels); err != nil {
			return err
		}
	}
	if ch.IO != nil {
		return o.d.volumeSetIOStatus(ctx, name, ch.IO[0], ch.IO[1])
	}
	return nil
}

// DeleteVolume deletes a volume; one that is already gone counts as
// deleted. A refused removal is a removal only when the volume list no
// longer shows the volume (lookup.go).
func (o orchestration) DeleteVolume(ctx context.Context, name string) error {
	return removed(ctx, o.d.volumeRemove(ctx, name), func(ctx context.Context) error {
		_, err := o.d.VolumeInfo(ctx, name)
		return err
	})
}

// remoteVolumePrimitives: the removal of one remote volume; a volume its
// list no longer shows may count as removed.
type remoteVolumePrimitives interface {
	RemoteVolumeInfo(ctx context.Context, ref RemoteVolumeRef) (*RemoteVolume, error)
	remoteVolumeRemove(ctx context.Context, ref RemoteVolumeRef) error
}

// DeleteRemoteVolume removes a remote volume; one that is already gone
// counts as removed.
func (o orchestration) DeleteRemoteVolume(ctx context.Context, ref RemoteVolumeRef) error {
	return removed(ctx, o.d.remoteVolumeRemove(ctx, ref), func(ctx context.Context) error {
		_, err := o.d.RemoteVolumeInfo(ctx, ref)
		return err
	})
}

// schedulePrimitives: the removal of one backup schedule; one its
// database's schedules no longer show may count as removed.
type schedulePrimitives interface {
	BackupSchedule(ctx context.Context, db, name string) (*BackupSchedule, error)
	dbBackupRemoveSchedule(ctx context.Context, db, name string) error
}

// DeleteBackupSchedule removes a schedule; one that is already gone (or
// whose database is gone) counts as removed.
func (o orchestration) DeleteBackupSchedule(ctx context.Context, db, name string) error {
	return removed(ctx, o.d.dbBackupRemoveSchedule(ctx, db, name), func(ctx context.Context) error {
		_, err := o.d.BackupSchedule(ctx, db, name)
		return err
	})
}
