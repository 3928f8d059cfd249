package client_test

import (
	"bytes"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// rewritingProxy sits between a client and the simulator's EXAoperation
// face: toSim rewrites each request's path and body, fromSim the answer of
// a method.
func rewritingProxy(t *testing.T, s *sim.Server, toSim func(string) string, fromSim func(method string, answer []byte) []byte) *client.Cluster {
	t.Helper()
	upstream := acctest.HTTPClient(s.CACertPEM(), 0) // trusts only the simulator's CA
	target := strings.TrimSuffix(s.Endpoints()[0], "/")
	if !strings.Contains(target, "://") {
		target = "https://" + target
	}
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		req, _ := http.NewRequestWithContext(r.Context(), r.Method, target+toSim(r.URL.Path), strings.NewReader(toSim(string(body))))
		req.Header = r.Header.Clone()
		req.Header.Del("Content-Length")
		resp, err := upstream.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer func() { _ = resp.Body.Close() }()
		answer, _ := io.ReadAll(resp.Body)
		if m := methodNameRE.FindSubmatch(body); m != nil {
			answer = fromSim(string(m[1][bytes.LastIndexByte(m[1], '.')+1:]), answer)
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

// renamingProxy shows the simulator's remote volume objects (r0001, …)
// under other names (remote1, …), as Exasol's reference names one in its
// example ("for example 'remote1'"): object names in answers and in URLs
// and arguments are translated both ways; volume ids (10001) stay.
func renamingProxy(t *testing.T, s *sim.Server) *client.Cluster {
	toSim := strings.NewReplacer("remote", "r000")     // remote1 → r0001
	fromSim := strings.NewReplacer(">r000", ">remote") // <string>r0001 → <string>remote1
	return rewritingProxy(t, s, toSim.Replace, func(method string, answer []byte) []byte {
		if method == "getAllArchiveVolumes" || method == "addRemoteVolume" {
			return []byte(fromSim.Replace(string(answer)))
		}
		return answer
	})
}

// Remote volume objects are found (getAllArchiveVolumes less the storage
// volumes), never derived from the id or matched by a name pattern.
func TestExaopRemoteVolumeObjectsFound(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
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

// The user id comes from getUserByName's "user description" whatever its
// shape: a dict with the id, the id alone, or a dict without one (then the
// login, which volumes take too).
func TestExaopUserDescriptionShapes(t *testing.T) {
	for _, c := range []struct{ name, answer, want string }{
		{"dict with id", "", "1000"},
		{"bare id", `<?xml version="1.0"?><methodResponse><params><param><value><int>1000</int></value></param></params></methodResponse>`, "1000"},
		{"dict without id", `<?xml version="1.0"?><methodResponse><params><param><value><struct><member><name>user_login</name>` +
			`<value><string>admin</string></value></member></struct></value></param></params></methodResponse>`, "admin"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
			x := rewritingProxy(t, s, func(s string) string { return s }, func(method string, answer []byte) []byte {
				if method == "getUserByName" && c.answer != "" {
					return []byte(c.answer)
				}
				return answer
			})
			if _, err := x.CreateVolume(ctx(t), client.VolumeSpec{Name: "A1", Type: client.VolumeTypeArchive, Disk: "disk1",
				Size: "1 GiB", Nodes: []int64{11}, Redundancy: 1}, client.VolumeChange{}); err != nil {
				t.Fatal(err)
			}
			for _, r := range acctest.Log(s).Records() {
				if r.Name == "addStorageVolume" {
					users := r.Params["args"].([]any)[0].(map[string]any)["allowed_users"]
					if got := fmt.Sprint(users); got != "["+c.want+"]" {
						t.Fatalf("allowed_users %s, want [%s]", got, c.want)
					}
				}
			}
		})
	}
}
