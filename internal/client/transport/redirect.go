package transport

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
)

// Where the credentials may go. Every request carries them (Basic or
// Bearer), and a change carries its secrets in the body, so the client
// follows a redirect only to an https address on a node that the user named
// (an endpoint) or that GET /master named; anything else is refused at
// once, naming the target, rather than retried until the failover timeout.

// maxRedirects bounds the 302 hops of one try: a non-master node sends the
// client to the master in one.
const maxRedirects = 3

// redirectError marks a redirect the client refused to follow; waiting for
// another master does not change that (classify).
type redirectError struct{ target string }

func (e *redirectError) Error() string { return "refused redirect to " + e.target }

// nameHost records a node address (host:port) that may receive the
// credentials: an endpoint or a master named by GET /master.
func (c *Conn) nameHost(hostport string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.named == nil {
		c.named = map[string]bool{}
	}
	c.named[hostport] = true
}

func (c *Conn) isNamed(hostport string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.named[hostport]
}

// followRedirect checks the Location of a redirect from target and returns
// where to send the request next, or an error naming the refused target.
func (c *Conn) followRedirect(ctx context.Context, method string, target *url.URL, resp *reply, hops int) (*url.URL, error) {
	refuse := func(shown, why string) error {
		c.dropMaster(target)
		return &Error{Kind: KindHTTP, Job: method, Endpoint: target.Host, HTTPStatus: resp.StatusCode,
			Message: fmt.Sprintf("refused to follow the redirect to %s: %s; the credentials were not sent there", shown, why),
			Err:     &redirectError{target: shown}}
	}
	loc, err := resp.Location()
	if err != nil {
		return nil, refuse(fmt.Sprintf("%q", resp.Header.Get("Location")), "it is not a usable address")
	}
	shown := loc.Redacted()
	switch {
	case hops >= maxRedirects:
		return nil, refuse(shown, fmt.Sprintf("more than %d redirects in a row (a redirect loop)", maxRedirects))
	case loc.Host == target.Host && loc.Path == target.Path:
		return nil, refuse(shown, "it is the address that answered (a redirect loop)")
	case loc.Scheme != "https":
		return nil, refuse(shown, "only https addresses are followed")
	case loc.User != nil:
		return nil, refuse(shown, "it carries credentials of its own")
	case loc.Hostname() == "":
		return nil, refuse(shown, "it names no host")
	}
	if loc.Port() == "" {
		loc.Host = net.JoinHostPort(loc.Hostname(), DefaultPort)
	}
	if c.isNamed(loc.Host) {
		return loc, nil
	}
	// The master may have moved since it was discovered: a follower then
	// sends the client to the new master, which GET /master names too.
	if !c.cfg.NoMasterDiscovery && c.cfg.API != APIEXAoperation {
		c.ForgetMaster()
		if m, err := c.masterURL(ctx); err == nil && m.Host == loc.Host {
			return loc, nil
		}
	}
	return nil, refuse(shown, "it is neither one of the endpoints nor the master that GET /master names")
}

// isRefusedRedirect reports a redirect the client would not follow.
func isRefusedRedirect(err error) bool {
	var r *redirectError
	return errors.As(err, &r)
}
