package confd

import (
	"fmt"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// BucketFS services and buckets (issue 22), each job as its page declares
// it (overview: https://docs.exasol.com/db/latest/confd/overview_bucketfs_jobs.htm).
// Ports are "string, integer" on the pages; owner is "tuple, list" of ids
// or names. bucketfs_info's and bucketfs_list's outputs are guesses
// (guesses.go).
func init() {
	register(
		&job{name: "bucketfs_add", desc: "Add a BucketFS service.", page: docPage("bucketfs_add"), commits: true,
			mandatory: "bucketfs_name:str http_port:str/int https_port:str/int owner:list",
			optional:  "sync_key:str sync_period:str/int path:str mode:str bucketvolume:str",
			run:       bucketFSAdd},
		&job{name: "bucketfs_modify", desc: "Modify a BucketFS service.", page: docPage("bucketfs_modify"), commits: true,
			mandatory: "bucketfs_name:str", optional: "http_port:str/int https_port:str/int sync_period:str/int owner:list",
			run: bucketFSModify},
		&job{name: "bucketfs_delete", desc: "Delete a BucketFS service.", page: docPage("bucketfs_delete"), commits: true,
			mandatory: "bucketfs_name:str",
			run:       func(x *execution) (any, error) { return noOutput, x.c.RemoveBucketFS(x.p.str("bucketfs_name")) }},
		&job{name: "bucketfs_info", desc: "Provide information about a BucketFS service.", page: docPage("bucketfs_info"),
			mandatory: "bucketfs_name:str", run: bucketFSInfo},
		&job{name: "bucketfs_list", desc: "List the BucketFS services.", page: docPage("bucketfs_list"),
			run: func(x *execution) (any, error) { return bucketFSListOutput(x.c.Snapshot()), nil }},
		&job{name: "bucket_add", desc: "Add a bucket to a BucketFS service.", page: docPage("bucket_add"), commits: true,
			mandatory: "bucket_name:str bucketfs_name:str public:bool",
			optional:  "read_password:str write_password:str additional_files:list",
			run:       bucketAdd},
		&job{name: "bucket_modify", desc: "Modify a bucket.", page: docPage("bucket_modify"), commits: true,
			mandatory: "bucketfs_name:str bucket_name:str public:bool",
			optional:  "read_password:str write_password:str additional_files:list",
			run:       bucketModify},
		&job{name: "bucket_delete", desc: "Delete a bucket.", page: docPage("bucket_delete"), commits: true,
			mandatory: "bucketfs_name:str bucket_name:str",
			run: func(x *execution) (any, error) {
				return noOutput, x.c.RemoveBucket(x.p.str("bucketfs_name"), x.p.str("bucket_name"))
			}},
	)
}

// optID reads an optional "string, integer" number into *int.
func (p params) optID(n string) (*int, error) {
	if !p.has(n) {
		return nil, nil
	}
	v, err := p.id(n)
	return &v, err
}

func bucketFSAdd(x *execution) (any, error) {
	p := x.p
	owner, err := p.owner("owner")
	if err != nil {
		return nil, err
	}
	spec := cluster.BucketFS{Name: p.str("bucketfs_name"), Owner: *owner, SyncKey: p.str("sync_key"),
		Path: p.str("path"), Mode: p.str("mode"), BucketVolume: p.str("bucketvolume")}
	for name, dst := range map[string]*int{"http_port": &spec.HTTPPort, "https_port": &spec.HTTPSPort, "sync_period": &spec.SyncPeriod} {
		v, err := p.optID(name)
		if err != nil {
			return nil, err
		}
		if v != nil {
			*dst = *v
		}
	}
	return noOutput, x.c.AddBucketFS(spec)
}

func bucketFSModify(x *execution) (any, error) {
	p := x.p
	var e cluster.BucketFSEdit
	var err error
	if e.HTTPPort, err = p.optID("http_port"); err != nil {
		return nil, err
	}
	if e.HTTPSPort, err = p.optID("https_port"); err != nil {
		return nil, err
	}
	if e.SyncPeriod, err = p.optID("sync_period"); err != nil {
		return nil, err
	}
	if p.has("owner") {
		if e.Owner, err = p.owner("owner"); err != nil {
			return nil, err
		}
	}
	return noOutput, x.c.EditBucketFS(p.str("bucketfs_name"), e)
}

func bucketFSInfo(x *execution) (any, error) {
	b, err := x.c.Snapshot().FindBucketFS(x.p.str("bucketfs_name"))
	if err != nil {
		return nil, err
	}
	return bucketFSInfoOutput(b), nil
}

func bucketAdd(x *execution) (any, error) {
	p := x.p
	return noOutput, x.c.AddBucket(p.str("bucketfs_name"), cluster.Bucket{Name: p.str("bucket_name"), Public: p.bool("public", false),
		ReadPassword: p.str("read_password"), WritePassword: p.str("write_password"), AdditionalFiles: p.strs("additional_files")})
}

func bucketModify(x *execution) (any, error) {
	p := x.p
	public := p.bool("public", false)
	e := cluster.BucketEdit{Public: &public}
	for name, dst := range map[string]**string{"read_password": &e.ReadPassword, "write_password": &e.WritePassword} {
		if p.has(name) {
			v := p.str(name)
			*dst = &v
		}
	}
	if p.has("additional_files") {
		files := p.strs("additional_files")
		e.AdditionalFiles = &files
	}
	if err := x.c.EditBucket(p.str("bucketfs_name"), p.str("bucket_name"), e); err != nil {
		return nil, fmt.Errorf("%w", err)
	}
	return noOutput, nil
}

// The BucketFS jobs that only read.
func init() { readJobs["bucketfs_info"], readJobs["bucketfs_list"] = true, true }
