package client

// Micro-benchmarks of the XML-RPC codec and the job runner (issue 8):
//
//	go test ./internal/client -run '^$' -bench . -benchmem
//
// The codec runs on answers the simulator really gives (encoded by its own
// server-side codec), the job runner against the in-process simulator over
// HTTPS. Custom metrics: calls/op (XML-RPC requests per operation, from the
// simulator's counter), handshakes/op (TLS handshakes: connection reuse),
// polls/job and late-ms (how long after a transition ended the waiter
// noticed it).

import (
	"context"
	"crypto/tls"
	"fmt"
	"net/http/httptrace"
	"sync/atomic"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client/transport"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

func benchClient(b *testing.B, s *sim.Server) *ConfD {
	b.Helper()
	c, err := New(Config{Endpoints: s.Endpoints(), Username: s.Username(), Password: s.Password(), CACertPEM: s.CACertPEM()})
	if err != nil {
		b.Fatal(err)
	}
	return c.confdDialect()
}

// benchAnswers are XML-RPC response bodies of typical jobs, from a simulated
// cluster with a database, a schedule and some volumes.
func benchAnswers(b *testing.B) map[string][]byte {
	s := acctest.Start(b, acctest.Pinned(sim.APIConfD), acctest.Nodes(3))
	acctest.Exec(b, s, "db_create", map[string]any{"db_name": "DB1", "version": "8.29.0", "data_volume_name": "DataVolume1",
		"mem_size": "4 GiB", "nodes": []int{11, 12, 13}, "num_active_nodes": 3, "auto_start": false})
	for i := range 20 {
		acctest.Exec(b, s, "st_volume_create", map[string]any{"name": fmt.Sprintf("Archive%d", i), "type": "archive", "disk": "disk1",
			"size": "16 MiB", "nodes": []int{11}, "redundancy": 1})
	}
	out := map[string][]byte{}
	for _, q := range []struct {
		job    string
		params map[string]any
	}{
		{"db_info", map[string]any{"db_name": "DB1"}},
		{"st_volume_info", map[string]any{"vname": "DataVolume1"}},
		{"st_volume_list", nil},
		{"node_list", nil},
	} {
		env, err := s.Exec(q.job, q.params)
		if err != nil {
			b.Fatalf("%s: %v", q.job, err)
		}
		body, err := rpc.EncodeResponse(env)
		if err != nil {
			b.Fatal(err)
		}
		out[q.job] = body
	}
	return out
}

func BenchmarkEncodeCall(b *testing.B) {
	for _, c := range []struct {
		name string
		args []any
	}{
		{"db_info", []any{"db_info", map[string]any{"params": map[string]any{"db_name": "DB1"}}}},
		{"db_create", []any{"db_create", map[string]any{"params": map[string]any{
			"db_name": "DB1", "version": "8.29.0", "data_volume_name": "DataVolume1", "mem_size": "4 GiB",
			"nodes": []any{11, 12, 13, 14}, "num_active_nodes": 3, "port": 8563, "params": "-useIndexWrapper=0", "auto_start": true,
		}}}},
		{"job_wait", []any{"0000000042"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				if _, err := transport.EncodeCall("job_exec", c.args...); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDecodeResponse(b *testing.B) {
	answers := benchAnswers(b)
	for _, job := range []string{"db_info", "st_volume_info", "st_volume_list", "node_list"} {
		body := answers[job]
		b.Run(job, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for range b.N {
				if _, err := transport.DecodeResponse("job_exec", body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// handshakeCounter counts TLS handshakes and new connections of the
// requests made with its context.
type handshakeCounter struct{ handshakes, conns atomic.Int64 }

func (h *handshakeCounter) ctx(ctx context.Context) context.Context {
	return httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		TLSHandshakeDone: func(tls.ConnectionState, error) { h.handshakes.Add(1) },
		GotConn: func(i httptrace.GotConnInfo) {
			if !i.Reused {
				h.conns.Add(1)
			}
		},
	})
}

// BenchmarkExecRead is one read job (st_volume_info) through the whole
// runner: encode, HTTPS to the simulator, decode, envelope. Sequential and
// with parallel callers, as Terraform refreshes resources in parallel.
func BenchmarkExecRead(b *testing.B) {
	s := acctest.Start(b, acctest.Pinned(sim.APIConfD))
	params := Params{"vname": "DataVolume1"}
	b.Run("sequential", func(b *testing.B) {
		c := benchClient(b, s)
		var h handshakeCounter
		ctx := h.ctx(context.Background())
		c0 := s.Calls()
		b.ResetTimer()
		for range b.N {
			if _, err := c.exec(ctx, "st_volume_info", params); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(s.Calls()-c0)/float64(b.N), "calls/op")
		b.ReportMetric(float64(h.handshakes.Load()), "handshakes")
	})
	b.Run("parallel", func(b *testing.B) {
		c := benchClient(b, s)
		var h handshakeCounter
		ctx := h.ctx(context.Background())
		c0 := s.Calls()
		b.SetParallelism(5) // 5 × GOMAXPROCS callers, like terraform -parallelism=10 on 2 cores
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := c.exec(ctx, "st_volume_info", params); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.ReportMetric(float64(s.Calls()-c0)/float64(b.N), "calls/op")
		b.ReportMetric(float64(h.handshakes.Load()), "handshakes")
	})
}

// BenchmarkExecChange is one change job that finishes at once
// (st_volume_add_label, then st_volume_remove_label): job_start, job_wait
// until it has finished, job_result.
func BenchmarkExecChange(b *testing.B) {
	s := acctest.Start(b, acctest.Pinned(sim.APIConfD))
	c := benchClient(b, s)
	ctx := context.Background()
	c0 := s.Calls()
	b.ResetTimer()
	for i := range b.N {
		job := "st_volume_add_label"
		if i%2 == 1 {
			job = "st_volume_remove_label"
		}
		if _, err := c.exec(ctx, job, Params{"vname": "DataVolume1", "label": "bench"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(s.Calls()-c0)/float64(b.N), "calls/op")
}

// BenchmarkChangeJobWait is db_start and db_stop of a database whose
// transitions take d: the job finishes when the database gets there, and
// the runner's job_wait polls notice it. polls/job is job_wait calls per
// job; late-ms how long after the end of the transition the job returned.
func BenchmarkChangeJobWait(b *testing.B) {
	for _, d := range []time.Duration{200 * time.Millisecond, time.Second, 4 * time.Second} {
		b.Run(d.String(), func(b *testing.B) {
			s := acctest.Start(b, acctest.Pinned(sim.APIConfD), acctest.Durations(map[string]time.Duration{cluster.TransDBStart: d, cluster.TransDBStop: d}))
			acctest.Exec(b, s, "db_create", map[string]any{"db_name": "DB1", "version": "8.29.0", "data_volume_name": "DataVolume1",
				"mem_size": "1 GiB", "nodes": []int{11}, "num_active_nodes": 1, "auto_start": false})
			c := benchClient(b, s)
			ctx := context.Background()
			var late time.Duration
			c0 := s.Calls()
			b.ResetTimer()
			for range b.N {
				for _, job := range []string{"db_start", "db_stop"} {
					start := time.Now()
					if _, err := c.exec(ctx, job, Params{"db_name": "DB1"}); err != nil {
						b.Fatal(err)
					}
					late += time.Since(start) - d
				}
			}
			jobs := float64(2 * b.N)
			// per job: job_start, the job_wait polls, job_result
			b.ReportMetric((float64(s.Calls()-c0)-2*jobs)/jobs, "polls/job")
			b.ReportMetric(float64(late.Milliseconds())/jobs, "late-ms")
		})
	}
}
