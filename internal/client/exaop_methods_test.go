package client_test

import (
	"context"
	"strings"
	"testing"
)

// The runner sends only what EXAoperation's method table declares: an
// unknown method, an object of another kind, an extra argument or an
// unlisted dict key is refused before anything reaches the cluster, and a
// read-back the table does not name is a defect of the table.
func TestExaopMethodTableRefusesUndeclared(t *testing.T) {
	s := startExaop(t)
	x, _ := newExaop(t, s)
	ctx := context.Background()
	before := len(exaopCalls(s))
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
	if calls := exaopCalls(s)[before:]; len(calls) != 0 {
		t.Errorf("refused calls reached the cluster: %v", calls)
	}
	// A declared read goes out.
	if _, err := x.ExaopCall(ctx, "", "getDatabaseList"); err != nil {
		t.Fatal(err)
	}
	if calls := exaopCalls(s)[before:]; len(calls) != 1 {
		t.Errorf("declared read: %v", calls)
	}
}
