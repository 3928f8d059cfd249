package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
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
		"The change took effect, but reading "+what+" back afterwards failed: "+clientErrorDetail(err)+". "+
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
		"It was created, but did not reach the wanted state within the create timeout: "+clientErrorDetail(err)+". "+
			"It is recorded in the state as created (not tainted, so it is not replaced); the next apply reads its state and carries on in place. "+
			"Raise the resource's timeouts to wait longer.")
}

// importHint is added to a failed create when a lookup finds an object of
// that name on the cluster: most likely one that an interrupted apply
// created (Terraform or the provider was killed before the state recorded
// it), or someone else's. Terraform does not tell a provider the address of
// the resource, so the block names it as a placeholder.
func importHint(typ, kind, id string, exists bool) string {
	if !exists {
		return ""
	}
	return fmt.Sprintf("\n\nA %s %s exists on the cluster: an earlier apply that was interrupted may have created it, or it is someone "+
		"else's. If it is the one this configuration describes, import it instead of creating it (put the resource's name in place of <name>):\n\n"+
		"import {\n  to = %s.<name>\n  id = %q\n}\n\nOtherwise choose another name.", kind, id, typ, id)
}

// lookupCtx is the context of a lookup after a failed change: fresh (not
// from the run's cache), and bounded on its own, since the change may have
// failed because its deadline passed.
func lookupCtx(ctx context.Context) context.Context {
	lctx, cancel := context.WithTimeout(client.Fresh(context.WithoutCancel(ctx)), time.Minute)
	time.AfterFunc(time.Minute, cancel)
	return lctx
}
