package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/exasol-labs/terraform-provider-exasol/internal/client"
)

// clientFrom takes the client from ProviderData, which is nil until the
// provider is configured (during validation, for example).
func clientFrom(data any, diags *diag.Diagnostics) *client.Client {
	if data == nil {
		return nil
	}
	c, ok := data.(*client.Client)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("expected *client.Client, got %T; this is a bug in the provider", data))
		return nil
	}
	return c
}
