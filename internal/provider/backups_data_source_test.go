package provider

import (
	"fmt"
	"maps"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// backupListKeys are the db_backup_list keys the data source reports.
var backupListKeys = []string{"id", "bid", "level", "timestamp", "ts", "expire", "expired", "expire_alterable",
	"volume", "usable", "usage", "path", "system", "dependencies", "comment", "last_item"}

// checkBackupsMatch compares every backup of the data source with what
// db_backup_list says, key by key.
func checkBackupsMatch(t *testing.T, s *sim.Server, addr string, params map[string]any) func(*terraform.State) error {
	return func(st *terraform.State) error {
		rs := st.RootModule().Resources[addr]
		if rs == nil {
			return fmt.Errorf("%s not in the state", addr)
		}
		list, _ := acctest.Exec(t, s, "db_backup_list", params)["result_output"].([]any)
		if got := rs.Primary.Attributes["backups.#"]; got != fmt.Sprint(len(list)) {
			return fmt.Errorf("backups.# = %s, the cluster lists %d", got, len(list))
		}
		for i, it := range list {
			b := it.(map[string]any)
			for _, k := range backupListKeys {
				want := b[k]
				if want == nil {
					want = "" // an empty <string> decodes as nil
				}
				if got := rs.Primary.Attributes[fmt.Sprintf("backups.%d.%s", i, k)]; got != fmt.Sprint(want) {
					return fmt.Errorf("backups.%d.%s = %q, the cluster says %q", i, k, got, fmt.Sprint(want))
				}
			}
		}
		return nil
	}
}

func TestAccBackupsDataSource(t *testing.T) {
	s := scheduleSim(t)
	backup := func(db string, level int64, expire string) {
		p := map[string]any{"db_name": db, "backup_volume_name": "Backups", "level": level}
		if expire != "" {
			p["expire"] = expire
		}
		acctest.Exec(t, s, "db_backup_start", p)
	}
	backup("DB1", 0, "1w")
	backup("DB1", 1, "")
	// A second database on its own data volume, backed up to the same volume.
	acctest.Exec(t, s, "st_volume_create", map[string]any{"name": "DataVolume2", "type": "data", "disk": "disk1",
		"size": "2 GiB", "nodes": []any{int64(11)}, "redundancy": int64(1)})
	acctest.Exec(t, s, "db_create", map[string]any{"db_name": "DB2", "version": "8.29.0", "data_volume_name": "DataVolume2",
		"mem_size": "1 GiB", "nodes": []any{int64(11)}, "num_active_nodes": int64(1), "port": int64(8564)})
	backup("DB2", 0, "")
	const addr = "data.exasol_backups.db1"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: acctest.Provider(s) + `
data "exasol_backups" "db1" {
  db_name = "DB1"
}`,
				Check: resource.ComposeTestCheckFunc(
					checkBackupsMatch(t, s, addr, map[string]any{"db_name": "DB1"}),
					resource.TestCheckResourceAttr(addr, "id", "DB1"),
					resource.TestCheckResourceAttr(addr, "backups.#", "2"),
					resource.TestCheckResourceAttr(addr, "backups.0.level", "0"),
					resource.TestCheckResourceAttr(addr, "backups.0.volume", "Backups"),
					resource.TestCheckResourceAttr(addr, "backups.0.usable", "true"),
					resource.TestCheckResourceAttrWith(addr, "backups.0.expire", backupsNonEmpty),
					resource.TestCheckResourceAttr(addr, "backups.1.level", "1"),
					resource.TestCheckResourceAttr(addr, "backups.1.expire", ""),
					resource.TestCheckResourceAttrPair(addr, "backups.1.dependencies", addr, "backups.0.expire_alterable"),
					resource.TestCheckResourceAttrPair(addr, "newest_usable.0", addr, "backups.0.id"),
					resource.TestCheckResourceAttrPair(addr, "newest_usable.1", addr, "backups.1.id"),
				),
			},
			{ // the level-0 backup deleted out of band: the level-1 backup that builds on it is no longer usable
				PreConfig: func() {
					list := acctest.Exec(t, s, "db_backup_list", map[string]any{"db_name": "DB1"})["result_output"].([]any)
					acctest.Exec(t, s, "db_backups_delete", map[string]any{"db_name": "DB1", "backup_list": []any{list[0].(map[string]any)["id"]}})
				},
				Config: acctest.Provider(s) + `
data "exasol_backups" "db1" {
  db_name = "DB1"
}`,
				Check: resource.ComposeTestCheckFunc(
					checkBackupsMatch(t, s, addr, map[string]any{"db_name": "DB1"}),
					resource.TestCheckResourceAttr(addr, "backups.#", "1"),
					resource.TestCheckResourceAttr(addr, "backups.0.level", "1"),
					resource.TestCheckResourceAttr(addr, "backups.0.usable", "false"),
					resource.TestCheckResourceAttr(addr, "newest_usable.%", "0"), // nothing left to restore
				),
			},
			{ // show_foreign adds DB2's backup on the same volume
				Config: acctest.Provider(s) + `
data "exasol_backups" "db1" {
  db_name      = "DB1"
  show_foreign = true
}`,
				Check: resource.ComposeTestCheckFunc(
					checkBackupsMatch(t, s, addr, map[string]any{"db_name": "DB1", "show_foreign": true}),
					resource.TestCheckResourceAttr(addr, "backups.#", "2"),
					resource.TestCheckResourceAttr(addr, "backups.1.system", "DB2"),
					resource.TestCheckResourceAttr(addr, "newest_usable.%", "0"), // DB2's usable backup is not DB1's
				),
			},
			{
				Config: acctest.Provider(s) + `
data "exasol_backups" "missing" {
  db_name = "MISSING"
}`,
				ExpectError: regexp.MustCompile(`(?s)Cannot list the backups of database MISSING.*` +
					perAPI(`db_backup_list`, `db_MISSING\.getBackups`) + `.*does\s+not\s+exist`),
			},
		},
	})
}

func backupsNonEmpty(v string) error {
	if v == "" {
		return fmt.Errorf("empty")
	}
	return nil
}

// newest_usable: per level the newest usable, unexpired backup of the
// database itself.
func TestNewestUsable(t *testing.T) {
	list := []client.Backup{
		{ID: "a", Level: 0, TS: "202001010000", Usable: true, System: "DB1"},
		{ID: "b", Level: 0, TS: "202001020000", Usable: true, System: "DB1"},
		{ID: "c", Level: 0, TS: "202001030000", Usable: false, System: "DB1"},
		{ID: "d", Level: 0, TS: "202001040000", Usable: true, Expired: true, System: "DB1"},
		{ID: "e", Level: 0, TS: "202001050000", Usable: true, System: "DB2"},
		{ID: "f", Level: 1, TS: "202001020100", Usable: true, System: "DB1"},
		{ID: "g", Level: 1, TS: "202001010100", Usable: true, System: "DB1"},
	}
	got := newestUsable(list, "DB1")
	if want := map[string]string{"0": "b", "1": "f"}; !maps.Equal(got, want) {
		t.Fatalf("newestUsable = %v, want %v", got, want)
	}
}
