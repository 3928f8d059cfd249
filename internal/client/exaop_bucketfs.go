package client

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/client/exaop"
)

// BucketFS services and buckets through EXAoperation (EXAoperation_XMLRPC.md:
// NodeCluster addBucketFS, saveBucketFSChanges, deleteSubObject; BucketFS
// addBucket, editBucketFS, getProperties, deleteSubObject; BucketFSBucket
// editBucketFSBucket). What ConfD can set and EXAoperation cannot is the
// capability table's (capabilities.go).
//
// Where the reference is silent the client is tolerant (the simulator's
// choices: internal/sim/exaop/guesses.go, "BucketFS"):
//   - A service is a sub-object of the cluster named by EXAoperation
//     (fact: 'bfsdefault' among listObjects()); the client finds services
//     among listObjects() by their properties (disk and ports), whatever
//     their names, and takes a new one's name from addBucketFS's answer.
//   - A bucket is the sub-object '<service>/<bucket_name>', listed by its
//     service's listObjects(). It has no properties: public is unread.
//   - Every change is followed by saveBucketFSChanges ("Save changes of
//     bucketfs properties to file"), in case EXAoperation keeps them
//     unsaved until then.

// bfsListValues is the list the disk of a service is chosen from (guess:
// as addDatabase's data_disk).
const bfsListValues = "DataDisks"

// BucketFSList lists the services: the cluster's sub-objects whose
// properties are a service's.
func (x *EXAoperation) BucketFSList(ctx context.Context) ([]string, error) {
	v, err := x.call(ctx, "", "listObjects")
	if err != nil {
		return nil, err
	}
	names := []string{}
	for _, obj := range strList(v) {
		if obj == "" || exaop.KindOf(obj) != "" {
			continue // storage, databases, nodes
		}
		p, err := x.bucketFSProperties(ctx, obj)
		switch {
		case refused(err) || IsNotFound(err):
			continue // another kind of object, or gone meanwhile
		case err != nil:
			return nil, err
		case p != nil:
			names = append(names, obj)
		}
	}
	slices.Sort(names)
	return names, nil
}

// bucketFSProperties reads getProperties of obj; nil when they are not a
// service's (disk and both ports).
func (x *EXAoperation) bucketFSProperties(ctx context.Context, obj string) (fields, error) {
	v, err := x.call(ctx, obj, "getProperties")
	if err != nil {
		return nil, err
	}
	f := asFields(v)
	if f == nil || !f.has("disk") || !f.has("http_port") || !f.has("https_port") {
		return nil, nil
	}
	return f, nil
}

// bucketFSLookup turns a failed call on service name into a not-found
// error when the service list does not list it.
func (x *EXAoperation) bucketFSLookup(ctx context.Context, call, name string, err error) error {
	if err != nil && !refused(err) && !IsNotFound(err) {
		return err
	}
	names, lerr := x.BucketFSList(ctx)
	if lerr != nil {
		return errors.Join(err, lerr)
	}
	if slices.Contains(names, name) {
		if err == nil {
			return decodeErr(exaop.CallLabel(name, call), "the service's properties are not a BucketFS service's")
		}
		return err
	}
	return lookupMiss(exaop.CallLabel(name, call), "BucketFS service "+name, "listObjects", err)
}

// BucketFSInfo reads a service (getProperties) and its buckets (its
// listObjects). EXAoperation reports no owner, synchronization, path, mode
// or volume: those stay zero.
func (x *EXAoperation) BucketFSInfo(ctx context.Context, name string) (*BucketFS, error) {
	if name == "" || exaop.KindOf(name) != "" {
		return nil, notFound("getProperties", "BucketFS service %s does not exist (no service has that name)", name)
	}
	f, err := x.bucketFSProperties(ctx, name)
	if err != nil || f == nil {
		return nil, x.bucketFSLookup(ctx, "getProperties", name, err)
	}
	b := &BucketFS{Name: name, HTTPPort: f.num("http_port"), HTTPSPort: f.num("https_port"), Disk: f.str("disk"),
		Description: f.str("description")}
	names, err := x.bucketNames(ctx, name)
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		b.Buckets = append(b.Buckets, Bucket{Service: name, Name: n, AdditionalFiles: []string{}, PublicUnread: true})
	}
	return b, nil
}

// bucketNames lists the buckets of service name.
func (x *EXAoperation) bucketNames(ctx context.Context, name string) ([]string, error) {
	v, err := x.call(ctx, name, "listObjects")
	if err != nil {
		return nil, x.bucketFSLookup(ctx, "listObjects", name, err)
	}
	out := []string{}
	for _, o := range strList(v) {
		// tolerated: the sub-object's name alone or its path
		out = append(out, o[strings.LastIndex(o, "/")+1:])
	}
	return out, nil
}

// CreateBucketFS adds a service (addBucketFS); EXAoperation names it, and
// NameOut receives the name. Without a disk, the first of
// getListValues('DataDisks') is taken.
func (x *EXAoperation) CreateBucketFS(ctx context.Context, s BucketFSSpec) error {
	for field, set := range map[string]bool{"Name": s.Name != "", "Owner": len(s.Owner) > 0, "SyncKey": s.SyncKey != "",
		"SyncPeriod": s.SyncPeriod != 0, "Path": s.Path != "", "Mode": s.Mode != "", "BucketVolume": s.BucketVolume != ""} {
		if set {
			return x.refuse(ObjectBucketFS, field)
		}
	}
	disk := s.Disk
	if disk == "" {
		v, err := x.call(ctx, "", "getListValues", bfsListValues)
		if err != nil {
			return err
		}
		disks := strList(v)
		if len(disks) == 0 {
			return decodeErr("getListValues", "the cluster lists no data disk (%s) for a BucketFS service", bfsListValues)
		}
		disk = disks[0]
	}
	p := map[string]any{"disk": disk, "http_port": s.HTTPPort, "https_port": s.HTTPSPort}
	if s.Description != "" {
		p["description"] = s.Description
	}
	v, err := x.change(ctx, nil, "", "addBucketFS", p)
	if err != nil {
		return err
	}
	name := asString(v)
	if name == "" {
		return decodeErr("addBucketFS", "the answer names no BucketFS service: %v", v)
	}
	if s.NameOut != nil {
		*s.NameOut = name
	}
	return x.saveBucketFS(ctx)
}

// saveBucketFS sends saveBucketFSChanges after a change.
func (x *EXAoperation) saveBucketFS(ctx context.Context) error {
	_, err := x.change(ctx, nil, "", "saveBucketFSChanges")
	return err
}

// ChangeBucketFS edits a service (editBucketFS, which requires the disk:
// the current one unless it changes); nothing to change sends nothing.
func (x *EXAoperation) ChangeBucketFS(ctx context.Context, name string, ch BucketFSChange) error {
	if len(ch.Owner) > 0 {
		return x.refuse(ObjectBucketFS, "Owner")
	}
	if ch.SyncPeriod != nil {
		return x.refuse(ObjectBucketFS, "SyncPeriod")
	}
	p := map[string]any{}
	for k, v := range map[string]*int64{"http_port": ch.HTTPPort, "https_port": ch.HTTPSPort} {
		if v != nil {
			p[k] = *v
		}
	}
	for k, v := range map[string]*string{"disk": ch.Disk, "description": ch.Description} {
		if v != nil {
			p[k] = *v
		}
	}
	if len(p) == 0 {
		return nil
	}
	if ch.Disk == nil {
		b, err := x.BucketFSInfo(ctx, name)
		if err != nil {
			return err
		}
		p["disk"] = b.Disk
	}
	rb := &readBack{what: "the service's properties (getProperties)", check: func(ctx context.Context) (bool, any, error) {
		f, err := x.bucketFSProperties(ctx, name)
		if err != nil || f == nil {
			return false, nil, x.bucketFSLookup(ctx, "getProperties", name, err)
		}
		for k, v := range p {
			if asString(f[k]) != asString(v) {
				return false, nil, nil
			}
		}
		return true, []any{}, nil
	}}
	if _, err := x.change(ctx, rb, name, "editBucketFS", p); err != nil {
		return notFoundAs(err, "BucketFS service "+name)
	}
	return x.saveBucketFS(ctx)
}

// DeleteBucketFS deletes a service and its buckets (deleteSubObject); one
// the service list does not list is already gone, and the deletion is
// done only when the list no longer lists it.
func (x *EXAoperation) DeleteBucketFS(ctx context.Context, name string) error {
	gone := func(ctx context.Context) (bool, any, error) {
		names, err := x.BucketFSList(ctx)
		return err == nil && !slices.Contains(names, name), nil, err
	}
	if done, _, err := gone(ctx); err != nil || done {
		return err
	}
	_, err := x.change(ctx, &readBack{what: "listObjects", check: gone}, "", "deleteSubObject", name)
	if err != nil && !IsNotFound(err) {
		return err
	}
	if done, _, lerr := gone(ctx); lerr != nil || !done {
		return errors.Join(err, lerr, notGone("BucketFS service "+name, "deleteSubObject"))
	}
	return x.saveBucketFS(ctx)
}

// notGone is the error of a deletion the list does not confirm.
func notGone(what, call string) error {
	return &Error{Kind: KindJob, API: APIEXAoperation, Job: call, Message: what + " is still listed after its deletion"}
}

// BucketInfo reads one bucket: its service lists it.
func (x *EXAoperation) BucketInfo(ctx context.Context, service, name string) (*Bucket, error) {
	b, err := x.BucketFSInfo(ctx, service)
	if err != nil {
		return nil, err
	}
	for _, bk := range b.Buckets {
		if bk.Name == name {
			return &bk, nil
		}
	}
	return nil, notFound(exaop.CallLabel(service, "listObjects"), "bucket %s does not exist (the listObjects of %s does not list it)", name, service)
}

// bucketParams are addBucket's and editBucketFSBucket's keys, all of which
// but description are required by both: the passwords too.
func (x *EXAoperation) bucketParams(call string, s BucketSpec) (map[string]any, error) {
	if len(s.AdditionalFiles) > 0 {
		return nil, x.refuse(ObjectBucket, "AdditionalFiles")
	}
	if s.ReadPassword == nil || s.WritePassword == nil {
		return nil, unsupportedErr("change a bucket without its passwords",
			call+" requires the read and the write password every time; give both")
	}
	return map[string]any{"bucket_name": s.Name, "public_bucket": s.Public,
		"read_password": *s.ReadPassword, "write_password": *s.WritePassword}, nil
}

// CreateBucket adds a bucket (addBucket on its service).
func (x *EXAoperation) CreateBucket(ctx context.Context, s BucketSpec) error {
	p, err := x.bucketParams("addBucket", s)
	if err != nil {
		return err
	}
	rb := &readBack{what: "the service's listObjects", check: func(ctx context.Context) (bool, any, error) {
		names, err := x.bucketNames(ctx, s.Service)
		return slices.Contains(names, s.Name), s.Name, err
	}}
	if _, err := x.change(ctx, rb, s.Service, "addBucket", p); err != nil {
		return x.bucketFSLookup(ctx, "addBucket", s.Service, err)
	}
	return x.saveBucketFS(ctx)
}

// ChangeBucket edits a bucket (editBucketFSBucket: public and both
// passwords every time).
func (x *EXAoperation) ChangeBucket(ctx context.Context, s BucketSpec) error {
	p, err := x.bucketParams("editBucketFSBucket", s)
	if err != nil {
		return err
	}
	if _, err := x.change(ctx, nil, s.Service+"/"+s.Name, "editBucketFSBucket", p); err != nil {
		return notFoundAs(err, fmt.Sprintf("bucket %s of BucketFS service %s", s.Name, s.Service))
	}
	return x.saveBucketFS(ctx)
}

// DeleteBucket deletes a bucket (deleteSubObject on its service); one its
// service does not list (or whose service is gone) is already gone, and
// the deletion is done only when the service no longer lists it.
func (x *EXAoperation) DeleteBucket(ctx context.Context, service, name string) error {
	gone := func(ctx context.Context) (bool, any, error) {
		_, err := x.BucketInfo(ctx, service, name)
		if IsNotFound(err) {
			return true, nil, nil
		}
		return false, nil, err
	}
	if done, _, err := gone(ctx); err != nil || done {
		return err
	}
	_, err := x.change(ctx, &readBack{what: "the service's listObjects", check: gone}, service, "deleteSubObject", name)
	if err != nil && !IsNotFound(err) {
		return err
	}
	if done, _, lerr := gone(ctx); lerr != nil || !done {
		return errors.Join(err, lerr, notGone("bucket "+name+" of "+service, exaop.CallLabel(service, "deleteSubObject")))
	}
	return x.saveBucketFS(ctx)
}

// BucketURL is ConfD's (the first endpoint's host and the service's port).
// guess: EXAoperation serves BucketFS at the endpoint's host too.
func (x *EXAoperation) BucketURL(b *BucketFS, bucket string) string { return x.t.BucketURL(b, bucket) }
