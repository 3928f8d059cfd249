// Package transport is the one connection to a cluster's management
// interface: endpoints, TLS (with a pinned CA), credentials, the XML-RPC
// codec, discovery of the master (GET /master), failover to a new master,
// redirects, and one request function (Conn.Call) that builds, authenticates,
// sends, size-limits and maps every answer. It knows no job or method: the
// dialects (../confd, ../exaop) and the client's runner (../runner.go) say
// what is sent and whether it is a read.
package transport

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/wait"
)

// Conn is the connection to one cluster. It is safe for concurrent use and
// does no network work until the first call.
//
// Retries are decided in one place, withFailover (failover.go), which finds
// the master again before repeating a read and repeats a change only when it
// surely never reached a master. go-retryablehttp was configured here and
// switched off at every request site, because its policy repeats a request
// to the same URL without that re-discovery and without knowing whether a
// change was sent; it is dropped rather than run beside withFailover, which
// would multiply the tries of a read (RetryMax × RetryMax).
type Conn struct {
	cfg       Config
	endpoints []*url.URL
	http      *http.Client

	mu     sync.Mutex
	master *url.URL   // cached master URL; nil until discovered or after a failure
	order  []*url.URL // endpoints in the order discovery asks them: failed ones last
	// discovery is the master discovery in progress, if any (discovery.go).
	discovery *sharedDiscovery
	// contacted: some node has answered once, so a node that stops
	// answering is a failover to wait for rather than a wrong address.
	contacted atomic.Bool
	// named: the node addresses (host:port) the credentials may go to
	// (redirect.go).
	named map[string]bool
	// portDefaulted: the endpoints (host names) given without a port.
	portDefaulted []string
}

// New checks the configuration and prepares the connection.
func New(cfg Config) (*Conn, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	c := &Conn{cfg: cfg}
	for _, e := range cfg.Endpoints {
		u, err := ParseEndpoint(e)
		if err != nil {
			return nil, err
		}
		c.endpoints = append(c.endpoints, u)
		c.nameHost(u.Host)
		if !strings.Contains(e, u.Host) {
			c.portDefaulted = append(c.portDefaulted, u.Hostname())
		}
	}
	tc, err := cfg.tlsConfig()
	if err != nil {
		return nil, err
	}
	c.order = append([]*url.URL(nil), c.endpoints...)
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.FailoverTimeout <= 0 {
		cfg.FailoverTimeout = DefaultFailoverTimeout
	}
	if cfg.RetryMax <= 0 {
		cfg.RetryMax = 4
	}
	c.cfg = cfg
	c.http = &http.Client{
		Timeout: cfg.RequestTimeout,
		Transport: &http.Transport{
			Proxy:               http.ProxyFromEnvironment,
			TLSClientConfig:     tc,
			MaxIdleConnsPerHost: 64, // every connection of -parallelism callers kept alive (TestConnectionsAreReused)
			IdleConnTimeout:     90 * time.Second,
			TLSHandshakeTimeout: 15 * time.Second,
			ForceAttemptHTTP2:   false,
		},
		// A non-master node answers with 302; we follow it ourselves so the
		// POST stays a POST and the new master is remembered.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return c, nil
}

func isConnRefused(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// Call is the one request function: it sends one XML-RPC call of method
// to the master (to an object below the master's URL: EXAoperation serves
// one XML-RPC object per path, /cluster1/db_x; ConfD has one, "") and
// decodes the answer. It rides out a failover of the master
// (withFailover): a read is repeated until a master answers; a change is
// repeated only while it surely never reached a master, and otherwise
// fails with an error for which Sent holds. Credentials and certificate
// failures are never repeated.
func (c *Conn) Call(ctx context.Context, read bool, object, method string, args ...any) (any, error) {
	body, err := EncodeCall(method, args...)
	if err != nil {
		return nil, &Error{Kind: KindDecode, Job: method, Message: "cannot encode the request: " + err.Error(), Err: err}
	}
	return c.withFailover(ctx, method, read, func(ctx context.Context) (any, error) {
		return c.callOnce(ctx, object, method, body)
	})
}

// callOnce is one try: find the master, post, follow redirects to it.
func (c *Conn) callOnce(ctx context.Context, object, method string, body []byte) (any, error) {
	target, err := c.masterURL(ctx)
	if err != nil {
		return nil, err
	}
	if object != "" {
		target = target.JoinPath(object)
	}
	for redirects := 0; ; redirects++ {
		resp, data, readErr, wrote, err := c.send(ctx, http.MethodPost, target, body, maxAnswer)
		if err != nil {
			c.dropMaster(target)
			return nil, c.hintPort(requestError(method, target, err, wrote), err)
		}
		if readErr == nil && len(data) > maxAnswer {
			c.dropMaster(target)
			return nil, &Error{Kind: KindDecode, Job: method, Endpoint: target.Host,
				Message: fmt.Sprintf("the answer is larger than %d MiB, more than any ConfD answer; not read further", maxAnswer>>20)}
		}
		switch {
		case resp.StatusCode == http.StatusFound || resp.StatusCode == http.StatusTemporaryRedirect:
			// A node that is not the master did not run the job: following
			// the redirect is safe for a change too, but only to a node we
			// may send the credentials to (redirect.go).
			next, rerr := c.followRedirect(ctx, method, target, resp, redirects)
			if rerr != nil {
				return nil, rerr
			}
			target = c.rememberMaster(next)
			continue
		case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
			return nil, &Error{Kind: KindAuth, Job: method, Endpoint: target.Host, HTTPStatus: resp.StatusCode, Hint: HintCredentials}
		case resp.StatusCode != http.StatusOK:
			if resp.StatusCode >= 500 {
				c.dropMaster(target)
			}
			e := &Error{Kind: KindHTTP, Job: method, Endpoint: target.Host, HTTPStatus: resp.StatusCode, Message: snippet(data)}
			if resp.StatusCode >= 500 {
				e.Hint = HintRetry
			}
			return nil, e
		case readErr != nil:
			c.dropMaster(target)
			return nil, requestError(method, target, readErr, true)
		}
		v, err := DecodeResponse(method, data)
		if e, ok := err.(*Error); ok {
			e.Endpoint = target.Host
		}
		return v, err
	}
}

// maxAnswer bounds what one answer may hold: the largest ConfD answers
// (a long job log, every volume of a big cluster) are a few MiB.
const maxAnswer = 64 << 20

// send is the one HTTP exchange of the connection: it builds the request
// (an XML-RPC body, or a GET without one), authenticates it, sends it, and
// reads at most limit+1 bytes of the answer (more than limit is the
// caller's to refuse). err is a failure to exchange the request, readErr
// one to read the answer after the status came; wrote says that the
// request was written completely: a request that was not cannot have
// reached ConfD's job queue. Retries are withFailover's, which finds the
// master again first.
func (c *Conn) send(ctx context.Context, method string, target *url.URL, body []byte, limit int64) (
	resp *reply, data []byte, readErr error, wrote bool, err error) {
	var written atomic.Bool
	trace := &httptrace.ClientTrace{WroteRequest: func(i httptrace.WroteRequestInfo) {
		if i.Err == nil {
			written.Store(true)
		}
	}}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), method, target.String(), rd)
	if err != nil {
		return nil, nil, nil, false, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "text/xml")
	}
	c.authorize(req.Header)
	hr, err := c.http.Do(req)
	if err != nil {
		return nil, nil, nil, written.Load(), err
	}
	defer func() { _ = hr.Body.Close() }()
	c.contacted.Store(true)
	data, readErr = io.ReadAll(io.LimitReader(hr.Body, limit+1))
	return &reply{StatusCode: hr.StatusCode, Header: hr.Header, request: req.URL}, data, readErr, written.Load(), nil
}

// reply is what send keeps of an HTTP answer once it has read and closed
// the body: callers never hold an open body.
type reply struct {
	StatusCode int
	Header     http.Header
	request    *url.URL
}

// Location is the redirect target, resolved against the request's URL as
// http.Response.Location does.
func (r *reply) Location() (*url.URL, error) {
	lv := r.Header.Get("Location")
	if lv == "" {
		return nil, http.ErrNoLocation
	}
	return r.request.Parse(lv)
}

func (c *Conn) authorize(h http.Header) {
	if c.cfg.AuthToken != "" {
		h.Set("Authorization", "Bearer "+c.cfg.AuthToken)
	} else {
		r := http.Request{Header: h}
		r.SetBasicAuth(c.cfg.Username, c.cfg.Password)
	}
	if c.cfg.UserAgent != "" {
		h.Set("User-Agent", c.cfg.UserAgent)
	}
}

// hintPort adds to a refused or timed-out connection to the default port
// of an endpoint given without one that ConfD may listen elsewhere: its
// port is the cluster setting XMLRPCPort (e.g. 20003), not a fixed number.
func (c *Conn) hintPort(e *Error, err error) *Error {
	if e == nil || (!isConnRefused(err) && !isTimeout(err)) {
		return e
	}
	for _, h := range c.portDefaulted {
		if e.Endpoint == net.JoinHostPort(h, DefaultPort) {
			e.Message += fmt.Sprintf("; the endpoint was given without a port, so port %s was tried: the cluster may serve ConfD on "+
				"another port (the cluster setting XMLRPCPort, e.g. 20003); give it with the address as host:port", DefaultPort)
			return e
		}
	}
	return e
}

// transportError describes a request that did not complete.
func transportError(method string, target *url.URL, err error) *Error {
	return requestError(method, target, err, false)
}

// requestError describes a request that did not complete; sent says that it
// was written, so a change may have reached the cluster.
func requestError(method string, target *url.URL, err error, sent bool) *Error {
	msg, hint := err.Error(), HintNone
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	switch {
	case errors.As(err, &unknownCA):
		// The caller's advice (how to pin the CA) follows this sentence;
		// the TLS library's own words stay in Err.
		msg = "the server's certificate is not signed by a trusted CA"
		hint = HintCACert
	case errors.As(err, &hostErr):
		msg = "the server's certificate does not name this address; connect by a name the certificate lists (" + msg + ")"
	}
	if sent {
		err = &sentError{err}
	}
	return &Error{Kind: KindTransport, Job: method, Endpoint: target.Host, Message: msg, Err: err, Hint: hint}
}

func snippet(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	if s == "" {
		return "(empty body)"
	}
	return s
}

// findMaster returns the cached master or discovers it: GET /master on each
// endpoint in turn answers with the master's address. Endpoints that failed
// lately are asked last, so that a dead or hanging node costs one try.
// Callers use masterURL, which shares one discovery (discovery.go).
func (c *Conn) findMaster(ctx context.Context) (*url.URL, error) {
	c.mu.Lock()
	m, order := c.master, append([]*url.URL(nil), c.order...)
	c.mu.Unlock()
	if m != nil {
		return m, nil
	}
	var failures []string
	var trustWhy string
	var trustHint Hint
	trustOnly := true // every endpoint failed on its certificate: no point in waiting
	for _, ep := range order {
		m, err := c.discover(ctx, ep)
		if err == nil {
			m = c.reachableMaster(ctx, ep, m)
			c.mu.Lock()
			c.master = m
			c.mu.Unlock()
			return m, nil
		}
		if ctx.Err() != nil {
			return nil, &Error{Kind: KindTransport, Job: "master discovery", Endpoint: ep.Host, Message: ctx.Err().Error(), Err: ctx.Err()}
		}
		var e *Error
		if errors.As(err, &e) && e.Kind == KindAuth {
			return nil, err
		}
		trustOnly = trustOnly && IsTrustError(err)
		c.demote(ep.Host)
		// Each failure is said once: the job and endpoint are in the outer error.
		why := err.Error()
		if errors.As(err, &e) && e.Kind == KindTransport {
			why = e.Message
		}
		failures = append(failures, fmt.Sprintf("%s: %s", ep.Host, why))
		if trustOnly {
			trustWhy = why
			if errors.As(err, &e) {
				trustHint = e.Hint
			}
		}
	}
	msg, hint := "no endpoint named the master: "+strings.Join(failures, "; "), HintNone
	if trustOnly && len(failures) > 0 {
		msg, hint = trustWhy, trustHint // the same certificate problem on every node: one sentence
	}
	return nil, &Error{Kind: KindTransport, Job: "master discovery", Endpoint: strings.Join(hosts(c.endpoints), ", "),
		Message: msg, Err: &discoveryError{trust: trustOnly}, Hint: hint}
}

func (c *Conn) discover(ctx context.Context, ep *url.URL) (*url.URL, error) {
	if c.cfg.API == APIEXAoperation {
		return ExaoperationRoot(ep), nil
	}
	if c.cfg.NoMasterDiscovery {
		return ep, nil
	}
	u := *ep
	u.Path = "/master"
	// The other nodes are asked next rather than this one again.
	rctx, cancel := context.WithTimeout(ctx, min(discoveryTimeout, c.cfg.RequestTimeout))
	defer cancel()
	resp, data, _, _, err := c.send(rctx, http.MethodGet, &u, nil, 4096)
	if err != nil {
		return nil, c.hintPort(transportError("master discovery", ep, err), err)
	}
	switch {
	case resp.StatusCode == http.StatusNotFound:
		// Not every front (a proxy, an older release) serves /master: the
		// endpoint itself is then the one to talk to.
		return ep, nil
	case resp.StatusCode != http.StatusOK:
		return nil, &Error{Kind: KindHTTP, Job: "master discovery", Endpoint: ep.Host, HTTPStatus: resp.StatusCode, Message: snippet(data)}
	}
	host := strings.TrimSpace(string(data))
	if host == "" || strings.ContainsAny(host, " /<>") {
		return nil, &Error{Kind: KindDecode, Job: "master discovery", Endpoint: ep.Host, Message: fmt.Sprintf("unexpected answer %q", snippet(data))}
	}
	m := *ep
	// ConfD answers the master's IP; the port and path are the same on
	// every node. An answer "host:port" (the simulator on a host without
	// spare loopback addresses) names the port too.
	if h, p, err := net.SplitHostPort(host); err == nil && p != "" {
		m.Host = net.JoinHostPort(h, p)
	} else {
		m.Host = net.JoinHostPort(strings.Trim(host, "[]"), ep.Port())
	}
	c.nameHost(m.Host)
	return &m, nil
}

func (c *Conn) rememberMaster(loc *url.URL) *url.URL {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := *loc
	m.User = nil
	c.master = &m
	return &m
}

// ForgetMaster drops the cached master, so that the next call asks the
// nodes again (after a master change, or a lost answer).
func (c *Conn) ForgetMaster() {
	c.mu.Lock()
	c.master = nil
	c.mu.Unlock()
}

// dropMaster drops the cached master after it failed (unless another call
// has found a new one meanwhile), and asks its node last in the next
// discovery.
func (c *Conn) dropMaster(failed *url.URL) {
	c.mu.Lock()
	if c.master != nil && failed != nil && c.master.Host == failed.Host {
		c.master = nil
	}
	c.mu.Unlock()
	if failed != nil {
		c.demote(failed.Host)
	}
}

// demote moves the endpoint on host to the end of the discovery order.
func (c *Conn) demote(host string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, ep := range c.order {
		if ep.Host == host {
			c.order = append(append(c.order[:i:i], c.order[i+1:]...), ep)
			return
		}
	}
}

func hosts(us []*url.URL) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.Host
	}
	return out
}

// Log sends one debug line to the configured log function.
func (c *Conn) Log(ctx context.Context, msg string, fields map[string]any) {
	if c.cfg.Log != nil {
		c.cfg.Log(ctx, msg, fields)
	}
}

// Waiter is a waiter that logs its progress through the connection's log.
func (c *Conn) Waiter() wait.Waiter { return LogWaiter(c.Log) }

// LogWaiter is a waiter that logs its progress through log.
func LogWaiter(log LogFunc) wait.Waiter {
	return wait.Waiter{Backoff: wait.DefaultBackoff, Progress: func(what, state string, attempt int, elapsed time.Duration) {
		log(context.Background(), "waiting", map[string]any{"for": what, "state": state, "attempt": attempt, "elapsed_ms": elapsed.Milliseconds()})
	}}
}

// MasterURL is the master's address, discovered when not yet known.
func (c *Conn) MasterURL(ctx context.Context) (*url.URL, error) { return c.masterURL(ctx) }

// API is the interface the connection speaks (Config.API).
func (c *Conn) API() string { return c.cfg.API }

// Username is the login the connection authenticates as ("" with a token).
func (c *Conn) Username() string { return c.cfg.Username }
