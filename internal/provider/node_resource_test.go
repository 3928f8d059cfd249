package provider

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

const nodeAddr = "exasol_node.test"

// simNodeState is what node_state says about one node ("" when it is not listed).
func simNodeState(t *testing.T, s *sim.Server, id int) string {
	t.Helper()
	out := acctest.Exec(t, s, "node_state", nil)["result_output"].(map[string]any)
	st, _ := out[fmt.Sprint(id)].(string)
	return st
}

func checkNodeState(t *testing.T, s *sim.Server, id int, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := simNodeState(t, s, id); got != want {
			return fmt.Errorf("node_state of node %d = %q, want %q", id, got, want)
		}
		return nil
	}
}

// checkJobParams asserts the parameters the provider sent with the last
// change job of that name (on EXAoperation: the call standing for it, with
// the keys of its dict argument and "object", the object it went to).
func checkJobParams(s *sim.Server, job string, want map[string]any) resource.TestCheckFunc {
	return func(*terraform.State) error {
		log := acctest.Log(s).Sent(false)
		for i := len(log) - 1; i >= 0; i-- {
			if r := log[i]; r.Name == job {
				params := r.Params
				if r.Object != "" {
					params = map[string]any{"object": r.Object}
					if args, _ := r.Params["args"].([]any); len(args) > 0 {
						if d, ok := args[0].(map[string]any); ok {
							maps.Copy(params, d)
						}
					}
				}
				for k, v := range acctest.ReleaseForm(job, want) {
					if fmt.Sprint(params[k]) != fmt.Sprint(v) {
						return fmt.Errorf("%s sent %s=%v, want %v (all params: %v)", job, k, params[k], v, params)
					}
				}
				return nil
			}
		}
		return fmt.Errorf("no %s was sent", job)
	}
}

// nodeSettings are the settings each interface's node add takes beyond the
// address (each refuses the other's, see the Limits): ConfD's disk space
// warning threshold and recovery limit, EXAoperation's MAC addresses.
// Another v gives other values, a change that replaces the node.
func nodeSettings(v int) string {
	return perAPI(fmt.Sprintf("  space_warn_threshold = %d\n  bg_rec_limit = 100\n", 80+10*v),
		fmt.Sprintf("  mac_addr_eth0 = %q\n  mac_addr_eth1 = %q\n", testMAC(0, v), testMAC(1, v)))
}

// nodeSettingsSent is what the add of a node with nodeSettings(v) sends.
func nodeSettingsSent(v int) map[string]any {
	return perAPI(map[string]any{"space_warn_threshold": 80 + 10*v, "bg_rec_limit": 100},
		map[string]any{"mac_addr_eth0": testMAC(0, v), "mac_addr_eth1": testMAC(1, v)})
}

// testMAC is the MAC address of LAN interface eth in nodeSettings(v).
func testMAC(eth, v int) string { return fmt.Sprintf("08:00:27:00:%02x:%02x", v, eth+1) }

// expectReplacedBy asserts that the plan replaces addr because attr changed,
// the reason Terraform shows as "forces replacement".
type expectReplacedBy struct{ addr, attr string }

func (e expectReplacedBy) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != e.addr {
			continue
		}
		for _, p := range rc.Change.ReplacePaths {
			if steps, ok := p.([]any); ok && len(steps) > 0 && steps[0] == e.attr {
				return
			}
		}
		resp.Error = fmt.Errorf("%s is not replaced because of %s (replace paths %v)", e.addr, e.attr, rc.Change.ReplacePaths)
		return
	}
	resp.Error = fmt.Errorf("no change planned for %s", e.addr)
}

func TestAccNode_lifecycle(t *testing.T) {
	// Booting and resuming take time, so the waits are exercised.
	s := acctest.Start(t, func(o *sim.Options) {
		o.Durations = map[string]time.Duration{"node_add": 300 * time.Millisecond, "node_resume": time.Second}
	})
	body := func(privNet, extra string) string {
		return fmt.Sprintf("  id = 14\n  priv_net = %q\n%s%s", privNet, nodeSettings(0), extra)
	}
	// The node after a new private network: EXAoperation derives the
	// address from the node number, so a new address comes with a new id.
	moved := perAPI(14, 15)
	movedBody := func(settings int, extra string) string {
		return fmt.Sprintf("  id = %d\n  priv_net = \"10.10.10.15/24\"\n%s%s", moved, nodeSettings(settings), extra)
	}
	// EXAoperation reports the MAC addresses, ConfD none
	macs := perAPI([]knownvalue.Check{knownvalue.Null(), knownvalue.Null()},
		[]knownvalue.Check{knownvalue.StringExact(testMAC(0, 0)), knownvalue.StringExact(testMAC(1, 0))})
	// EXAoperation does not report a disk's devices (client.EXAoperation.storageDisks)
	devices := perAPI([]knownvalue.Check{knownvalue.StringExact("dev.1")}, []knownvalue.Check{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{ // create: node_add (a new node is suspended: node_add's page), node_resume, then wait until the node has booted
				Config: acctest.Provider(s) + acctest.Resource("exasol_node", "test", body("10.10.10.14/24", "")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(nodeAddr, tfjsonpath.New("state"), knownvalue.StringExact("online")),
					statecheck.ExpectKnownValue(nodeAddr, tfjsonpath.New("name"), knownvalue.StringExact(nodeName(14))),
					statecheck.ExpectKnownValue(nodeAddr, tfjsonpath.New("private_ip"), knownvalue.StringExact("10.10.10.14")),
					statecheck.ExpectKnownValue(nodeAddr, tfjsonpath.New("suspended"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(nodeAddr, tfjsonpath.New("uuid"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9A-F]{40}$`))),
					statecheck.ExpectKnownValue(nodeAddr, tfjsonpath.New("disks"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"name":    knownvalue.StringExact("disk1"),
							"devices": knownvalue.ListExact(devices),
						}),
					})),
					statecheck.ExpectKnownValue(nodeAddr, tfjsonpath.New("mac_addr_eth0"), macs[0]),
					statecheck.ExpectKnownValue(nodeAddr, tfjsonpath.New("mac_addr_eth1"), macs[1]),
				},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges(nodeAddJobs()...),
					checkJobParams(s, "node_add", perAPI(map[string]any{"priv_net": "10.10.10.14/24", "nid": 14}, map[string]any{"number": 14})),
					checkJobParams(s, "node_add", nodeSettingsSent(0)),
					checkNodeState(t, s, 14, "online"),
				),
			},
			{ // import by the node id an operator sees in n14
				ResourceName:      nodeAddr,
				ImportState:       true,
				ImportStateId:     "14",
				ImportStateVerify: true,
				// not reported by any ConfD job
				ImportStateVerifyIgnore: []string{"timeouts", "space_warn_threshold", "bg_rec_limit"},
			},
			{ // suspend in place
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + acctest.Resource("exasol_node", "test", body("10.10.10.14/24", "  suspended = true")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(nodeAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("node_suspend"),
					checkJobParams(s, "node_suspend", perAPI(map[string]any{"nid": 14}, map[string]any{"object": "storage/" + nodeName(14)})),
					resource.TestCheckResourceAttr(nodeAddr, "state", "suspended"),
					checkNodeState(t, s, 14, "suspended"),
				),
			},
			{ // resume in place: waits through the 1 s transition until the node is online
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + acctest.Resource("exasol_node", "test", body("10.10.10.14/24", "  suspended = false")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(nodeAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("node_resume"),
					resource.TestCheckResourceAttr(nodeAddr, "state", "online"),
					checkNodeState(t, s, 14, "online"),
				),
			},
			{ // a new private network replaces the node: remove first, then add
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + acctest.Resource("exasol_node", "test", movedBody(0, "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(nodeAddr, plancheck.ResourceActionDestroyBeforeCreate),
					expectReplacedBy{nodeAddr, "priv_net"},
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges(append([]string{"node_remove"}, nodeAddJobs()...)...),
					resource.TestCheckResourceAttr(nodeAddr, "private_ip", "10.10.10.15"),
					resource.TestCheckResourceAttr(nodeAddr, "state", "online"),
				),
			},
			{ // so is a new threshold (ConfD), a new MAC address (EXAoperation)
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + acctest.Resource("exasol_node", "test", movedBody(1, "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(nodeAddr, plancheck.ResourceActionDestroyBeforeCreate),
					expectReplacedBy{nodeAddr, perAPI("space_warn_threshold", "mac_addr_eth0")},
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges(append([]string{"node_remove"}, nodeAddJobs()...)...),
					checkJobParams(s, "node_add", nodeSettingsSent(1)),
				),
			},
			{ // left suspended for the destroy below
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + acctest.Resource("exasol_node", "test", movedBody(1, "  suspended = true")),
				Check:     checkNodeState(t, s, moved, "suspended"),
			},
		},
		// Exasol refuses to remove a suspended node: destroy resumes it first.
		CheckDestroy: func(*terraform.State) error {
			if got, want := acctest.Log(s).Changes(), []string{"node_suspend", "node_resume", "node_remove"}; !slices.Equal(got, want) {
				return fmt.Errorf("jobs sent: %v, want %v", got, want)
			}
			if st := simNodeState(t, s, moved); st != "" {
				return fmt.Errorf("node %d is still there after destroy (%s)", moved, st)
			}
			return nil
		},
	})
}

// nodeAddJobs are the change jobs that create a node that is to be online:
// ConfD's node_add adds it suspended (node_add's page), so node_resume
// follows; EXAoperation's addNode needs nothing more.
func nodeAddJobs() []string {
	return perAPI([]string{"node_add", "node_resume"}, []string{"node_add"})
}

func TestAccNode_drift(t *testing.T) {
	s := acctest.Start(t)
	cfg := acctest.Provider(s) + acctest.Resource("exasol_node", "test", `  priv_net = "10.10.10.12/24"`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{ // without id and name, the cluster picks the next free id and n<id>
				Config: cfg,
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(nodeAddr, "id", "12"),
					resource.TestCheckResourceAttr(nodeAddr, "name", nodeName(12)),
				),
			},
			{ // suspended out of band: a refresh-only plan is not empty
				PreConfig:          func() { acctest.Exec(t, s, "node_suspend", map[string]any{"nid": 12}) },
				Config:             cfg,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{ // and apply resumes it
				PreConfig: s.ResetJobLog,
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(nodeAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(nodeAddr, tfjsonpath.New("suspended"), knownvalue.Bool(false)),
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("node_resume"),
					checkNodeState(t, s, 12, "online"),
				),
			},
			{ // removed out of band: the state drops it (with a warning) and apply adds it again
				PreConfig: func() {
					acctest.Exec(t, s, "node_remove", map[string]any{"nid": 12})
					s.ResetJobLog()
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(nodeAddr, plancheck.ResourceActionCreate),
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges(nodeAddJobs()...),
					checkNodeState(t, s, 12, "online"),
				),
			},
		},
	})
}

func TestAccNode_badInput(t *testing.T) {
	s := acctest.Start(t)
	planTime := func(body, msg string) resource.TestStep {
		return resource.TestStep{Config: acctest.Provider(s) + acctest.Resource("exasol_node", "test", body), PlanOnly: true, ExpectError: regexp.MustCompile(msg)}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			planTime(`  priv_net = "10.10.10.14"`, `(?s)Invalid network address.*not an address in CIDR\s+notation`),
			planTime(`  priv_net = "10.10.10.300/24"`, `Invalid network address`),
			planTime("  priv_net = \"10.10.10.14/24\"\n  pub_net = \"public\"", `(?s)Invalid network address.*"public"`),
			planTime("  priv_net = \"10.10.10.14/24\"\n  id = 10", `(?s)id.*must be between 11 and 9999`),
			planTime("  priv_net = \"10.10.10.14/24\"\n  name = \"1st\"", `must be a valid node name`),
			planTime("  priv_net = \"10.10.10.14/24\"\n  bg_rec_limit = -1", `bg_rec_limit.*must be at least 0`),
			planTime("  priv_net = \"10.10.10.14/24\"\n  mac_addr_eth0 = \"08:00:27\"", `(?s)mac_addr_eth0.*must be a MAC\s+address`),
			// the other interface's setting is refused at plan time
			planTime("  priv_net = \"10.10.10.14/24\"\n"+perAPI(`  mac_addr_eth0 = "08:00:27:00:00:01"`, `  space_warn_threshold = 80`),
				perAPI(`(?s)mac_addr_eth0 is not supported by ConfD.*node_add takes no MAC\s+address`,
					`(?s)space_warn_threshold is not supported by\s+EXAoperation`)),
			{ // plan-time failures reached no job; the cluster's refusals name the job and the reason
				PreConfig: func() {
					if jobs := acctest.Log(s).Changes(); len(jobs) != 0 {
						t.Errorf("plan-time validation sent jobs: %v", jobs)
					}
				},
				Config: pfSkip(acctest.Provider(s) + acctest.Resource("exasol_node", "test", `  priv_net = "10.10.10.11/24"`)),
				// EXAoperation derives the node number from the address: node 11
				ExpectError: regexp.MustCompile(perAPI(`(?s)Cannot add node 10\.10\.10\.11/24.*node_add.*already used by node\s+'n11'`,
					`(?s)Cannot add node 10\.10\.10\.11/24.*addNode.*node 11 already\s+exists`)),
			},
			{
				Config:      pfSkip(acctest.Provider(s) + acctest.Resource("exasol_node", "test", "  id = 11\n  priv_net = \"10.10.10.20/24\"")),
				ExpectError: regexp.MustCompile(`(?s)` + acctest.APIJob("node_add") + `.*node 11 already\s+exists`),
			},
			{
				Config:        acctest.Provider(s) + acctest.Resource("exasol_node", "test", `  priv_net = "10.10.10.20/24"`),
				ResourceName:  nodeAddr,
				ImportState:   true,
				ImportStateId: nodeName(14),
				ExpectError:   regexp.MustCompile(`(?s)Invalid import id.*by its node id`),
			},
			{
				Config:        acctest.Provider(s) + acctest.Resource("exasol_node", "test", `  priv_net = "10.10.10.20/24"`),
				ResourceName:  nodeAddr,
				ImportState:   true,
				ImportStateId: "42",
				ExpectError:   regexp.MustCompile(`(?s)non-existent`),
			},
		},
		CheckDestroy: func(*terraform.State) error {
			env, _ := s.Exec("node_list", nil)
			if l, _ := env["result_output"].(map[string]any); len(l) != 1 {
				return fmt.Errorf("a failed create left nodes behind: %v", l)
			}
			return nil
		},
	})
}

// A resume that outlasts the update timeout fails naming what it waited for
// and the last state seen; the node, still coming up, is then destroyed
// without waiting.
func TestAccNode_timeouts(t *testing.T) {
	s := acctest.Start(t, func(o *sim.Options) {
		o.Durations = map[string]time.Duration{"node_resume": time.Minute}
	})
	body := "  id = 14\n  priv_net = \"10.10.10.14/24\"\n  suspended = %v\n  timeouts {\n    update = \"1s\"\n  }"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.Provider(s) + acctest.Resource("exasol_node", "test", fmt.Sprintf(body, true)), Check: checkNodeState(t, s, 14, "suspended")},
			{
				Config:      acctest.Provider(s) + acctest.Resource("exasol_node", "test", fmt.Sprintf(body, false)),
				ExpectError: regexp.MustCompile(`(?s)Cannot update node 14.*gave up waiting for node 14 to come online.*state\s+offline.*timeouts`),
			},
		},
	})
}
