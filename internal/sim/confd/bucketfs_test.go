package confd

import (
	"fmt"
	"strings"
	"testing"
)

// The BucketFS jobs' examples: each page's own example first (bucketfs1 is
// no service of the fixture, whose only one is the preinstalled
// bfsdefault with its bucket "default"), then calls on the fixture.
func init() {
	files := []string{"EXAClusterOS:/opt/exasol/slc-*/ScriptLanguages-*"}
	examples = append(examples,
		example{"bucketfs_add", map[string]any{"bucketfs_name": "bucketfs1", "http_port": 0, "https_port": 2581, "owner": []int{500, 500}}, true},
		example{"bucketfs_add", map[string]any{"bucketfs_name": "bucketfs2", "http_port": "2590", "https_port": 0,
			"owner": []string{"exadefusr", "exausers"}, "sync_key": "c2VjcmV0", "sync_period": 30, "path": "/exa/bucketfs2",
			"mode": "BucketFS", "bucketvolume": "DataVolume1"}, true},
		example{"bucketfs_add", map[string]any{"bucketfs_name": "bfsdefault", "http_port": 0, "https_port": 2582, "owner": []int{500, 500}}, false},
		example{"bucketfs_modify", map[string]any{"bucketfs_name": "bucketfs1", "http_port": 0, "https_port": 2581, "owner": []int{500, 500}}, false},
		example{"bucketfs_modify", map[string]any{"bucketfs_name": "bfsdefault", "http_port": 2580, "https_port": "2583",
			"owner": []int{500, 500}, "sync_period": 60}, true},
		example{"bucketfs_delete", map[string]any{"bucketfs_name": "bucketfs1"}, false},
		example{"bucketfs_delete", map[string]any{"bucketfs_name": "bfsdefault"}, true},
		example{"bucketfs_info", map[string]any{"bucketfs_name": "bucketfs1"}, false},
		example{"bucketfs_info", map[string]any{"bucketfs_name": "bfsdefault"}, true},
		example{"bucketfs_list", nil, true},
		example{"bucket_add", map[string]any{"bucket_name": "test_bucket", "bucketfs_name": "bucketfs1", "public": false,
			"read_password": "cHc=", "write_password": "cHc="}, false},
		example{"bucket_add", map[string]any{"bucket_name": "test_bucket", "bucketfs_name": "bfsdefault", "public": false,
			"read_password": "cHc=", "write_password": "cHc=", "additional_files": files}, true},
		example{"bucket_add", map[string]any{"bucket_name": "default", "bucketfs_name": "bfsdefault", "public": true}, false},
		example{"bucket_modify", map[string]any{"bucketfs_name": "bucketfs1", "bucket_name": "test_bucket", "public": false, "write_password": "cHc="}, false},
		example{"bucket_modify", map[string]any{"bucketfs_name": "bfsdefault", "bucket_name": "default", "public": false,
			"read_password": "cHc=", "write_password": "cHc=", "additional_files": files}, true},
		example{"bucket_delete", map[string]any{"bucketfs_name": "bucketfs1", "bucket_name": "test_bucket"}, false},
		example{"bucket_delete", map[string]any{"bucketfs_name": "bfsdefault", "bucket_name": "default"}, true},
	)
}

// A service and a bucket go through their life: added, shown by
// bucketfs_info and bucketfs_list (passwords never), changed, deleted.
func TestBucketFSLifecycle(t *testing.T) {
	s := fixture(t, Release8)
	ok := func(job string, p map[string]any) map[string]any {
		t.Helper()
		env := call(t, s, job, p)
		if env["result_code"] != int64(okCode) {
			t.Fatalf("%s %v: %v", job, p, env["result_desc"])
		}
		return env
	}
	ok("bucketfs_add", map[string]any{"bucketfs_name": "bfs1", "http_port": 0, "https_port": 2600, "owner": []int{500, 500}})
	ok("bucket_add", map[string]any{"bucketfs_name": "bfs1", "bucket_name": "b1", "public": false, "read_password": "r-secret", "write_password": "w-secret"})
	ok("bucketfs_modify", map[string]any{"bucketfs_name": "bfs1", "https_port": 2601})
	ok("bucket_modify", map[string]any{"bucketfs_name": "bfs1", "bucket_name": "b1", "public": true})
	info := fmt.Sprint(ok("bucketfs_info", map[string]any{"bucketfs_name": "bfs1"})["result_output"])
	for _, want := range []string{"https_port:2601", "b1:map[additional_files:[] public:true]", "owner:[500 500]"} {
		if !contains(info, want) {
			t.Errorf("bucketfs_info lacks %q: %s", want, info)
		}
	}
	if contains(info, "secret") {
		t.Errorf("bucketfs_info shows a password: %s", info)
	}
	b := s.c.Snapshot().BucketFS[1].Buckets["b1"]
	if b.ReadPassword != "r-secret" || b.WritePassword != "w-secret" {
		t.Errorf("bucket_modify without passwords changed them: %+v", b)
	}
	if l := fmt.Sprint(ok("bucketfs_list", nil)["result_output"]); l != "[bfsdefault bfs1]" {
		t.Errorf("bucketfs_list = %s", l)
	}
	ok("bucket_delete", map[string]any{"bucketfs_name": "bfs1", "bucket_name": "b1"})
	ok("bucketfs_delete", map[string]any{"bucketfs_name": "bfs1"})
	if env := call(t, s, "bucketfs_info", map[string]any{"bucketfs_name": "bfs1"}); !contains(fmt.Sprint(env["result_desc"]), "does not exist") {
		t.Errorf("bucketfs_info of a deleted service: %v", env)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
