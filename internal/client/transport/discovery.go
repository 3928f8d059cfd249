package transport

import (
	"context"
	"net"
	"net/url"
)

// sharedDiscovery is one master discovery that concurrent callers wait for.
type sharedDiscovery struct {
	done chan struct{} // closed when m and err are set
	m    *url.URL
	err  error
	// own: the discovery failed because its caller's context ended, which
	// says nothing to the callers that waited for it.
	own bool
}

// masterURL returns the cached master or finds it (findMaster). Concurrent
// callers share one discovery: at the start of a run, Terraform's parallel
// Reads all need the master at once, and one GET /master (on one kept-alive
// connection, after one TLS handshake) serves them all.
func (c *Conn) masterURL(ctx context.Context) (*url.URL, error) {
	c.mu.Lock()
	if m := c.master; m != nil {
		c.mu.Unlock()
		return m, nil
	}
	d := c.discovery
	lead := d == nil
	if lead {
		d = &sharedDiscovery{done: make(chan struct{})}
		c.discovery = d
	}
	c.mu.Unlock()
	if lead {
		d.m, d.err = c.findMaster(ctx)
		d.own = d.err != nil && ctx.Err() != nil
		c.mu.Lock()
		c.discovery = nil
		c.mu.Unlock()
		close(d.done)
		return d.m, d.err
	}
	select {
	case <-d.done:
	case <-ctx.Done():
		return nil, &Error{Kind: KindTransport, Job: "master discovery", Message: ctx.Err().Error(), Err: ctx.Err()}
	}
	if d.own {
		return c.findMaster(ctx)
	}
	return d.m, d.err
}

// reachableMaster returns m, the master that GET /master on ep named, or ep
// itself when m cannot be reached but ep answered. ConfD answers the
// master's bare IP, which the client combines with the endpoint's port;
// behind a port forward or a load balancer that address is one the client
// cannot reach (or a different service), while the endpoint it was given
// leads to the master. Only a master that is not an endpoint is probed,
// with one TCP connection.
func (c *Conn) reachableMaster(ctx context.Context, ep, m *url.URL) *url.URL {
	if m.Host == ep.Host {
		return m
	}
	for _, e := range c.endpoints {
		if e.Host == m.Host {
			return m
		}
	}
	dctx, cancel := context.WithTimeout(ctx, min(discoveryTimeout, c.cfg.RequestTimeout))
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(dctx, "tcp", m.Host)
	if err == nil {
		_ = conn.Close()
		return m
	}
	c.Log(ctx, "the master named by GET /master cannot be reached; using the endpoint as the way to it (a port forward or load balancer?)",
		map[string]any{"endpoint": ep.Host, "master": m.Host, "error": err.Error()})
	return ep
}
