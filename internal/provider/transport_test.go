package provider

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// The transport through the CLI (redirect.go, discovery.go in the client):
// a front that redirects to a place the configuration did not name gets
// neither the credentials nor the request, and the plan fails at once
// naming the target; behind a port forward the endpoint is used as given.

func TestAccTransport_hostileRedirect(t *testing.T) {
	var reqs, creds atomic.Int32
	record := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reqs.Add(1)
		if r.Header.Get("Authorization") != "" {
			creds.Add(1)
		}
	})
	plain := httptest.NewServer(record)
	defer plain.Close()
	tlsHostile := httptest.NewTLSServer(record)
	defer tlsHostile.Close()
	for name, to := range map[string]string{"plain http": plain.URL + "/", "another https host": tlsHostile.URL + "/", "a file": "file:///etc/passwd"} {
		t.Run(name, func(t *testing.T) {
			s := acctest.Start(t, func(o *sim.Options) {
				o.Faults = []sim.Fault{{Kind: sim.FaultRedirect, Methods: []string{"*"}, Times: sim.FaultAlways, To: to}}
			})
			began := time.Now()
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      acctest.Provider(s, acctest.Lines(`failover_timeout = "2m"`)) + listDBs,
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(`(?s)refused\s+to\s+follow\s+the\s+redirect\s+to\s+` + regexp.QuoteMeta(to)),
				}},
			})
			if d := time.Since(began); d > time.Minute {
				t.Errorf("the refusal took %s: it must not wait for the failover timeout", d)
			}
		})
	}
	if reqs.Load() != 0 || creds.Load() != 0 {
		t.Fatalf("the redirect targets got %d requests, %d with credentials", reqs.Load(), creds.Load())
	}
}

// GET /master answers a bare IP (127.0.0.2, where nothing listens at the
// endpoint's port), as ConfD does behind a port forward: the provider talks
// to the endpoint as given, and with master_discovery = false never asks.
func TestAccTransport_portForward(t *testing.T) {
	onlyOn(t, client.APIConfD, "EXAoperation has no master discovery")
	s := acctest.Start(t, func(o *sim.Options) { o.MasterAnswer = "127.0.0.2" })
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.Provider(s, acctest.Lines(`request_timeout = "2s"`, `failover_timeout = "5s"`)) + listDBs},
			{Config: acctest.Provider(s, acctest.Lines(`request_timeout = "2s"`, `failover_timeout = "5s"`, "master_discovery = false")) + listDBs},
		},
	})
}
