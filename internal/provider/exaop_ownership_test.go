package provider

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// EXAoperation replaces lists whole (setBackupSchedule, editStorageVolume's
// allowed_users): what an operator made out of band, with keys the provider
// does not know, must survive every change the provider makes.

func onlyEXAoperation(t *testing.T) {
	t.Helper()
	if acctest.API() != client.APIEXAoperation {
		t.Skip("EXAoperation only (EXASOL_TEST_API=exaoperation)")
	}
}

// operatorSchedule is a schedule made in EXAoperation behind Terraform's
// back, with keys the provider does not know (x_*).
var operatorSchedule = map[string]any{
	"backup_name": "operator", "volume": "r0002", "level": int64(1), "expire": "2w", "minute": "30", "hour": "3",
	"day": "*", "month": "*", "weekday": "6", "enabled": false,
	"x_retention_class": "gold", "x_options": map[string]any{"note": "made in the web interface", "copies": int64(2)},
}

// checkOperatorSchedule: the operator's entry is still there, every key as it was.
func checkOperatorSchedule(t *testing.T, s *sim.Server) func(*terraform.State) error {
	return func(*terraform.State) error {
		for _, it := range acctest.Call(t, s, "db_DB1", "getBackupSchedule").([]any) {
			e, _ := it.(map[string]any)
			if e["backup_name"] != "operator" {
				continue
			}
			if fmt.Sprint(e) != fmt.Sprint(operatorSchedule) {
				return fmt.Errorf("the operator's schedule changed:\n got %v\nwant %v", e, operatorSchedule)
			}
			return nil
		}
		return fmt.Errorf("the operator's schedule is gone")
	}
}

func TestAccEXAoperationScheduleOfOthersSurvives(t *testing.T) {
	onlyEXAoperation(t)
	s := scheduleSim(t)
	acctest.Call(t, s, "db_DB1", "setBackupSchedule", []any{operatorSchedule})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{ // create another schedule
				Config: acctest.Provider(s) + acctest.Resource("exasol_backup_schedule", "test", schedNightly),
				Check:  checkOperatorSchedule(t, s),
			},
			{ // update it
				Config: acctest.Provider(s) + acctest.Resource("exasol_backup_schedule", "test", schedNightly+`  hour = "4"`),
				Check: resource.ComposeTestCheckFunc(checkOperatorSchedule(t, s),
					resource.TestCheckResourceAttr(schedAddr, "hour", "4")),
			},
			{ // destroy it
				Config: acctest.Provider(s),
				Check: resource.ComposeTestCheckFunc(checkOperatorSchedule(t, s), func(*terraform.State) error {
					if n := len(acctest.Call(t, s, "db_DB1", "getBackupSchedule").([]any)); n != 1 {
						return fmt.Errorf("%d schedules left, want the operator's only", n)
					}
					return nil
				}),
			},
		},
	})
}

// A user granted access to a volume out of band keeps it when the provider
// changes the volume's labels (editStorageVolume replaces allowed_users).
func TestAccEXAoperationVolumeUsersOfOthersSurvive(t *testing.T) {
	onlyEXAoperation(t)
	s := acctest.Start(t)
	vol := func(labels string) string {
		return acctest.Provider(s) + fmt.Sprintf(`
resource "exasol_storage_volume" "test" {
  name       = "V1"
  type       = "archive"
  disk       = "disk1"
  size       = "1 GiB"
  nodes      = [11]
  redundancy = 1
  labels     = [%s]
}
`, labels)
	}
	vid := func() string {
		for _, v := range s.Cluster().Snapshot().Volumes {
			if v.Name == "V1" {
				return fmt.Sprintf("v%04d", v.ID)
			}
		}
		t.Fatal("no volume V1")
		return ""
	}
	var operatorID any
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: vol(`"team:a"`)},
			{
				PreConfig: func() {
					acctest.Call(t, s, "", "addUser", map[string]any{"user_login": "operator", "password": "op-secret", "user_title": "Operator"})
					operatorID = acctest.Call(t, s, "", "getUserByName", "operator").(map[string]any)["id"]
					info := acctest.Call(t, s, "storage", "getVolumeInfo", vid()).(map[string]any)
					users := append(info["allowed_users"].([]any), operatorID)
					acctest.Call(t, s, "storage/"+vid(), "editStorageVolume", map[string]any{"allowed_users": users, "redundancy": info["redundancy"]})
				},
				Config: vol(`"team:b"`),
				Check: func(*terraform.State) error {
					info := acctest.Call(t, s, "storage", "getVolumeInfo", vid()).(map[string]any)
					if !slices.Contains(info["labels"].([]any), any("team:b")) {
						return fmt.Errorf("labels not changed: %v", info["labels"])
					}
					if !slices.Contains(info["allowed_users"].([]any), operatorID) {
						return fmt.Errorf("the operator's access was dropped: allowed_users %v", info["allowed_users"])
					}
					return nil
				},
			},
		},
	})
}

// addRemoteVolume's vid is read-only: a chosen id is never sent; one that
// EXAoperation does not give is refused and the volume deleted again.
func TestAccEXAoperationRemoteVolumeIDNotSent(t *testing.T) {
	onlyEXAoperation(t)
	s := acctest.Start(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.Provider(s) + `
resource "exasol_remote_volume" "r" {
  remote_volume_name = "Mine"
  remote_volume_id   = 10042
  vol_type           = "s3"
  url                = "https://mine.s3.eu-west-1.amazonaws.com"
}
`,
			ExpectError: regexp.MustCompile(`(?s)vid is read-only.*gave 10001`),
		}},
		CheckDestroy: func(*terraform.State) error {
			for _, r := range acctest.Log(s).Records() {
				if r.Name == "addRemoteVolume" {
					args, _ := r.Params["args"].([]any)
					if p, _ := args[0].(map[string]any); p != nil && p["vid"] != nil {
						return fmt.Errorf("addRemoteVolume was sent vid: %v", p)
					}
				}
			}
			if n := len(s.Cluster().Snapshot().Remotes); n != 0 {
				return fmt.Errorf("%d remote volumes left behind", n)
			}
			return nil
		},
	})
}

// A remote volume's other users are given by login, sent as the ids
// getUserByName describes (fact: allowed_users are "user IDs as returned
// by getUserByName") and read back as logins: no drift.
func TestAccEXAoperationRemoteVolumeUsersByID(t *testing.T) {
	onlyEXAoperation(t)
	s := acctest.Start(t)
	acctest.Call(t, s, "", "addUser", map[string]any{"user_login": "operator", "password": "op-secret", "user_title": "Operator"})
	opID := acctest.Call(t, s, "", "getUserByName", "operator").(map[string]any)["id"]
	selfID := acctest.Call(t, s, "", "getUserByName", s.Username()).(map[string]any)["id"]
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.Provider(s) + `
resource "exasol_remote_volume" "r" {
  remote_volume_name = "Shared"
  vol_type           = "s3"
  url                = "https://shared.s3.eu-west-1.amazonaws.com"
  allowed_users      = ["operator"]
}
`,
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr("exasol_remote_volume.r", "allowed_users.#", "1"),
				resource.TestCheckTypeSetElemAttr("exasol_remote_volume.r", "allowed_users.*", "operator"),
				func(*terraform.State) error {
					for _, r := range acctest.Log(s).Records() {
						if r.Name == "addRemoteVolume" {
							p := r.Params["args"].([]any)[0].(map[string]any)
							if fmt.Sprint(p["allowed_users"]) != fmt.Sprint([]any{selfID, opID}) {
								return fmt.Errorf("addRemoteVolume sent allowed_users %v, want the ids [%v %v]", p["allowed_users"], selfID, opID)
							}
							return nil
						}
					}
					return fmt.Errorf("no addRemoteVolume was sent")
				}),
		}},
	})
}
