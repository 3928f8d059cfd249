package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ resource.ResourceWithImportState = (*clusterSettingsResource)(nil)

// NewClusterSettingsResource is exasol_cluster_settings.
func NewClusterSettingsResource() resource.Resource {
	return newResource(&clusterSettingsResource{}, "_cluster_settings", clusterSettingsReader)
}

type clusterSettingsResource struct {
	resourceBase[clusterSettingsModel, map[string]string]
}

var portValidator = []validator.Int64{int64validator.Between(1, 65535)}

func (r *clusterSettingsResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "Always `cluster`: there is one EXAConf per cluster.",
			PlanModifiers:       keepString(),
		},
	}
	for _, f := range settingFields {
		desc := fmt.Sprintf("%s EXAConf entry `%s`. Left as the cluster has it when unset.", f.desc, f.key)
		switch f.kind {
		case settingText:
			a := schema.StringAttribute{Optional: true, Computed: true, Sensitive: f.secret, MarkdownDescription: desc,
				PlanModifiers: keepString()}
			if f.secret {
				a.Validators = []validator.String{stringvalidator.LengthAtLeast(1)}
			}
			attrs[f.attr] = a
		case settingInt:
			a := schema.Int64Attribute{Optional: true, Computed: true, MarkdownDescription: desc,
				PlanModifiers: keepInt64(),
				Validators:    []validator.Int64{int64validator.AtLeast(0)}}
			if f.attr == "ssh_port" || f.attr == "xmlrpc_port" || f.attr == "webui_backend_port" {
				a.Validators = portValidator
			}
			attrs[f.attr] = a
		case settingBool:
			attrs[f.attr] = schema.BoolAttribute{Optional: true, Computed: true, MarkdownDescription: desc,
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()}}
		case settingList:
			attrs[f.attr] = schema.ListAttribute{ElementType: types.StringType, Optional: true, Computed: true, MarkdownDescription: desc,
				PlanModifiers: keepList(),
				Validators: []validator.List{listvalidator.SizeAtLeast(1),
					listvalidator.ValueStringsAre(stringvalidator.RegexMatches(settingListItemRE, "must be one name or address, without commas or spaces"))}}
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The cluster's EXAConf settings that ConfD's `general_settings` may change (the entries the " +
			"[Other Jobs](https://docs.exasol.com/db/latest/confd/overview_other_jobs.htm) page lists), read with `settings_list`. " +
			"Each entry is one attribute; an attribute left unset is not managed: the cluster keeps its value, and the state shows " +
			"it. Only the attributes that change are sent, in one `general_settings` job. Destroying the resource changes nothing " +
			"on the cluster. EXAoperation (Exasol 6) keeps no EXAConf: there the plan refuses this resource.",
		Attributes: attrs,
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true}),
		},
	}
}

// apply sends what plan changes against prior and reads the result back.
func (r *clusterSettingsResource) apply(ctx context.Context, plan, prior *clusterSettingsModel, diags *diag.Diagnostics) {
	ch := plan.changes(ctx, prior, diags)
	if diags.HasError() {
		return
	}
	if err := r.client.ChangeClusterSettings(ctx, ch); err != nil {
		diags.AddError("Cannot change the cluster settings", explain(err))
		return
	}
	r.readBack(ctx, plan, diags)
	if plan.ExaMonitorUserPassword.IsUnknown() { // never set: nothing known of it
		plan.ExaMonitorUserPassword = types.StringNull()
	}
}

func (r *clusterSettingsResource) create(ctx context.Context, _ resource.CreateRequest, plan *clusterSettingsModel, resp *resource.CreateResponse) {
	// Only what differs from the cluster is sent.
	current := *plan
	if clusterSettingsReader.read(ctx, r.client, &current, &resp.Diagnostics); resp.Diagnostics.HasError() {
		return
	}
	current.ExaMonitorUserPassword = types.StringNull()
	if r.apply(ctx, plan, &current, &resp.Diagnostics); !resp.Diagnostics.HasError() {
		r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
	}
}

func (r *clusterSettingsResource) update(ctx context.Context, _ resource.UpdateRequest, plan, prior *clusterSettingsModel, resp *resource.UpdateResponse) {
	if r.apply(ctx, plan, prior, &resp.Diagnostics); !resp.Diagnostics.HasError() {
		r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
	}
}

// delete leaves the cluster as it is: EXAConf has no "unset", and the
// values before the resource was created are not known.
func (r *clusterSettingsResource) delete(context.Context, *clusterSettingsModel, *resource.DeleteResponse) {
}

func (r *clusterSettingsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importSingleton(ctx, req, resp, "exasol_cluster_settings", clusterSettingsID, " (there is one EXAConf per cluster)", nil)
}
