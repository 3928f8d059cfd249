package transport

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"
)

// Config is everything needed to reach a cluster.
type Config struct {
	// Endpoints are node addresses: "host", "host:port" or "https://host:port[/path]".
	// Any node will do; the client finds the master itself.
	Endpoints []string
	Username  string
	Password  string
	// AuthToken is sent as a Bearer token instead of Basic credentials.
	AuthToken string
	// CACertPEM pins the cluster's CA; when empty the system roots are used.
	CACertPEM []byte
	// Insecure turns certificate verification off. Callers must warn about it.
	Insecure bool
	// RequestTimeout bounds one HTTP request (default DefaultRequestTimeout).
	// A master that hangs is noticed after this long.
	RequestTimeout time.Duration
	// FailoverTimeout bounds how long one call keeps looking for a master
	// after the one it used stopped answering (default
	// DefaultFailoverTimeout); see failover.go.
	FailoverTimeout time.Duration
	// NoMasterDiscovery sends every call to the endpoints as given, without
	// asking GET /master: for a load balancer or port forward that leads to
	// the master by itself.
	NoMasterDiscovery bool
	// API is the management interface: APIConfD (or "") or APIEXAoperation.
	API string
	// RetryMax is how often a transient failure of a read is retried (default 4).
	RetryMax  int
	UserAgent string
	// Log receives one debug line per call; secrets are already redacted.
	Log LogFunc
}

// The management interfaces, as the provider's api setting spells them.
const (
	APIConfD        = "confd"
	APIEXAoperation = "exaoperation"
)

// LogFunc receives debug lines; the provider routes them to tflog.
type LogFunc func(ctx context.Context, msg string, fields map[string]any)

// DefaultPort is ConfD's XML-RPC port.
const DefaultPort = "443"

// ParseEndpoint normalises one node address to an https URL with a port.
func ParseEndpoint(s string) (*url.URL, error) {
	raw := strings.TrimSpace(s)
	if raw == "" {
		return nil, errors.New("an endpoint is empty")
	}
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // without the address, which may hold a password
		}
		if strings.Contains(s, "@") {
			return nil, fmt.Errorf("an endpoint is not a valid address: %v", err)
		}
		return nil, fmt.Errorf("endpoint %q is not a valid address: %v", s, err)
	}
	if u.User != nil {
		// Shown with the password masked: diagnostics end up in CI logs.
		return nil, fmt.Errorf("endpoint %q contains credentials: set username and password instead, so they stay out of logs and state", u.Redacted())
	}
	if u.Scheme != "https" {
		return nil, fmt.Errorf("endpoint %q uses %s: ConfD only speaks https", s, u.Scheme)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("endpoint %q has no host", s)
	}
	if u.Port() == "" {
		u.Host = net.JoinHostPort(u.Hostname(), DefaultPort)
	}
	if u.Path == "" {
		u.Path = "/"
	}
	return u, nil
}

func (c Config) tlsConfig() (*tls.Config, error) {
	tc := &tls.Config{MinVersion: tls.VersionTLS12}
	if c.Insecure {
		tc.InsecureSkipVerify = true //nolint:gosec // explicit user choice, warned about by the provider
		return tc, nil
	}
	if len(c.CACertPEM) > 0 {
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(c.CACertPEM) {
			return nil, errors.New("the CA certificate is not valid PEM: expected one or more \"-----BEGIN CERTIFICATE-----\" blocks")
		}
		tc.RootCAs = pool
	}
	return tc, nil
}

func (c Config) validate() error {
	if len(c.Endpoints) == 0 {
		return errors.New("no endpoint given: name at least one node address")
	}
	if c.AuthToken == "" && (c.Username == "" || c.Password == "") {
		return errors.New("no credentials: give Username and Password, or AuthToken")
	}
	if c.AuthToken != "" && (c.Username != "" || c.Password != "") {
		return errors.New("both AuthToken and Username/Password are given: choose one")
	}
	return nil
}

// ExaoperationRoot is the cluster object of an EXAoperation endpoint:
// https://host/cluster1 unless the endpoint names a path itself.
func ExaoperationRoot(ep *url.URL) *url.URL {
	u := *ep
	if strings.Trim(u.Path, "/") == "" {
		u.Path = "/cluster1"
	}
	return &u
}
