package client_test

import (
	"context"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// One Backend over either dialect: New picks the dialect the configuration
// names, and what only one dialect offers is found through DialectAs, on
// that dialect only (the provider's plan checks and its log and plugin
// data sources depend on it).
func TestOneBackendOverEitherDialect(t *testing.T) {
	type logReader interface {
		LogEntries(ctx context.Context) ([]client.LogEntry, error)
	}
	type releaseRules interface {
		Takes(ctx context.Context, job, param string) (bool, error)
	}
	cfg := client.Config{Endpoints: []string{"127.0.0.1:1"}, Username: "u", Password: "p"}
	c, err := client.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	x, err := client.NewEXAoperation(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		b                client.Backend
		api              string
		logs, takesRules bool
	}{{c, client.APIConfD, false, true}, {x, client.APIEXAoperation, true, false}} {
		if got := tc.b.API(); got != tc.api {
			t.Errorf("API() = %q, want %q", got, tc.api)
		}
		if _, ok := client.DialectAs[logReader](tc.b); ok != tc.logs {
			t.Errorf("%s: DialectAs[logReader] = %v, want %v", tc.api, ok, tc.logs)
		}
		if _, ok := client.DialectAs[releaseRules](tc.b); ok != tc.takesRules {
			t.Errorf("%s: DialectAs[releaseRules] = %v, want %v", tc.api, ok, tc.takesRules)
		}
	}
	cfg.API = client.APIEXAoperation
	if b, err := client.New(cfg); err != nil || b.API() != client.APIEXAoperation {
		t.Fatalf("New with API %q: %v, %v", cfg.API, b, err)
	}
}
