package client_test

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// ConfD's port is a cluster setting (XMLRPCPort), so a refused connection to
// the default port of an endpoint given without one says how to give it;
// an endpoint with a port of its own gets no such advice.
func TestRefusedDefaultPortSaysHowToGiveOne(t *testing.T) {
	if c, err := net.DialTimeout("tcp", "127.0.0.1:"+client.DefaultPort, time.Second); err == nil {
		_ = c.Close()
		t.Skip("something listens on the default port here")
	}
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	for endpoint, want := range map[string]bool{"127.0.0.1": true, closedAddr(t): false} {
		c, _ := newClient(t, s, func(cfg *client.Config) {
			cfg.Endpoints = []string{endpoint}
			cfg.RequestTimeout = time.Second
			cfg.FailoverTimeout = time.Second
		})
		_, err := c.DBList(ctx(t))
		if err == nil {
			t.Fatalf("%s: no error", endpoint)
		}
		got := strings.Contains(err.Error(), "may serve ConfD on another port (the cluster setting XMLRPCPort, e.g. 20003); give it with the address as host:port")
		if got != want {
			t.Errorf("%s: hint %v, want %v: %v", endpoint, got, want, err)
		}
	}
}

func closedAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	a := l.Addr().String()
	_ = l.Close()
	return a
}
