package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

const rvAddr = "exasol_remote_volume.test"

const rvS3 = `  vol_type = "s3"
  url      = "https://backups.s3.eu-west-1.amazonaws.com"
  username = "AKIAEXAMPLE"
`

// rvInfo is remote_volume_info as the cluster answers it, out of band.
func rvInfo(t *testing.T, s *sim.Server, name string) map[string]any {
	t.Helper()
	return acctest.Exec(t, s, "remote_volume_info", map[string]any{"remote_volume_name": name})["result_output"].(map[string]any)
}

// rvCheckInfo asserts one key of remote_volume_info.
func rvCheckInfo(t *testing.T, s *sim.Server, name, key string, want any) resource.TestCheckFunc {
	return checkSim(t, s, "remote_volume_info", map[string]any{"remote_volume_name": name}, func(out any) error {
		got := out.(map[string]any)[key]
		if fmt.Sprint(got) != fmt.Sprint(want) {
			return fmt.Errorf("remote_volume_info %s: %s = %v, want %v", name, key, got, want)
		}
		return nil
	})
}

// rvExpectReplacedBecause asserts that the plan replaces addr because of
// exactly the named attributes (Terraform's "forces replacement").
func rvExpectReplacedBecause(addr string, attrs ...string) plancheck.PlanCheck {
	return rvPlanCheck(func(p *tfjson.Plan) error {
		for _, rc := range p.ResourceChanges {
			if rc.Address != addr {
				continue
			}
			var got []string
			for _, rp := range rc.Change.ReplacePaths {
				if steps, ok := rp.([]any); ok && len(steps) > 0 {
					got = append(got, fmt.Sprint(steps[0]))
				}
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(attrs))
			if !slices.Equal(got, want) {
				return fmt.Errorf("%s is replaced because of %v, want %v", addr, got, want)
			}
			return nil
		}
		return fmt.Errorf("no change planned for %s", addr)
	})
}

type rvPlanCheck func(*tfjson.Plan) error

// rvStates is the state of a remote volume whose connection is perNode on
// each node: ConfD's per-node values (remote_volume_state), each once and
// sorted (distinctStates); one for the cluster on EXAoperation (state();
// guess: Online while a node reaches it).
func rvStates(perNode ...string) []string {
	if acctest.API() != client.APIEXAoperation {
		return distinctStates(perNode)
	}
	if slices.Contains(perNode, "Online") {
		return []string{"Online"}
	}
	return []string{"Unmounted"}
}

// rvStatesExact checks a state list against rvStates(perNode...).
func rvStatesExact(perNode ...string) knownvalue.Check {
	var want []knownvalue.Check
	for _, v := range rvStates(perNode...) {
		want = append(want, knownvalue.StringExact(v))
	}
	return knownvalue.ListExact(want)
}

func (f rvPlanCheck) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = f(req.Plan)
}

func TestAccRemoteVolume_lifecycle(t *testing.T) {
	// EXAoperation numbers remote volumes itself (vid is read-only): a chosen
	// id must be the one it gives, the lowest free one
	chosenID := "10042"
	if acctest.API() == client.APIEXAoperation {
		chosenID = "10001"
	}
	s := acctest.Start(t)
	// Users other than the owner: none. On ConfD, Exasol 8's remote_volume_add
	// takes no allowed_users (TestAccRemoteVolume_allowedUsersRefusedAtPlan);
	// on EXAoperation the simulated cluster has one user, the provider's own,
	// which is the volume's owner.
	rvOtherUsers := ""
	created := acctest.Provider(s) + acctest.Resource("exasol_remote_volume", "test", rvS3+`  password = "secret-1"
  options  = ["noverifypeer", "timeout=30"]
  labels   = ["weekly"]`)
	withTimeouts := acctest.Provider(s) + acctest.Resource("exasol_remote_volume", "test", rvS3+`  password = "secret-1"
  options  = ["timeout=30", "noverifypeer"]
  labels   = ["weekly"]
  timeouts {
    create = "10m"
  }`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{ // create: the cluster names it after its id and makes the caller the owner
				PreConfig: s.ResetJobLog,
				Config:    created,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rvAddr, tfjsonpath.New("id"), knownvalue.StringExact("10001")),
					statecheck.ExpectKnownValue(rvAddr, tfjsonpath.New("remote_volume_name"), knownvalue.StringExact("r0001")),
					statecheck.ExpectKnownValue(rvAddr, tfjsonpath.New("remote_volume_id"), knownvalue.Int64Exact(10001)),
					statecheck.ExpectKnownValue(rvAddr, tfjsonpath.New("owner"), knownvalue.StringExact(s.Username())),
					statecheck.ExpectKnownValue(rvAddr, tfjsonpath.New("state"), rvStatesExact("Online")),
					statecheck.ExpectKnownValue(rvAddr, tfjsonpath.New("allowed_users"), knownvalue.SetSizeExact(0)),
				},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("remote_volume_add"),
					rvCheckInfo(t, s, "r0001", "password", "secret-1"),
					rvCheckInfo(t, s, "r0001", "options", []string{"noverifypeer", "timeout=30"}),
					rvCheckInfo(t, s, "r0001", "labels", []string{"weekly"}),
					rvCheckInfo(t, s, "r0001", "type", "s3"),
				),
			},
			{ // import by the name remote_volume_list shows
				ResourceName:            rvAddr,
				ImportState:             true,
				ImportStateId:           "r0001",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts", "password"}, // an import reads no secret
			},
			{ // in place: only what the provider keeps (timeouts; option order is no change) — no job
				PreConfig: s.ResetJobLog,
				Config:    withTimeouts,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(rvAddr, plancheck.ResourceActionUpdate),
				}},
				Check: acctest.Log(s).CheckChanges(),
			},
			{ // a new URL replaces the volume: remove, then add; name and id come back
				PreConfig: s.ResetJobLog,
				Config:    strings.Replace(withTimeouts, "eu-west-1", "eu-central-1", 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(rvAddr, plancheck.ResourceActionDestroyBeforeCreate),
					rvExpectReplacedBecause(rvAddr, "url"),
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("remote_volume_remove", "remote_volume_add"),
					resource.TestCheckResourceAttr(rvAddr, "remote_volume_name", "r0001"),
					resource.TestCheckResourceAttr(rvAddr, "id", "10001"),
					rvCheckInfo(t, s, "r0001", "url", "https://backups.s3.eu-central-1.amazonaws.com"),
					rvCheckInfo(t, s, "r0001", "password", "secret-1"),
				),
			},
			{ // a new password replaces it too, sending the new password
				PreConfig: s.ResetJobLog,
				Config:    strings.Replace(strings.Replace(withTimeouts, "eu-west-1", "eu-central-1", 1), "secret-1", "secret-2", 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(rvAddr, plancheck.ResourceActionDestroyBeforeCreate),
					rvExpectReplacedBecause(rvAddr, "password"),
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("remote_volume_remove", "remote_volume_add"),
					rvCheckInfo(t, s, "r0001", "password", "secret-2"),
				),
			},
			{ // a chosen name and id, other options and users
				PreConfig: s.ResetJobLog,
				Config: acctest.Provider(s) + acctest.Resource("exasol_remote_volume", "test", `  remote_volume_name = "RemoteVolume1"
  remote_volume_id   = `+chosenID+`
  vol_type           = "ftp"
  url                = "ftp://backup.example.com:2121/exasol"
  username           = "exa"
  password           = "secret-2"
  options            = ["cleanvolume", "proxy=proxy.example.com:3128"]
`+rvOtherUsers),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(rvAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rvAddr, tfjsonpath.New("id"), knownvalue.StringExact(chosenID)),
					statecheck.ExpectKnownValue(rvAddr, tfjsonpath.New("labels"), knownvalue.SetSizeExact(0)),
				},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("remote_volume_remove", "remote_volume_add"),
					checkSim(t, s, "remote_volume_list", nil, expectOutput([]any{"RemoteVolume1"})),
					rvCheckInfo(t, s, "RemoteVolume1", "vid", chosenID),
				),
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if got := acctest.Log(s).Changes(); !slices.Contains(got, "remote_volume_remove") {
				return fmt.Errorf("destroy sent no remote_volume_remove: %v", got)
			}
			env, _ := s.Exec("remote_volume_list", nil)
			if l, _ := env["result_output"].([]any); len(l) != 0 {
				return fmt.Errorf("remote volumes left after destroy: %v", l)
			}
			return nil
		},
	})
}

func TestAccRemoteVolume_drift(t *testing.T) {
	s := acctest.Start(t, acctest.Nodes(3))
	cfg := acctest.Provider(s) + acctest.Resource("exasol_remote_volume", "test", `  remote_volume_name = "RemoteVolume1"
`+rvS3+`  password = "secret-1"`)
	readd := func(url string) {
		acctest.Exec(t, s, "remote_volume_remove", map[string]any{"remote_volume_name": "RemoteVolume1"})
		acctest.Exec(t, s, "remote_volume_add", map[string]any{"remote_volume_name": "RemoteVolume1", "vol_type": "s3",
			"url": url, "username": "AKIAEXAMPLE", "password": "secret-1"})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{ // one connection state per node
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rvAddr, tfjsonpath.New("state"), rvStatesExact("Online", "Online", "Online")),
				},
			},
			{ // re-added out of band with another URL: the plan replaces it, apply converges
				PreConfig: func() { readd("https://elsewhere.s3.amazonaws.com"); s.ResetJobLog() },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(rvAddr, plancheck.ResourceActionDestroyBeforeCreate),
					rvExpectReplacedBecause(rvAddr, "url"),
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("remote_volume_remove", "remote_volume_add"),
					rvCheckInfo(t, s, "RemoteVolume1", "url", "https://backups.s3.eu-west-1.amazonaws.com"),
				),
			},
			{ // a node goes down: the state shows it, and it is no change to the configuration
				PreConfig: func() { acctest.Exec(t, s, "node_suspend", map[string]any{"nid": 13}) },
				Config:    cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rvAddr, tfjsonpath.New("state"), rvStatesExact("Online", "Online", "Unmounted")),
				},
			},
			{ // removed out of band: the state drops it (with a warning) and apply adds it again
				PreConfig: func() {
					acctest.Exec(t, s, "remote_volume_remove", map[string]any{"remote_volume_name": "RemoteVolume1"})
					s.ResetJobLog()
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(rvAddr, plancheck.ResourceActionCreate),
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("remote_volume_add"),
					checkSim(t, s, "remote_volume_list", nil, expectOutput([]any{"RemoteVolume1"})),
				),
			},
			{ // a drift-detection run sees a password changed out of band
				PreConfig: func() {
					acctest.Exec(t, s, "remote_volume_remove", map[string]any{"remote_volume_name": "RemoteVolume1"})
					acctest.Exec(t, s, "remote_volume_add", map[string]any{"remote_volume_name": "RemoteVolume1", "vol_type": "s3",
						"url": "https://backups.s3.eu-west-1.amazonaws.com", "username": "AKIAEXAMPLE", "password": "changed"})
				},
				Config:             cfg,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

func TestAccRemoteVolume_badInput(t *testing.T) {
	s := acctest.Start(t)
	planTime := func(body, msg string) resource.TestStep {
		return resource.TestStep{Config: acctest.Provider(s) + acctest.Resource("exasol_remote_volume", "test", body), PlanOnly: true, ExpectError: regexp.MustCompile(msg)}
	}
	s3 := func(extra string) string { return rvS3 + extra }
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			planTime(`  vol_type = "nfs"
  url      = "nfs://x/y"`, `(?s)vol_type.*value must be one of`),
			planTime(`  vol_type = "s3"
  url      = "backups.example.com"`, `(?s)Invalid remote volume URL.*has no scheme`),
			planTime(`  vol_type = "ftp"
  url      = "ftp://exa:hunter2@backup.example.com/x"`, `(?s)contains credentials.*Set username and password`),
			planTime(`  vol_type = "s3"
  url      = "ftp://backup.example.com/x"`, `(?s)vol_type s3 takes a URL with scheme http, https, s3, not "ftp"`),
			planTime(`  vol_type = "file"
  url      = "file:///"`, `names no directory`),
			planTime(`  vol_type = "smb"
  url      = "smb:///share"`, `names no host`),
			planTime(s3(`  options = ["noverifypear"]`), `(?s)Invalid remote volume option.*"noverifypear" is not an option`),
			planTime(s3(`  options = ["timeout=soon"]`), `(?s)whole number of seconds`),
			planTime(s3(`  options = ["verbose=1"]`), `verbose takes no value`),
			planTime(s3(`  options = ["delegation_token=abc"]`), `(?s)delegation_token is not accepted`),
			planTime(s3(`  remote_volume_id = 9999`), `(?s)remote_volume_id.*at least 10001`),
			planTime(s3(`  remote_volume_name = "1-bad"`), `must be a valid remote volume name`),
			planTime(s3(`  password_wo_version = 1`), `(?s)password_wo_version.*password_wo.*must be specified`),
			planTime(s3(`  password = ""`), `(?s)password.*at least 1`),
			{ // plan-time failures reached no job; a volume that exists already is refused by the cluster
				PreConfig: func() {
					if jobs := acctest.Log(s).Changes(); len(jobs) != 0 {
						t.Errorf("plan-time validation sent jobs: %v", jobs)
					}
					acctest.Exec(t, s, "remote_volume_add", map[string]any{"remote_volume_name": "Taken", "vol_type": "file", "url": "file:///exa/taken"})
				},
				Config:      pfSkip(acctest.Provider(s) + acctest.Resource("exasol_remote_volume", "test", s3(`  remote_volume_name = "Taken"`))),
				ExpectError: regexp.MustCompile(`(?s)Cannot create remote volume Taken.*` + acctest.APIJob("remote_volume_add") + `.*Taken.*already\s+exists`),
			},
			{
				Config:      pfSkip(acctest.Provider(s) + acctest.Resource("exasol_remote_volume", "test", s3(`  remote_volume_id = 10001`))),
				ExpectError: regexp.MustCompile(`(?s)` + acctest.APIJob("remote_volume_add") + `.*10001.*already\s+exists`),
			},
		},
		CheckDestroy: func(*terraform.State) error {
			env, _ := s.Exec("remote_volume_list", nil)
			if l, _ := env["result_output"].([]any); len(l) != 1 {
				return fmt.Errorf("a failed create left remote volumes behind: %v", l)
			}
			return nil
		},
	})
}

// TF_LOG=TRACE output of create, refresh, replacement and destroy holds the
// provider's job log but never the volume's passwords. The password comes
// from a variable, as in real use: the test harness logs configuration text.
func TestAccRemoteVolume_passwordNotLogged(t *testing.T) {
	s := acctest.Start(t)
	const first, second = "Rv-Tr4ce-Secret-5e1d9a", "Rv-Tr4ce-Secret-77c0b2"
	logFile := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logFile)
	checkLog := func(*terraform.State) error {
		b, err := os.ReadFile(logFile)
		if err != nil {
			return err
		}
		if !strings.Contains(string(b), acctest.APIJob("remote_volume_add")) || !strings.Contains(string(b), acctest.APIJob("remote_volume_info")) {
			return fmt.Errorf("the trace log has no remote volume job lines, so it proves nothing (%d bytes)", len(b))
		}
		for _, pw := range []string{first, second} {
			if strings.Contains(string(b), pw) {
				return fmt.Errorf("the password %s appears in the TF_LOG=TRACE output", pw)
			}
		}
		return nil
	}
	cfg := acctest.Provider(s) + acctest.Resource("exasol_remote_volume", "test", rvS3+`  password = var.remote_password`) + `
variable "remote_password" {
  type      = string
  sensitive = true
}
`
	password := func(v string) config.Variables {
		return config.Variables{"remote_password": config.StringVariable(v)}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg, ConfigVariables: password(first), Check: rvCheckInfo(t, s, "r0001", "password", first)},
			{ // an import reads no password into the state
				Config: cfg, ConfigVariables: password(first),
				ResourceName: rvAddr, ImportState: true, ImportStateId: "r0001", ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"timeouts", "password"},
				ImportStateCheck: func(st []*terraform.InstanceState) error {
					if pw, ok := st[0].Attributes["password"]; ok && pw != "" {
						return fmt.Errorf("the import put the password in the state")
					}
					return nil
				},
			},
			{
				Config: cfg, ConfigVariables: password(second),
				Check: resource.ComposeTestCheckFunc(rvCheckInfo(t, s, "r0001", "password", second), checkLog),
			},
		},
		CheckDestroy: checkLog,
	})
}
