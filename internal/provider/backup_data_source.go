package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// backupsDataSource is data.exasol_backups: the backups of one database.
var backupsDataSource = dataSource("_backups", backupsSchema, readBackups)

type backupsModel struct {
	ID          types.String `tfsdk:"id"`
	DBName      types.String `tfsdk:"db_name"`
	ShowForeign types.Bool   `tfsdk:"show_foreign"`
	Backups     types.List   `tfsdk:"backups"`
	Newest      types.Map    `tfsdk:"newest_usable"`
}

// backupItem is one element of backups; the names are db_backup_list's.
type backupItem struct {
	ID              string `tfsdk:"id"`
	BID             int64  `tfsdk:"bid"`
	Level           int64  `tfsdk:"level"`
	Timestamp       string `tfsdk:"timestamp"`
	TS              string `tfsdk:"ts"`
	Expire          string `tfsdk:"expire"`
	Expired         bool   `tfsdk:"expired"`
	ExpireAlterable string `tfsdk:"expire_alterable"`
	Volume          string `tfsdk:"volume"`
	Usable          bool   `tfsdk:"usable"`
	Usage           string `tfsdk:"usage"`
	Path            string `tfsdk:"path"`
	System          string `tfsdk:"system"`
	Dependencies    string `tfsdk:"dependencies"`
	Comment         string `tfsdk:"comment"`
	LastItem        bool   `tfsdk:"last_item"`
}

func backupsSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the backups of a database on its archive volumes (ConfD `db_backup_list`), oldest first as the cluster lists them.",
		Attributes: databaseKeyed(map[string]schema.Attribute{
			"show_foreign": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Also list the backups of other databases on the same archive volumes (`show_foreign`), e.g. to restore one into this database. Default false.",
			},
			"newest_usable": schema.MapAttribute{
				ElementType: types.StringType, Computed: true,
				MarkdownDescription: "For each backup level (the key, e.g. `\"0\"`), the `id` of the newest backup of that level that is usable " +
					"and not expired, of this database (never a foreign one), as `exasol_database_restore` takes it: `newest_usable[\"0\"]` is the newest full backup to restore. " +
					"A level without such a backup has no key.",
			},
			"backups": computedObjects("The backups.", backupAttributes()),
		}),
	}
}

func backupAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":               computedString("Identifier of the backup as `db_restore` takes it (`backup_id`), e.g. `10001 DB1/id_11/level_0/node_0/backup_202007071405 DB1`."),
		"bid":              computedInt64("Numeric backup id (`bid`)."),
		"level":            computedInt64("Backup level: 0 full, 1-9 incremental."),
		"timestamp":        computedString("When the backup was taken, e.g. `2020-07-07 14:05`."),
		"ts":               computedString("The same time in compact form, e.g. `202007071405`."),
		"expire":           computedString("When the backup expires, e.g. `2020-07-14 14:05`; empty if never."),
		"expired":          computedBool("Whether the backup has expired."),
		"expire_alterable": computedString("The backup set whose expiry can be changed (`db_backup_change_expiration`), e.g. `10001 DB1/id_11/level_0`."),
		"volume":           computedString("Name of the archive volume holding the backup."),
		"usable":           computedBool("Whether the backup can be restored (false when a backup it builds on is gone)."),
		"usage":            computedString("Space the backup takes, e.g. `0.001 GiB`."),
		"path":             computedString("Path of the backup on the archive volume."),
		"system":           computedString("Name of the database the backup was taken of."),
		"dependencies":     computedString("The backup this one builds on, or `-`."),
		"comment":          computedString("Comment of the backup."),
		"last_item":        computedBool("`last_item` as the cluster reports it."),
	}
}

func readBackups(ctx context.Context, c client.Backend, m *backupsModel, diags *diag.Diagnostics) {
	db := m.DBName.ValueString()
	list, err := c.DBBackupList(ctx, db, m.ShowForeign.ValueBool())
	if err != nil {
		diags.AddError("Cannot list the backups of database "+db, clientErrorDetail(err))
		return
	}
	items := make([]backupItem, 0, len(list))
	for _, b := range list {
		items = append(items, backupItem{
			ID: b.ID, BID: b.BID, Level: b.Level, Timestamp: b.Timestamp, TS: b.TS, Expire: b.Expire, Expired: b.Expired,
			ExpireAlterable: b.ExpireAlterable, Volume: b.Volume, Usable: b.Usable, Usage: b.Usage, Path: b.Path,
			System: b.System, Dependencies: b.Dependencies, Comment: b.Comment, LastItem: b.LastItem,
		})
	}
	m.ID, m.Backups = types.StringValue(db), objectList(ctx, backupAttributes(), items, diags)
	newest, ds := types.MapValueFrom(ctx, types.StringType, newestUsable(list, db))
	diags.Append(ds...)
	m.Newest = newest
}

// newestUsable maps each level to the id of the newest usable, unexpired
// backup of database db itself (a foreign one is never picked). Newest by ts (YYYYMMDDhhmm, so text order is time order); of equal
// times the one listed last.
func newestUsable(list []client.Backup, db string) map[string]string {
	out, ts := map[string]string{}, map[string]string{}
	for _, b := range list {
		if !b.Usable || b.Expired || (b.System != "" && b.System != db) {
			continue
		}
		l := strconv.FormatInt(b.Level, 10)
		if _, seen := out[l]; !seen || b.TS >= ts[l] {
			out[l], ts[l] = b.ID, b.TS
		}
	}
	return out
}
