package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var versionRE = regexp.MustCompile(`^\d+(\.\d+){1,3}(-[A-Za-z0-9.]+)?$`)

// databaseAttrs are the attributes the resource exasol_database and the
// data source of the same name share: what the cluster reports.
type databaseAttrs struct {
	ID              types.String `tfsdk:"id"`
	DBName          types.String `tfsdk:"db_name"`
	Version         types.String `tfsdk:"version"`
	DataVolumeName  types.String `tfsdk:"data_volume_name"`
	MemSize         SizeValue    `tfsdk:"mem_size"`
	Nodes           types.List   `tfsdk:"nodes"`
	NumActiveNodes  types.Int64  `tfsdk:"num_active_nodes"`
	Port            types.Int64  `tfsdk:"port"`
	Owner           types.List   `tfsdk:"owner"`
	Params          types.String `tfsdk:"params"`
	AutoStart       types.Bool   `tfsdk:"auto_start"`
	DBUUID          types.String `tfsdk:"db_uuid"`
	Running         types.Bool   `tfsdk:"running"`
	State           types.String `tfsdk:"state"`
	Operation       types.String `tfsdk:"operation"`
	Connectible     types.Bool   `tfsdk:"connectible"`
	ConnectionStr   types.String `tfsdk:"connection_string"`
	ActiveNodes     types.List   `tfsdk:"active_nodes"`
	ReserveNodes    types.List   `tfsdk:"reserve_nodes"`
	FailedNodes     types.List   `tfsdk:"failed_nodes"`
	TemporaryVolume types.String `tfsdk:"temporary_volume_name"`
}

// databaseModel is exasol_database.
type databaseModel struct {
	databaseAttrs
	EnableAuditing  types.Bool     `tfsdk:"enable_auditing"`
	VolumeQuota     types.Int64    `tfsdk:"volume_quota"`
	VolumeMoveDelay types.Int64    `tfsdk:"volume_move_delay"`
	LDAPServer      types.String   `tfsdk:"ldap_server"`
	Interfaces      types.String   `tfsdk:"interfaces"`
	ForceStop       types.Bool     `tfsdk:"force_stop"`
	MaxSystemHeap   SizeValue      `tfsdk:"max_system_heap_memory"`
	SnapshotSync    types.String   `tfsdk:"snapshot_sync_volume"`
	Timeouts        timeouts.Value `tfsdk:"timeouts"`
}

// databaseReader reads a database (db_info) for Read, the read-back after
// a change, the data sources and the list resource.
var databaseReader = object[databaseModel, *client.Database]{kind: "database", fill: (*databaseModel).fill,
	identity: func(m *databaseModel) any { return databaseIdentity.of(m.DBName) },
	name:     func(m *databaseModel) string { return m.DBName.ValueString() },
	get: func(ctx context.Context, c client.Backend, m *databaseModel) (*client.Database, error) {
		return c.DBInfo(ctx, m.DBName.ValueString())
	}}

// listed is the model of one object a listing names, with the listed
// resource's timeouts.
func (m *databaseModel) listed(name string, to timeouts.Value) {
	m.DBName, m.Timeouts = types.StringValue(name), to
}

// fill sets every attribute from what the cluster reports. It never copies the
// plan: a value changed out of band shows up as drift.
func (m *databaseModel) fill(ctx context.Context, d *client.Database, diags *diag.Diagnostics) {
	c := d.Config
	m.ID = types.StringValue(d.Name)
	m.DBName = types.StringValue(d.Name)
	m.Version = types.StringValue(c.Version)
	m.DataVolumeName = types.StringValue(c.DataVolumeName)
	m.MemSize = NewSizeValue(c.MemSize)
	m.Nodes = int64ListValue(ctx, c.Nodes, diags)
	m.NumActiveNodes = types.Int64Value(c.NumActiveNodes)
	m.Port = types.Int64Value(c.Port)
	m.Owner = ownerValue(ctx, c.Owner, diags)
	m.Params = types.StringValue(c.Params)
	m.AutoStart = types.BoolValue(c.AutoStart)
	m.EnableAuditing = types.BoolValue(c.EnableAuditing)
	m.VolumeQuota = types.Int64Value(c.VolumeQuota)
	m.VolumeMoveDelay = types.Int64Value(c.VolumeMoveDelay)
	m.LDAPServer = types.StringValue(c.LDAPServer)
	m.Interfaces = types.StringValue(c.Interfaces)
	m.DBUUID = types.StringNull() // EXAoperation reports none
	if c.DBUUID != "" {
		m.DBUUID = types.StringValue(c.DBUUID)
	}
	m.Running = types.BoolValue(d.Running())
	if m.ForceStop.IsNull() || m.ForceStop.IsUnknown() {
		m.ForceStop = types.BoolValue(false) // after import: the schema default
	}
	m.State = types.StringValue(d.State)
	m.Operation = types.StringValue(d.Operation)
	m.Connectible = types.BoolValue(d.Connectible)
	m.ConnectionStr = types.StringValue(d.ConnectionString)
	m.ActiveNodes = stringListValue(ctx, d.ActiveNodes, diags)
	m.ReserveNodes = stringListValue(ctx, d.ReserveNodes, diags)
	m.FailedNodes = stringListValue(ctx, d.FailedNodes, diags)
	m.TemporaryVolume = types.StringValue(d.TemporaryVolume)
	// null where the interface has no such setting (EXAoperation)
	m.MaxSystemHeap = SizeValue{StringValue: types.StringNull()}
	if c.MaxSystemHeapMemory != "" {
		m.MaxSystemHeap = NewSizeValue(c.MaxSystemHeapMemory)
	}
	m.SnapshotSync = types.StringNull() // none, or an interface without snapshots
	if c.SnapshotSyncVolume != "" {
		m.SnapshotSync = types.StringValue(c.SnapshotSyncVolume)
	}
}

// databaseChange lists the db_configure parameters whose planned value differs
// from the state. Attributes that db_configure cannot change are RequiresReplace.
func databaseChange(ctx context.Context, prior, plan databaseModel, diags *diag.Diagnostics) client.DatabaseChange {
	var ch client.DatabaseChange
	ch.Version = stringChange(prior.Version, plan.Version)
	ch.DataVolumeName = stringChange(prior.DataVolumeName, plan.DataVolumeName)
	if eq, _ := prior.MemSize.StringSemanticEquals(ctx, plan.MemSize); !eq {
		ch.MemSize = plan.MemSize.ValueStringPointer()
	}
	ch.Port = int64Change(prior.Port, plan.Port)
	if !plan.Owner.IsUnknown() && !plan.Owner.Equal(prior.Owner) {
		ch.Owner = int64List(ctx, plan.Owner, diags)
	}
	ch.Params = stringChange(prior.Params, plan.Params)
	ch.AutoStart = boolChange(prior.AutoStart, plan.AutoStart)
	ch.EnableAuditing = boolChange(prior.EnableAuditing, plan.EnableAuditing)
	ch.VolumeQuota = int64Change(prior.VolumeQuota, plan.VolumeQuota)
	ch.VolumeMoveDelay = int64Change(prior.VolumeMoveDelay, plan.VolumeMoveDelay)
	ch.LDAPServer = stringChange(prior.LDAPServer, plan.LDAPServer)
	ch.Interfaces = stringChange(prior.Interfaces, plan.Interfaces)
	if known(plan.MaxSystemHeap) {
		if eq, _ := prior.MaxSystemHeap.StringSemanticEquals(ctx, plan.MaxSystemHeap); !eq {
			ch.MaxSystemHeapMemory = plan.MaxSystemHeap.ValueStringPointer()
		}
	}
	return ch
}

// scaling returns the steps from (prior, priorActive) to (plan, active);
// ok is false when no in-place sequence gives the plan.
func scaling(prior []int64, priorActive int64, plan []int64, active int64) (remove, add []int64, enlarge int64, ok bool) {
	a := int(priorActive)
	if a > len(prior) || int(active) > len(plan) || active < priorActive || len(plan) < a || !slices.Equal(prior[:a], plan[:a]) {
		return nil, nil, 0, false
	}
	// remove the reserve nodes the plan drops, keep the others in their
	// order, append the new ones in the plan's order
	result := slices.Clone(prior[:a])
	for _, n := range prior[a:] {
		if slices.Contains(plan, n) {
			result = append(result, n)
		} else {
			remove = append(remove, n)
		}
	}
	for _, n := range plan[a:] {
		if !slices.Contains(prior, n) {
			add = append(add, n)
			result = append(result, n)
		}
	}
	if !slices.Equal(result, plan) {
		return nil, nil, 0, false
	}
	return remove, add, active - priorActive, true
}

// addScaling puts the node steps of an update into its change.
func addScaling(ctx context.Context, prior, plan databaseModel, ch *client.DatabaseChange, diags *diag.Diagnostics) {
	if prior.Nodes.Equal(plan.Nodes) && prior.NumActiveNodes.Equal(plan.NumActiveNodes) {
		return
	}
	p, n := int64List(ctx, prior.Nodes, diags), int64List(ctx, plan.Nodes, diags)
	remove, add, enlarge, ok := scaling(p, prior.NumActiveNodes.ValueInt64(), n, plan.NumActiveNodes.ValueInt64())
	if !ok {
		// the plan replaces such a change; reaching here is a bug
		diags.AddError("Cannot change the database's nodes in place", fmt.Sprintf("From %v (%d active) to %v (%d active) needs a new database.",
			p, prior.NumActiveNodes.ValueInt64(), n, plan.NumActiveNodes.ValueInt64()))
		return
	}
	ch.RemoveReserve, ch.AddReserve, ch.Enlarge = remove, add, enlarge
}
