package client_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// The runner sends only what EXAoperation's method table declares: an
// unknown method, an object of another kind, an extra argument or an
// unlisted dict key is refused before anything reaches the cluster, and a
// read-back the table does not name is a defect of the table.
func TestExaopMethodTableRefusesUndeclared(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
	x, _ := newExaop(t, s)
	ctx := context.Background()
	before := len(acctest.Log(s).Calls())
	for _, tc := range []struct {
		name string
		send func() error
		want string
	}{
		{"unknown method", func() error { _, err := x.ExaopCall(ctx, "", "getSecretList"); return err }, "not in its method table"},
		{"other object kind", func() error { _, err := x.ExaopCall(ctx, "db_DB1", "getVolumeList"); return err }, "which its method table does not list"},
		{"extra argument", func() error { _, err := x.ExaopCall(ctx, "", "getDatabaseList", true); return err }, "arguments"},
		{"unlisted key", func() error {
			_, err := x.ExaopChange(ctx, false, "", "addNode", map[string]any{"number": 11, "ipmi_address": "x"})
			return err
		}, "ipmi_address"},
		{"undeclared read-back", func() error { _, err := x.ExaopChange(ctx, true, "db_DB1", "enlargeDatabase", 1); return err }, "names no read-back"},
	} {
		err := tc.send()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error saying %q", tc.name, err, tc.want)
		}
	}
	if calls := acctest.Log(s).Calls()[before:]; len(calls) != 0 {
		t.Errorf("refused calls reached the cluster: %v", calls)
	}
	// A declared read goes out.
	if _, err := x.ExaopCall(ctx, "", "getDatabaseList"); err != nil {
		t.Fatal(err)
	}
	if calls := acctest.Log(s).Calls()[before:]; len(calls) != 1 {
		t.Errorf("declared read: %v", calls)
	}
}

// The delete that undoes a remote volume added with an id EXAoperation
// did not give is read back after a lost answer, as every deleteSubObject
// the method table names a read-back for: the refusal stands alone, the
// volume is gone and the delete was sent once.
func TestExaopRemoteIDCleanupReadBack(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
	p := newFaultProxy(t, s)
	x := p.client(t, s)
	p.loseNext("deleteSubObject")
	_, err := x.CreateRemoteVolume(ctx(t), client.RemoteVolumeSpec{Type: "ftp", URL: "ftp://10.0.0.7/b", ID: 12345})
	var u *client.UnsupportedError
	if !errors.As(err, &u) || strings.Contains(err.Error(), "could not be deleted again") {
		t.Fatalf("want the id refusal alone, got %v", err)
	}
	if n := count(acctest.Log(s).Calls(), ".deleteSubObject"); n != 1 {
		t.Errorf("deleteSubObject was sent %d times", n)
	}
	if l, err := x.RemoteVolumeList(ctx(t)); err != nil || len(l) != 0 {
		t.Errorf("remote volumes after the refusal: %v %v", l, err)
	}
}
