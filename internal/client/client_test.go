package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

type logSink struct {
	mu    sync.Mutex
	lines []string
}

func (l *logSink) log(_ context.Context, msg string, f map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprint(msg, f))
}

func (l *logSink) all() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

func newClient(t *testing.T, s *sim.Server, mod ...func(*client.Config)) (*client.Cluster, *logSink) {
	t.Helper()
	sink := &logSink{}
	cfg := client.Config{Endpoints: s.Endpoints(), Username: s.Username(), Password: s.Password(), CACertPEM: s.CACertPEM(), Log: sink.log}
	for _, m := range mod {
		m(&cfg)
	}
	c, err := client.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, sink
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}

func TestDatabaseRoundTrip(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	c, sink := newClient(t, s)
	port := int64(8888)
	spec := client.DatabaseSpec{Name: "DB1", Version: "8.29.0", DataVolumeName: "DataVolume1", MemSize: "2048 MiB",
		Nodes: []int64{11}, NumActiveNodes: 1, Port: &port}
	if err := c.CreateDatabase(ctx(t), spec); err != nil {
		t.Fatal(err)
	}
	d, err := c.StartDatabase(ctx(t), "DB1")
	if err != nil {
		t.Fatal(err)
	}
	if d.State != client.DBStateRunning || !d.Connectible || d.Config.MemSize != "2 GiB" || d.Config.Port != 8888 ||
		d.Config.DataVolumeName != "DataVolume1" || len(d.ActiveNodes) != 1 || d.ActiveNodes[0] != "n11" ||
		!strings.HasSuffix(d.ConnectionString, ":8888") {
		t.Fatalf("unexpected database: %+v", d)
	}
	names, err := c.DBList(ctx(t))
	if err != nil || len(names) != 1 || names[0] != "DB1" {
		t.Fatalf("DBList = %v, %v", names, err)
	}
	mem := "3 GiB"
	if err := c.ReconfigureDatabase(ctx(t), "DB1", client.DatabaseChange{MemSize: &mem}, false, true); err != nil {
		t.Fatal(err)
	}
	if d, _ = c.DBInfo(ctx(t), "DB1"); d.Config.MemSize != "3 GiB" || d.State != client.DBStateRunning {
		t.Fatalf("after reconfigure: %+v", d)
	}
	if err := c.DeleteDatabase(ctx(t), "DB1", false); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DBInfo(ctx(t), "DB1"); !client.IsNotFound(err) {
		t.Fatalf("DBInfo after delete: %v, want not found", err)
	}
	if !strings.Contains(sink.all(), "db_configure") {
		t.Fatal("jobs are not logged")
	}
}

func TestJobErrorNamesJobAndMessage(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	c, _ := newClient(t, s)
	err := c.DBCreate(ctx(t), client.DatabaseSpec{Name: "DB1", Version: "8.29.0", DataVolumeName: "Nope", MemSize: "1 GiB", Nodes: []int64{11}, NumActiveNodes: 1})
	var e *client.Error
	if !errors.As(err, &e) || e.Job != "db_create" || !strings.Contains(e.Error(), "Nope") || e.ResultCode == 0 {
		t.Fatalf("got %#v", err)
	}
	// Refusal: a running database cannot be deleted.
	if err := c.CreateDatabase(ctx(t), client.DatabaseSpec{Name: "DB1", Version: "8.29.0", DataVolumeName: "DataVolume1", MemSize: "1 GiB", Nodes: []int64{11}, NumActiveNodes: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.StartDatabase(ctx(t), "DB1"); err != nil {
		t.Fatal(err)
	}
	if err := c.DBDelete(ctx(t), "DB1"); err == nil || client.IsNotFound(err) || !strings.Contains(err.Error(), "db_delete") {
		t.Fatalf("deleting a running database: %v", err)
	}
}

func TestAuthFailures(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	c, _ := newClient(t, s, func(c *client.Config) { c.Password = "wrong" })
	_, err := c.DBList(ctx(t))
	var e *client.Error
	if !errors.As(err, &e) || e.Kind != client.KindAuth || !strings.Contains(err.Error(), "credentials") {
		t.Fatalf("wrong password: %v", err)
	}
}

func TestTLSVerification(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	c, _ := newClient(t, s, func(c *client.Config) { c.CACertPEM = nil })
	_, err := c.DBList(ctx(t))
	// The advice names the provider's settings: internal/provider
	// TestClientErrorDetail words the hint.
	var e *client.Error
	if err == nil || !strings.Contains(err.Error(), "not signed by a trusted CA") || !errors.As(err, &e) || e.Hint != client.HintCACert {
		t.Fatalf("unpinned self-signed cluster: %v, want the hint to pin the CA", err)
	}
	c, _ = newClient(t, s, func(c *client.Config) { c.CACertPEM = nil; c.Insecure = true })
	if _, err := c.DBList(ctx(t)); err != nil {
		t.Fatalf("insecure: %v", err)
	}
	if _, err := client.New(client.Config{Endpoints: s.Endpoints(), Username: "a", Password: "b", CACertPEM: []byte("junk")}); err == nil {
		t.Fatal("a CA that is not PEM was accepted")
	}
}

func TestSecretsAreNotLogged(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	c, sink := newClient(t, s)
	_, _ = c.DBList(ctx(t))
	_ = c.DBCreate(ctx(t), client.DatabaseSpec{Name: "X", Version: "1", DataVolumeName: "v", MemSize: "1 GiB"})
	if strings.Contains(sink.all(), s.Password()) {
		t.Fatal("the password appears in the log")
	}
}

// A node that is not the master answers /master with the master's address;
// the client then talks to the master only.
func TestMasterDiscoveryAndRedirect(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	master := s.Endpoints()[0]
	// A front that redirects every RPC to the master, as a non-master node does.
	var redirected int
	front := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/master" {
			w.WriteHeader(http.StatusNotFound) // pretend discovery is unavailable here
			return
		}
		redirected++
		http.Redirect(w, r, master+"/", http.StatusFound)
	}))
	defer front.Close()
	c, _ := newClient(t, s, func(c *client.Config) {
		// The master is named too: a redirect is followed only to a node
		// the user or GET /master named (redirect_test.go).
		c.Endpoints = []string{front.URL, master}
		c.CACertPEM = nil
		c.Insecure = true // the front's certificate is httptest's own
	})
	for range 3 {
		if _, err := c.DBList(ctx(t)); err != nil {
			t.Fatal(err)
		}
	}
	if redirected != 1 {
		t.Fatalf("the front was asked %d times; after one redirect the master must be remembered", redirected)
	}
	// An unreachable first endpoint is skipped during discovery.
	c, _ = newClient(t, s, func(c *client.Config) { c.Endpoints = []string{"127.0.0.1:1", master} })
	if _, err := c.DBList(ctx(t)); err != nil {
		t.Fatalf("with a dead first endpoint: %v", err)
	}
}

func TestConfigValidation(t *testing.T) {
	for name, cfg := range map[string]client.Config{
		"no endpoint":   {Username: "a", Password: "b"},
		"no creds":      {Endpoints: []string{"h"}},
		"both creds":    {Endpoints: []string{"h"}, Username: "a", Password: "b", AuthToken: "t"},
		"http endpoint": {Endpoints: []string{"http://h"}, Username: "a", Password: "b"},
		"creds in url":  {Endpoints: []string{"https://u:p@h"}, Username: "a", Password: "b"},
	} {
		if _, err := client.New(cfg); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	u, err := client.ParseEndpoint("10.0.0.1")
	if err != nil || u.String() != "https://10.0.0.1:443/" {
		t.Fatalf("ParseEndpoint default port: %v %v", u, err)
	}
}
