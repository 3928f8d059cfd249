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

// Storage volumes: disk, nodes, redundancy, free space (new and growing),
// and a name in use fail the plan; nothing is sent until a valid volume.
func TestAccPreflight_storageVolume(t *testing.T) {
	s := acctest.Start(t) // n11: disk1 of 100 GiB, 10 of them DataVolume1's
	p := acctest.Provider(s)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: steps(
			[]resource.TestStep{
				pfFails(p+acctest.StorageVolume("v", acctest.Attrs{"name": "V1", "disk": "disk9"}), "No such disk", "Node "+nodeName(11)+" (11) has no disk disk9; its disks are: disk1."),
				pfFails(p+acctest.StorageVolume("v", acctest.Attrs{"name": "V1", "nodes": []int{11, 99}, "redundancy": 2}), "No such node", "Node 99 does not exist",
					"Too few nodes for the redundancy", "redundancy 2 keeps each segment on 2 different nodes, but only 1 of the listed nodes exist"),
			},
			// EXAoperation reports no free disk space, and only enlarges volumes.
			onlyOnSteps("confd", pfFails(p+acctest.StorageVolume("v", acctest.Attrs{"name": "V1", "size": "200 GiB"}),
				"Not enough space", "Disk disk1 of node n11 has 90 GiB free (st_node_list), but the volume needs 200 GiB there.")),
			[]resource.TestStep{
				pfFails(p+acctest.StorageVolume("v", acctest.Attrs{"name": "DataVolume1"}), "Storage volume exists", "A storage volume named DataVolume1 already exists (id 0)."),
				{ // a volume that fits passes, and the failed plans sent nothing
					PreConfig: pfNoJobs(t, s),
					Config:    p + acctest.StorageVolume("v", acctest.Attrs{"name": "V1", "size": "90 GiB"}), // exactly the free space
					Check:     func(*terraform.State) error { s.ResetJobLog(); return nil },
				},
			},
			onlyOnSteps("confd",
				pfFails(p+acctest.StorageVolume("v", acctest.Attrs{"name": "V1", "size": "91 GiB"}),
					"Not enough space", "Disk disk1 of node n11 has 0 B free (st_node_list), but the volume needs 1 GiB there."),
				resource.TestStep{ // shrinking needs no space
					PreConfig: pfNoJobs(t, s),
					Config:    p + acctest.StorageVolume("v", acctest.Attrs{"name": "V1"}),
				},
				resource.TestStep{ // growing back within the free space passes
					Config: p + acctest.StorageVolume("v", acctest.Attrs{"name": "V1", "size": "2 GiB"}),
					Check:  checkSimVolume(t, s, "V1", "size", "2 GiB"),
				},
			),
		),
	})
}

// nodeNameInUse: a name in use fails the plan; on EXAoperation, where nodes
// are named by their number, any chosen name does (Limits).
func nodeNameInUse(p string) resource.TestStep {
	if acctest.API() == client.APIEXAoperation {
		return pfFails(p+acctest.Node("n", acctest.Attrs{"id": 12, "priv_net": "10.10.10.12/24", "name": "n11"}), "name is not supported by EXAoperation", "names every node by its number")
	}
	return pfFails(p+acctest.Node("n", acctest.Attrs{"id": 12, "priv_net": "10.10.10.12/24", "name": "n11"}), "Node name in use", "Node 11 is already named n11.")
}

// Nodes: an id, name or private address in use fails the plan.
func TestAccPreflight_node(t *testing.T) {
	s := acctest.Start(t)
	p := acctest.Provider(s)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: steps([]resource.TestStep{
			pfFails(p+acctest.Node("n", acctest.Attrs{"id": 11, "priv_net": "10.10.10.20/24"}), "Node id in use", "Node 11 already exists ("+nodeName(11)+", 10.10.10.11)."),
			pfFails(p+acctest.Node("n", acctest.Attrs{"id": 12, "priv_net": "10.10.10.11/24"}), "Private address in use", "Private address 10.10.10.11 is already used by node "+nodeName(11)+" (11)."),
			nodeNameInUse(p),
			{
				PreConfig: pfNoJobs(t, s),
				Config:    p + acctest.Node("n", acctest.Attrs{"id": 12, "priv_net": "10.10.10.12/24"}),
				Check:     resource.TestCheckResourceAttr("exasol_node.n", "state", "online"),
			},
		}, onlyOnSteps("confd", // EXAoperation derives a node's address from its number
			resource.TestStep{ // a replacement keeps its id: the node it replaces is removed first
				Config: p + acctest.Node("n", acctest.Attrs{"id": 12, "priv_net": "10.10.10.22/24"}),
				Check:  resource.TestCheckResourceAttr("exasol_node.n", "private_ip", "10.10.10.22"),
			},
		)),
	})
}

// Remote volumes: a name or id in use fails the plan.
func TestAccPreflight_remoteVolume(t *testing.T) {
	s := acctest.Start(t)
	acctest.Exec(t, s, "remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://taken.s3.example.com", "remote_volume_name": "Taken"}) // id 10001
	p := acctest.Provider(s)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			pfFails(p+acctest.RemoteVolume("r", acctest.Attrs{"remote_volume_name": "Taken", "url": "https://preflight.s3.eu-west-1.amazonaws.com"}), "Remote volume exists", "A remote volume named Taken already exists."),
			pfFails(p+acctest.RemoteVolume("r", acctest.Attrs{"remote_volume_name": "Mine", "url": "https://preflight.s3.eu-west-1.amazonaws.com", "remote_volume_id": 10001}), "Remote volume id in use", "Remote volume id 10001 is already used by Taken."),
			{
				PreConfig: pfNoJobs(t, s),
				Config:    p + acctest.RemoteVolume("r", acctest.Attrs{"remote_volume_name": "Mine", "url": "https://preflight.s3.eu-west-1.amazonaws.com", "remote_volume_id": 10002}),
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
			pfFails(base(true, "1w")+acctest.BackupSchedule("s", acctest.Attrs{"db_name": "MISSING"}),
				"No such database", "Database MISSING does not exist."),
			pfFails(base(true, "1w")+acctest.BackupSchedule("s", acctest.Attrs{"backup_volume_name": "NoSuchVolume"}),
				"No such archive volume", "Archive volume NoSuchVolume does not exist"),
			pfFails(base(true, "1w")+acctest.BackupSchedule("s", acctest.Attrs{"backup_volume_name": nil, "backup_volume_id": 10099}),
				"No such archive volume", "Archive volume with id 10099 does not exist"),
			pfFails(base(true, "1w")+acctest.BackupSchedule("s", acctest.Attrs{"backup_volume_name": "DataVolume1"}),
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
				Config:    base(true, "2w") + acctest.BackupSchedule("s", acctest.Attrs{"db_name": acctest.Expr("exasol_database.db1.db_name"), "backup_volume_name": nil, "backup_volume_id": 10001}),
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
