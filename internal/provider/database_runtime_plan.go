package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// runtimePlan plans the runtime attributes of a database (state,
// connectible, operation, connection_string, failed_nodes,
// temporary_volume_name) when an update only starts or stops it, or changes
// nothing the cluster sees (timeouts, force_stop): the framework would plan
// them unknown, and every consumer of the connection string would plan a
// change with it. A start waits until the database is running and
// connectible, a stop until it is in setup (client.StartDatabase,
// StopDatabase), so those are known; the rest is what the state has.
// EXAoperation has no temporary volume while stopped: planRuntimeEXAoperation
// (run by ModifyPlan, which knows the interface) corrects the plan for it.
type runtimePlan struct{}

func (runtimePlan) Description(context.Context) string {
	return "Known in the plan when the update only starts or stops the database."
}

func (m runtimePlan) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

// runtimeChange reads the prior state and the plan, and reports whether
// the update changes nothing but running (and what sends no job).
func runtimeChange(ctx context.Context, state tfsdk.State, plan tfsdk.Plan) (prior, planned databaseModel, ok bool) {
	if state.Raw.IsNull() || plan.Raw.IsNull() {
		return prior, planned, false
	}
	if state.Get(ctx, &prior).HasError() || plan.Get(ctx, &planned).HasError() || planned.Running.IsUnknown() {
		return prior, planned, false
	}
	var ds diag.Diagnostics
	return prior, planned, databaseChange(ctx, prior, planned, &ds).Empty() && !ds.HasError()
}

func (m runtimePlan) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.PlanValue.IsUnknown() {
		return
	}
	prior, plan, ok := runtimeChange(ctx, req.State, req.Plan)
	if !ok {
		return
	}
	same := plan.Running.ValueBool() == prior.Running.ValueBool()
	start := plan.Running.ValueBool()
	switch req.Path.String() {
	case "state":
		if same {
			resp.PlanValue = req.StateValue
		} else if start {
			resp.PlanValue = types.StringValue(client.DBStateRunning)
		} else {
			resp.PlanValue = types.StringValue(client.DBStateSetup)
		}
	case "operation":
		// Waited for at a stop, and idle after a start; a busy one may end.
		if v := req.StateValue.ValueString(); same || v == client.OperationNone {
			resp.PlanValue = req.StateValue
		}
	case "connection_string", "temporary_volume_name":
		resp.PlanValue = req.StateValue // both interfaces report it for a stopped database too; EXAoperation's temporary volume: below
	}
}

// planRuntimeEXAoperation: EXAoperation creates the temporary volume at
// each start and reports none while the database is stopped: a stop plans
// it empty, a start plans a new one (unknown).
func planRuntimeEXAoperation(ctx context.Context, c client.Backend, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if c == nil || c.API() != client.APIEXAoperation {
		return
	}
	prior, plan, ok := runtimeChange(ctx, req.State, resp.Plan)
	if !ok || plan.Running.ValueBool() == prior.Running.ValueBool() {
		return
	}
	temp := types.StringValue("")
	if plan.Running.ValueBool() {
		temp = types.StringUnknown()
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("temporary_volume_name"), temp)...)
}

func (m runtimePlan) PlanModifyBool(ctx context.Context, req planmodifier.BoolRequest, resp *planmodifier.BoolResponse) {
	if !req.PlanValue.IsUnknown() {
		return
	}
	prior, plan, ok := runtimeChange(ctx, req.State, req.Plan)
	if !ok {
		return
	}
	if plan.Running.ValueBool() == prior.Running.ValueBool() {
		resp.PlanValue = req.StateValue
		return
	}
	resp.PlanValue = types.BoolValue(plan.Running.ValueBool()) // connectible
}

func (m runtimePlan) PlanModifyList(ctx context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	if !req.PlanValue.IsUnknown() {
		return
	}
	if _, _, ok := runtimeChange(ctx, req.State, req.Plan); ok {
		resp.PlanValue = req.StateValue // failed_nodes: a start or stop fails no node
	}
}
