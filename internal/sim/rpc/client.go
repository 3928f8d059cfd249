package rpc

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/kolo/xmlrpc"
)

// Client is a minimal XML-RPC client for tests and tools of the simulator.
// (The provider has its own client; this one exists so that the simulator's
// tests do not depend on it.)
type Client struct {
	URL         string
	HTTP        *http.Client
	User        string
	Password    string
	BearerToken string
}

// HTTPError is a non-200 answer.
type HTTPError struct {
	Status int
	Body   string
}

func (e *HTTPError) Error() string { return fmt.Sprintf("HTTP %d: %s", e.Status, e.Body) }

// Call invokes a method. A fault comes back as *Fault, a non-200 status as
// *HTTPError.
func (c *Client) Call(ctx context.Context, method string, args ...any) (any, error) {
	body, err := xmlrpc.EncodeMethodCall(method, args...)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.URL, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "text/xml")
	switch {
	case c.BearerToken != "":
		req.Header.Set("Authorization", "Bearer "+c.BearerToken)
	case c.User != "":
		req.SetBasicAuth(c.User, c.Password)
	}
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, &HTTPError{Status: resp.StatusCode, Body: string(data)}
	}
	return DecodeResponse(data)
}
