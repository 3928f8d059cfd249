package client

import (
	"context"
	"errors"
	"fmt"

	"github.com/exacluster/terraform-provider-exasol/internal/wait"
)

// The per-object intents written once over the dialects' primitives:
// nodes (create, suspend/resume, delete), storage volumes (create, change,
// delete), remote volumes and backup schedules (delete). What differs per
// interface is the primitive: how the change is sent and read back after a
// lost answer (the runner, verify.go).
//
// Still per dialect, because the flows differ in shape, not only in their
// calls: CreateDatabase (ConfD's one db_create against EXAoperation's
// addDatabase + createDatabase, undone when the second is refused),
// CreateRemoteVolume (one remote_volume_add, which takes the id, against
// addRemoteVolume, whose vid EXAoperation chooses: checked after the add and
// undone when it is not the one asked for), and a schedule's create and
// change (one job each against a read-modify-write of the database's whole
// schedule list under a lock). Writing them once would be an order of
// primitives that are no-ops on one side.

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

// nodePrimitives: the add as the interface sends it (after refusing what it
// cannot take), its check of what the cluster made of it, one node (waits
// poll it), suspend, resume and remove.
type nodePrimitives interface {
	NodeGet(ctx context.Context, id int64) (*Node, error)
	// nodeCreate sends the add, read back after a lost answer by the
	// runner, and returns the new node's id (0 only with an error).
	nodeCreate(ctx context.Context, s NodeSpec) (int64, error)
	// nodeCheckAdded checks the added node, in its state, against s.
	nodeCheckAdded(n *Node, s NodeSpec) error
	nodeSuspend(ctx context.Context, id int64) error
	nodeResume(ctx context.Context, id int64) error
	nodeRemove(ctx context.Context, id int64) error
	waiter() wait.Waiter
}

// CreateNode adds a node and brings it to the state s asks for: suspended,
// or online, then checks it against s (EXAoperation derives the private
// address from the number). A lost answer to the add is read back before
// anything is reported or sent again (the runner), so that a node the
// cluster did add is neither added twice nor lost, and a node that existed
// before is never taken. The id is returned whenever the node exists, also
// when reaching the state fails.
func (o orchestration) CreateNode(ctx context.Context, s NodeSpec) (int64, error) {
	ctx = Fresh(ctx)
	id, err := o.d.nodeCreate(ctx, s)
	if err != nil {
		return 0, err
	}
	n, err := o.settleNode(ctx, id, s.Suspended)
	if err != nil {
		return id, err
	}
	return id, o.d.nodeCheckAdded(n, s)
}

// SetNodeSuspended suspends or resumes a node and waits until it is
// suspended, or online again.
func (o orchestration) SetNodeSuspended(ctx context.Context, id int64, suspended bool) error {
	_, err := o.settleNode(Fresh(ctx), id, suspended)
	return err
}

// settleNode brings a node to suspended or online and waits for it.
func (o orchestration) settleNode(ctx context.Context, id int64, suspended bool) (*Node, error) {
	n, err := o.d.NodeGet(ctx, id)
	if err != nil {
		return nil, err
	}
	if suspended {
		if !n.Suspended() {
			if err := o.d.nodeSuspend(ctx, id); err != nil {
				return nil, err
			}
		}
		return waitForNode(ctx, o.d.waiter(), o.d.NodeGet, id, "be suspended", (*Node).Suspended)
	}
	what := "come online"
	if n.Suspended() {
		if err := o.d.nodeResume(ctx, id); err != nil {
			return nil, err
		}
		what = "come online after the resume"
	}
	return waitForNode(ctx, o.d.waiter(), o.d.NodeGet, id, what, isOnline)
}

// DeleteNode removes a node; a node that is already gone counts as removed.
//
// Exasol refuses to remove a suspended node, so a suspended node is resumed
// first (without waiting for it to come online: a suspended node is often
// one whose machine is gone). If the removal is then refused for another
// reason, the node is suspended again, so that a refused destroy leaves the
// cluster as it was. A lost answer is read back by the runner.
func (o orchestration) DeleteNode(ctx context.Context, id int64) error {
	ctx = Fresh(ctx)
	n, err := o.d.NodeGet(ctx, id)
	if IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	resumed := false
	if n.Suspended() {
		if err := o.d.nodeResume(ctx, id); err != nil {
			return fmt.Errorf("node %s is suspended, which Exasol refuses to remove, and resuming it failed: %w", n.Name, err)
		}
		resumed = true
	}
	if err := o.d.nodeRemove(ctx, id); err != nil {
		// Gone only when the node list says so (lookup.go).
		if _, gerr := o.d.NodeGet(ctx, id); IsNotFound(gerr) {
			return nil
		}
		var ce *Error
		if errors.As(err, &ce) && ce.Kind == KindJob {
			err = &NodeRemoveError{Node: n.Name, Err: err}
		}
		if resumed {
			if serr := o.d.nodeSuspend(ctx, id); serr != nil {
				return errors.Join(err, fmt.Errorf("node %s was resumed for the removal and could not be suspended again: %w", n.Name, serr))
			}
		}
		return err
	}
	return o.d.waiter().Until(ctx, fmt.Sprintf("node %s to disappear from the node list", n.Name), func(ctx context.Context) (bool, string, error) {
		_, err := o.d.NodeGet(ctx, id)
		if IsNotFound(err) {
			return true, "removed", nil
		}
		return false, "still listed", err
	})
}
