package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// exasol_cluster_startup and exasol_cluster_shutdown run the ordered start
// and stop of exasol_cluster_state once, as verbs, without keeping state.

// clusterActionModel is a verb that stops databases: a start's model and force_stop.
type clusterActionModel struct {
	clusterStartupModel
	ForceStop types.Bool `tfsdk:"force_stop"`
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
func runCluster(ctx context.Context, c client.Backend, start bool, databases types.List, force bool, report func(string), diags *diag.Diagnostics) {
	m := clusterStateModel{Databases: databases, ForceStop: types.BoolValue(force)}
	sel := m.selection(ctx, diags)
	if diags.HasError() {
		return
	}
	rb := &client.Runbook{Backend: c, Report: report}
	var err error
	summary := "The cluster startup did not complete"
	if start {
		err = rb.Start(ctx, sel)
	} else {
		summary = "The cluster shutdown did not complete"
		err = rb.Stop(ctx, sel)
	}
	reportSteps(diags, summary, rb.Steps(), err)
}

// clusterStartupAction is exasol_cluster_startup.
var clusterStartupAction = actionFor("_cluster_startup", clusterVerbSchema("start", false,
	"Brings the cluster up in Exasol's documented order: waits until every node is online (`node_wait_ready`), "+
		"until every storage volume is `ONLINE`, starts the databases in parallel until each is connectible, and checks the plugins. "+
		"Every step is reported as progress. ConfD cannot power nodes on or start the storage service: those layers are waited for. "+
		"EXAoperation does it all, as Exasol's runbook: `startupNode`, `startEXAStorage`, `startDatabase`, `callPlugin`.",
	"the whole startup"), runClusterStartup)

func runClusterStartup(ctx context.Context, c client.Backend, m *clusterStartupModel, report func(string), diags *diag.Diagnostics) {
	runCluster(ctx, c, true, m.Databases, false, report, diags)
}

// clusterShutdownAction is exasol_cluster_shutdown.
var clusterShutdownAction = actionFor("_cluster_shutdown", clusterVerbSchema("stop", true,
	"Takes the cluster down in Exasol's documented order: reports which node runs the management master, stops each "+
		"database once its current operation has ended (in parallel), then the storage and the nodes. ConfD has no jobs for the "+
		"last two: they are left running and a warning says so. EXAoperation stops the storage (`stopEXAStorage`) and shuts the "+
		"nodes down (`shutdownNode`), but not the license server it runs on: a warning says to shut that down by hand, last.",
	"the whole shutdown, including running operations to end"), runClusterShutdown)

func runClusterShutdown(ctx context.Context, c client.Backend, m *clusterActionModel, report func(string), diags *diag.Diagnostics) {
	runCluster(ctx, c, false, m.Databases, m.ForceStop.ValueBool(), report, diags)
}

// clusterVerbSchema is the schema of a cluster verb: the databases, how
// long to wait for what, and force_stop where the verb stops databases.
func clusterVerbSchema(verb string, stops bool, desc, waitFor string) schema.Schema {
	attrs := map[string]schema.Attribute{"databases": actionDatabasesAttribute(verb)}
	if stops {
		attrs["force_stop"] = actionForceStopAttribute()
	}
	return actionSchema(desc, waitFor, attrs)
}
