package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// checkLimits fails a plan that asks the cluster's management interface for
// something it cannot do (client.Backend.Limits), naming the attribute and
// the interface: a setting is never silently ignored. It reports whether the
// plan may go on. Destroy plans are not checked: removing is always possible.
func checkLimits(ctx context.Context, c client.Backend, typeName string, req resource.ModifyPlanRequest, diags *diag.Diagnostics) bool {
	if c == nil || req.Plan.Raw.IsNull() {
		return true
	}
	api := apiNames[c.API()]
	for _, l := range c.Limits() {
		if l.Resource != typeName {
			continue
		}
		if l.Attribute == "" {
			diags.AddError(fmt.Sprintf("%s is not available on %s", typeName, api),
				fmt.Sprintf("The cluster is managed through %s, which cannot manage %s: %s", api, typeName, l.Why))
			continue
		}
		var v attr.Value
		diags.Append(req.Config.GetAttribute(ctx, path.Root(l.Attribute), &v)...)
		if v == nil || v.IsNull() {
			continue
		}
		setting := l.Attribute
		if l.Value != "" {
			// An unknown value is left to the apply, where the client refuses it.
			if v.IsUnknown() || v.String() != l.Value {
				continue
			}
			setting += " = " + l.Value
		}
		diags.AddAttributeError(path.Root(l.Attribute), fmt.Sprintf("%s is not supported by %s", setting, api),
			fmt.Sprintf("The cluster is managed through %s, which has no way to set %s of %s: %s Remove the attribute, or manage this cluster through the other interface (provider setting api).",
				api, setting, typeName, l.Why))
	}
	return !diags.HasError()
}
