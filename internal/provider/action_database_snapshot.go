package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var _ action.ActionWithModifyPlan = (*databaseSnapshotAction)(nil)

// NewDatabaseSnapshotAction is exasol_database_snapshot: take a snapshot of
// a running Exasol 8 database now (db_snapshot_backup_start).
func NewDatabaseSnapshotAction() action.Action {
	return &databaseSnapshotAction{actionOf: actionOf[databaseSnapshotModel]{name: "_database_snapshot",
		schema: actionSchema("Takes a snapshot of a running Exasol 8 database now (ConfD `db_snapshot_backup_start`). The job is sent once; "+
			"an answer that is lost is not repeated (a second snapshot cannot be told apart from the first). Exasol 7.1 and "+
			"EXAoperation (Exasol 6.x) have no snapshots: plans that invoke the action there fail.",
			"the snapshot job", map[string]schema.Attribute{
				"db_name": actionDatabaseAttribute("take a snapshot of"),
				"expire": actionOptionalString("How long the snapshot is kept, as ConfD writes it: groups of a number and a unit `m` (months), `w` (weeks), "+
					"`d` (days) or `h` (hours) separated by spaces, e.g. `\"1w 3d\"`. Unset: the snapshot never expires.", expireValidator),
			}), run: runDatabaseSnapshot}}
}

// databaseSnapshotAction adds to the action base the plan-time refusal
// where there are no snapshots, which needs the provider's preflight.
type databaseSnapshotAction struct {
	actionOf[databaseSnapshotModel]
	preflight *preflight // nil with skip_preflight
}

type databaseSnapshotModel struct {
	databaseVerbModel
	Expire types.String `tfsdk:"expire"`
}

func (a *databaseSnapshotAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.client, a.preflight = fromProviderData(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan fails the plan where the interface or release has no snapshots
// (the capability tables; Exasol 7.1 needs a read of the cluster's release,
// so not with skip_preflight, where the client refuses before sending).
func (a *databaseSnapshotAction) ModifyPlan(ctx context.Context, _ action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	if a.client == nil || a.preflight == nil {
		return // not configured yet (Invoke says so), or skip_preflight
	}
	objectSupported(ctx, a.client, "exasol_database_snapshot", client.ObjectSnapshot, &resp.Diagnostics)
}

func runDatabaseSnapshot(ctx context.Context, c client.Backend, m *databaseSnapshotModel, report func(string), diags *diag.Diagnostics) {
	db := m.DBName.ValueString()
	report("database " + db + ": taking a snapshot")
	if err := c.StartSnapshot(ctx, db, m.Expire.ValueString()); err != nil {
		diags.AddError("Cannot take a snapshot of database "+db, clientErrorDetail(err))
		return
	}
	report("database " + db + ": snapshot taken")
}
