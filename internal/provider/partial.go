package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Partial results. After a change that took effect, the state must record
// the object however the rest of the operation goes: a create that
// succeeded keeps its id, and a failed read-back or a slow convergence does
// not make Terraform replace a healthy object on the next apply.

// readBackFailed reports that the object was changed but could not be read
// back. It is a warning, not an error: an error would taint a created
// object, and the next apply would destroy and create it again although the
// change took effect. The next refresh reads what the change left unknown.
func readBackFailed(diags *diag.Diagnostics, what string, err error) {
	diags.AddWarning("Cannot read "+what+" back",
		"The change took effect, but reading "+what+" back afterwards failed: "+err.Error()+". "+
			"The state keeps its id and the configured values; values only the cluster reports are empty until the next plan or apply reads them again.")
}

// settle turns what is still unknown in the state into null. Values the
// plan left unknown (computed by the cluster) stay unknown when a read-back
// failed, and Terraform refuses an unknown value after apply ("invalid
// result object"); null says "not read", and the next refresh fills it.
func settle(s *tfsdk.State) {
	if s == nil || s.Raw.IsNull() || s.Raw.IsFullyKnown() {
		return
	}
	v, err := tftypes.Transform(s.Raw, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	if err == nil {
		s.Raw = v
	}
}

// converging reports that a change failed only because the operation's
// deadline (the resource's timeouts) ended while the object was still on
// its way to the wanted state: the object exists and is healthy so far, and
// the next apply carries on in place.
func converging(ctx context.Context, err error) bool {
	return err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded)
}

// stillConverging is the warning for such a change.
func stillConverging(diags *diag.Diagnostics, what string, err error) {
	diags.AddWarning(what+" is still converging",
		"It was created, but did not reach the wanted state within the create timeout: "+err.Error()+". "+
			"It is recorded in the state as created (not tainted, so it is not replaced); the next apply reads its state and carries on in place. "+
			"Raise the resource's timeouts to wait longer.")
}
