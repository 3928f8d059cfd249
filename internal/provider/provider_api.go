package provider

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// The management interface: ConfD (Exasol 7.1/8) or EXAoperation (6.x).
// Resources never know which one serves them (client.Backend).

// apiNames are the interfaces' names as users read them in diagnostics.
var apiNames = map[string]string{client.APIConfD: "ConfD", client.APIEXAoperation: "EXAoperation"}

// newBackend makes the client for the api setting (or EXASOL_API), or
// detects the interface when neither names it: silently when that works (a
// debug log line), with one warning when the cluster does not tell.
func newBackend(ctx context.Context, m providerModel, cfg client.Config, resp *provider.ConfigureResponse) (client.Backend, bool) {
	api := strings.ToLower(strings.TrimSpace(stringOr(m.API, os.Getenv("EXASOL_API"))))
	if api == "" {
		detected, err := client.DetectAPI(ctx, cfg)
		switch {
		case err == nil:
			// A detection that worked is no news: said in the log only.
			tflog.Debug(ctx, "management interface detected", map[string]any{"api": detected})
		case client.IsAuth(err) || client.IsTrust(err):
			// The cluster refuses the provider itself: the calls that follow
			// fail with that one error (a plan's preflight, an apply).
			tflog.Debug(ctx, "management interface not detected", map[string]any{"error": err.Error()})
			detected = client.APIConfD
		default:
			resp.Diagnostics.AddAttributeWarning(path.Root("api"), "Management interface not detected",
				fmt.Sprintf("api is not set and the cluster did not say which interface it serves, so ConfD is assumed: %v. "+
					"Set api = \"confd\" or api = \"exaoperation\" (or EXASOL_API) to skip the detection.", err))
			detected = client.APIConfD
		}
		api = detected
	}
	cfg.API = api
	var (
		b   client.Backend
		err error
	)
	switch api {
	case client.APIConfD:
		b, err = client.New(cfg)
	case client.APIEXAoperation:
		b, err = client.NewEXAoperation(cfg)
	default:
		resp.Diagnostics.AddAttributeError(path.Root("api"), "Unknown management interface",
			fmt.Sprintf("EXASOL_API is %q; use \"confd\" (Exasol 7.1 and 8) or \"exaoperation\" (Exasol 6.x).", api))
		return nil, false
	}
	if err != nil {
		resp.Diagnostics.AddError("Invalid Exasol provider configuration", err.Error())
		return nil, false
	}
	return b, true
}
