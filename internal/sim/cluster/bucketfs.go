package cluster

import (
	"maps"
	"slices"
	"time"
)

// BucketFS services and their buckets (issue 22). ConfD's jobs
// (https://docs.exasol.com/db/latest/confd/overview_bucketfs_jobs.htm)
// name services by bucketfs_name and buckets by bucket_name within one.

// BucketFS is one BucketFS service.
type BucketFS struct {
	Name         string
	HTTPPort     int // 0: http off (fact: "To ensure http is deactivated, enter 0")
	HTTPSPort    int // 0: https off
	Owner        [2]int
	SyncKey      string
	SyncPeriod   int
	Path         string
	Mode         string
	BucketVolume string
	// Description and Disk are EXAoperation's (addBucketFS); ConfD's jobs
	// neither take nor show them.
	Description string
	Disk        string
	Buckets     map[string]*Bucket
	BucketOrder []string // creation order, for listings
}

// Bucket is one bucket of a service.
type Bucket struct {
	Name            string
	Public          bool
	ReadPassword    string
	WritePassword   string
	AdditionalFiles []string
	// Description is EXAoperation's (addBucket); ConfD's jobs have none.
	Description string
}

// BucketFSEdit changes a service; nil fields stay.
type BucketFSEdit struct {
	HTTPPort, HTTPSPort, SyncPeriod *int
	Owner                           *[2]int
	Description, Disk               *string // EXAoperation's editBucketFS
}

// BucketEdit changes a bucket; nil fields stay.
type BucketEdit struct {
	Public                      *bool
	ReadPassword, WritePassword *string
	AdditionalFiles             *[]string
	Description                 *string // EXAoperation's editBucketFSBucket
}

func cloneBucketFS(x *BucketFS) *BucketFS {
	y := *x
	y.BucketOrder = slices.Clone(x.BucketOrder)
	y.Buckets = maps.Clone(x.Buckets)
	for k, b := range y.Buckets {
		c := *b
		c.AdditionalFiles = slices.Clone(b.AdditionalFiles)
		y.Buckets[k] = &c
	}
	return &y
}

// FindBucketFS finds a service by name.
func (s *State) FindBucketFS(name string) (*BucketFS, error) {
	for _, b := range s.BucketFS {
		if b.Name == name {
			return b, nil
		}
	}
	return nil, notFound("BucketFS service '%s'", name)
}

// AddBucketFS adds a service.
func (c *Cluster) AddBucketFS(spec BucketFS) error {
	return c.do(true, func(st *State, now time.Time) error {
		if err := checkBucketFSPorts(spec.HTTPPort, spec.HTTPSPort); err != nil {
			return err
		}
		if !bucketNamePattern.MatchString(spec.Name) {
			return invalid("BucketFS service name '%s' is not valid", spec.Name)
		}
		if b, _ := st.FindBucketFS(spec.Name); b != nil {
			return conflict("BucketFS service '%s' already exists", spec.Name)
		}
		if spec.Mode != "" && !slices.Contains(BucketFSModes, spec.Mode) {
			return invalid("mode must be one of BucketFS, rsync, SDFS, got '%s'", spec.Mode)
		}
		b := spec
		b.Buckets, b.BucketOrder = map[string]*Bucket{}, nil
		st.BucketFS = append(st.BucketFS, &b)
		return nil
	})
}

// EditBucketFS applies e to a service.
func (c *Cluster) EditBucketFS(name string, e BucketFSEdit) error {
	return c.do(true, func(st *State, now time.Time) error {
		b, err := st.FindBucketFS(name)
		if err != nil {
			return err
		}
		http, https := b.HTTPPort, b.HTTPSPort
		if e.HTTPPort != nil {
			http = *e.HTTPPort
		}
		if e.HTTPSPort != nil {
			https = *e.HTTPSPort
		}
		if err := checkBucketFSPorts(http, https); err != nil {
			return err
		}
		b.HTTPPort, b.HTTPSPort = http, https
		if e.SyncPeriod != nil {
			b.SyncPeriod = *e.SyncPeriod
		}
		if e.Owner != nil {
			b.Owner = *e.Owner
		}
		if e.Description != nil {
			b.Description = *e.Description
		}
		if e.Disk != nil {
			b.Disk = *e.Disk
		}
		return nil
	})
}

// RemoveBucketFS removes a service and its buckets.
func (c *Cluster) RemoveBucketFS(name string) error {
	return c.do(true, func(st *State, now time.Time) error {
		if _, err := st.FindBucketFS(name); err != nil {
			return err
		}
		st.BucketFS = slices.DeleteFunc(st.BucketFS, func(b *BucketFS) bool { return b.Name == name })
		return nil
	})
}

// AddBucket adds a bucket to a service.
func (c *Cluster) AddBucket(service string, spec Bucket) error {
	return c.do(true, func(st *State, now time.Time) error {
		b, err := st.FindBucketFS(service)
		if err != nil {
			return err
		}
		if !bucketNamePattern.MatchString(spec.Name) {
			return invalid("bucket name '%s' is not valid", spec.Name)
		}
		if _, ok := b.Buckets[spec.Name]; ok {
			return conflict("bucket '%s' already exists in BucketFS service '%s'", spec.Name, service)
		}
		nb := spec
		nb.AdditionalFiles = slices.Clone(spec.AdditionalFiles)
		b.Buckets[spec.Name] = &nb
		b.BucketOrder = append(b.BucketOrder, spec.Name)
		return nil
	})
}

// EditBucket applies e to a bucket.
func (c *Cluster) EditBucket(service, name string, e BucketEdit) error {
	return c.do(true, func(st *State, now time.Time) error {
		bk, err := st.findBucket(service, name)
		if err != nil {
			return err
		}
		if e.Public != nil {
			bk.Public = *e.Public
		}
		if e.ReadPassword != nil {
			bk.ReadPassword = *e.ReadPassword
		}
		if e.WritePassword != nil {
			bk.WritePassword = *e.WritePassword
		}
		if e.AdditionalFiles != nil {
			bk.AdditionalFiles = slices.Clone(*e.AdditionalFiles)
		}
		if e.Description != nil {
			bk.Description = *e.Description
		}
		return nil
	})
}

// RemoveBucket removes a bucket.
func (c *Cluster) RemoveBucket(service, name string) error {
	return c.do(true, func(st *State, now time.Time) error {
		if _, err := st.findBucket(service, name); err != nil {
			return err
		}
		b, _ := st.FindBucketFS(service)
		delete(b.Buckets, name)
		b.BucketOrder = slices.DeleteFunc(b.BucketOrder, func(n string) bool { return n == name })
		return nil
	})
}

func (s *State) findBucket(service, name string) (*Bucket, error) {
	b, err := s.FindBucketFS(service)
	if err != nil {
		return nil, err
	}
	bk, ok := b.Buckets[name]
	if !ok {
		return nil, notFound("bucket '%s' of BucketFS service '%s'", name, service)
	}
	return bk, nil
}

// checkBucketFSPorts refuses a port outside 0..65535. guess: nothing
// more (no page says whether two services may share a port).
func checkBucketFSPorts(ports ...int) error {
	for _, p := range ports {
		if p < 0 || p > 65535 {
			return invalid("port %d is out of range", p)
		}
	}
	return nil
}
