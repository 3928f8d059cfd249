package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var versionRE = regexp.MustCompile(`^\d+(\.\d+){1,3}(-[A-Za-z0-9.]+)?$`)

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
}

// databaseChange lists the db_configure parameters whose planned value differs
// from the state. Attributes that db_configure cannot change are RequiresReplace.
func databaseChange(ctx context.Context, prior, plan databaseModel, diags *diag.Diagnostics) client.DatabaseChange {
	var ch client.DatabaseChange
	if changedString(prior.Version, plan.Version) {
		ch.Version = plan.Version.ValueStringPointer()
	}
	if changedString(prior.DataVolumeName, plan.DataVolumeName) {
		ch.DataVolumeName = plan.DataVolumeName.ValueStringPointer()
	}
	if eq, _ := prior.MemSize.StringSemanticEquals(ctx, plan.MemSize); !eq {
		ch.MemSize = plan.MemSize.ValueStringPointer()
	}
	if changedInt64(prior.Port, plan.Port) {
		ch.Port = plan.Port.ValueInt64Pointer()
	}
	if !plan.Owner.IsUnknown() && !plan.Owner.Equal(prior.Owner) {
		ch.Owner = int64List(ctx, plan.Owner, diags)
	}
	if changedString(prior.Params, plan.Params) {
		ch.Params = plan.Params.ValueStringPointer()
	}
	if changedBool(prior.AutoStart, plan.AutoStart) {
		ch.AutoStart = plan.AutoStart.ValueBoolPointer()
	}
	if changedBool(prior.EnableAuditing, plan.EnableAuditing) {
		ch.EnableAuditing = plan.EnableAuditing.ValueBoolPointer()
	}
	if changedInt64(prior.VolumeQuota, plan.VolumeQuota) {
		ch.VolumeQuota = plan.VolumeQuota.ValueInt64Pointer()
	}
	if changedInt64(prior.VolumeMoveDelay, plan.VolumeMoveDelay) {
		ch.VolumeMoveDelay = plan.VolumeMoveDelay.ValueInt64Pointer()
	}
	if changedString(prior.LDAPServer, plan.LDAPServer) {
		ch.LDAPServer = plan.LDAPServer.ValueStringPointer()
	}
	if changedString(prior.Interfaces, plan.Interfaces) {
		ch.Interfaces = plan.Interfaces.ValueStringPointer()
	}
	if known(plan.MaxSystemHeap) {
		if eq, _ := prior.MaxSystemHeap.StringSemanticEquals(ctx, plan.MaxSystemHeap); !eq {
			ch.MaxSystemHeapMemory = plan.MaxSystemHeap.ValueStringPointer()
		}
	}
	return ch
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
