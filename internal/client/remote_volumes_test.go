package client_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

func TestRemoteVolumeRoundTrip(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	c, sink := newClient(t, s)
	const secret = "ConfD-Rv-Secret-4411"
	name, err := c.CreateRemoteVolume(ctx(t), client.RemoteVolumeSpec{Type: "s3", URL: "https://b.s3.amazonaws.com",
		Username: "AK", Password: secret, Options: []string{"noverifypeer", "timeout=5"}, Labels: []string{"weekly"}})
	if err != nil || name != "r0001" {
		t.Fatalf("CreateRemoteVolume = %q, %v; want the cluster's default name r0001", name, err)
	}
	v, err := c.RemoteVolumeInfo(ctx(t), client.RemoteVolumeRef{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	if v.ID != 10001 || v.Type != "s3" || v.Password != secret || v.Owner != s.Username() ||
		!slices.Equal(v.Options, []string{"noverifypeer", "timeout=5"}) || !slices.Equal(v.Labels, []string{"weekly"}) {
		t.Fatalf("remote_volume_info: %+v", v)
	}
	// by id, as an import by id does
	if byID, err := c.RemoteVolumeInfo(ctx(t), client.RemoteVolumeRef{ID: 10001}); err != nil || byID.Name != name {
		t.Fatalf("info by id: %+v, %v", byID, err)
	}
	if st, err := c.RemoteVolumeState(ctx(t), client.RemoteVolumeRef{Name: name}); err != nil || !slices.Equal(st, []string{"Online"}) {
		t.Fatalf("remote_volume_state = %v, %v", st, err)
	}
	if names, err := c.RemoteVolumeList(ctx(t)); err != nil || !slices.Equal(names, []string{name}) {
		t.Fatalf("remote_volume_list = %v, %v", names, err)
	}
	if err := c.DeleteRemoteVolume(ctx(t), client.RemoteVolumeRef{Name: name}); err != nil {
		t.Fatal(err)
	}
	// gone: info says not found, and a second delete is no error
	if _, err := c.RemoteVolumeInfo(ctx(t), client.RemoteVolumeRef{Name: name}); !client.IsNotFound(err) {
		t.Fatalf("info of a removed volume: %v, want a not-found error", err)
	}
	if err := c.DeleteRemoteVolume(ctx(t), client.RemoteVolumeRef{Name: name}); err != nil {
		t.Fatalf("deleting a removed volume: %v", err)
	}
	if strings.Contains(sink.all(), secret) {
		t.Fatal("the remote volume's password appears in the client log")
	}
}

// lossyFront forwards to the simulator but loses every answer to job_result
// while armed: the job ran, the client cannot know.
func lossyFront(t *testing.T, s *sim.Server) (*httptest.Server, *atomic.Bool) {
	t.Helper()
	up := acctest.HTTPClient(s.CACertPEM(), 0) // trusts only the simulator's CA
	var armed atomic.Bool
	front := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/master" {
			w.WriteHeader(http.StatusNotFound) // talk to this front as the master
			return
		}
		body, _ := io.ReadAll(r.Body)
		req, _ := http.NewRequest(r.Method, s.Endpoints()[0]+r.URL.Path, bytes.NewReader(body))
		req.Header = r.Header.Clone()
		resp, err := up.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer func() { _ = resp.Body.Close() }()
		if armed.Load() && bytes.Contains(body, []byte("<methodName>job_result</methodName>")) {
			conn, _, _ := w.(http.Hijacker).Hijack()
			_ = conn.Close()
			return
		}
		w.WriteHeader(resp.StatusCode)
		_, _ = io.Copy(w, resp.Body)
	}))
	t.Cleanup(front.Close)
	return front, &armed
}

// A lost answer to remote_volume_add is followed by a read-back: the volume
// the cluster did add is reported, not added twice.
func TestCreateRemoteVolumeAfterLostAnswer(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	front, armed := lossyFront(t, s)
	c, _ := newClient(t, s, func(c *client.Config) {
		c.Endpoints = []string{front.URL}
		c.CACertPEM = nil
		c.Insecure = true // the front's certificate is httptest's own
		c.RetryMax = 1
	})
	for _, spec := range []client.RemoteVolumeSpec{
		{Type: "ftp", URL: "ftp://a.example.com/x", Name: "Named"}, // found by name
		{Type: "ftp", URL: "ftp://b.example.com/x"},                // found as the one new volume of that URL
		{Type: "smb", URL: "smb://c.example.com/share", ID: 10077}, // found by id
	} {
		armed.Store(true)
		name, err := c.CreateRemoteVolume(ctx(t), spec)
		armed.Store(false)
		if err != nil {
			t.Fatalf("%+v: %v", spec, err)
		}
		v, err := c.RemoteVolumeInfo(ctx(t), client.RemoteVolumeRef{Name: name})
		if err != nil || v.URL != spec.URL {
			t.Fatalf("%+v: read back %q: %+v, %v", spec, name, v, err)
		}
	}
	adds := acctest.Log(s).Count("remote_volume_add")
	if names, _ := c.RemoteVolumeList(ctx(t)); len(names) != 3 || adds != 3 {
		t.Fatalf("volumes %v after %d remote_volume_add jobs, want 3 and 3", names, adds)
	}
	// The read-back is the job runner's (verify.go): the plain job method
	// gets it too, and the job is not sent again.
	armed.Store(true)
	defer armed.Store(false)
	acctest.Log(s).Reset()
	name, err := c.RemoteVolumeAdd(ctx(t), client.RemoteVolumeSpec{Type: "file", URL: "file:///x"})
	if err != nil || name == "" {
		t.Fatalf("a lost answer: %q, %v, want the name read back", name, err)
	}
	if jobs := acctest.Log(s).Records(); len(jobs) == 0 || jobs[0].Name != "remote_volume_list" || acctest.Log(s).Ran("remote_volume_add") != 1 {
		t.Fatalf("jobs %+v, want remote_volume_list first and one remote_volume_add", jobs)
	}
}
