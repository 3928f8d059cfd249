package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var (
	_ resource.Resource                = (*clusterSettingsResource)(nil)
	_ resource.ResourceWithConfigure   = (*clusterSettingsResource)(nil)
	_ resource.ResourceWithImportState = (*clusterSettingsResource)(nil)
)

// NewClusterSettingsResource is exasol_cluster_settings.
func NewClusterSettingsResource() resource.Resource { return &clusterSettingsResource{} }

type clusterSettingsResource struct{ client client.Backend }

func (r *clusterSettingsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cluster_settings"
}

var portValidator = []validator.Int64{int64validator.Between(1, 65535)}

func (r *clusterSettingsResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "Always `cluster`: there is one EXAConf per cluster.",
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
	}
	for _, f := range settingFields {
		desc := fmt.Sprintf("%s EXAConf entry `%s`. Left as the cluster has it when unset.", f.desc, f.key)
		switch f.kind {
		case settingText:
			a := schema.StringAttribute{Optional: true, Computed: true, Sensitive: f.secret, MarkdownDescription: desc,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
			if f.secret {
				a.Validators = []validator.String{stringvalidator.LengthAtLeast(1)}
			}
			attrs[f.attr] = a
		case settingInt:
			a := schema.Int64Attribute{Optional: true, Computed: true, MarkdownDescription: desc,
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
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
				PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()},
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

func (r *clusterSettingsResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// read fills m from the cluster.
func (r *clusterSettingsResource) read(ctx context.Context, m *clusterSettingsModel, diags *diag.Diagnostics) {
	got, err := r.client.ClusterSettings(ctx)
	if err != nil {
		diags.AddError("Cannot read the cluster settings", err.Error())
		return
	}
	m.fill(ctx, got, diags)
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
	r.read(ctx, plan, diags)
	if plan.ExaMonitorUserPassword.IsUnknown() { // never set: nothing known of it
		plan.ExaMonitorUserPassword = types.StringNull()
	}
}

func (r *clusterSettingsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan clusterSettingsModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, plan.Timeouts.Create, defaultCreateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	// Only what differs from the cluster is sent.
	current := plan
	r.read(ctx, &current, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	current.ExaMonitorUserPassword = types.StringNull()
	r.apply(ctx, &plan, &current, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *clusterSettingsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state clusterSettingsModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, state.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	r.read(ctx, &state, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *clusterSettingsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior clusterSettingsModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, plan.Timeouts.Update, defaultUpdateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	r.apply(ctx, &plan, &prior, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete leaves the cluster as it is: EXAConf has no "unset", and the
// values before the resource was created are not known.
func (r *clusterSettingsResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}

func (r *clusterSettingsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID != clusterSettingsID {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("Import exasol_cluster_settings by the id %q (there is one EXAConf per cluster), not %q.", clusterSettingsID, req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), clusterSettingsID)...)
}
