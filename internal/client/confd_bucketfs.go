package client

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
)

// BucketFS services and buckets through ConfD's bucketfs_* and bucket_*
// jobs (https://docs.exasol.com/db/latest/confd/overview_bucketfs_jobs.htm).
// The jobs are confd.Table's (confd/jobs.go). A service is gone only when bucketfs_list does not list it; a bucket
// only when its service's bucketfs_info does not show it.

// BucketFSList lists the services by name.
func (c *ConfD) BucketFSList(ctx context.Context) ([]string, error) {
	r, err := c.exec(ctx, "bucketfs_list", nil)
	if err != nil {
		return nil, err
	}
	// Tolerated: a list of names, or a dict keyed by name.
	if f := asFields(r.Output); f != nil {
		names := make([]string, 0, len(f))
		for k := range f {
			names = append(names, k)
		}
		slices.Sort(names)
		return names, nil
	}
	l, ok := r.Output.([]any)
	if !ok && r.Output != nil {
		return nil, &Error{Kind: KindDecode, Job: "bucketfs_list", Message: fmt.Sprintf("expected a list of services, got %T", r.Output)}
	}
	names := []string{}
	for _, it := range l {
		name := asString(it)
		if f := asFields(it); f != nil {
			name = f.str("bucketfs_name")
		}
		names = append(names, name)
	}
	return names, nil
}

// BucketFSInfo reads a service and its buckets.
func (c *ConfD) BucketFSInfo(ctx context.Context, name string) (*BucketFS, error) {
	r, err := c.exec(ctx, "bucketfs_info", Params{"bucketfs_name": name})
	if err != nil {
		return nil, c.bucketFSLookup(ctx, "bucketfs_info", name, err)
	}
	f := asFields(r.Output)
	if f == nil {
		return nil, &Error{Kind: KindDecode, Job: "bucketfs_info", Message: fmt.Sprintf("expected a dict, got %T", r.Output)}
	}
	b := &BucketFS{Name: name, HTTPPort: f.num("http_port"), HTTPSPort: f.num("https_port"), SyncPeriod: f.num("sync_period"),
		Path: f.str("path"), Mode: f.str("mode"), BucketVolume: f.str("bucketvolume")}
	if f.has("owner") {
		b.Owner = f.nums("owner")
	}
	buckets := f.sub("buckets")
	names := make([]string, 0, len(buckets))
	for k := range buckets {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, n := range names {
		bf := buckets.sub(n)
		bk := Bucket{Service: name, Name: n, Public: bf.flag("public"), AdditionalFiles: []string{}}
		if bf.has("additional_files") {
			bk.AdditionalFiles = bf.strs("additional_files")
		}
		b.Buckets = append(b.Buckets, bk)
	}
	return b, nil
}

// bucketFSLookup turns a refused job on service name into a not-found
// error when bucketfs_list does not list it.
func (c *ConfD) bucketFSLookup(ctx context.Context, job, name string, err error) error {
	if !refused(err) {
		return err
	}
	names, lerr := c.BucketFSList(ctx)
	if lerr != nil || slices.Contains(names, name) {
		return err
	}
	return lookupMiss(job, "BucketFS service "+name, "bucketfs_list", err)
}

// BucketInfo reads one bucket from its service's bucketfs_info.
func (c *ConfD) BucketInfo(ctx context.Context, service, name string) (*Bucket, error) {
	b, err := c.BucketFSInfo(ctx, service)
	if err != nil {
		return nil, err
	}
	for _, bk := range b.Buckets {
		if bk.Name == name {
			return &bk, nil
		}
	}
	return nil, &Error{Kind: KindNotFound, Job: "bucketfs_info", Message: fmt.Sprintf("bucket %s does not exist (bucketfs_info of %s does not show it)", name, service)}
}

func ownerPair(o []int64) []any {
	out := make([]any, len(o))
	for i, v := range o {
		out[i] = v
	}
	return out
}

// CreateBucketFS adds a service. Disk and description are EXAoperation's
// (capabilities.go).
func (c *ConfD) CreateBucketFS(ctx context.Context, s BucketFSSpec) error {
	if err := confdBucketFSOnly(s.Disk != "", s.Description != ""); err != nil {
		return err
	}
	p := Params{"bucketfs_name": s.Name, "http_port": s.HTTPPort, "https_port": s.HTTPSPort, "owner": ownerPair(s.Owner)}
	for k, v := range map[string]string{"sync_key": s.SyncKey, "path": s.Path, "mode": s.Mode, "bucketvolume": s.BucketVolume} {
		if v != "" {
			p[k] = v
		}
	}
	if s.SyncPeriod != 0 {
		p["sync_period"] = s.SyncPeriod
	}
	_, err := c.exec(ctx, "bucketfs_add", p)
	if err == nil && s.NameOut != nil {
		*s.NameOut = s.Name
	}
	return err
}

// confdBucketFSOnly refuses EXAoperation's settings of a service.
func confdBucketFSOnly(disk, description bool) error {
	switch {
	case disk:
		return confdCapabilities.refuse("ConfD", ObjectBucketFS, "Disk")
	case description:
		return confdCapabilities.refuse("ConfD", ObjectBucketFS, "Description")
	}
	return nil
}

// ChangeBucketFS modifies a service; nothing to change sends nothing.
func (c *ConfD) ChangeBucketFS(ctx context.Context, name string, ch BucketFSChange) error {
	if err := confdBucketFSOnly(ch.Disk != nil, ch.Description != nil); err != nil {
		return err
	}
	p := Params{"bucketfs_name": name}
	for k, v := range map[string]*int64{"http_port": ch.HTTPPort, "https_port": ch.HTTPSPort, "sync_period": ch.SyncPeriod} {
		if v != nil {
			p[k] = *v
		}
	}
	if ch.Owner != nil {
		p["owner"] = ownerPair(ch.Owner)
	}
	if len(p) == 1 {
		return nil
	}
	_, err := c.exec(ctx, "bucketfs_modify", p)
	return err
}

// DeleteBucketFS deletes a service; one that bucketfs_list does not list is
// already gone.
func (c *ConfD) DeleteBucketFS(ctx context.Context, name string) error {
	_, err := c.exec(ctx, "bucketfs_delete", Params{"bucketfs_name": name})
	if err != nil {
		err = c.bucketFSLookup(ctx, "bucketfs_delete", name, err)
		if IsNotFound(err) {
			return nil
		}
	}
	return err
}

// CreateBucket adds a bucket.
func (c *ConfD) CreateBucket(ctx context.Context, s BucketSpec) error {
	_, err := c.exec(ctx, "bucket_add", s.params())
	return err
}

// ChangeBucket modifies a bucket (bucket_modify always takes public).
func (c *ConfD) ChangeBucket(ctx context.Context, s BucketSpec) error {
	_, err := c.exec(ctx, "bucket_modify", s.params())
	return err
}

// DeleteBucket deletes a bucket; one its service's bucketfs_info does not
// show (or whose service is gone) is already gone.
func (c *ConfD) DeleteBucket(ctx context.Context, service, name string) error {
	_, err := c.exec(ctx, "bucket_delete", Params{"bucketfs_name": service, "bucket_name": name})
	if err == nil || !refused(err) {
		return err
	}
	if _, ierr := c.BucketInfo(ctx, service, name); IsNotFound(ierr) {
		return nil
	}
	return err
}

// BucketURL is where an upload tool reaches a bucket: the host of the
// first endpoint, the service's https port (its http port when https is
// off), and the bucket's name (https://docs.exasol.com/db/latest/database_concepts/bucketfs/
// file_access.htm: http[s]://<host>:<port>/<bucket>/<file>). "" when both
// ports are off. Both dialects reach BucketFS this way, so it is the
// connection's.
func (c *session) BucketURL(b *BucketFS, bucket string) string {
	scheme, port := "https", b.HTTPSPort
	if port == 0 {
		scheme, port = "http", b.HTTPPort
	}
	first := c.conn.FirstEndpoint()
	if port == 0 || first == "" {
		return ""
	}
	host := ""
	if ep, err := ParseEndpoint(first); err == nil {
		host = ep.Hostname()
	}
	u := url.URL{Scheme: scheme, Host: host + ":" + strconv.FormatInt(port, 10), Path: "/" + bucket}
	return u.String()
}
