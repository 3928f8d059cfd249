package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var _ resource.ResourceWithModifyPlan = (*remoteVolumeResource)(nil)

// ModifyPlan checks a remote volume to be added against the cluster (see
// preflight.go): its name and its id are free. Its options are checked
// without the cluster (remoteOptionValidator).
func (r *remoteVolumeResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.comparePassword(ctx, req, resp)
	if !checkLimits(ctx, r.client, "exasol_remote_volume", req, &resp.Diagnostics) {
		return
	}
	pf := preflightFor(r.client)
	prior, _ := priorFor[remoteVolumeModel](ctx, pf, "remote_volume", req, &resp.Diagnostics) // on a create: the object it replaces, removed first
	if pf == nil || !planChanges(req, resp) {
		return
	}
	if !req.State.Raw.IsNull() {
		// Every change that reaches the cluster replaces the volume, and is
		// checked as the create of the replacement.
		return
	}
	var plan remoteVolumeModel
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// A replacement removes the old volume first: only a name or id other
	// than its own can collide.
	var name string
	var id int64
	if known(plan.Name) && (prior == nil || !plan.Name.Equal(prior.Name)) {
		name = plan.Name.ValueString()
	}
	if known(plan.VolumeID) && (prior == nil || !plan.VolumeID.Equal(prior.VolumeID)) {
		id = plan.VolumeID.ValueInt64()
	}
	if known(plan.Name) || known(plan.VolumeID) {
		pf.planned.addRemote(plan.Name.ValueString(), plan.VolumeID.ValueInt64())
	}
	// allowed_users is not in the current remote_volume_add page's table: a
	// release that does not take it refuses it here, not at apply.
	if t, ok := r.client.(interface {
		Takes(ctx context.Context, job, param string) (bool, error)
	}); ok && len(plan.AllowedUsers.Elements()) > 0 {
		pf.check(ctx, &resp.Diagnostics, "remote volume allowed_users", func(ctx context.Context) (diag.Diagnostics, error) {
			var ds diag.Diagnostics
			takes, err := t.Takes(ctx, "remote_volume_add", "allowed_users")
			if err == nil && !takes {
				ds.AddAttributeError(path.Root("allowed_users"), "allowed_users not taken by this cluster",
					"This cluster's Exasol release does not take allowed_users for remote_volume_add "+
						"(https://docs.exasol.com/db/latest/confd/jobs/remote_volume_add.htm lists no such parameter). Remove allowed_users.")
			}
			return ds, err
		})
	}
	if name == "" && id == 0 {
		return
	}
	what := "remote volume"
	if known(plan.Name) {
		what += " " + plan.Name.ValueString()
	}
	pf.check(ctx, &resp.Diagnostics, what, func(ctx context.Context) (diag.Diagnostics, error) {
		var ds diag.Diagnostics
		names, err := pf.view.RemoteVolumeNames(ctx)
		if err != nil {
			return nil, err
		}
		if name != "" && slices.Contains(names, name) {
			vols, err := pf.view.RemoteVolumes(ctx)
			if err != nil {
				return nil, err
			}
			own := slices.ContainsFunc(vols, func(v *client.RemoteVolume) bool { // ownObject in preflight.go
				return v.Name == name && v.URL == plan.URL.ValueString()
			})
			if !own {
				ds.AddAttributeError(path.Root("remote_volume_name"), "Remote volume exists",
					fmt.Sprintf("A remote volume named %s already exists. Choose another name, or import it.", name))
			}
		}
		if id == 0 {
			return ds, nil
		}
		vols, err := pf.view.RemoteVolumes(ctx)
		if err != nil {
			return nil, err
		}
		for _, v := range vols {
			if v.ID == id && v.Name != name {
				ds.AddAttributeError(path.Root("remote_volume_id"), "Remote volume id in use",
					fmt.Sprintf("Remote volume id %d is already used by %s. Choose another id, or leave it unset for the next free one.", id, v.Name))
			}
		}
		return ds, nil
	})
}
