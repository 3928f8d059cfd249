package sim

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

// The redirect fault answers a selected request with a 302 to its to=
// address, and the job does not run; --master-answer replaces what GET
// /master answers.
func TestFaultRedirect(t *testing.T) {
	if _, err := ParseFault("redirect,job=db_list"); err == nil || !strings.Contains(err.Error(), "to=URL is required") {
		t.Fatalf("redirect without to= accepted: %v", err)
	}
	if _, err := ParseFault("5xx,to=https://x/"); err == nil {
		t.Fatal("to= accepted on a 5xx")
	}
	f, err := ParseFault("redirect,job=st_volume_create,to=http://elsewhere.example:8080/")
	if err != nil || f.String() != "redirect,job=st_volume_create,to=http://elsewhere.example:8080/" {
		t.Fatalf("ParseFault = %v (%s), %v", f, f.String(), err)
	}
	s := start(t, Options{Nodes: 1, MasterAnswer: "10.0.0.7"})
	if err := s.InjectFaults(f); err != nil {
		t.Fatal(err)
	}
	hc := httpClient(t, s)
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c := &rpc.Client{URL: s.Endpoints()[0], HTTP: hc, User: s.Username(), Password: s.Password()}
	_, err = c.Call(context.Background(), "job_exec", "st_volume_create", map[string]any{"params": map[string]any{
		"name": "V1", "type": "data", "disk": "disk1", "size": "1 GiB", "nodes": []any{int64(11)}, "redundancy": int64(1)}})
	var he *rpc.HTTPError
	if !errors.As(err, &he) || he.Status != http.StatusFound {
		t.Fatalf("got %v, want HTTP 302", err)
	}
	if fl := s.FaultLog(); len(fl) != 1 || fl[0].Kind != FaultRedirect {
		t.Fatalf("fault log %+v", fl)
	}
	for _, r := range s.JobLog() {
		if r.Name == "st_volume_create" {
			t.Fatalf("the redirected job ran: %+v", r)
		}
	}
	m, err := hc.Get(s.Endpoints()[0] + "/master")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(m.Body)
	_ = m.Body.Close()
	if string(b) != "10.0.0.7" {
		t.Fatalf("GET /master = %q, want the MasterAnswer", b)
	}
}
