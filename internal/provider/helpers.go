package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// Default timeouts suit a real cluster, where a database start takes minutes.
const (
	defaultCreateTimeout = 30 * time.Minute
	defaultReadTimeout   = 5 * time.Minute
	defaultUpdateTimeout = 30 * time.Minute
	defaultDeleteTimeout = 30 * time.Minute
)

type timeoutFunc func(context.Context, time.Duration) (time.Duration, diag.Diagnostics)

// withTimeout bounds ctx by the resource's timeouts block (or the default).
func withTimeout(ctx context.Context, t timeoutFunc, def time.Duration, diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	d, ds := t(ctx, def)
	diags.Append(ds...)
	if diags.HasError() {
		return ctx, func() {}, false
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	return ctx, cancel, true
}

var _ timeoutFunc = timeouts.Value{}.Create

// explain turns a client error into a diagnostic detail that says what the
// user can do, in Terraform's terms.
func explain(err error) string {
	var busy *client.BusyError
	if errors.As(err, &busy) {
		return busy.Error() + ". Wait for the operation to finish and apply again, raise the resource's timeouts, " +
			"or set force_stop = true to cut it off."
	}
	return clientErrorDetail(err)
}

// readFailed is the shared end of every resource's Read call to the cluster:
// an object the cluster no longer has leaves the state with a warning, any
// other failure is an error. It reports whether Read must stop here.
func readFailed(ctx context.Context, resp *resource.ReadResponse, kind, name string, err error) bool {
	if client.IsNotFound(err) {
		warnGone(&resp.Diagnostics, kind, name)
		resp.State.RemoveResource(ctx)
		return true
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read "+kind+" "+name, clientErrorDetail(err))
		return true
	}
	return false
}

// warnGone tells the user why an object left the state.
func warnGone(diags *diag.Diagnostics, kind, name string) {
	diags.AddWarning(fmt.Sprintf("The %s %s no longer exists", kind, name),
		fmt.Sprintf("The %s %q was deleted outside of Terraform, so it was removed from the state. "+
			"The next apply creates it again unless you remove it from the configuration.", kind, name))
}

func optString(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return v.ValueStringPointer()
}

func optInt64(v types.Int64) *int64 {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return v.ValueInt64Pointer()
}

func optBool(v types.Bool) *bool {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return v.ValueBoolPointer()
}

func changedString(prior, plan types.String) bool {
	return !plan.IsUnknown() && !plan.IsNull() && !plan.Equal(prior)
}

func changedInt64(prior, plan types.Int64) bool {
	return !plan.IsUnknown() && !plan.IsNull() && !plan.Equal(prior)
}

func changedBool(prior, plan types.Bool) bool {
	return !plan.IsUnknown() && !plan.IsNull() && !plan.Equal(prior)
}

// anyPlannedChange reports whether a planned value, where known, differs
// from its prior one; each pair is {plan, prior}. The resources' "replaced"
// checks use it on the attributes that replace the object.
func anyPlannedChange(pairs [][2]attr.Value) bool {
	for _, p := range pairs {
		if !p[0].IsUnknown() && !p[0].Equal(p[1]) {
			return true
		}
	}
	return false
}

// stringChange, int64Change and boolChange are the planned value where it
// differs from the state, else nil (not sent): the fields of a change job.
func stringChange(prior, plan types.String) *string {
	if changedString(prior, plan) {
		return plan.ValueStringPointer()
	}
	return nil
}

func int64Change(prior, plan types.Int64) *int64 {
	if changedInt64(prior, plan) {
		return plan.ValueInt64Pointer()
	}
	return nil
}

func boolChange(prior, plan types.Bool) *bool {
	if changedBool(prior, plan) {
		return plan.ValueBoolPointer()
	}
	return nil
}

func int64List(ctx context.Context, l types.List, diags *diag.Diagnostics) []int64 {
	if l.IsNull() || l.IsUnknown() {
		return nil
	}
	var out []int64
	diags.Append(l.ElementsAs(ctx, &out, false)...)
	return out
}

func int64ListValue(ctx context.Context, v []int64, diags *diag.Diagnostics) basetypes.ListValue {
	return listValue(ctx, types.Int64Type, v, diags)
}

func stringListValue(ctx context.Context, v []string, diags *diag.Diagnostics) basetypes.ListValue {
	return listValue(ctx, types.StringType, v, diags)
}

// listValue is a list of v; nil is the empty list, not null.
func listValue[T any](ctx context.Context, elem attr.Type, v []T, diags *diag.Diagnostics) basetypes.ListValue {
	if v == nil {
		v = []T{}
	}
	l, ds := types.ListValueFrom(ctx, elem, v)
	diags.Append(ds...)
	return l
}
