package provider

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// providerData is what Configure hands to resources and data sources: the
// client, and the plan-time preflight of this provider instance (nil when
// skip_preflight is set).
type providerData struct {
	client    client.Backend
	preflight *preflight
}

// preflights finds the preflight of the provider instance whose client a
// resource holds: resources keep only the client (clientFrom), while the
// preflight's cache and planned objects must be shared by all of them.
var preflights sync.Map // client.Backend → *preflight

func newProviderData(c client.Backend, strict, skip bool) *providerData {
	pd := &providerData{client: c}
	if !skip {
		pd.preflight = newPreflight(c, strict)
		preflights.Store(c, pd.preflight)
		// The framework holds pd as long as the provider instance lives;
		// then the entry goes too.
		runtime.AddCleanup(pd, func(c client.Backend) { preflights.Delete(c) }, c)
	}
	return pd
}

// preflightFor returns the preflight that goes with c, or nil when there is
// none (the provider is not configured, or skip_preflight is set).
func preflightFor(c client.Backend) *preflight {
	if c == nil {
		return nil
	}
	p, _ := preflights.Load(c)
	pf, _ := p.(*preflight)
	return pf
}

// clientFrom takes the client from ProviderData, which is nil until the
// provider is configured (during validation, for example).
func clientFrom(data any, diags *diag.Diagnostics) client.Backend {
	switch d := data.(type) {
	case nil:
		return nil
	case *providerData:
		return d.client
	case client.Backend:
		return d
	default:
		diags.AddError("Unexpected provider data", fmt.Sprintf("expected *providerData, got %T; this is a bug in the provider", data))
		return nil
	}
}
