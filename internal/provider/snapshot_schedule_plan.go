package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// checkCluster fails a plan that creates or changes a snapshot schedule where
// there are no snapshots (the capability tables: EXAoperation always, by
// checkLimits before; Exasol 7.1 by its release, read with the preflight),
// and checks the schedule against the cluster (see preflight.go; neither
// with skip_preflight, where the client refuses at apply): a new
// schedule's database has a snapshot_sync_volume and no schedule of that
// name; a change in place finds the database running, as
// db_snapshot_backup_modify_schedule needs. Destroy plans are not checked.
func (r *snapshotScheduleResource) checkCluster(ctx context.Context, plan, prior *snapshotScheduleModel, replacement bool, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !objectSupported(ctx, r.client, "exasol_snapshot_schedule", client.ObjectSnapshotSchedule, &resp.Diagnostics) ||
		!known(plan.DBName) || !known(plan.BackupName) {
		return
	}
	pf := r.preflight
	if prior != nil && !replacement && snapshotScheduleReplaced(*prior, *plan) {
		return // checked as the create of the replacement
	}
	fresh := prior == nil || replacement
	db, name := plan.DBName.ValueString(), plan.BackupName.ValueString()
	pf.check(ctx, &resp.Diagnostics, "snapshot schedule "+scheduleID(db, name), func(ctx context.Context) (diag.Diagnostics, error) {
		var ds diag.Diagnostics
		if pd, ok := pf.planned.database(db); ok && (fresh || (pd.running != nil && *pd.running)) {
			return ds, nil // planned in this run: the cluster cannot tell yet
		}
		d, err := pf.view.Database(ctx, db)
		if err != nil || d == nil {
			if err == nil && fresh {
				ds.AddAttributeError(path.Root("db_name"), "No such database",
					fmt.Sprintf("Database %s does not exist. %s", db, notPlannedHint("exasol_database", "db_name = exasol_database.db1.db_name")))
			}
			return ds, err
		}
		if !fresh {
			if d.State != client.DBStateRunning {
				ds.AddAttributeError(path.Root("db_name"), "Database not running",
					fmt.Sprintf("Changing a snapshot schedule (db_snapshot_backup_modify_schedule) needs database %s to be running; it is %s. "+
						"Start it first (running = true on its exasol_database).", db, d.State))
			}
			return ds, nil
		}
		if d.Config.SnapshotSchedules == nil {
			return ds, nil // the cluster does not report them: the apply decides
		}
		if d.Config.SnapshotSyncVolume == "" {
			ds.AddAttributeError(path.Root("db_name"), "Database has no snapshot_sync_volume",
				fmt.Sprintf("Database %s has no snapshot_sync_volume; db_snapshot_backup_add_schedule needs one. It is set only when the database is created (snapshot_sync_volume of its exasol_database).", db))
		}
		own := func(s client.SnapshotSchedule) bool { return s.BackupName == name } // ownObject in preflight.go
		if slices.ContainsFunc(d.Config.SnapshotSchedules, own) && prior == nil {
			ds.AddAttributeError(path.Root("backup_name"), "Snapshot schedule exists",
				fmt.Sprintf("Database %s already has a snapshot schedule named %s. Choose another name, or import it (%s).", db, name, scheduleID(db, name)))
		}
		return ds, nil
	})
}

// snapshotScheduleReplaced reports whether the plan replaces the schedule (see the schema).
func snapshotScheduleReplaced(prior, plan snapshotScheduleModel) bool {
	return anyPlannedChange([][2]attr.Value{{plan.DBName, prior.DBName}, {plan.BackupName, prior.BackupName}, {plan.Expire, prior.Expire}})
}
