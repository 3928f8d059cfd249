package client

import (
	"context"
	"errors"
	"fmt"
	"slices"
)

// "Not found" is decided by a lookup, never by text (issue 20). A failed
// job says only that it failed: ConfD's message may mention "not found" or
// "No such file or directory" for reasons that have nothing to do with the
// object (a file inside ConfD, an LDAP server, another node). So when a job
// on one object fails, the object's list job is asked; only when the list
// lacks the object is the failure a not-found error (IsNotFound), which is
// what lets a Read drop an object from the state or a delete count as done.
// Every other failure stays the error it was.

// refused reports whether err is a failed job (the cluster answered and
// refused), the only failure a lookup can turn into "not found".
func refused(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == KindJob
}

// lookupMiss is the error of a lookup that did not find the object; it
// keeps the failure that led to the lookup.
func lookupMiss(job, what, list string, cause error) error {
	return &Error{Kind: KindNotFound, Job: job, Message: fmt.Sprintf("%s does not exist (%s does not list it)", what, list), Err: cause}
}

// dbLookup turns a failed job on database name into a not-found error when
// db_list does not list the database.
func (c *ConfD) dbLookup(ctx context.Context, job, name string, err error) error {
	if !refused(err) {
		return err
	}
	names, lerr := c.DBList(ctx)
	if lerr != nil || slices.Contains(names, name) {
		return err
	}
	return lookupMiss(job, "database "+name, "db_list", err)
}

// volumeLookup does the same for a storage volume with st_volume_list.
func (c *ConfD) volumeLookup(ctx context.Context, job, name string, err error) error {
	if !refused(err) {
		return err
	}
	vols, lerr := c.volumeList(ctx)
	if lerr != nil || slices.ContainsFunc(vols, func(v *Volume) bool { return v.Name == name }) {
		return err
	}
	return lookupMiss(job, "storage volume "+name, "st_volume_list", err)
}

// remoteLookup does the same for a remote volume with remote_volume_list
// (and, for a volume named by id, remote_volume_info of each listed one).
func (c *ConfD) remoteLookup(ctx context.Context, job string, ref RemoteVolumeRef, err error) error {
	if !refused(err) {
		return err
	}
	names, lerr := c.RemoteVolumeList(ctx)
	if lerr != nil {
		return err
	}
	if ref.Name != "" {
		if slices.Contains(names, ref.Name) {
			return err
		}
		return lookupMiss(job, "remote volume "+ref.Name, "remote_volume_list", err)
	}
	for _, n := range names {
		v, ierr := c.remoteVolumeInfo(ctx, RemoteVolumeRef{Name: n})
		if ierr != nil || v.ID == ref.ID {
			return err // cannot tell, or it exists
		}
	}
	return lookupMiss(job, "remote volume "+ref.String(), "remote_volume_list", err)
}
