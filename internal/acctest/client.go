package acctest

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

// HTTPClient trusts only the CA in pem (a simulator's, or one read from its
// ready file): certificate checks stay on.
func HTTPClient(pem []byte, timeout time.Duration) *http.Client {
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	return &http.Client{Timeout: timeout,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
}

// RPC is an XML-RPC client of s with its credentials: of the ConfD master
// (the first endpoint), or on the EXAoperation face of the object at
// <cluster URL>/path ("" is the cluster object).
func RPC(s *sim.Server, path string) *rpc.Client {
	url := s.Endpoints()[0]
	if s.Ready().API == sim.APIEXAoperation {
		url = s.Ready().URL
		if path != "" {
			url += "/" + path
		}
	}
	return &rpc.Client{URL: url, HTTP: HTTPClient(s.CACertPEM(), 30*time.Second), User: s.Username(), Password: s.Password()}
}

// Call calls an EXAoperation method out of band, as an operator's script
// would (obj "" is the cluster object), and fails the test on a fault.
func Call(t testing.TB, s *sim.Server, obj, method string, args ...any) any {
	t.Helper()
	v, err := RPC(s, obj).Call(context.Background(), method, args...)
	if err != nil {
		t.Fatalf("out-of-band %s.%s: %v", obj, method, err)
	}
	return v
}
