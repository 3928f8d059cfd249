package provider

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

func pfVol(name, disk, size, nodes string, redundancy int) string {
	return fmt.Sprintf(`
resource "exasol_storage_volume" "v" {
  name       = %q
  type       = "data"
  disk       = %q
  size       = %q
  nodes      = %s
  redundancy = %d
}
`, name, disk, size, nodes, redundancy)
}

// Storage volumes: disk, nodes, redundancy, free space (new and growing),
// and a name in use fail the plan; nothing is sent until a valid volume.
func TestAccPreflight_storageVolume(t *testing.T) {
	s := acctest.Start(t) // n11: disk1 of 100 GiB, 10 of them DataVolume1's
	p := acctest.Provider(s)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: steps(
			[]resource.TestStep{
				pfFails(p+pfVol("V1", "disk9", "1 GiB", "[11]", 1), "No such disk", "Node "+nodeName(11)+" (11) has no disk disk9; its disks are: disk1."),
				pfFails(p+pfVol("V1", "disk1", "1 GiB", "[11, 99]", 2), "No such node", "Node 99 does not exist",
					"Too few nodes for the redundancy", "redundancy 2 keeps each segment on 2 different nodes, but only 1 of the listed nodes exist"),
			},
			// EXAoperation reports no free disk space, and only enlarges volumes.
			onlyOnSteps("confd", pfFails(p+pfVol("V1", "disk1", "200 GiB", "[11]", 1),
				"Not enough space", "Disk disk1 of node n11 has 90 GiB free (st_node_list), but the volume needs 200 GiB there.")),
			[]resource.TestStep{
				pfFails(p+pfVol("DataVolume1", "disk1", "1 GiB", "[11]", 1), "Storage volume exists", "A storage volume named DataVolume1 already exists (id 0)."),
				{ // a volume that fits passes, and the failed plans sent nothing
					PreConfig: pfNoJobs(t, s),
					Config:    p + pfVol("V1", "disk1", "90 GiB", "[11]", 1), // exactly the free space
					Check:     func(*terraform.State) error { s.ResetJobLog(); return nil },
				},
			},
			onlyOnSteps("confd",
				pfFails(p+pfVol("V1", "disk1", "91 GiB", "[11]", 1),
					"Not enough space", "Disk disk1 of node n11 has 0 B free (st_node_list), but the volume needs 1 GiB there."),
				resource.TestStep{ // shrinking needs no space
					PreConfig: pfNoJobs(t, s),
					Config:    p + pfVol("V1", "disk1", "1 GiB", "[11]", 1),
				},
				resource.TestStep{ // growing back within the free space passes
					Config: p + pfVol("V1", "disk1", "2 GiB", "[11]", 1),
					Check:  checkSimVolume(t, s, "V1", "size", "2 GiB"),
				},
			),
		),
	})
}

func pfNode(id int, privNet, name string) string {
	n := ""
	if name != "" {
		n = fmt.Sprintf("  name     = %q\n", name)
	}
	return fmt.Sprintf(`
resource "exasol_node" "n" {
  id       = %d
  priv_net = %q
%s}
`, id, privNet, n)
}

// nodeNameInUse: a name in use fails the plan; on EXAoperation, where nodes
// are named by their number, any chosen name does (Limits).
func nodeNameInUse(p string) resource.TestStep {
	if acctest.API() == client.APIEXAoperation {
		return pfFails(p+pfNode(12, "10.10.10.12/24", "n11"), "name is not supported by EXAoperation", "names every node by its number")
	}
	return pfFails(p+pfNode(12, "10.10.10.12/24", "n11"), "Node name in use", "Node 11 is already named n11.")
}

// Nodes: an id, name or private address in use fails the plan.
func TestAccPreflight_node(t *testing.T) {
	s := acctest.Start(t)
	p := acctest.Provider(s)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: steps([]resource.TestStep{
			pfFails(p+pfNode(11, "10.10.10.20/24", ""), "Node id in use", "Node 11 already exists ("+nodeName(11)+", 10.10.10.11)."),
			pfFails(p+pfNode(12, "10.10.10.11/24", ""), "Private address in use", "Private address 10.10.10.11 is already used by node "+nodeName(11)+" (11)."),
			nodeNameInUse(p),
			{
				PreConfig: pfNoJobs(t, s),
				Config:    p + pfNode(12, "10.10.10.12/24", ""),
				Check:     resource.TestCheckResourceAttr("exasol_node.n", "state", "online"),
			},
		}, onlyOnSteps("confd", // EXAoperation derives a node's address from its number
			resource.TestStep{ // a replacement keeps its id: the node it replaces is removed first
				Config: p + pfNode(12, "10.10.10.22/24", ""),
				Check:  resource.TestCheckResourceAttr("exasol_node.n", "private_ip", "10.10.10.22"),
			},
		)),
	})
}

func pfRemote(name string, id int) string {
	extra := ""
	if id != 0 {
		extra = fmt.Sprintf("  remote_volume_id   = %d\n", id)
	}
	return fmt.Sprintf(`
resource "exasol_remote_volume" "r" {
  remote_volume_name = %q
  vol_type           = "s3"
  url                = "https://preflight.s3.eu-west-1.amazonaws.com"
%s}
`, name, extra)
}

// Remote volumes: a name or id in use fails the plan.
func TestAccPreflight_remoteVolume(t *testing.T) {
	s := acctest.Start(t)
	acctest.Exec(t, s, "remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://taken.s3.example.com", "remote_volume_name": "Taken"}) // id 10001
	p := acctest.Provider(s)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			pfFails(p+pfRemote("Taken", 0), "Remote volume exists", "A remote volume named Taken already exists."),
			pfFails(p+pfRemote("Mine", 10001), "Remote volume id in use", "Remote volume id 10001 is already used by Taken."),
			{
				PreConfig: pfNoJobs(t, s),
				Config:    p + pfRemote("Mine", 10002),
				Check:     resource.TestCheckResourceAttr("exasol_remote_volume.r", "id", "10002"),
			},
			{ // replaced under the same name and id: no collision with itself
				Config: p + `
resource "exasol_remote_volume" "r" {
  remote_volume_name = "Mine"
  remote_volume_id   = 10002
  vol_type           = "s3"
  url                = "https://moved.s3.eu-west-1.amazonaws.com"
}
`,
				Check: resource.TestCheckResourceAttr("exasol_remote_volume.r", "url", "https://moved.s3.eu-west-1.amazonaws.com"),
			},
		},
	})
}

const pfScheduleBase = `
resource "exasol_database" "db1" {
  db_name          = "DB1"
  version          = "8.29.0"
  data_volume_name = "DataVolume1"
  mem_size         = "1 GiB"
  nodes            = [11]
  num_active_nodes = 1
  running          = %t
}

resource "exasol_remote_volume" "backups" {
  remote_volume_name = "Backups"
  vol_type           = "s3"
  url                = "https://backups.s3.eu-west-1.amazonaws.com"
}

resource "exasol_backup_schedule" "taken" {
  db_name            = exasol_database.db1.db_name
  backup_name        = "taken"
  backup_volume_name = exasol_remote_volume.backups.remote_volume_name
  level              = 0
  expire             = %q
}
`

func pfSchedule(db, volumeLine string) string {
	return fmt.Sprintf(`
resource "exasol_backup_schedule" "s" {
  db_name     = %s
  backup_name = "nightly"
  %s
  level       = 0
}
`, db, volumeLine)
}

// Backup schedules: the database and the archive volume must exist or be
// planned, the name must be free, and a change in place needs the database
// running.
func TestAccPreflight_backupSchedule(t *testing.T) {
	s := acctest.Start(t)
	p := acctest.Provider(s)
	base := func(running bool, expire string) string { return p + fmt.Sprintf(pfScheduleBase, running, expire) }
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{ // database, volume and schedule planned in one run: all pass, created in order
				Config: base(true, "1w"),
				Check:  func(*terraform.State) error { s.ResetJobLog(); return nil },
			},
			pfFails(base(true, "1w")+pfSchedule(`"MISSING"`, `backup_volume_name = "Backups"`),
				"No such database", "Database MISSING does not exist."),
			pfFails(base(true, "1w")+pfSchedule(`"DB1"`, `backup_volume_name = "NoSuchVolume"`),
				"No such archive volume", "Archive volume NoSuchVolume does not exist"),
			pfFails(base(true, "1w")+pfSchedule(`"DB1"`, `backup_volume_id = 10099`),
				"No such archive volume", "Archive volume with id 10099 does not exist"),
			pfFails(base(true, "1w")+pfSchedule(`"DB1"`, `backup_volume_name = "DataVolume1"`),
				"Not an archive volume", "Storage volume DataVolume1 is a data volume"),
			pfFails(base(true, "1w")+`
resource "exasol_backup_schedule" "s" {
  db_name            = "DB1"
  backup_name        = "taken"
  backup_volume_name = "Backups"
  level              = 1
}
`, "Backup schedule exists", "Database DB1 already has a backup schedule named taken."),
			{ // db_backup_modify_schedule needs DB1 running, and DB1 stays stopped
				PreConfig: func() { acctest.Exec(t, s, "db_stop", map[string]any{"db_name": "DB1"}) },
				Config:    base(false, "2w"),
				PlanOnly:  true, ExpectError: pfRE("Database not running", "needs database DB1 to be running; it is setup."),
			},
			{ // DB1 starts in the same run, before the schedule changes: passes
				PreConfig: pfNoJobs(t, s),
				Config:    base(true, "2w") + pfSchedule("exasol_database.db1.db_name", `backup_volume_id = 10001`),
				Check: resource.ComposeTestCheckFunc(
					func(*terraform.State) error { // db_start first; the two schedules in either order
						jobs, want := acctest.Log(s).Changes(), acctest.ExpectJobs([]string{"db_backup_modify_schedule", "db_backup_add_schedule"})
						if len(jobs) != 3 || jobs[0] != "db_start" || !slices.Contains(jobs, want[0]) || !slices.Contains(jobs, want[1]) {
							return fmt.Errorf("jobs sent: %v, want db_start, then db_backup_modify_schedule and db_backup_add_schedule", jobs)
						}
						return nil
					},
					resource.TestCheckResourceAttr("exasol_backup_schedule.taken", "expire", "2w"),
					resource.TestCheckResourceAttr("exasol_backup_schedule.s", "backup_volume_name", "Backups"),
				),
			},
		},
	})
}
