package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ action.ActionWithConfigure  = (*databaseSnapshotAction)(nil)
	_ action.ActionWithModifyPlan = (*databaseSnapshotAction)(nil)
)

// NewDatabaseSnapshotAction is exasol_database_snapshot: take a snapshot of
// a running Exasol 8 database now (db_snapshot_backup_start).
func NewDatabaseSnapshotAction() action.Action { return &databaseSnapshotAction{} }

type databaseSnapshotAction struct{ actionBase }

type databaseSnapshotModel struct {
	DBName  types.String `tfsdk:"db_name"`
	Expire  types.String `tfsdk:"expire"`
	Timeout types.String `tfsdk:"timeout"`
}

func (a *databaseSnapshotAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_database_snapshot"
}

func (a *databaseSnapshotAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Takes a snapshot of a running Exasol 8 database now (ConfD `db_snapshot_backup_start`). The job is sent once; " +
			"an answer that is lost is not repeated (a second snapshot cannot be told apart from the first). Exasol 7.1 and " +
			"EXAoperation (Exasol 6.x) have no snapshots: plans that invoke the action there fail.",
		Attributes: map[string]schema.Attribute{
			"db_name": actionDatabaseAttribute("take a snapshot of"),
			"expire": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "How long the snapshot is kept, as ConfD writes it: groups of a number and a unit `m` (months), `w` (weeks), " +
					"`d` (days) or `h` (hours) separated by spaces, e.g. `\"1w 3d\"`. Unset: the snapshot never expires.",
				Validators: []validator.String{expireValidator{}},
			},
			"timeout": actionTimeoutAttribute("the snapshot job"),
		},
	}
}

// ModifyPlan fails the plan where the interface or release has no snapshots
// (a read of the cluster's release, so not with skip_preflight).
func (a *databaseSnapshotAction) ModifyPlan(ctx context.Context, _ action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	if a.client == nil || preflightFor(a.client) == nil {
		return // not configured yet (Invoke says so), or skip_preflight: the client refuses before sending
	}
	snapshotsSupported(ctx, a.client, "exasol_database_snapshot", &resp.Diagnostics)
}

func (a *databaseSnapshotAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m databaseSnapshotModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, report, ok := a.start(ctx, m.Timeout, resp)
	if !ok {
		return
	}
	defer cancel()
	db := m.DBName.ValueString()
	report("database " + db + ": taking a snapshot")
	if err := a.client.StartSnapshot(ctx, db, m.Expire.ValueString()); err != nil {
		resp.Diagnostics.AddError("Cannot take a snapshot of database "+db, explain(err))
		return
	}
	report("database " + db + ": snapshot taken")
}
