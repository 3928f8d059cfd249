package client

import (
	"context"
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
func (c *Client) masterURL(ctx context.Context) (*url.URL, error) {
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
