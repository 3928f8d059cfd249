package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// checkPlan plans what the runtime settings and the interface decide
// (planAutoStart, planRuntimeEXAoperation).
func (r *databaseResource) checkPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planAutoStart(ctx, r.client, req, resp)
	planRuntimeEXAoperation(ctx, r.client, req, resp)
}

// checkCluster checks a planned database against the cluster (see
// preflight.go): the version is installed, the nodes exist and are not
// suspended, the data volume exists with one master node per active node
// and serves no other database, the port is free. An in-place change that
// needs the database stopped is announced as a warning.
func (r *databaseResource) checkCluster(ctx context.Context, plan, prior *databaseModel, replacement bool, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	pf := r.preflight
	if known(plan.DBName) {
		pf.planned.addDatabase(plan.DBName.ValueString(), plannedDatabase{
			port:    plan.Port.ValueInt64(), // 0 when unknown
			running: knownBool(plan.Running),
		})
	}
	fresh := prior == nil || replacement
	if !fresh {
		if dbReplaced(*prior, *plan) {
			return // checked as the create of the replacement
		}
		warnDatabaseStop(ctx, *prior, *plan, &resp.Diagnostics)
	}
	nodes, allNodes := knownInt64s(plan.Nodes)
	if fresh && allNodes && known(plan.NumActiveNodes) && plan.NumActiveNodes.ValueInt64() > int64(len(nodes)) {
		resp.Diagnostics.AddAttributeError(path.Root("num_active_nodes"), "Too many active nodes",
			fmt.Sprintf("num_active_nodes is %d but nodes lists only %d node(s).", plan.NumActiveNodes.ValueInt64(), len(nodes)))
		return
	}
	name := plan.DBName.ValueString()
	pf.check(ctx, &resp.Diagnostics, "database "+name, func(ctx context.Context) (diag.Diagnostics, error) {
		var ds diag.Diagnostics
		c := dbCheck{pf: pf, plan: *plan, prior: prior, diags: &ds}
		steps := []struct {
			run  bool
			step func(context.Context) error
		}{
			{fresh, c.name},
			{fresh || changedString(prior.Version, plan.Version), c.version},
			{fresh, c.nodes},
			{fresh || changedString(prior.DataVolumeName, plan.DataVolumeName), c.dataVolume},
			{fresh || changedInt64(prior.Port, plan.Port), c.port},
		}
		for _, s := range steps {
			if s.run {
				if err := s.step(ctx); err != nil {
					return nil, err
				}
			}
		}
		return ds, nil
	})
}

// dbReplaced reports whether the plan replaces the database: one of the
// attributes db_configure cannot change differs (see the schema).
func dbReplaced(prior, plan databaseModel) bool {
	return changedString(prior.DBName, plan.DBName) || !plan.Nodes.IsUnknown() && !plan.Nodes.Equal(prior.Nodes) ||
		changedInt64(prior.NumActiveNodes, plan.NumActiveNodes) ||
		(known(plan.DBUUID) && changedString(prior.DBUUID, plan.DBUUID)) ||
		(known(plan.SnapshotSync) && changedString(prior.SnapshotSync, plan.SnapshotSync))
}

// warnDatabaseStop announces that an in-place change stops a running
// database: db_configure only works on a stopped one.
func warnDatabaseStop(ctx context.Context, prior, plan databaseModel, diags *diag.Diagnostics) {
	if !prior.Running.ValueBool() || !plan.Running.ValueBool() {
		return // stopped already, or to be stopped anyway
	}
	var ds diag.Diagnostics
	ch := databaseChange(ctx, prior, plan, &ds)
	if ds.HasError() || ch.Empty() {
		return
	}
	var what []string
	for _, f := range []struct {
		name string
		set  bool
	}{
		{"version", ch.Version != nil}, {"data_volume_name", ch.DataVolumeName != nil}, {"mem_size", ch.MemSize != nil},
		{"port", ch.Port != nil}, {"owner", ch.Owner != nil}, {"params", ch.Params != nil},
		{"auto_start", ch.AutoStart != nil}, {"enable_auditing", ch.EnableAuditing != nil},
		{"volume_quota", ch.VolumeQuota != nil}, {"volume_move_delay", ch.VolumeMoveDelay != nil},
		{"ldap_server", ch.LDAPServer != nil}, {"interfaces", ch.Interfaces != nil},
	} {
		if f.set {
			what = append(what, f.name)
		}
	}
	name := plan.DBName.ValueString()
	diags.AddWarning(fmt.Sprintf("%s will be stopped and restarted to apply %s", name, strings.Join(what, ", ")),
		fmt.Sprintf("Exasol changes a database's configuration (ConfD's db_configure, EXAoperation's editDatabase) only while it is stopped, so the apply stops %s, "+
			"reconfigures it and starts it again; its clients are disconnected meanwhile. A running backup or restore is waited for "+
			"first (force_stop = true cuts it off instead). Apply in a maintenance window, or set running = false to keep it stopped.", name))
}

// dbCheck holds one run of a database's cluster-side checks.
type dbCheck struct {
	pf    *preflight
	plan  databaseModel
	prior *databaseModel
	diags *diag.Diagnostics
}

// name refuses to create a database whose name db_list already lists
// (issue 20): the create would fail at apply, or, after a lost answer, take
// another's database for its own. The database a replacement deletes first
// does not count, nor one with this configuration's own defining settings
// (version, data volume, nodes: ownObject in preflight.go).
func (c dbCheck) name(ctx context.Context) error {
	if !known(c.plan.DBName) {
		return nil
	}
	name := c.plan.DBName.ValueString()
	if c.prior != nil && c.prior.DBName.ValueString() == name {
		return nil
	}
	names, err := c.pf.view.DatabaseNames(ctx)
	if err != nil || !slices.Contains(names, name) {
		return err
	}
	d, err := c.pf.view.Database(ctx, name)
	if err != nil || d == nil {
		return err
	}
	nodes, _ := knownInt64s(c.plan.Nodes)
	if d.Config.Version == c.plan.Version.ValueString() && d.Config.DataVolumeName == c.plan.DataVolumeName.ValueString() &&
		slices.Equal(d.Config.Nodes, nodes) && d.Config.NumActiveNodes == c.plan.NumActiveNodes.ValueInt64() {
		return nil // most likely this configuration's own, from a create that failed half-way
	}
	c.diags.AddAttributeError(path.Root("db_name"), "Database exists",
		fmt.Sprintf("A database named %s already exists on the cluster (version %s, data volume %s, nodes %v), with other settings "+
			"than this configuration's. Choose another name, or take it under management with an import block (with the "+
			"address of this resource):\n\nimport {\n  to = exasol_database.%s\n  id = %q\n}",
			name, d.Config.Version, d.Config.DataVolumeName, d.Config.Nodes, strings.ToLower(name), name))
	return nil
}

func (c dbCheck) version(ctx context.Context) error {
	if !known(c.plan.Version) {
		return nil
	}
	versions, err := c.pf.view.InstalledVersions(ctx)
	if err != nil || versions == nil { // nil: the cluster does not list them
		return err
	}
	if v := c.plan.Version.ValueString(); !slices.Contains(versions, v) {
		c.diags.AddAttributeError(path.Root("version"), "Database version not installed",
			fmt.Sprintf("Version %s is not installed on the cluster. Installed versions: %s.", v, strings.Join(versions, ", ")))
	}
	return nil
}

func (c dbCheck) nodes(ctx context.Context) error {
	ids, _ := knownInt64s(c.plan.Nodes)
	_, err := c.pf.listedNodes(ctx, ids, c.diags, func(id int64, n *client.Node) {
		if n.Suspended() {
			c.diags.AddAttributeError(path.Root("nodes"), "Suspended node",
				fmt.Sprintf("Node %s (%d) is suspended, i.e. marked permanently offline, so the database cannot run on it. "+
					"Resume it first (suspended = false on its exasol_node), or leave it out.", n.Name, id))
		}
	})
	return err
}

func (c dbCheck) dataVolume(ctx context.Context) error {
	if !known(c.plan.DataVolumeName) {
		return nil
	}
	name, db := c.plan.DataVolumeName.ValueString(), c.plan.DBName.ValueString()
	at := path.Root("data_volume_name")
	vols, err := c.pf.view.Volumes(ctx)
	if err != nil {
		return err
	}
	active := c.plan.NumActiveNodes
	v := volumeByName(vols, name)
	if v == nil {
		pv, ok := c.pf.planned.volume(name)
		switch {
		case !ok:
			c.diags.AddAttributeError(at, "No such data volume",
				fmt.Sprintf("Storage volume %s does not exist. %s", name,
					notPlannedHint("exasol_storage_volume", "data_volume_name = exasol_storage_volume.data.name")))
		case pv.typ == client.VolumeTypeArchive:
			c.diags.AddAttributeError(at, "Not a data volume",
				fmt.Sprintf("Storage volume %s is planned as an archive volume; a database needs a volume of type data.", name))
		case pv.masters != 0 && known(active) && pv.masters != active.ValueInt64():
			c.diags.AddAttributeError(at, "Data volume does not match the active nodes", masterMismatch(name, pv.masters, db, active.ValueInt64()))
		}
		return nil
	}
	for _, l := range v.Labels {
		if l == "temporary" {
			c.diags.AddAttributeError(at, "Not a data volume",
				fmt.Sprintf("Storage volume %s is a database's temporary volume; name a data volume.", name))
			return nil
		}
	}
	if v.Type == client.VolumeTypeArchive {
		c.diags.AddAttributeError(at, "Not a data volume",
			fmt.Sprintf("Storage volume %s is an archive volume; a database needs a volume of type data.", name))
		return nil
	}
	if known(active) && v.NumMasterNodes != active.ValueInt64() {
		c.diags.AddAttributeError(at, "Data volume does not match the active nodes", masterMismatch(name, v.NumMasterNodes, db, active.ValueInt64()))
	}
	users, err := c.volumeUsers(ctx, v)
	if err != nil {
		return err
	}
	for _, other := range users {
		if other == db || (c.prior != nil && other == c.prior.DBName.ValueString()) {
			continue
		}
		c.diags.AddAttributeError(at, "Data volume in use",
			fmt.Sprintf("Storage volume %s already holds the data of database %s; Exasol gives each database a data volume of its own.", name, other))
	}
	return nil
}

// volumeUsers names the databases whose data volume v is. fact: ConfD marks
// a database's data volume with the label pub:<db>_persistent. EXAoperation
// does not show such labels: there the databases' own settings tell (read
// through the preflight cache, which the port check shares).
func (c dbCheck) volumeUsers(ctx context.Context, v *client.Volume) ([]string, error) {
	var users []string
	marked := false
	for _, l := range v.Labels {
		if strings.HasPrefix(l, "pub:") {
			marked = true
		}
		if other, ok := strings.CutSuffix(strings.TrimPrefix(l, "pub:"), "_persistent"); ok && strings.HasPrefix(l, "pub:") {
			users = append(users, other)
		}
	}
	if marked {
		return users, nil
	}
	names, err := c.pf.view.DatabaseNames(ctx)
	if err != nil {
		return nil, err
	}
	for _, other := range names {
		d, err := c.pf.view.Database(ctx, other)
		if err != nil {
			return nil, err
		}
		if d != nil && d.Config.DataVolumeName == v.Name {
			users = append(users, other)
		}
	}
	return users, nil
}

func masterMismatch(vol string, masters int64, db string, active int64) string {
	return fmt.Sprintf("Storage volume %s has %d master node(s), but database %s has %d active node(s); Exasol needs the numbers to be equal. "+
		"Use a data volume with num_master_nodes = %d, or change num_active_nodes.", vol, masters, db, active, active)
}

func (c dbCheck) port(ctx context.Context) error {
	if !known(c.plan.Port) {
		return nil
	}
	port, self := c.plan.Port.ValueInt64(), c.plan.DBName.ValueString()
	names, err := c.pf.view.DatabaseNames(ctx)
	if err != nil {
		return err
	}
	for _, other := range names {
		if other == self || (c.prior != nil && other == c.prior.DBName.ValueString()) {
			continue
		}
		d, err := c.pf.view.Database(ctx, other)
		if err != nil {
			return err
		}
		if d == nil || d.Config.Port != port {
			continue
		}
		if pd, ok := c.pf.planned.database(other); ok && pd.port != 0 && pd.port != port {
			continue // the other database moves to another port first
		}
		c.diags.AddAttributeError(path.Root("port"), "Port in use",
			fmt.Sprintf("Port %d is already used by database %s. Choose another port.", port, other))
	}
	return nil
}

// runtimePlan plans the runtime attributes of a database (state,
// connectible, operation, connection_string, failed_nodes,
// temporary_volume_name) when an update only starts or stops it, or changes
// nothing the cluster sees (timeouts, force_stop): the framework would plan
// them unknown, and every consumer of the connection string would plan a
// change with it. A start waits until the database is running and
// connectible, a stop until it is in setup (client.StartDatabase,
// StopDatabase), so those are known; the rest is what the state has.
// EXAoperation has no temporary volume while stopped: planRuntimeEXAoperation
// (run by checkPlan, which knows the interface) corrects the plan for it.
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

// runtimeChangeOf is runtimeChange for an attribute the framework planned
// as v: only an unknown value is planned here.
func runtimeChangeOf(ctx context.Context, v attr.Value, state tfsdk.State, plan tfsdk.Plan) (prior, planned databaseModel, ok bool) {
	if !v.IsUnknown() {
		return prior, planned, false
	}
	return runtimeChange(ctx, state, plan)
}

func (m runtimePlan) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	prior, plan, ok := runtimeChangeOf(ctx, req.PlanValue, req.State, req.Plan)
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
	prior, plan, ok := runtimeChangeOf(ctx, req.PlanValue, req.State, req.Plan)
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
	if _, _, ok := runtimeChangeOf(ctx, req.PlanValue, req.State, req.Plan); ok {
		resp.PlanValue = req.StateValue // failed_nodes: a start or stop fails no node
	}
}

// Scaling in place. Exasol cannot remove active nodes (the reserve nodes
// how-to: "You cannot remove active nodes from an Exasol database"), but it
// adds and removes reserve nodes (db_add_reserve_nodes,
// db_remove_reserve_nodes; EXAoperation's editDatabase nodes_list_* keys)
// and makes the first reserve nodes active (db_enlarge, enlargeDatabase:
// "It is not possible to specify which nodes are added"). A change of
// nodes / num_active_nodes is applied in place when those steps, in that
// order, give exactly the planned node list; anything else replaces.

// scalingOf reads the prior and planned node settings of a plan.
func scalingOf(ctx context.Context, plan tfsdk.Plan, prior tfsdk.State) (remove, add []int64, enlarge int64, ok, isKnown bool, diags diag.Diagnostics) {
	var pn, nn types.List
	var pa, na types.Int64
	diags.Append(prior.GetAttribute(ctx, path.Root("nodes"), &pn)...)
	diags.Append(prior.GetAttribute(ctx, path.Root("num_active_nodes"), &pa)...)
	diags.Append(plan.GetAttribute(ctx, path.Root("nodes"), &nn)...)
	diags.Append(plan.GetAttribute(ctx, path.Root("num_active_nodes"), &na)...)
	if diags.HasError() || !known(nn) || !known(na) || !known(pn) || !known(pa) {
		return nil, nil, 0, false, false, diags
	}
	priorNodes, all1 := knownInt64s(pn)
	planNodes, all2 := knownInt64s(nn)
	if !all1 || !all2 {
		return nil, nil, 0, false, false, diags
	}
	remove, add, enlarge, ok = scaling(priorNodes, pa.ValueInt64(), planNodes, na.ValueInt64())
	return remove, add, enlarge, ok, true, diags
}

// scalingWarning tells at plan time what an in-place scaling does.
func scalingWarning(remove, add []int64, enlarge int64) (string, string) {
	detail := fmt.Sprintf("The database's nodes change in place: reserve nodes removed %v, added %v", remove, add)
	if enlarge > 0 {
		return "The database will be stopped to add active nodes", detail + fmt.Sprintf(
			", then %d reserve node(s) made active (db_enlarge). The database is stopped once its operation is idle, enlarged, "+
				"and brought back to its runtime state. Active nodes cannot be removed again without replacing the database.", enlarge)
	}
	return "Reserve nodes change in place", detail + "."
}

// nodesReplace replaces the database unless the node change is one
// scaling can make (see above), and warns about what it will do.
func nodesReplace() listplanmodifier.RequiresReplaceIfFunc {
	return func(ctx context.Context, req planmodifier.ListRequest, resp *listplanmodifier.RequiresReplaceIfFuncResponse) {
		remove, add, enlarge, ok, isKnown, ds := scalingOf(ctx, req.Plan, req.State)
		resp.Diagnostics.Append(ds...)
		resp.RequiresReplace = isKnown && !ok
		if ok {
			summary, detail := scalingWarning(remove, add, enlarge)
			resp.Diagnostics.AddAttributeWarning(req.Path, summary, detail)
		}
	}
}

// activeReplace is nodesReplace for num_active_nodes; it warns only when
// nodes is unchanged (otherwise nodesReplace has).
func activeReplace() int64planmodifier.RequiresReplaceIfFunc {
	return func(ctx context.Context, req planmodifier.Int64Request, resp *int64planmodifier.RequiresReplaceIfFuncResponse) {
		remove, add, enlarge, ok, isKnown, ds := scalingOf(ctx, req.Plan, req.State)
		resp.Diagnostics.Append(ds...)
		resp.RequiresReplace = isKnown && !ok
		var pn, nn types.List
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("nodes"), &pn)...)
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("nodes"), &nn)...)
		if ok && pn.Equal(nn) {
			summary, detail := scalingWarning(remove, add, enlarge)
			resp.Diagnostics.AddAttributeWarning(req.Path, summary, detail)
		}
	}
}

// nodeNamesState keeps active_nodes / reserve_nodes from the state unless
// nodes or num_active_nodes change (then the cluster tells after apply).
type nodeNamesState struct{}

func (nodeNamesState) Description(context.Context) string {
	return "Kept from the state unless nodes or num_active_nodes change."
}

func (m nodeNamesState) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func dbNodeNamesAttribute(desc string) schema.ListAttribute {
	return schema.ListAttribute{
		ElementType: types.StringType, Computed: true, MarkdownDescription: desc,
		PlanModifiers: []planmodifier.List{nodeNamesState{}},
	}
}

func (nodeNamesState) PlanModifyList(ctx context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	if req.StateValue.IsNull() || !req.PlanValue.IsUnknown() || req.Plan.Raw.IsNull() {
		return
	}
	var pn, nn types.List
	var pa, na types.Int64
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("nodes"), &pn)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("num_active_nodes"), &pa)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("nodes"), &nn)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("num_active_nodes"), &na)...)
	if pn.Equal(nn) && pa.Equal(na) {
		resp.PlanValue = req.StateValue
	}
}

// planAutoStart plans an unset auto_start as the interface does it: ConfD
// starts a database at boot unless told otherwise (true); an interface that
// refuses auto_start = true (EXAoperation, whose databases start only by
// startDatabase) never does (false). So the plan stays quiet on both, and
// only an explicit true fails on EXAoperation (checkLimits). Without a
// configured client the framework's plan is left as it is.
func planAutoStart(ctx context.Context, c client.Backend, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if c == nil || req.Plan.Raw.IsNull() {
		return
	}
	var cfg types.Bool
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("auto_start"), &cfg)...)
	if !cfg.IsNull() {
		return
	}
	def := !refusesValue(c, "exasol_database", "auto_start", "true")
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("auto_start"), types.BoolValue(def))...)
}

// tempVolumeState keeps temporary_volume_name from the state unless the
// update starts or stops the database (running changes, or a
// reconfiguration stops and starts it): EXAoperation creates the temporary
// volume at each start and reports none while the database is stopped.
type tempVolumeState struct{}

func (tempVolumeState) Description(context.Context) string {
	return "Kept from the state unless the database is started or stopped."
}

func (m tempVolumeState) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (tempVolumeState) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || !req.PlanValue.IsUnknown() {
		return
	}
	var prior, plan databaseModel
	if req.State.Get(ctx, &prior).HasError() || req.Plan.Get(ctx, &plan).HasError() {
		return
	}
	if plan.Running.IsUnknown() || plan.Running.ValueBool() != prior.Running.ValueBool() {
		return
	}
	var ds diag.Diagnostics
	if prior.Running.ValueBool() && !databaseChange(ctx, prior, plan, &ds).Empty() {
		return
	}
	resp.PlanValue = req.StateValue
}
