package client_test

import (
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// hostile records every request it gets and whether it carried credentials:
// an address that a redirect must never lead the client to.
type hostile struct {
	mu    sync.Mutex
	reqs  int
	creds []string
}

func (h *hostile) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.reqs++
	if a := r.Header.Get("Authorization"); a != "" {
		h.creds = append(h.creds, a)
	}
	w.WriteHeader(http.StatusOK)
}

// redirectingFront is a node that says it is the master (no /master) and
// answers every call with a redirect to where().
func redirectingFront(t *testing.T, where func(self string) string) *httptest.Server {
	t.Helper()
	var front *httptest.Server
	front = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/master" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Location", where(front.URL))
		w.WriteHeader(http.StatusFound)
	}))
	t.Cleanup(front.Close)
	return front
}

// A redirect to an address the user did not name, to plain http, to a file
// or in a loop is refused at once (not retried until the failover timeout),
// the error names the target, and no credential reaches the target.
func TestRedirectsOnlyToNamedHTTPSNodes(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	h := &hostile{}
	plain := httptest.NewServer(h)
	defer plain.Close()
	tlsHostile := httptest.NewTLSServer(h)
	defer tlsHostile.Close()
	plainURL, _ := url.Parse(plain.URL)
	for name, c := range map[string]struct{ where func(string) string }{
		"http to the same host": {func(self string) string { return "http://" + plainURL.Host + "/" }},
		"https elsewhere":       {func(string) string { return tlsHostile.URL + "/" }},
		"file":                  {func(string) string { return "file:///etc/passwd" }},
		"loop":                  {func(self string) string { return self + "/" }},
		"credentials in it":     {func(string) string { return "https://admin:x@" + strings.TrimPrefix(tlsHostile.URL, "https://") + "/" }},
	} {
		t.Run(name, func(t *testing.T) {
			front := redirectingFront(t, c.where)
			cl, _ := newClient(t, s, func(cfg *client.Config) {
				cfg.Endpoints = []string{front.URL}
				cfg.CACertPEM = nil
				cfg.Insecure = true // httptest's own certificates
				cfg.FailoverTimeout = time.Minute
			})
			start := time.Now()
			_, err := cl.DBList(ctx(t))
			if err == nil {
				t.Fatal("the redirect was followed")
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("the refusal took %s: it must be immediate", d)
			}
			target := c.where(front.URL)
			if u, _ := url.Parse(target); u != nil {
				target = u.Redacted()
			}
			if !strings.Contains(err.Error(), "refused to follow the redirect to "+target) {
				t.Errorf("error does not name the refused target %s: %v", target, err)
			}
			var e *client.Error
			if !errors.As(err, &e) || e.Kind != client.KindHTTP {
				t.Errorf("error %T %v, want a client.Error of KindHTTP", err, err)
			}
		})
	}
	if h.reqs != 0 || len(h.creds) != 0 {
		t.Fatalf("the hostile endpoints got %d requests, %d with credentials", h.reqs, len(h.creds))
	}
}

// A redirect to a node the user named is followed (a follower sends the
// client to the master).
func TestRedirectToNamedNodeIsFollowed(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	master := s.Endpoints()[0]
	front := redirectingFront(t, func(string) string { return master + "/" })
	c, _ := newClient(t, s, func(cfg *client.Config) {
		cfg.Endpoints = []string{front.URL, master}
		cfg.Insecure = true
		cfg.CACertPEM = nil
	})
	if _, err := c.DBList(ctx(t)); err != nil {
		t.Fatal(err)
	}
}

// portForward is a TLS front that passes every call to the simulator, and
// whose GET /master answers what ConfD answers behind a port forward: the
// master's bare IP, which the client combines with the front's port and
// then cannot reach.
func portForward(t *testing.T, s *sim.Server, masterAnswers *atomic.Int32) *httptest.Server {
	t.Helper()
	target, _ := url.Parse(s.Endpoints()[0])
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.Transport = &http.Transport{TLSClientConfig: tlsTrusting(t, s.CACertPEM())}
	front := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/master" {
			masterAnswers.Add(1)
			_, _ = w.Write([]byte("127.0.0.2\n")) // nothing listens on 127.0.0.2 at the front's port
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(front.Close)
	if _, port, _ := net.SplitHostPort(strings.TrimPrefix(front.URL, "https://")); port == "" {
		t.Fatal("front without a port")
	}
	return front
}

// Behind a port forward, the master's address from GET /master cannot be
// reached but the endpoint can: the client uses the endpoint (at once, not
// after the failover timeout). With NoMasterDiscovery it does not ask.
func TestPortForwardedEndpoint(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	var asked atomic.Int32
	front := portForward(t, s, &asked)
	c, _ := newClient(t, s, func(cfg *client.Config) {
		cfg.Endpoints = []string{front.URL}
		cfg.Insecure = true
		cfg.CACertPEM = nil
		cfg.FailoverTimeout = 3 * time.Second
	})
	if _, err := c.DBList(ctx(t)); err != nil {
		t.Fatalf("behind a port forward: %v", err)
	}
	asked.Store(0)
	c, _ = newClient(t, s, func(cfg *client.Config) {
		cfg.Endpoints = []string{front.URL}
		cfg.Insecure = true
		cfg.CACertPEM = nil
		cfg.NoMasterDiscovery = true
	})
	if _, err := c.DBList(ctx(t)); err != nil {
		t.Fatalf("with NoMasterDiscovery: %v", err)
	}
	if n := asked.Load(); n != 0 {
		t.Fatalf("GET /master asked %d times with NoMasterDiscovery", n)
	}
}

// A job_start answered with a struct that is no result envelope fails at
// once with a decode error instead of being polled as a job id.
func TestJobStartAnsweredWithStruct(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	target, _ := url.Parse(s.Endpoints()[0])
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.Transport = &http.Transport{TLSClientConfig: tlsTrusting(t, s.CACertPEM())}
	front := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/master" {
			body := make([]byte, 4096)
			n, _ := r.Body.Read(body)
			if strings.Contains(string(body[:n]), "<methodName>job_start</methodName>") {
				w.Header().Set("Content-Type", "text/xml")
				_, _ = w.Write([]byte(`<?xml version="1.0"?><methodResponse><params><param><value><struct>` +
					`<member><name>jobid</name><value><string>17</string></value></member>` +
					`</struct></value></param></params></methodResponse>`))
				return
			}
			r.Body = http.NoBody
		}
		http.NotFound(w, r)
	}))
	defer front.Close()
	c, _ := newClient(t, s, func(cfg *client.Config) {
		cfg.Endpoints = []string{front.URL}
		cfg.Insecure = true
		cfg.CACertPEM = nil
	})
	start := time.Now()
	err := c.DBStart(ctx(t), "DB1")
	var e *client.Error
	if !errors.As(err, &e) || e.Kind != client.KindDecode {
		t.Fatalf("DBStart = %v, want a decode error", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("took %s", d)
	}
}

// An endless answer is cut off at the bound and fails at once as a decode
// error (not a silently truncated one).
func TestEndlessAnswerIsBounded(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	front := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/master" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/xml")
		_, _ = w.Write([]byte(`<?xml version="1.0"?><methodResponse><params><param><value><string>`))
		chunk := []byte(strings.Repeat("x", 1<<20))
		for range 65 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer front.Close()
	c, _ := newClient(t, s, func(cfg *client.Config) {
		cfg.Endpoints = []string{front.URL}
		cfg.Insecure = true
		cfg.CACertPEM = nil
	})
	_, err := c.DBList(ctx(t))
	var e *client.Error
	if !errors.As(err, &e) || e.Kind != client.KindDecode || !strings.Contains(err.Error(), "larger than 64 MiB") {
		t.Fatalf("DBList = %v, want a decode error naming the bound", err)
	}
}
