package client_test

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

func TestClusterState(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	c, _ := newClient(t, s)
	if _, err := s.Exec("db_create", map[string]any{"db_name": "DB1", "version": "8.29.0", "data_volume_name": "DataVolume1",
		"mem_size": "1 GiB", "nodes": []int{11}, "num_active_nodes": 1, "auto_start": false}); err != nil {
		t.Fatal(err)
	}
	st, err := c.ClusterState(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if st.MasterName != "n11" || st.MasterAddress != "127.0.0.1" || len(st.Nodes) != 1 || st.Nodes[0].State != "online" ||
		len(st.Volumes) == 0 || st.Volumes[0] != "DataVolume1" ||
		len(st.Databases) != 1 || st.Databases[0] != (client.ClusterDatabase{Name: "DB1", State: "setup"}) {
		t.Fatalf("cluster state %+v", st)
	}
}

// A front that does not serve /master (a proxy, an older release) leaves the
// master's name unknown; the rest of the overview still works.
func TestMasterNameWithoutMasterEndpoint(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	target, _ := url.Parse(s.Endpoints()[0])
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.Transport = &http.Transport{TLSClientConfig: tlsTrusting(t, s.CACertPEM())}
	front := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/master" {
			http.NotFound(w, r)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	defer front.Close()
	c, _ := newClient(t, s, func(c *client.Config) {
		c.Endpoints = []string{front.URL}
		c.CACertPEM = nil
		c.Insecure = true // the front's certificate is httptest's own
	})
	name, err := c.MasterName(ctx(t))
	if err != nil || name != "" {
		t.Fatalf("MasterName = %q, %v; want \"\" without an error", name, err)
	}
	st, err := c.ClusterState(ctx(t))
	if err != nil || st.MasterName != "" || len(st.Nodes) != 1 {
		t.Fatalf("ClusterState = %+v, %v", st, err)
	}
}

func tlsTrusting(t *testing.T, caPEM []byte) *tls.Config {
	t.Helper()
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(caPEM) {
		t.Fatal("the simulator's CA is not PEM")
	}
	return &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
}
