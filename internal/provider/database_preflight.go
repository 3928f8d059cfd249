package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var _ resource.ResourceWithModifyPlan = (*databaseResource)(nil)

// ModifyPlan checks a planned database against the cluster (see
// preflight.go): the version is installed, the nodes exist and are not
// suspended, the data volume exists with one master node per active node
// and serves no other database, the port is free. An in-place change that
// needs the database stopped is announced as a warning.
func (r *databaseResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !checkLimits(ctx, r.client, "exasol_database", req, &resp.Diagnostics) {
		return
	}
	planAutoStart(ctx, r.client, req, resp)
	planRuntimeEXAoperation(ctx, r.client, req, resp)
	pf := preflightFor(r.client)
	prior, replacement := priorFor[databaseModel](ctx, pf, "database", req, &resp.Diagnostics) // replacement: the create half of a replacement
	if pf == nil || !planChanges(req, resp) {
		return
	}
	var plan databaseModel
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if known(plan.DBName) {
		d := plannedDatabase{}
		if known(plan.Port) {
			d.port = plan.Port.ValueInt64()
		}
		if known(plan.Running) {
			d.running = plan.Running.ValueBoolPointer()
		}
		pf.planned.addDatabase(plan.DBName.ValueString(), d)
	}
	fresh := prior == nil || replacement
	if !fresh {
		if dbReplaced(*prior, plan) {
			return // checked as the create of the replacement
		}
		warnDatabaseStop(ctx, *prior, plan, &resp.Diagnostics)
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
		c := dbCheck{pf: pf, plan: plan, prior: prior, diags: &ds}
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
		(known(plan.DBUUID) && changedString(prior.DBUUID, plan.DBUUID))
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
	if len(ids) == 0 {
		return nil
	}
	nodes, err := c.pf.view.Nodes(ctx)
	if err != nil {
		return err
	}
	for _, id := range ids {
		n := nodeByID(nodes, id)
		switch {
		case n == nil && c.pf.planned.node(id):
		case n == nil:
			c.diags.AddAttributeError(path.Root("nodes"), "No such node",
				fmt.Sprintf("Node %d does not exist; the cluster has nodes %s. %s", id, nodeIDList(nodes),
					notPlannedHint("exasol_node", "exasol_node.n14.id")))
		case n.Suspended():
			c.diags.AddAttributeError(path.Root("nodes"), "Suspended node",
				fmt.Sprintf("Node %s (%d) is suspended, i.e. marked permanently offline, so the database cannot run on it. "+
					"Resume it first (suspended = false on its exasol_node), or leave it out.", n.Name, id))
		}
	}
	return nil
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
