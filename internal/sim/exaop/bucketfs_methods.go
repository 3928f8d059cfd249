package exaop

import (
	"slices"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// BucketFS services and their buckets, over the model's services and
// buckets that ConfD's bucketfs_* and bucket_* jobs serve (one state: a
// service added here is listed by bucketfs_list, and the other way round).
// Source: EXAoperation_XMLRPC.md (exasol/exaoperation-xmlrpc), services
// NodeCluster (addBucketFS, saveBucketFSChanges, deleteSubObject), BucketFS
// (addBucket, editBucketFS, getProperties, getSize, deleteSubObject) and
// BucketFSBucket (editBucketFSBucket, getProperties, getSize); the
// repository's README.md (a methodHelp dump) marks the required keys.
// Object names, listings and what the reference leaves open: guesses.go,
// "BucketFS".

func init() {
	register(kindCluster, map[string]*method{
		// NodeCluster addBucketFS: returns the new service's object name.
		"addBucketFS": {sig: "properties:dict", change: true, help: "Create a new object type BucketFS.", run: addBucketFS},
		// NodeCluster saveBucketFSChanges (no arguments).
		"saveBucketFSChanges": {change: true, help: "Save changes of bucketfs properties to file.",
			run: func(*call) (any, error) { return done, nil }},
	})
	register(kindBucketFS, map[string]*method{
		"addBucket": {sig: "properties:dict", change: true, help: "Create a new object type BucketFSBucket.", run: addBucket},
		"deleteSubObject": {sig: "name:str", change: true, help: "Delete the subobject, defined by it's name and all settings.",
			run: func(x *call) (any, error) {
				o, err := bucketObject(x.st, x.obj.bfs, x.str(0))
				if err != nil {
					return nil, err
				}
				return done, x.s.c.RemoveBucket(o.bfs, o.name)
			}},
		"editBucketFS": {sig: "properties:dict", change: true, help: "Edits object.", run: editBucketFS},
		"getProperties": {help: "Function returns a dictionary that describes an object.",
			run: func(x *call) (any, error) { return bucketFSProperties(x.bucketFS()), nil }},
		"getSize": {help: "Return the size used by this whole bucket on disk.",
			run: func(*call) (any, error) { return bucketSize, nil }},
	})
	register(kindBucket, map[string]*method{
		"editBucketFSBucket": {sig: "properties:dict", change: true, help: "Edits object.", run: editBucketFSBucket},
		// BucketFSBucket getProperties: "This object has no properties."
		"getProperties": {help: "This object has no properties.", run: noProperties},
		"getSize": {help: "Get hdd size used by this bucket.",
			run: func(*call) (any, error) { return bucketSize, nil }},
	})
}

// bucketFSSpec: addBucketFS's and editBucketFS's keys; disk (a Choice) is
// required by both (README.md marks it '*'), the others are optional.
var bucketFSSpec = dictSpec{"description": "str", "disk": "!str", "http_port": "int", "https_port": "int"}

// bucketSpec: addBucket's and editBucketFSBucket's keys; all but
// description are required by both.
var bucketSpec = dictSpec{
	"bucket_name": "!str", "description": "str", "public_bucket": "!bool", "read_password": "!str", "write_password": "!str",
}

func (x *call) bucketFS() *cluster.BucketFS {
	b, _ := x.st.FindBucketFS(x.obj.bfs)
	return b
}

// bucketFSProperties: BucketFS getProperties' keys (description, disk,
// http_port, https_port).
func bucketFSProperties(b *cluster.BucketFS) map[string]any {
	return map[string]any{"description": b.Description, "disk": bucketFSDisk(b), "http_port": b.HTTPPort, "https_port": b.HTTPSPort}
}

func addBucketFS(x *call) (any, error) {
	p, err := x.fields(x.dict(0), bucketFSSpec)
	if err != nil {
		return nil, err
	}
	if err := x.choice("disk", strOf(p, "disk"), bucketFSDiskList); err != nil {
		return nil, err
	}
	name := nextBucketFSName(x.st)
	err = x.s.c.AddBucketFS(cluster.BucketFS{Name: name, HTTPPort: intOf(p, "http_port"), HTTPSPort: intOf(p, "https_port"),
		Description: strOf(p, "description"), Disk: strOf(p, "disk"), Mode: bucketFSMode})
	if err != nil {
		return nil, err
	}
	return name, nil
}

// editBucketFS returns the keys whose value changed (fact: "return a list
// of fields, that was modified").
func editBucketFS(x *call) (any, error) {
	p, err := x.fields(x.dict(0), bucketFSSpec)
	if err != nil {
		return nil, err
	}
	if err := x.choice("disk", strOf(p, "disk"), bucketFSDiskList); err != nil {
		return nil, err
	}
	b := x.bucketFS()
	before := bucketFSProperties(b)
	var e cluster.BucketFSEdit
	if _, ok := p["http_port"]; ok {
		n := intOf(p, "http_port")
		e.HTTPPort = &n
	}
	if _, ok := p["https_port"]; ok {
		n := intOf(p, "https_port")
		e.HTTPSPort = &n
	}
	if _, ok := p["description"]; ok {
		d := strOf(p, "description")
		e.Description = &d
	}
	disk := strOf(p, "disk")
	e.Disk = &disk
	if err := x.s.c.EditBucketFS(b.Name, e); err != nil {
		return nil, err
	}
	after, _ := x.s.c.Snapshot().FindBucketFS(b.Name)
	return modified(before, bucketFSProperties(after)), nil
}

func addBucket(x *call) (any, error) {
	p, err := x.fields(x.dict(0), bucketSpec)
	if err != nil {
		return nil, err
	}
	name := strOf(p, "bucket_name")
	err = x.s.c.AddBucket(x.obj.bfs, cluster.Bucket{Name: name, Public: boolOf(p, "public_bucket"),
		ReadPassword: strOf(p, "read_password"), WritePassword: strOf(p, "write_password"), Description: strOf(p, "description"),
		AdditionalFiles: []string{}})
	if err != nil {
		return nil, err
	}
	return name, nil
}

// editBucketFSBucket: the required keys again (README.md marks them '*'
// for this method too); bucket_name must be the bucket's own
// (guesses.go, "BucketFS").
func editBucketFSBucket(x *call) (any, error) {
	p, err := x.fields(x.dict(0), bucketSpec)
	if err != nil {
		return nil, err
	}
	if n := strOf(p, "bucket_name"); n != x.obj.name {
		return nil, usage("editBucketFSBucket: bucket_name '%s' is not this bucket's name '%s'; a bucket cannot be renamed", n, x.obj.name)
	}
	b := x.bucketFS()
	bk := b.Buckets[x.obj.name]
	fields := func(bk *cluster.Bucket) map[string]any {
		return map[string]any{"bucket_name": bk.Name, "description": bk.Description, "public_bucket": bk.Public,
			"read_password": bk.ReadPassword, "write_password": bk.WritePassword}
	}
	before := fields(bk)
	public, read, write := boolOf(p, "public_bucket"), strOf(p, "read_password"), strOf(p, "write_password")
	e := cluster.BucketEdit{Public: &public, ReadPassword: &read, WritePassword: &write}
	if _, ok := p["description"]; ok {
		d := strOf(p, "description")
		e.Description = &d
	}
	if err := x.s.c.EditBucket(b.Name, bk.Name, e); err != nil {
		return nil, err
	}
	after, _ := x.s.c.Snapshot().FindBucketFS(b.Name)
	return modified(before, fields(after.Buckets[bk.Name])), nil
}

// modified lists the keys whose values differ, sorted.
func modified(before, after map[string]any) []string {
	out := []string{}
	for k, v := range after {
		if before[k] != v {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// bucketObject resolves bucket name of service bfs.
func bucketObject(st *cluster.State, bfs, name string) (object, error) {
	b, err := st.FindBucketFS(bfs)
	if err != nil {
		return object{}, notFound(bfs)
	}
	if _, ok := b.Buckets[name]; !ok {
		return object{}, notFound(name)
	}
	return object{kind: kindBucket, name: name, bfs: bfs}, nil
}
