package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// exasol_cluster_settings is ConfD's (general_settings / settings_list);
// EXAoperation keeps no EXAConf and the plan refuses it there.

func onlyOnConfD(t *testing.T, why string) {
	t.Helper()
	if acctest.API() != client.APIConfD {
		t.Skipf("ConfD only: %s", why)
	}
}

// simSetting checks an EXAConf entry in the simulator's model.
func simSetting(s *sim.Server, key, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := s.Cluster().Snapshot().Settings[key]; got != want {
			return fmt.Errorf("the cluster's %s is %q, want %q", key, got, want)
		}
		return nil
	}
}

// countJobs counts the simulator's records of job.
func countJobs(s *sim.Server, job string) int {
	n := 0
	for _, r := range s.JobLog() {
		if r.Name == job && r.Source != "oob" {
			n++
		}
	}
	return n
}

func csConfig(s *sim.Server, body string) string {
	return acctest.Provider(s) + "resource \"exasol_cluster_settings\" \"c\" {\n" + body + "\n}\n"
}

// Create, update in place, drift (a managed entry and an unmanaged one
// changed out of band), import, attributes dropped from the configuration
// left alone, and a destroy that changes nothing on the cluster.
func TestAccClusterSettings_lifecycle(t *testing.T) {
	onlyOnConfD(t, "EXAoperation keeps no EXAConf (see TestAccClusterSettings_refusedOnEXAoperation)")
	s := acctest.Start(t)
	const addr = "exasol_cluster_settings.c"
	first := `
  name_servers              = ["4.4.4.4", "8.8.4.4"]
  enable_load_balancer      = true
  exa_monitor_user_password = "Mon-Pass-1"
`
	second := `
  name_servers              = ["1.1.1.1"]
  enable_load_balancer      = true
  ssh_port                  = 2222
  exa_monitor_user_password = "Mon-Pass-2"
`
	var jobsBefore int
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: csConfig(s, first),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "id", "cluster"),
					resource.TestCheckResourceAttr(addr, "name_servers.#", "2"),
					resource.TestCheckResourceAttr(addr, "name_servers.1", "8.8.4.4"),
					resource.TestCheckResourceAttr(addr, "enable_load_balancer", "true"),
					// Unmanaged entries are read, not changed.
					resource.TestCheckResourceAttr(addr, "ssh_port", "22"),
					resource.TestCheckResourceAttr(addr, "networks", "private"),
					resource.TestCheckNoResourceAttr(addr, "webui_domain"),
					simSetting(s, "Global.NameServers", "4.4.4.4, 8.8.4.4"),
					simSetting(s, "Global.EnableLoadBalancer", "True"),
					simSetting(s, "Global.ExaMonitorUserPassword", "Mon-Pass-1"),
					simSetting(s, "Global.SSHPort", "22"),
					func(*terraform.State) error { jobsBefore = countJobs(s, "general_settings"); return nil },
				),
			},
			{ // in place, one job with the changed entries only
				Config: csConfig(s, second),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "ssh_port", "2222"),
					simSetting(s, "Global.NameServers", "1.1.1.1"),
					simSetting(s, "Global.SSHPort", "2222"),
					simSetting(s, "Global.ExaMonitorUserPassword", "Mon-Pass-2"),
					func(*terraform.State) error {
						if n := countJobs(s, "general_settings") - jobsBefore; n != 1 {
							return fmt.Errorf("the update ran general_settings %d times, want once", n)
						}
						var changes map[string]any
						for _, r := range s.JobLog() {
							if r.Name == "general_settings" {
								changes, _ = r.Params["changes"].(map[string]any)
							}
						}
						global, _ := changes["Global"].(map[string]any)
						if _, sent := global["EnableLoadBalancer"]; sent || len(global) != 3 {
							return fmt.Errorf("general_settings sent %v, want the three changed entries only", changes)
						}
						return nil
					},
				),
			},
			{ // drift: a managed entry is put back, an unmanaged one is only read
				PreConfig: func() {
					acctest.Exec(t, s, "general_settings", map[string]any{"changes": map[string]any{
						"Global": map[string]any{"NameServers": "9.9.9.9", "WebUIDomain": "ui.example.com"}}})
				},
				Config: csConfig(s, second),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(
					simSetting(s, "Global.NameServers", "1.1.1.1"),
					simSetting(s, "Global.WebUIDomain", "ui.example.com"),
					resource.TestCheckResourceAttr(addr, "webui_domain", "ui.example.com"),
				),
			},
			{
				Config: csConfig(s, second), ResourceName: addr, ImportState: true, ImportStateId: "cluster",
				ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts", "exa_monitor_user_password"},
			},
			{ // attributes dropped from the configuration are left as they are
				Config: csConfig(s, `  enable_load_balancer = true`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
		},
		CheckDestroy: resource.ComposeTestCheckFunc(
			simSetting(s, "Global.NameServers", "1.1.1.1"),
			simSetting(s, "Global.SSHPort", "2222"),
		),
	})
}

// Values the cluster cannot take are refused at plan time.
func TestAccClusterSettings_badInput(t *testing.T) {
	s := acctest.Start(t)
	for _, c := range []struct{ body, msg string }{
		{`xmlrpc_port = 70000`, `(?s)xmlrpc_port.*between 1 and 65535`},
		{`name_servers = ["4.4.4.4, 8.8.8.8"]`, `(?s)name_servers.*without commas or\s+spaces`},
		{`name_servers = []`, `(?s)name_servers.*at least 1`},
		{`storage_max_connections = -1`, `(?s)storage_max_connections.*at least 0`},
		{`exa_monitor_user_password = ""`, `(?s)exa_monitor_user_password.*at least 1`},
	} {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: csConfig(s, c.body), PlanOnly: true, ExpectError: regexp.MustCompile(c.msg),
			}},
		})
	}
	if countJobs(s, "general_settings") != 0 {
		t.Fatal("a refused plan sent general_settings")
	}
}

// On EXAoperation the plan refuses the resource, naming the interface, and
// the data source says why it cannot read.
func TestAccClusterSettings_refusedOnEXAoperation(t *testing.T) {
	s := acctest.Start(t, func(o *sim.Options) { o.API = sim.APIEXAoperation })
	p := acctest.Provider(s, acctest.SetString("api", "exaoperation"))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      p + `resource "exasol_cluster_settings" "c" { name_servers = ["4.4.4.4"] }`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)exasol_cluster_settings is not available on EXAoperation.*general_settings`),
			},
			{
				Config:      p + `data "exasol_cluster_settings" "c" {}`,
				ExpectError: regexp.MustCompile(`(?s)EXAoperation cannot read EXAConf settings`),
			},
		},
	})
}

// The example and the data source's example are applied; an import block
// with -generate-config-out plans clean and holds no secret.
func TestAccClusterSettings_examples(t *testing.T) {
	onlyOnConfD(t, "EXAoperation keeps no EXAConf")
	s := acctest.Start(t)
	ex := readExample(t, "resources/exasol_cluster_settings/resource.tf")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:          acctest.Provider(s) + ex,
			ConfigVariables: config.Variables{"exa_monitor_password": config.StringVariable("Example-Mon-Pass")},
			Check: resource.ComposeTestCheckFunc(
				simSetting(s, "Global.NameServers", "10.0.0.2, 10.0.0.3"),
				simSetting(s, "Global.ExaMonitorUserPassword", "Example-Mon-Pass"),
			),
		}, { // the data source, reading what the resource applied
			Config:          acctest.Provider(s) + ex + readExample(t, "data-sources/exasol_cluster_settings/data-source.tf"),
			ConfigVariables: config.Variables{"exa_monitor_password": config.StringVariable("Example-Mon-Pass")},
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr("data.exasol_cluster_settings.current", "name_servers.1", "10.0.0.3"),
				resource.TestCheckResourceAttr("data.exasol_cluster_settings.current", "search_domains.0", "example.internal"),
				resource.TestCheckNoResourceAttr("data.exasol_cluster_settings.current", "exa_monitor_user_password"),
			),
		}},
	})
	s = acctest.Start(t)
	importGenerated(t, acctest.Provider(s)+`
resource "exasol_cluster_settings" "example" {
  name_servers              = ["10.0.0.2"]
  exa_monitor_user_password = "`+demoSecret+`"
}
`, []struct{ addr, idAttr string }{{"exasol_cluster_settings.example", "id"}})
}
