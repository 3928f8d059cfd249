package transport

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// DetectAPI asks the endpoints which management interface they serve, for a
// provider whose api setting is unset: ConfD answers GET /master on every
// node; EXAoperation serves XML-RPC objects below /cluster1 (and has no
// /master). The first endpoint that answers decides. It costs one or two
// requests, once per provider start, and only when the interface is not
// named.
func DetectAPI(ctx context.Context, cfg Config) (string, error) {
	c, err := New(cfg)
	if err != nil {
		return "", err
	}
	var failures []string
	for _, ep := range c.endpoints {
		api, err := c.detectAt(ctx, ep)
		if err == nil {
			return api, nil
		}
		var e *Error
		if errors.As(err, &e) && e.Kind == KindAuth {
			return "", err
		}
		failures = append(failures, fmt.Sprintf("%s: %v", ep.Host, err))
	}
	return "", &Error{Kind: KindTransport, Job: "interface detection", Endpoint: strings.Join(hosts(c.endpoints), ", "),
		Message: "no endpoint answered: " + strings.Join(failures, "; ")}
}

func (c *Conn) detectAt(ctx context.Context, ep *url.URL) (string, error) {
	master := *ep
	master.Path = "/master"
	status, err := c.probe(ctx, http.MethodGet, &master, nil)
	if err != nil {
		return "", err
	}
	if status == http.StatusOK {
		return APIConfD, nil
	}
	body, _ := EncodeCall("getEXAoperationMaster")
	status2, err := c.probe(ctx, http.MethodPost, ExaoperationRoot(ep), body)
	if err != nil {
		return "", err
	}
	switch {
	case status2 == http.StatusOK || status2 == http.StatusUnauthorized:
		return APIEXAoperation, nil
	case status == http.StatusUnauthorized || status2 == http.StatusForbidden:
		return "", &Error{Kind: KindAuth, Job: "interface detection", Endpoint: ep.Host, HTTPStatus: status, Hint: HintCredentials}
	case status == http.StatusNotFound:
		// Neither answers as expected; a front that hides /master is ConfD's
		// usual case (see discover).
		return APIConfD, nil
	}
	return "", &Error{Kind: KindHTTP, Job: "interface detection", Endpoint: ep.Host, HTTPStatus: status,
		Message: "neither ConfD's /master nor EXAoperation's /cluster1 answered"}
}

// probe sends one request and returns the HTTP status.
func (c *Conn) probe(ctx context.Context, method string, target *url.URL, body []byte) (int, error) {
	rctx, cancel := context.WithTimeout(ctx, min(discoveryTimeout, c.cfg.RequestTimeout))
	defer cancel()
	resp, _, _, _, err := c.send(rctx, method, target, body, 1<<16)
	if err != nil {
		return 0, transportError("interface detection", target, err)
	}
	return resp.StatusCode, nil
}
