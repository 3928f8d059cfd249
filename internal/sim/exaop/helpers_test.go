package exaop_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

// face drives a simulator's EXAoperation face over HTTPS with the
// simulator's XML-RPC client (acctest.RPC); certificate checks stay on.
type face struct {
	t *testing.T
	s *sim.Server
}

// start runs a simulator with exactly opts (no acceptance defaults), on
// its EXAoperation face.
func start(t *testing.T, opts sim.Options) *face {
	t.Helper()
	s := acctest.Start(t, acctest.Options(opts), acctest.Face(sim.APIEXAoperation))
	return &face{t: t, s: s}
}

// try calls a method of the object at /cluster1/<path> ("" is the cluster).
func (f *face) try(path, method string, args ...any) (any, error) {
	return acctest.RPC(f.s, path).Call(context.Background(), method, args...)
}

// call runs a call that must succeed.
func (f *face) call(path, method string, args ...any) any {
	f.t.Helper()
	v, err := f.try(path, method, args...)
	if err != nil {
		f.t.Fatalf("%s.%s%v: %v", path, method, args, err)
	}
	return v
}

// fault runs a call that must fault with a Zope exception of the given
// type, and returns the fault text.
func (f *face) fault(kind, path, method string, args ...any) string {
	f.t.Helper()
	_, err := f.try(path, method, args...)
	var fl *rpc.Fault
	if !errors.As(err, &fl) {
		f.t.Fatalf("%s.%s%v: want a fault, got %v", path, method, args, err)
	}
	if fl.Code != -1 || !strings.HasPrefix(fl.String, "Unexpected Zope exception: "+kind+": ") {
		f.t.Fatalf("%s.%s%v: fault %d %q, want code -1 and a %s", path, method, args, fl.Code, fl.String, kind)
	}
	return fl.String
}

// eventually polls cond (no fixed sleeps) until it holds or 10 s pass.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func keys(m any) []string {
	var out []string
	for k := range m.(map[string]any) {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func list(v any) []any { return v.([]any) }

func same(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: got %#v, want %#v", what, got, want)
	}
}

// strsOf turns a decoded list of strings into []string.
func strsOf(v any) []string {
	out := []string{}
	for _, x := range v.([]any) {
		out = append(out, fmt.Sprint(x))
	}
	return out
}

// addDB defines and creates database name on all three nodes and the
// default data volume.
func (f *face) addDB(name string, port int) {
	f.t.Helper()
	got := f.call("", "addDatabase", map[string]any{
		"clients_port_number": port, "data_disk": "d02_data", "data_volume": "v0000", "database_name": name,
		"database_version": "8.29.0", "memory_usage": 4, "nodes_list": []string{"n0011", "n0012", "n0013"},
		"nodes_number": 3,
	})
	same(f.t, "addDatabase", got, "db_"+name)
	f.call("db_"+name, "createDatabase")
}
