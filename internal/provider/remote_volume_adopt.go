package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// comparePassword decides about a password given for a volume whose state
// records none: an imported volume (an import reads no password, so that no
// secret reaches the state or a plan file), or one created without. The
// cluster's password is read for the comparison only, never kept: the same
// password adopts the volume in place, another one (or none on the cluster)
// replaces it, since only remote_volume_add sends a password.
func (r *remoteVolumeResource) comparePassword(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.client == nil || req.State.Raw.IsNull() || resp.Plan.Raw.IsNull() {
		return
	}
	var state remoteVolumeModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !state.Password.IsNull() || !state.PasswordWOVersion.IsNull() {
		return
	}
	var planned, wo types.String
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("password"), &planned)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("password_wo"), &wo)...)
	at, given := path.Root("password"), planned
	if planned.IsNull() {
		at, given = path.Root("password_wo_version"), wo
	}
	switch {
	case resp.Diagnostics.HasError() || given.IsNull():
		return
	case given.IsUnknown(): // cannot be compared: sent with a new volume
		resp.RequiresReplace = append(resp.RequiresReplace, at)
		return
	}
	v, err := r.client.RemoteVolumeInfo(ctx, state.ref())
	if err != nil {
		resp.Diagnostics.AddAttributeWarning(at, "Remote volume password not compared",
			"The state records no password for remote volume "+state.ref().String()+" (it was imported, or created without one), "+
				"and the cluster could not be read to compare the configured one with the volume's: "+explain(err)+
				"\n\nThe plan takes the configured password as the volume's. If it is not, replace the volume (-replace).")
		return
	}
	if v.Password != given.ValueString() {
		resp.RequiresReplace = append(resp.RequiresReplace, at)
	}
}
