package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var _ resource.ResourceWithImportState = (*clusterStateResource)(nil)

// NewClusterStateResource is exasol_cluster_state.
func NewClusterStateResource() resource.Resource {
	return newResource(&clusterStateResource{}, "_cluster_state", object[clusterStateModel, *client.ClusterObservation]{})
}

type clusterStateResource struct {
	resourceBase[clusterStateModel, *client.ClusterObservation]
}

func (r *clusterStateResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The runtime state of the whole cluster, brought about in Exasol's documented order. " +
			"`running`: every node online → every storage volume `ONLINE` → the databases started (in parallel) until connectible → plugins checked. " +
			"`stopped`: the management master reported → each database stopped once its current operation (a backup, a restore) has ended → " +
			"storage and nodes. On EXAoperation (Exasol 6) the provider carries out every layer, call for call as Exasol's runbook: " +
			"`startupNode`, `startEXAStorage` and `callPlugin` on the way up, `stopEXAStorage` and `shutdownNode` on the way down; the license " +
			"server, which runs EXAoperation, is left up with a warning. ConfD has no jobs that power nodes, start or stop the storage service, " +
			"or start plugin services: on a start these layers are checked and waited for, on a stop they are left running, and a warning says so. " +
			"Every step is recorded in `steps`; a run that fails midway records where it stopped, and the next plan shows the truth (`partial`). " +
			"A first apply that fails records nothing (its error lists the steps) and is planned again.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("Always `cluster`: there is one cluster behind a provider configuration."),
			"state": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Wanted state: `running` or `stopped`. After a refresh it holds what the cluster is in: `running` (every node " +
					"online, every volume that is not locked `ONLINE`, every selected database running and connectible), `stopped` (every " +
					"selected database stopped, `setup`), or `partial` (anything else), so that a difference shows in the plan.",
				Validators: []validator.String{stringvalidator.OneOf(clusterRunning, clusterStopped)},
			},
			"databases": schema.ListAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "Databases to start or stop. Unset: every database of the cluster. The storage is only stopped " +
					"when every database of the cluster is down.",
				Validators: []validator.List{
					listvalidator.UniqueValues(),
					listvalidator.ValueStringsAre(nameValidator("database")),
				},
			},
			"force_stop": schema.BoolAttribute{
				Optional: true, Computed: true,
				Default: booldefault.StaticBool(false),
				MarkdownDescription: "When a database has to be stopped while a backup or restore runs, cut the operation off instead of waiting for it. " +
					"Default false: the provider waits within the timeout and then fails naming the database and its operation.",
			},
			"stop_on_destroy": schema.BoolAttribute{
				Optional: true, Computed: true,
				Default: booldefault.StaticBool(false),
				MarkdownDescription: "Whether destroying this resource stops the cluster (as `state = \"stopped\"` does). Default false: destroy only " +
					"forgets the resource and leaves the cluster as it is.",
			},
			"master": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "Node that runs the management interface, as last seen: the ConfD master (`GET /master?info_type=name`), " +
					"or EXAoperation's node (`getEXAoperationMaster`, normally the license server `n0010`).",
			},
			"master_node": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "Id of the node that should be the ConfD master (a planned move, `master_change`), e.g. `12`. " +
					"When the master is elsewhere (also after an unplanned failover), the plan shows it and apply moves it back. " +
					"Unset: the master stays where the cluster puts it. ConfD only: EXAoperation runs on its license server, and setting this fails the plan.",
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
			"nodes": schema.MapAttribute{
				ElementType:         types.StringType,
				Computed:            true,
				MarkdownDescription: "State of every node by name (`online`, `offline`, `suspended`, …), as last seen.",
			},
			"volumes": schema.MapAttribute{
				ElementType:         types.StringType,
				Computed:            true,
				MarkdownDescription: "State of every storage volume by name (`ONLINE`, …), as last seen.",
			},
			"database_states": schema.MapAttribute{
				ElementType: types.StringType,
				Computed:    true,
				MarkdownDescription: "State of every selected database by name: `running`, `setup` (stopped), a transition such as `Startup`, " +
					"with `not connectible` or the running operation added where that applies, or `missing`.",
			},
			"steps": schema.ListAttribute{
				ElementType: types.StringType,
				Computed:    true,
				MarkdownDescription: "What the last start or stop did, one line per step in order, e.g. `nodes: 4/4 online`, " +
					"`database DB1: started, connectible at 10.0.0.11:8563 (8s)`. Steps that failed start with `FAILED`, " +
					"steps that could not be carried out, or left a layer up, with `WARNING`.",
			},
		},
		Blocks: timeoutsBlock(ctx),
	}
}

// runbook logs every step and progress message through tflog.
func (r *clusterStateResource) runbook(ctx context.Context) *client.Runbook {
	return &client.Runbook{Backend: r.client, Report: func(msg string) {
		tflog.Info(ctx, "cluster state: "+msg)
	}}
}

// apply brings the cluster to m's wanted state and records the outcome in m.
func (r *clusterStateResource) apply(ctx context.Context, m *clusterStateModel, diags *diag.Diagnostics) {
	wanted := m.State.ValueString()
	sel := m.selection(ctx, diags)
	if diags.HasError() {
		return
	}
	rb := r.runbook(ctx)
	var err error
	if wanted == clusterRunning {
		err = rb.Start(ctx, sel)
	} else {
		err = rb.Stop(ctx, sel)
	}
	steps := rb.Steps()
	m.Steps = stepsValue(ctx, steps, diags)
	reportSteps(diags, fmt.Sprintf("The cluster did not reach state %q", wanted), steps, err)
	r.readBack(ctx, m, diags)
	if err == nil && !diags.HasError() && m.State.ValueString() != wanted {
		diags.AddError(fmt.Sprintf("The cluster did not stay in state %q", wanted),
			fmt.Sprintf("Every step succeeded, but reading the cluster back finds it %s (databases: %s). "+
				"Something changed it meanwhile; apply again.", m.State.ValueString(), m.DatabaseStates.String()))
	}
}

// readBack records what the cluster has now (the base's would name an
// object and its identity; the cluster has neither), also after a failure midway
// (with its own deadline, since the run's may have passed).
func (r *clusterStateResource) readBack(ctx context.Context, m *clusterStateModel, diags *diag.Diagnostics) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	var ds diag.Diagnostics
	sel := m.selection(ctx, &ds)
	o, err := client.Observe(ctx, r.client, sel.Databases)
	if err != nil {
		readBackFailed(diags, "the cluster's state", err)
		m.ID = types.StringValue(clusterStateID)
		return
	}
	m.fill(ctx, o, diags)
}

func (r *clusterStateResource) create(ctx context.Context, req resource.CreateRequest, plan *clusterStateModel, resp *resource.CreateResponse) {
	r.apply(ctx, plan, &resp.Diagnostics)
	r.moveMaster(ctx, plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		// Nothing was created that could be lost: the error lists the steps,
		// and the next apply plans the creation again and continues where
		// this one stopped. A recorded, hence tainted, resource would be
		// replaced instead, and with stop_on_destroy the replacement would
		// stop the databases this run had started.
		return
	}
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
}

func (r *clusterStateResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, ctx, cancel, ok := begin[clusterStateModel](ctx, req.State, onRead, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	sel := state.selection(ctx, &resp.Diagnostics)
	o, err := client.Observe(ctx, r.client, sel.Databases)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the cluster's state", clientErrorDetail(err))
		return
	}
	state.fill(ctx, o, &resp.Diagnostics)
	if state.Steps.IsNull() {
		state.Steps = stringListValue(ctx, nil, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *clusterStateResource) update(ctx context.Context, req resource.UpdateRequest, plan, prior *clusterStateModel, resp *resource.UpdateResponse) {
	if plan.State.Equal(prior.State) && plan.Databases.Equal(prior.Databases) {
		// Only force_stop, stop_on_destroy or timeouts changed: the cluster
		// is already where it should be; nothing to run.
		plan.Steps = prior.Steps
		r.readBack(ctx, plan, &resp.Diagnostics)
	} else {
		r.apply(ctx, plan, &resp.Diagnostics)
	}
	r.moveMaster(ctx, plan, &resp.Diagnostics)
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
}

func (r *clusterStateResource) delete(ctx context.Context, state *clusterStateModel, resp *resource.DeleteResponse) {
	if !state.StopOnDestroy.ValueBool() {
		return
	}
	sel := state.selection(ctx, &resp.Diagnostics)
	rb := r.runbook(ctx)
	err := rb.Stop(ctx, sel)
	reportSteps(&resp.Diagnostics, "The cluster was not stopped on destroy", rb.Steps(), err)
}

func (r *clusterStateResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	// With the defaults, so that the first plan after an import shows no
	// change for settings the cluster cannot tell.
	importSingleton(ctx, req, resp, "exasol_cluster_state", clusterStateID, " (there is one cluster per provider configuration)",
		map[string]any{"force_stop": false, "stop_on_destroy": false})
}

// moveMaster runs master_change when the master is not the wanted node, and
// reads the cluster back.
func (r *clusterStateResource) moveMaster(ctx context.Context, m *clusterStateModel, diags *diag.Diagnostics) {
	if m.MasterNode.IsNull() || m.MasterNode.IsUnknown() || diags.HasError() {
		return
	}
	id := m.MasterNode.ValueInt64()
	if m.Master.ValueString() == client.NodeName(id) {
		return
	}
	if err := r.client.MasterChange(ctx, id); err != nil {
		diags.AddAttributeError(path.Root("master_node"), fmt.Sprintf("Cannot move the ConfD master to %s", client.NodeName(id)), clientErrorDetail(err))
	}
	r.readBack(ctx, m, diags)
}
