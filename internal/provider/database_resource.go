package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var _ resource.ResourceWithImportState = (*databaseResource)(nil)

// NewDatabaseResource is exasol_database.
func NewDatabaseResource() resource.Resource {
	return newResource(&databaseResource{}, "_database", databaseReader)
}

type databaseResource struct {
	resourceBase[databaseModel, *client.Database]
}

func (r *databaseResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An Exasol database (ConfD `db_create`). Changes that `db_configure` accepts are applied in place: " +
			"the database is stopped once its current operation is idle, reconfigured, and brought back to the wanted runtime state. " +
			"Other changes replace the database. Destroy stops the database in order and deletes it.",
		Attributes: map[string]schema.Attribute{
			"id":      idAttribute("The database name."),
			"db_name": databaseNameAttribute("Name of the database (`db_name`). Changing it replaces the database."),
			"version": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Installed database version to run, e.g. `8.29.0`.",
				Validators:          []validator.String{stringvalidator.RegexMatches(versionRE, "must be a version such as 8.29.0")},
			},
			"data_volume_name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Name of the storage volume that holds the database's data (`data_volume_name`). It must exist and be online.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"mem_size": schema.StringAttribute{
				CustomType:          SizeType{},
				Required:            true,
				MarkdownDescription: "Database memory as Exasol writes it, e.g. `\"4 GiB\"` or `\"2048 MiB\"`. Equal sizes in other units plan no change.",
				Validators:          []validator.String{sizeValidator},
			},
			"nodes": schema.ListAttribute{
				ElementType: wholeInt64Type{},
				Required:    true,
				MarkdownDescription: "Node ids (e.g. `[11, 12]`): the first `num_active_nodes` are active, the rest reserve nodes. " +
					"Reserve nodes are added (at the end) and removed in place, and the first reserve nodes can be made active; " +
					"a change that keeps the active nodes and their order is applied in place (see Scaling), anything else replaces the database.",
				Validators: []validator.List{
					nodeIDsValidator{}, listvalidator.SizeAtLeast(1), listvalidator.UniqueValues(),
					listvalidator.ValueInt64sAre(int64validator.Between(minNodeID, maxNodeID)),
				},
				PlanModifiers: []planmodifier.List{listplanmodifier.RequiresReplaceIf(nodesReplace(),
					"Replaces the database unless the change only adds or removes reserve nodes and makes the first reserve nodes active.",
					"Replaces the database unless the change only adds or removes reserve nodes and makes the first reserve nodes active.")},
			},
			"num_active_nodes": schema.Int64Attribute{
				Required:            true,
				MarkdownDescription: "How many of `nodes` are active. Raising it makes the first reserve nodes active in place (`db_enlarge`, the database is stopped and started); lowering it replaces the database.",
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplaceIf(activeReplace(),
					"Replaces the database when active nodes would be removed.", "Replaces the database when active nodes would be removed.")},
			},
			"port": schema.Int64Attribute{
				Optional: true, Computed: true,
				Default:             int64default.StaticInt64(client.DefaultDBPort),
				MarkdownDescription: "Port that clients connect to. Default 8563.",
				Validators:          []validator.Int64{int64validator.Between(1024, 65535)},
			},
			"owner": schema.ListAttribute{
				ElementType: types.Int64Type,
				Optional:    true, Computed: true,
				MarkdownDescription: "Owning user and group id, `[uid, gid]`. The cluster's default when unset.",
				Validators:          []validator.List{listvalidator.SizeBetween(2, 2)},
				PlanModifiers:       keepList(),
			},
			"params": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Extra database parameters as ConfD takes them, e.g. `\"-useIndexWrapper=0 -disableIndexIteratorScan=1\"`.",
				PlanModifiers:       keepString(),
			},
			"auto_start": schema.BoolAttribute{
				Optional: true, Computed: true,
				// No schema default: it depends on the interface (planAutoStart).
				MarkdownDescription: "Whether the cluster starts the database when it boots. Default true on ConfD. " +
					"EXAoperation databases never start on their own: there the default is false, and true is refused at plan time.",
			},
			"enable_auditing": schema.BoolAttribute{
				Optional: true, Computed: true,
				Default:             booldefault.StaticBool(false),
				MarkdownDescription: "Whether auditing is on. Default false.",
			},
			"volume_quota": schema.Int64Attribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Quota of the data volume in GiB (`volume_quota`); the cluster's default when unset.",
				Validators:          []validator.Int64{int64validator.AtLeast(0)},
				PlanModifiers:       keepInt64(),
			},
			"volume_move_delay": schema.Int64Attribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Seconds before data is moved to a reserve node after a node failure (`volume_move_delay`).",
				Validators:          []validator.Int64{int64validator.AtLeast(0)},
				PlanModifiers:       keepInt64(),
			},
			"ldap_server": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "LDAP server URL for database authentication, e.g. `ldap://ldap.example.com`.",
				PlanModifiers:       keepString(),
			},
			"interfaces": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Network interfaces the database listens on, as ConfD writes them (space separated); the cluster's default when unset.",
				PlanModifiers:       keepString(),
			},
			"max_system_heap_memory": schema.StringAttribute{
				CustomType: SizeType{},
				Optional:   true, Computed: true,
				MarkdownDescription: "Upper limit of the database's system heap (`db_configure` `max_system_heap_memory`), a size in MiB or GiB " +
					"up to `\"128 GiB\"`, e.g. `\"64 GiB\"`; `\"default\"` returns to the database's default. Kept as it is when unset. " +
					"Changing it stops the database, reconfigures it and brings it back to the wanted runtime state. " +
					"ConfD only: EXAoperation has no such setting, and a configured value is refused at plan time there.",
				Validators:    []validator.String{heapValidator},
				PlanModifiers: keepString(),
			},
			"db_uuid": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "UUID of the database (`db_uuid`); generated by the cluster when unset. Changing it replaces the database.",
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplaceIfConfigured(),
				},
			},
			"snapshot_sync_volume": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Name of the volume the database's snapshots go through (`db_create`'s `snapshot_sync_volume`); " +
					"an `exasol_snapshot_schedule` needs the database to have one. Exasol 8 on ConfD only: EXAoperation has no snapshots, " +
					"and a configured value is refused at plan time there. Set only when the database is created (`db_configure` " +
					"takes none): changing it replaces the database. Unset: whatever the cluster reports (none for a database created without one).",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplaceIfConfigured(),
				},
			},
			"running": schema.BoolAttribute{
				Optional: true, Computed: true,
				Default:             booldefault.StaticBool(true),
				MarkdownDescription: "Wanted runtime state: true keeps the database started (connectible), false keeps it stopped (`setup`). Default true.",
			},
			"force_stop": schema.BoolAttribute{
				Optional: true, Computed: true,
				Default: booldefault.StaticBool(false),
				MarkdownDescription: "When the database has to be stopped (destroy, reconfiguration, `running = false`) while a backup or restore runs, " +
					"cut the operation off instead of waiting for it. Default false: the provider waits within the timeout and then fails naming the operation.",
			},
			"state": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "State the cluster reports: `running`, `setup` (stopped), or a transition such as `Startup`.",
				PlanModifiers:       []planmodifier.String{runtimePlan{}},
			},
			"operation": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Current operation (`None` when idle, otherwise e.g. a running backup).",
				PlanModifiers:       []planmodifier.String{runtimePlan{}},
			},
			"connectible": schema.BoolAttribute{
				Computed:            true,
				MarkdownDescription: "Whether the database accepts connections.",
				PlanModifiers:       []planmodifier.Bool{runtimePlan{}},
			},
			"connection_string": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Address clients connect to, `host:port`. Known in the plan of a change that only starts or stops the database.",
				PlanModifiers:       []planmodifier.String{runtimePlan{}},
			},
			"active_nodes":  dbNodeNamesAttribute("Names of the active nodes."),
			"reserve_nodes": dbNodeNamesAttribute("Names of the reserve nodes."),
			"failed_nodes": schema.ListAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: "Names of failed nodes.",
				PlanModifiers: []planmodifier.List{runtimePlan{}}},
			"temporary_volume_name": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Name of the temporary volume the cluster created for the database; empty while EXAoperation reports none (a stopped database).",
				PlanModifiers:       []planmodifier.String{tempVolumeState{}, runtimePlan{}},
			},
		},
		Blocks: timeoutsBlock(ctx),
	}
}

func (r *databaseResource) create(ctx context.Context, req resource.CreateRequest, plan *databaseModel, resp *resource.CreateResponse) {

	spec := client.DatabaseSpec{
		Name:            plan.DBName.ValueString(),
		Version:         plan.Version.ValueString(),
		DataVolumeName:  plan.DataVolumeName.ValueString(),
		MemSize:         plan.MemSize.ValueString(),
		Nodes:           int64List(ctx, plan.Nodes, &resp.Diagnostics),
		NumActiveNodes:  plan.NumActiveNodes.ValueInt64(),
		Port:            optInt64(plan.Port),
		Owner:           int64List(ctx, plan.Owner, &resp.Diagnostics),
		Params:          optString(plan.Params),
		AutoStart:       optBool(plan.AutoStart),
		EnableAuditing:  optBool(plan.EnableAuditing),
		VolumeQuota:     optInt64(plan.VolumeQuota),
		VolumeMoveDelay: optInt64(plan.VolumeMoveDelay),
		LDAPServer:      optString(plan.LDAPServer),
		Interfaces:      optString(plan.Interfaces),
		DBUUID:          optString(plan.DBUUID),

		SnapshotSyncVolume: optString(plan.SnapshotSync),
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if spec.NumActiveNodes > int64(len(spec.Nodes)) {
		resp.Diagnostics.AddAttributeError(path.Root("num_active_nodes"), "Too many active nodes",
			fmt.Sprintf("num_active_nodes is %d but nodes lists only %d node(s).", spec.NumActiveNodes, len(spec.Nodes)))
		return
	}
	if err := r.client.CreateDatabase(ctx, spec); err != nil {
		_, lookErr := r.client.DBInfo(lookupCtx(ctx), spec.Name)
		resp.Diagnostics.AddError("Cannot create database "+spec.Name, clientErrorDetail(err)+importHint("exasol_database", "database", spec.Name, lookErr == nil))
		return
	}
	// The database exists from here on: record it before anything else can
	// fail, so that a failed start leaves it in the state (tainted), not orphaned.
	setAttributes(ctx, &resp.State, &resp.Diagnostics, map[string]any{"db_name": spec.Name, "id": spec.Name})
	plan.ID = types.StringValue(spec.Name) // kept should the read-back fail
	var runErr error
	if heap := optString(plan.MaxSystemHeap.StringValue); heap != nil && *heap != "default" {
		// db_create takes no heap limit: db_configure sets it on the new,
		// stopped database before its first start.
		runErr = r.client.ReconfigureDatabase(ctx, spec.Name, client.DatabaseChange{MaxSystemHeapMemory: heap},
			plan.ForceStop.ValueBool(), plan.Running.ValueBool())
	} else {
		runErr = r.client.SetDatabaseRunning(ctx, spec.Name, plan.Running.ValueBool(), plan.ForceStop.ValueBool())
	}
	wanted := plan.Running
	r.readBack(ctx, plan, &resp.Diagnostics)
	slow := converging(ctx, runErr)
	if slow {
		// Recorded as configured: the next refresh reads the runtime state
		// the database reached, and the next apply starts or waits in place.
		plan.Running = wanted
	}
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
	switch {
	case slow:
		stillConverging(&resp.Diagnostics, "Database "+spec.Name, runErr)
	case runErr != nil:
		resp.Diagnostics.AddError("Database "+spec.Name+" was created but did not reach the wanted runtime state", explain(runErr))
	}
}

func (r *databaseResource) update(ctx context.Context, req resource.UpdateRequest, plan, prior *databaseModel, resp *resource.UpdateResponse) {
	name := plan.DBName.ValueString()
	change := databaseChange(ctx, *prior, *plan, &resp.Diagnostics)
	addScaling(ctx, *prior, *plan, &change, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.client.ReconfigureDatabase(ctx, name, change, plan.ForceStop.ValueBool(), plan.Running.ValueBool())
	if err != nil {
		resp.Diagnostics.AddError("Cannot update database "+name, explain(err))
	}
	// Report what the cluster has now, also after a failure midway, so the
	// next plan shows the truth.
	r.readBack(ctx, plan, &resp.Diagnostics)
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
}

func (r *databaseResource) delete(ctx context.Context, state *databaseModel, resp *resource.DeleteResponse) {
	if err := r.client.DeleteDatabase(ctx, state.DBName.ValueString(), state.ForceStop.ValueBool()); err != nil {
		resp.Diagnostics.AddError("Cannot delete database "+state.DBName.ValueString(), explain(err))
	}
}

func (r *databaseResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	databaseIdentity.importID(ctx, &req, &resp.Diagnostics)
	if !nameRE.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid import id", fmt.Sprintf("Import an exasol_database by its name, e.g. DB1; %q is not a database name.", req.ID))
		return
	}
	importByName(ctx, req, resp, "db_name")
}
