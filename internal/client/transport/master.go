package transport

import (
	"context"
	"io"
	"net/http"
	"strings"
)

// MasterNameJob labels the request for the master's host name in errors
// and logs.
const MasterNameJob = "GET /master?info_type=name"

// MasterName asks the master for its host name (GET /master?info_type=name).
// A front that does not serve /master (a proxy, an older release) yields ""
// without an error, as master discovery then talks to the endpoint itself.
// Like every read, it rides out a failover of the master (failover.go).
func (c *Conn) MasterName(ctx context.Context) (string, error) {
	v, err := c.withFailover(ctx, MasterNameJob, true, func(ctx context.Context) (any, error) {
		return c.masterName(ctx)
	})
	name, _ := v.(string)
	return name, err
}

func (c *Conn) masterName(ctx context.Context) (string, error) {
	m, err := c.masterURL(ctx)
	if err != nil {
		return "", err
	}
	u := *m
	u.Path, u.RawQuery = "/master", "info_type=name"
	data, status, err := c.get(ctx, &u, 4096)
	if err != nil {
		c.dropMaster(m)
		return "", transportError(MasterNameJob, m, err)
	}
	switch {
	case status == http.StatusNotFound:
		return "", nil
	case status != http.StatusOK:
		return "", &Error{Kind: KindHTTP, Job: MasterNameJob, Endpoint: m.Host, HTTPStatus: status, Message: snippet(data)}
	}
	return strings.TrimSpace(string(data)), nil
}

// get sends one authenticated GET and reads at most limit bytes of the answer.
func (c *Conn) get(ctx context.Context, u interface{ String() string }, limit int64) ([]byte, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, 0, err
	}
	c.authorize(req.Header)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer func() { _ = resp.Body.Close() }()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, limit))
	return data, resp.StatusCode, nil
}
