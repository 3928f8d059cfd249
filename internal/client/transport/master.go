package transport

import (
	"context"
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
	resp, data, _, _, err := c.send(ctx, http.MethodGet, &u, nil, 4096)
	if err != nil {
		c.dropMaster(m)
		return "", transportError(MasterNameJob, m, err)
	}
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return "", nil
	case resp.StatusCode != http.StatusOK:
		return "", &Error{Kind: KindHTTP, Job: MasterNameJob, Endpoint: m.Host, HTTPStatus: resp.StatusCode, Message: snippet(data)}
	}
	return strings.TrimSpace(string(data)), nil
}
