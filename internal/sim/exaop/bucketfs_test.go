package exaop_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// A BucketFS service and its buckets through EXAoperation's methods, on the
// one model that ConfD's jobs serve too.
func TestBucketFSLifecycle(t *testing.T) {
	f := start(t, sim.Options{})
	// the preinstalled service is a sub-object of the cluster (README.md)
	if !slices.Contains(strsOf(f.call("", "listObjects")), "bfsdefault") {
		t.Fatalf("listObjects lacks bfsdefault")
	}
	same(t, "bfsdefault", f.call("bfsdefault", "getProperties"),
		map[string]any{"description": nil, "disk": "d02_data", "http_port": int64(0), "https_port": int64(2581)})
	same(t, "its buckets", strsOf(f.call("bfsdefault", "listObjects")), []string{"default"})

	name := f.call("", "addBucketFS", map[string]any{"disk": "d02_data", "https_port": 2590, "description": "UDFs"})
	same(t, "addBucketFS", name, "bucketfs1")
	info := f.exec("bucketfs_info", map[string]any{"bucketfs_name": "bucketfs1"})["result_output"].(map[string]any)
	if info["https_port"] != int64(2590) || info["http_port"] != int64(0) {
		t.Fatalf("ConfD's bucketfs_info of a service added by addBucketFS: %v", info)
	}
	same(t, "editBucketFS", strsOf(f.call("bucketfs1", "editBucketFS", map[string]any{"disk": "d02_data", "http_port": 2591})),
		[]string{"http_port"})
	same(t, "getProperties", f.call("bucketfs1", "getProperties"),
		map[string]any{"description": "UDFs", "disk": "d02_data", "http_port": int64(2591), "https_port": int64(2590)})
	f.call("", "saveBucketFSChanges")

	b := map[string]any{"bucket_name": "b1", "public_bucket": true, "read_password": "r", "write_password": "w"}
	same(t, "addBucket", f.call("bucketfs1", "addBucket", b), "b1")
	same(t, "buckets", strsOf(f.call("bucketfs1", "listObjects")), []string{"b1"})
	if p := f.call("bucketfs1/b1", "getProperties"); p != nil && len(p.(map[string]any)) != 0 {
		t.Fatalf("bucket properties: %v", p)
	}
	same(t, "bucket by method path", f.call("", "bucketfs1.b1.getSize"), int64(0))
	bk := f.s.Cluster().Snapshot().BucketFS[1].Buckets["b1"]
	if !bk.Public || bk.ReadPassword != "r" || bk.WritePassword != "w" {
		t.Fatalf("model's bucket %+v", bk)
	}
	b["public_bucket"], b["write_password"] = false, "w2"
	same(t, "editBucketFSBucket", strsOf(f.call("bucketfs1/b1", "editBucketFSBucket", b)), []string{"public_bucket", "write_password"})
	bi := f.exec("bucketfs_info", map[string]any{"bucketfs_name": "bucketfs1"})["result_output"].(map[string]any)
	if bi["buckets"].(map[string]any)["b1"].(map[string]any)["public"] != false {
		t.Fatalf("ConfD's view of the edited bucket: %v", bi)
	}

	// a bucket ConfD adds is an object here, and the other way round
	f.exec("bucket_add", map[string]any{"bucketfs_name": "bucketfs1", "bucket_name": "b2", "public": false})
	same(t, "buckets", strsOf(f.call("bucketfs1", "listObjects")), []string{"b1", "b2"})
	f.call("bucketfs1", "deleteSubObject", "b1")
	f.fault("NotFound", "bucketfs1/b1", "getProperties")
	f.fault("NotFound", "bucketfs1", "deleteSubObject", "b1")

	f.call("", "deleteSubObject", "bucketfs1")
	f.fault("NotFound", "bucketfs1", "getProperties")
	list := f.exec("bucketfs_list", nil)["result_output"]
	if strings.Contains(strings.Join(strsOf(list), ","), "bucketfs1") {
		t.Fatalf("bucketfs_list still lists the deleted service: %v", list)
	}
	same(t, "next name", f.call("", "addBucketFS", map[string]any{"disk": "d02_data"}), "bucketfs1")
}

// Keys are checked against the reference: unknown ones, missing required
// ones and wrong types are refused.
func TestBucketFSRefusals(t *testing.T) {
	f := start(t, sim.Options{})
	f.fault("UsageError", "", "addBucketFS", map[string]any{"https_port": 2590})                      // disk is required
	f.fault("UsageError", "", "addBucketFS", map[string]any{"disk": "d02_data", "name": "x"})         // no name key
	f.fault("UsageError", "", "addBucketFS", map[string]any{"disk": "d02_data", "http_port": "high"}) // not an int
	f.fault("UsageError", "", "addBucketFS", map[string]any{"disk": "d09"})                           // not a choice
	f.fault("UsageError", "", "addBucketFS", map[string]any{"disk": "d02_data", "https_port": 70000})
	f.fault("UsageError", "bfsdefault", "editBucketFS", map[string]any{"http_port": 2580}) // disk is required
	f.fault("UsageError", "", "saveBucketFSChanges", "now")
	ok := map[string]any{"bucket_name": "b1", "public_bucket": false, "read_password": "r", "write_password": "w"}
	for _, k := range []string{"bucket_name", "public_bucket", "read_password", "write_password"} {
		m := map[string]any{}
		for kk, v := range ok {
			if kk != k {
				m[kk] = v
			}
		}
		f.fault("UsageError", "bfsdefault", "addBucket", m)
		f.fault("UsageError", "bfsdefault/default", "editBucketFSBucket", map[string]any{"bucket_name": "default", "public_bucket": true,
			"read_password": "r", "write_password": "w", k: []any{}})
	}
	f.fault("UsageError", "bfsdefault", "addBucket", map[string]any{"bucket_name": "b1", "public_bucket": false, "read_password": "r",
		"write_password": "w", "additional_files": []string{"x"}})
	f.fault("UsageError", "bfsdefault", "addBucket", map[string]any{"bucket_name": "default", "public_bucket": false, "read_password": "r",
		"write_password": "w"}) // exists
	f.fault("UsageError", "bfsdefault/default", "editBucketFSBucket", map[string]any{"bucket_name": "other", "public_bucket": true,
		"read_password": "r", "write_password": "w"}) // no rename
	f.fault("AttributeError", "bfsdefault/default", "addBucket", ok)
	f.fault("NotFound", "nosuch", "getProperties")
	f.fault("NotFound", "bfsdefault/nosuch", "getProperties")
}
