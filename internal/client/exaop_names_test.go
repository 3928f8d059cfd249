package client_test

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// renamingProxy shows the simulator's remote volume objects (r0001, …)
// under other names (remote1, …), as Exasol's reference names one in its
// example ("for example 'remote1'"): object names in answers and in URLs
// and arguments are translated both ways; volume ids (10001) stay.
func renamingProxy(t *testing.T, s *sim.Server) *client.EXAoperation {
	t.Helper()
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(s.CACertPEM())
	upstream := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	target := strings.TrimSuffix(s.Endpoints()[0], "/")
	if !strings.Contains(target, "://") {
		target = "https://" + target
	}
	toSim := strings.NewReplacer("remote", "r000")     // remote1 → r0001
	fromSim := strings.NewReplacer(">r000", ">remote") // <string>r0001 → <string>remote1
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		req, _ := http.NewRequestWithContext(r.Context(), r.Method, target+toSim.Replace(r.URL.Path), bytes.NewReader([]byte(toSim.Replace(string(body)))))
		req.Header = r.Header.Clone()
		req.ContentLength = -1
		req.Header.Del("Content-Length")
		resp, err := upstream.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer func() { _ = resp.Body.Close() }()
		answer, _ := io.ReadAll(resp.Body)
		if m := methodNameRE.FindSubmatch(body); m != nil && (bytes.HasSuffix(m[1], []byte("getAllArchiveVolumes")) || bytes.HasSuffix(m[1], []byte("addRemoteVolume"))) {
			answer = []byte(fromSim.Replace(string(answer)))
		}
		w.Header().Set("Content-Type", resp.Header.Get("Content-Type"))
		w.WriteHeader(resp.StatusCode)
		_, _ = w.Write(answer)
	}))
	t.Cleanup(srv.Close)
	ca := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	x, err := client.NewEXAoperation(client.Config{Endpoints: []string{srv.URL}, Username: s.Username(), Password: s.Password(), CACertPEM: ca})
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// Remote volume objects are found (getAllArchiveVolumes less the storage
// volumes), never derived from the id or matched by a name pattern.
func TestExaopRemoteVolumeObjectsFound(t *testing.T) {
	s := startExaop(t)
	x := renamingProxy(t, s)
	name, err := x.CreateRemoteVolume(ctx(t), client.RemoteVolumeSpec{URL: "ftp://10.0.0.1/backups", Type: "ftp"})
	if err != nil || name != "remote1" {
		t.Fatalf("create: %q %v", name, err)
	}
	if l, err := x.RemoteVolumeList(ctx(t)); err != nil || !slices.Equal(l, []string{"remote1"}) {
		t.Fatalf("list: %v %v", l, err)
	}
	rv, err := x.RemoteVolumeInfo(ctx(t), client.RemoteVolumeRef{ID: 10001})
	if err != nil || rv.Name != "remote1" {
		t.Fatalf("info by id: %+v %v", rv, err)
	}
	if st, err := x.RemoteVolumeState(ctx(t), client.RemoteVolumeRef{Name: "remote1"}); err != nil || len(st) == 0 {
		t.Fatalf("state: %v %v", st, err)
	}
	if err := x.DeleteRemoteVolume(ctx(t), client.RemoteVolumeRef{Name: "remote1"}); err != nil {
		t.Fatal(err)
	}
	if n := len(s.Cluster().Snapshot().Remotes); n != 0 {
		t.Fatalf("%d remote volumes left", n)
	}
}
