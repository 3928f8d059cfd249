package confd

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	simconfd "github.com/exacluster/terraform-provider-exasol/internal/sim/confd"
)

// Every parameter the client's job table names is one the simulator's
// declaration of that job has (confd.Declared), for each release: the
// table cannot drift from the declared forms; and what the table calls a
// read the simulator does not call a change.
func TestJobTableParamsAreDeclared(t *testing.T) {
	for _, rel := range []Release{Release8, Release71} {
		for job, spec := range Table {
			d, ok := simconfd.Declared(string(rel), job)
			if !ok {
				t.Errorf("%s: the simulator does not serve it", job)
				continue
			}
			if d.Change && !spec.Change {
				t.Errorf("%s: a change for the simulator, a read in the client's table", job)
			}
			declared := slices.Concat(d.Optional, slices.Concat(d.Mandatory...))
			p := Params{}
			for _, n := range spec.Params {
				p[n] = nil
			}
			for n := range releaseOnly[job] {
				delete(p, n) // never sent where no release takes it; else checked by For
			}
			sent, err := For(rel, job, p)
			if err != nil {
				t.Errorf("%s (%s): %v", job, rel, err)
				continue
			}
			for n := range sent {
				if !slices.Contains(declared, n) {
					t.Errorf("%s (Exasol %s): the client may send %s, which the simulator's declaration (%v) lacks", job, rel, n, declared)
				}
			}
		}
	}
}

// Older releases are sent their own names; the table stays in the current ones.
func TestForRelease(t *testing.T) {
	p, err := For(Release71, "node_remove", Params{"nid": int64(12)})
	if err != nil || fmt.Sprint(p) != "map[node_id:12]" {
		t.Errorf("node_remove for 7.1: %v %v", p, err)
	}
	p, err = For(Release71, "node_add", Params{"priv_net": "10.0.0.1/24", "nid": int64(12)})
	if err != nil || p["id"] != int64(12) || p["nid"] != nil {
		t.Errorf("node_add for 7.1: %v %v", p, err)
	}
	p, err = For(Release71, "db_create", Params{"db_name": "DB1"})
	if err != nil || p["port"] != int64(DefaultDBPort) {
		t.Errorf("db_create for 7.1: %v %v", p, err)
	}
	p, err = For(Release8, "db_create", Params{"db_name": "DB1"})
	if err != nil || p["port"] != nil {
		t.Errorf("db_create for 8: %v %v", p, err)
	}
	if _, err := For(Release8, "remote_volume_add", Params{"allowed_users": []string{"u"}}); err == nil {
		t.Errorf("allowed_users for 8 accepted")
	}
	if _, err := For(Release71, "remote_volume_add", Params{"allowed_users": []string{"u"}}); err == nil {
		t.Errorf("allowed_users for 7.1 accepted")
	}
}

// A call with a parameter the table does not list never leaves the client.
func TestUnlistedParameterIsRefused(t *testing.T) {
	if _, err := Lookup("node_add", Params{"priv_net": "x", "id": 12}); err == nil || !strings.Contains(err.Error(), "id") {
		t.Fatalf("node_add with id: %v", err)
	}
	if _, err := Lookup("no_such_job", nil); err == nil {
		t.Fatal("an unknown job was accepted")
	}
}

// Only reads are shared, and a cache key names what tells answers apart.
func TestCachedJobsAreReads(t *testing.T) {
	for job, spec := range Table {
		if spec.Cached && spec.Change {
			t.Errorf("%s changes the cluster but is cached", job)
		}
		for _, p := range spec.CacheBy {
			if !spec.Takes(p) {
				t.Errorf("%s is cached by %s, which it does not take", job, p)
			}
		}
	}
}
