package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// providerData is what Configure hands to resources, data sources, list
// resources and actions: the client, and the plan-time preflight of this
// provider instance (nil when skip_preflight is set), which resources keep
// beside the client (resourceBase) so that its cache and planned objects
// are shared by all of them.
type providerData struct {
	client    client.Backend
	preflight *preflight
}

func newProviderData(c client.Backend, strict, skip bool) *providerData {
	pd := &providerData{client: c}
	if !skip {
		pd.preflight = newPreflight(c, strict)
	}
	return pd
}

// fromProviderData takes the client and the preflight from ProviderData,
// which is nil until the provider is configured (during validation, for
// example).
func fromProviderData(data any, diags *diag.Diagnostics) (client.Backend, *preflight) {
	switch d := data.(type) {
	case nil:
		return nil, nil
	case *providerData:
		return d.client, d.preflight
	case client.Backend:
		return d, nil
	default:
		diags.AddError("Unexpected provider data", fmt.Sprintf("expected *providerData, got %T; this is a bug in the provider", data))
		return nil, nil
	}
}

// clientFrom takes only the client from ProviderData.
func clientFrom(data any, diags *diag.Diagnostics) client.Backend {
	c, _ := fromProviderData(data, diags)
	return c
}
