package client

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

// Connections are kept alive: a run of sequential calls (master discovery
// included) costs one TLS handshake; parallel callers, as Terraform's
// -parallelism makes them, open one connection each and keep reusing them.
func TestConnectionsAreReused(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(3))
	read := func(ctx context.Context, c *ConfD) {
		if _, err := c.exec(ctx, "st_volume_info", Params{"vname": "DataVolume1"}); err != nil {
			t.Error(err)
		}
	}

	t.Run("sequential", func(t *testing.T) {
		c := testClient(t, s)
		var h handshakeCounter
		ctx := h.ctx(context.Background())
		for range 30 {
			read(ctx, c)
		}
		if hs, conns := h.handshakes.Load(), h.conns.Load(); hs != 1 || conns != 1 {
			t.Errorf("30 sequential calls: %d TLS handshakes, %d new connections; want 1 and 1", hs, conns)
		}
	})

	// Terraform's default -parallelism is 10; the benchmark applies with 20.
	for _, parallel := range []int{10, 20} {
		t.Run("parallel", func(t *testing.T) {
			c := testClient(t, s)
			var h handshakeCounter
			ctx := h.ctx(context.Background())
			round := func() {
				var wg sync.WaitGroup
				for range parallel {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for range 5 {
							read(ctx, c)
						}
					}()
				}
				wg.Wait()
			}
			round()
			// A caller that waits for a connection dials one; when another
			// is freed first it takes that, and the dialed one stays in
			// the pool: a few more connections than callers, never one per
			// call (5 × parallel).
			first := h.handshakes.Load()
			if first > int64(2*parallel) {
				t.Errorf("%d parallel callers, %d calls: %d TLS handshakes; want about one per caller", parallel, 5*parallel, first)
			}
			round()
			round()
			if more := h.handshakes.Load() - first; more != 0 {
				t.Errorf("%d parallel callers: %d more TLS handshakes in later rounds; want every connection kept alive", parallel, more)
			}
		})
	}
}

func testClient(t *testing.T, s *sim.Server) *ConfD {
	t.Helper()
	c, err := New(Config{Endpoints: s.Endpoints(), Username: s.Username(), Password: s.Password(), CACertPEM: s.CACertPEM()})
	if err != nil {
		t.Fatal(err)
	}
	return c.confdDialect()
}

// Callers that need the master at the same moment (a run's first parallel
// Reads) share one discovery: one GET /master, not one per caller.
func TestMasterDiscoveryIsShared(t *testing.T) {
	answer, err := rpc.EncodeResponse(map[string]any{"result_code": int64(0), "result_name": "OK", "result_desc": "Success",
		"result_jobid": "1.1", "result_output": []any{"DB1"}})
	if err != nil {
		t.Fatal(err)
	}
	var discoveries atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/master" {
			discoveries.Add(1)
			time.Sleep(50 * time.Millisecond) // long enough for every caller to ask
			_, _ = w.Write([]byte(strings.TrimPrefix(r.Host, "https://")))
			return
		}
		w.Header().Set("Content-Type", "text/xml")
		_, _ = w.Write(answer)
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // handshakes cut off by Close
	srv.StartTLS()
	t.Cleanup(srv.Close)
	c, err := New(Config{Endpoints: []string{srv.URL}, Username: "u", Password: "p", Insecure: true})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.DBList(context.Background()); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := discoveries.Load(); n != 1 {
		t.Errorf("10 concurrent first calls asked GET /master %d times, want once", n)
	}
}
