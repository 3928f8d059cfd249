package client

import (
	"context"
	"slices"
)

// Read-backs of issue 22's jobs that create or delete an object: BucketFS
// services and buckets, system users and groups. A create is accepted only
// if the object was absent before the job was sent (an object that was
// there is someone else's: ForeignObjectError); a delete when the list job
// no longer shows the object. Their modify jobs, cert_update and
// license_upload have no read-back (a password, a key or a license cannot
// be read back), so a lost answer of theirs is not repeated
// (OutcomeUnknownError); general_settings' is verify_settings.go.
var (
	bucketFSAdded = verifier{what: "bucketfs_list", prepare: func(ctx context.Context, c readBacker, _ Params) (any, error) {
		return c.BucketFSList(ctx)
	}, check: createdCheck("bucketfs_add", "BucketFS service", "bucketfs_name", func(ctx context.Context, c readBacker, p Params) (bool, any, error) {
		return exists(c.BucketFSInfo(ctx, pstr(p, "bucketfs_name")))
	})}
	bucketFSDeleted = verifier{what: "bucketfs_list", check: func(ctx context.Context, c readBacker, p Params, _ any) (bool, any, error) {
		return gone(c.BucketFSInfo(ctx, pstr(p, "bucketfs_name")))
	}}
	bucketAdded = verifier{what: "the service's buckets (bucketfs_info)", prepare: func(ctx context.Context, c readBacker, p Params) (any, error) {
		return bucketNamesOf(ctx, c, pstr(p, "bucketfs_name"))
	}, check: createdCheck("bucket_add", "bucket", "bucket_name", func(ctx context.Context, c readBacker, p Params) (bool, any, error) {
		return exists(c.BucketInfo(ctx, pstr(p, "bucketfs_name"), pstr(p, "bucket_name")))
	})}
	bucketDeleted = verifier{what: "the service's buckets (bucketfs_info)", check: func(ctx context.Context, c readBacker, p Params, _ any) (bool, any, error) {
		return gone(c.BucketInfo(ctx, pstr(p, "bucketfs_name"), pstr(p, "bucket_name")))
	}}
	sysUserCreated = verifier{what: "user_list", prepare: func(ctx context.Context, c readBacker, _ Params) (any, error) {
		all, err := c.SysUsers(ctx)
		return keysOf(all), err
	}, check: createdCheck("user_create", "system user", "username", func(ctx context.Context, c readBacker, p Params) (bool, any, error) {
		return exists(c.SysUser(ctx, pstr(p, "username")))
	})}
	sysUserDeleted = verifier{what: "user_list", check: func(ctx context.Context, c readBacker, p Params, _ any) (bool, any, error) {
		return gone(c.SysUser(ctx, pstr(p, "username")))
	}}
	sysGroupCreated = verifier{what: "group_list", prepare: func(ctx context.Context, c readBacker, _ Params) (any, error) {
		all, err := c.SysGroups(ctx)
		return keysOf(all), err
	}, check: createdCheck("group_create", "system group", "groupname", func(ctx context.Context, c readBacker, p Params) (bool, any, error) {
		all, err := c.SysGroups(ctx)
		_, ok := all[pstr(p, "groupname")]
		return ok && err == nil, nil, err
	})}
	sysGroupDeleted = verifier{what: "group_list", check: func(ctx context.Context, c readBacker, p Params, _ any) (bool, any, error) {
		all, err := c.SysGroups(ctx)
		_, ok := all[pstr(p, "groupname")]
		return !ok && err == nil, nil, err
	}}
)

// createdCheck accepts a create when the object (named by the parameter
// nameParam) was not among the names read before the job and is there now.
func createdCheck(job, kind, nameParam string, there func(context.Context, readBacker, Params) (bool, any, error)) func(context.Context, readBacker, Params, any) (bool, any, error) {
	return func(ctx context.Context, c readBacker, p Params, before any) (bool, any, error) {
		name := pstr(p, nameParam)
		if old, _ := before.([]string); slices.Contains(old, name) {
			return false, nil, &ForeignObjectError{Job: job, Kind: kind, Name: name}
		}
		return there(ctx, c, p)
	}
}

// bucketNamesOf lists a service's buckets; a service that is gone has none.
func bucketNamesOf(ctx context.Context, c readBacker, service string) ([]string, error) {
	b, err := c.BucketFSInfo(ctx, service)
	if IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	names := []string{}
	for _, bk := range b.Buckets {
		names = append(names, bk.Name)
	}
	return names, nil
}

func keysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
