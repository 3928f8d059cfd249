package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// Values of exasol_cluster_state's state: the two a configuration asks for,
// and what a refresh reports when the cluster is in neither.
const (
	clusterRunning = "running"
	clusterStopped = "stopped"
	clusterPartial = "partial"
	// clusterStateID is the one id of the resource: there is one cluster
	// behind a provider configuration.
	clusterStateID = "cluster"
)

type clusterStateModel struct {
	ID             types.String   `tfsdk:"id"`
	State          types.String   `tfsdk:"state"`
	Databases      types.List     `tfsdk:"databases"`
	ForceStop      types.Bool     `tfsdk:"force_stop"`
	StopOnDestroy  types.Bool     `tfsdk:"stop_on_destroy"`
	Master         types.String   `tfsdk:"master"`
	MasterNode     types.Int64    `tfsdk:"master_node"`
	Nodes          types.Map      `tfsdk:"nodes"`
	Volumes        types.Map      `tfsdk:"volumes"`
	DatabaseStates types.Map      `tfsdk:"database_states"`
	Steps          types.List     `tfsdk:"steps"`
	Timeouts       timeouts.Value `tfsdk:"timeouts"`
}

// selection is the runbook's view of the model; nil databases = all.
func (m *clusterStateModel) selection(ctx context.Context, diags *diag.Diagnostics) client.Selection {
	sel := client.Selection{Force: m.ForceStop.ValueBool()}
	if !m.Databases.IsNull() && !m.Databases.IsUnknown() {
		sel.Databases = []string{}
		diags.Append(m.Databases.ElementsAs(ctx, &sel.Databases, false)...)
	}
	return sel
}

// observedState names what the cluster is in. When it is both running and
// stopped (no database selected, nodes and storage up), the wanted value
// counts, so that such a cluster plans no change either way.
func observedState(o *client.ClusterObservation, wanted string) string {
	running, stopped := o.Running(), o.Stopped()
	switch {
	case running && stopped:
		if wanted == clusterStopped {
			return clusterStopped
		}
		return clusterRunning
	case running:
		return clusterRunning
	case stopped:
		return clusterStopped
	}
	return clusterPartial
}

// fill records an observation. state is what the cluster is in, not what
// was asked for, so that the next plan shows any difference.
func (m *clusterStateModel) fill(ctx context.Context, o *client.ClusterObservation, diags *diag.Diagnostics) {
	m.ID = types.StringValue(clusterStateID)
	m.State = types.StringValue(observedState(o, m.State.ValueString()))
	m.Master = types.StringValue(o.Master)
	nodes := map[string]string{}
	for _, n := range o.Nodes {
		nodes[n.Name] = n.State
	}
	vols := map[string]string{}
	for _, v := range o.Volumes {
		vols[v.Name] = v.State
	}
	dbs := map[string]string{}
	for _, d := range o.Databases {
		dbs[d.Name] = databaseSummary(d)
	}
	for _, name := range o.Missing {
		dbs[name] = "missing"
	}
	m.Nodes = stringMap(ctx, nodes, diags)
	m.Volumes = stringMap(ctx, vols, diags)
	m.DatabaseStates = stringMap(ctx, dbs, diags)
}

// databaseSummary is "running", "setup", or the state with what keeps the
// database from being simply up: "running, not connectible", "running,
// operation Backup".
func databaseSummary(d *client.Database) string {
	parts := []string{d.State}
	if d.State == client.DBStateRunning && !d.Connectible {
		parts = append(parts, "not connectible")
	}
	if !d.Idle() {
		parts = append(parts, "operation "+d.Operation)
	}
	return strings.Join(parts, ", ")
}

func stringMap(ctx context.Context, m map[string]string, diags *diag.Diagnostics) types.Map {
	v, ds := types.MapValueFrom(ctx, types.StringType, m)
	diags.Append(ds...)
	return v
}

// stepsValue is the steps as the resource records them: one line each,
// failed steps marked.
func stepsValue(ctx context.Context, steps []client.Step, diags *diag.Diagnostics) types.List {
	lines := make([]string, len(steps))
	for i, s := range steps {
		lines[i] = stepLine(s)
	}
	return stringListValue(ctx, lines, diags)
}

func stepLine(s client.Step) string {
	switch {
	case s.Failed:
		return "FAILED " + s.String()
	case s.Warning:
		return "WARNING " + s.String()
	}
	return s.String()
}

// reportSteps turns the steps into diagnostics: one warning for every step
// the management interface could not carry out, and, when the run failed,
// an error that names where it stopped and lists what happened before.
func reportSteps(diags *diag.Diagnostics, summary string, steps []client.Step, err error) {
	var warns []string
	for _, s := range steps {
		if s.Warning {
			warns = append(warns, s.String())
		}
	}
	if len(warns) > 0 {
		detail := strings.Join(warns, "\n")
		if strings.Contains(detail, "ConfD has no job") { // the explanation is ConfD's: EXAoperation has these calls
			detail += "\n\nConfD has no jobs to power nodes, to start or stop the storage service, or to start plugin services; " +
				"these layers are checked (start) or left as they are (stop). Use the platform's tools (or EXAoperation on Exasol 6) for them."
		}
		diags.AddWarning("Not every step of the cluster's start or stop was carried out", detail)
	}
	if err == nil {
		return
	}
	lines := make([]string, len(steps))
	for i, s := range steps {
		lines[i] = "  " + stepLine(s)
	}
	detail := clientErrorDetail(err)
	var busy *client.BusyError
	if errors.As(err, &busy) {
		detail += "\n\nWait for the operation to finish and apply again, raise the resource's timeouts, or set force_stop = true to cut it off."
	}
	diags.AddError(summary, fmt.Sprintf("%s\n\nSteps:\n%s\n\nThe state records what the cluster has now; applying again continues from here.",
		detail, strings.Join(lines, "\n")))
}
