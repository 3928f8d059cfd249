package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// exasol_cluster_startup and exasol_cluster_shutdown run the ordered start
// and stop of exasol_cluster_state once, as verbs, without keeping state.

var (
	_ action.ActionWithConfigure = (*clusterStartupAction)(nil)
	_ action.ActionWithConfigure = (*clusterShutdownAction)(nil)
)

type clusterActionModel struct {
	Databases types.List   `tfsdk:"databases"`
	ForceStop types.Bool   `tfsdk:"force_stop"`
	Timeout   types.String `tfsdk:"timeout"`
}

type clusterStartupModel struct {
	Databases types.List   `tfsdk:"databases"`
	Timeout   types.String `tfsdk:"timeout"`
}

func actionDatabasesAttribute(verb string) schema.ListAttribute {
	return schema.ListAttribute{
		ElementType:         types.StringType,
		Optional:            true,
		MarkdownDescription: "Databases to " + verb + ". Unset: every database of the cluster.",
		Validators:          []validator.List{listvalidator.UniqueValues(), listvalidator.ValueStringsAre(nameValidator("database"))},
	}
}

// runCluster runs the runbook and turns its steps into diagnostics.
func (a *actionBase) runCluster(ctx context.Context, start bool, databases types.List, force bool, timeout types.String, resp *action.InvokeResponse) {
	ctx, cancel, report, ok := a.start(ctx, timeout, resp)
	if !ok {
		return
	}
	defer cancel()
	m := clusterStateModel{Databases: databases, ForceStop: types.BoolValue(force)}
	sel := m.selection(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	rb := &client.Runbook{Backend: a.client, Report: report}
	var err error
	summary := "The cluster startup did not complete"
	if start {
		err = rb.Start(ctx, sel)
	} else {
		summary = "The cluster shutdown did not complete"
		err = rb.Stop(ctx, sel)
	}
	reportSteps(&resp.Diagnostics, summary, rb.Steps(), err)
}

// NewClusterStartupAction is exasol_cluster_startup.
func NewClusterStartupAction() action.Action { return &clusterStartupAction{} }

type clusterStartupAction struct{ actionBase }

func (a *clusterStartupAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cluster_startup"
}

func (a *clusterStartupAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Brings the cluster up in Exasol's documented order: waits until every node is online (`node_wait_ready`), " +
			"until every storage volume is `ONLINE`, starts the databases in parallel until each is connectible, and checks the plugins. " +
			"Every step is reported as progress. ConfD cannot power nodes on or start the storage service: those layers are waited for. " +
			"EXAoperation does it all, as Exasol's runbook: `startupNode`, `startEXAStorage`, `startDatabase`, `callPlugin`.",
		Attributes: map[string]schema.Attribute{
			"databases": actionDatabasesAttribute("start"),
			"timeout":   actionTimeoutAttribute("the whole startup"),
		},
	}
}

func (a *clusterStartupAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m clusterStartupModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	a.runCluster(ctx, true, m.Databases, false, m.Timeout, resp)
}

// NewClusterShutdownAction is exasol_cluster_shutdown.
func NewClusterShutdownAction() action.Action { return &clusterShutdownAction{} }

type clusterShutdownAction struct{ actionBase }

func (a *clusterShutdownAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cluster_shutdown"
}

func (a *clusterShutdownAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Takes the cluster down in Exasol's documented order: reports which node runs the management master, stops each " +
			"database once its current operation has ended (in parallel), then the storage and the nodes. ConfD has no jobs for the " +
			"last two: they are left running and a warning says so. EXAoperation stops the storage (`stopEXAStorage`) and shuts the " +
			"nodes down (`shutdownNode`), but not the license server it runs on: a warning says to shut that down by hand, last.",
		Attributes: map[string]schema.Attribute{
			"databases":  actionDatabasesAttribute("stop"),
			"force_stop": actionForceStopAttribute(),
			"timeout":    actionTimeoutAttribute("the whole shutdown, including running operations to end"),
		},
	}
}

func (a *clusterShutdownAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m clusterActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	a.runCluster(ctx, false, m.Databases, m.ForceStop.ValueBool(), m.Timeout, resp)
}
