package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

var testPlugins = []string{"Administration.vmware-tools", "Monitoring.node-exporter"}

// The plugins data source lists what the cluster has installed, through
// plugin_list and plugin_info (ConfD) or showPluginList (EXAoperation).
func TestAccPluginsDataSource(t *testing.T) {
	s := acctest.Start(t, acctest.Plugins(testPlugins...))
	const addr = "data.exasol_plugins.all"
	reads := perAPI([]string{"plugin_list", "plugin_info", "plugin_info"}, []string{"read:showPluginList"})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: s.ResetJobLog,
			Config:    acctest.Provider(s) + readExample(t, "data-sources/exasol_plugins/data-source.tf"),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(addr, "id", "plugins"),
				resource.TestCheckResourceAttr(addr, "names.#", "2"),
				resource.TestCheckResourceAttr(addr, "names.0", testPlugins[0]),
				resource.TestCheckResourceAttr(addr, "plugins.1.name", testPlugins[1]),
				// ConfD's plugin_info says what it knows; EXAoperation lists names only
				resource.TestCheckResourceAttr(addr, "plugins.1.info.%", perAPI("2", "0")),
				func(st *terraform.State) error {
					if got := fmt.Sprint(st.RootModule().Outputs["plugins"].Value); got != fmt.Sprint(testPlugins) {
						return fmt.Errorf("output plugins = %s, want %v", got, testPlugins)
					}
					return nil
				},
				func(*terraform.State) error {
					var got []string
					for _, j := range acctest.Log(s).All() {
						if strings.Contains(j, "lugin") {
							got = append(got, j)
						}
					}
					if !slices.Equal(got, reads) {
						return fmt.Errorf("plugin reads %v, want %v", got, reads)
					}
					return nil
				},
			),
		}},
	})
	bare := acctest.Start(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{ // none installed: empty lists, not null
			Config: acctest.Provider(bare) + readExample(t, "data-sources/exasol_plugins/data-source.tf"),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(addr, "names.#", "0"),
				resource.TestCheckResourceAttr(addr, "plugins.#", "0"),
			),
		}},
	})
}

// modelLog is the simulator's own log, newest first (as EXAoperation's
// logEntries answers), filtered by keep.
func modelLog(s *sim.Server, keep func(cluster.Event) bool) []cluster.Event {
	var out []cluster.Event
	for _, e := range slices.Backward(s.Cluster().Snapshot().Events) {
		if keep(e) {
			out = append(out, e)
		}
	}
	return out
}

// checkLogEntries compares the data source's entries with the model's.
func checkLogEntries(addr string, want func() []cluster.Event) resource.TestCheckFunc {
	return func(st *terraform.State) error {
		a := st.RootModule().Resources[addr].Primary.Attributes
		w := want()
		if len(w) == 0 || a["entries.#"] != fmt.Sprint(len(w)) {
			return fmt.Errorf("entries.# = %s, the cluster logged %d", a["entries.#"], len(w))
		}
		for i, e := range w {
			node := ""
			if e.Node != 0 {
				node = client.ExaopNodeName(int64(e.Node))
			}
			p := fmt.Sprintf("entries.%d.", i)
			if a[p+"message"] != e.Message || a[p+"system"] != e.System || a[p+"node"] != node || a[p+"time"] == "" {
				return fmt.Errorf("entry %d: %s %q %q %q, the cluster logged %s %q %q", i, a[p+"time"], a[p+"system"], a[p+"node"],
					a[p+"message"], e.System, node, e.Message)
			}
		}
		return nil
	}
}

// The log entries data source reads EXAoperation's logservice; on ConfD,
// which has no job that reads a log, it fails naming the interface.
func TestAccLogEntriesDataSource(t *testing.T) {
	s := acctest.Start(t, acctest.Nodes(2))
	acctest.SeedDatabases(t, s, []int{11, 12}, "DB1", "DB2")
	example := acctest.Provider(s) + readExample(t, "data-sources/exasol_log_entries/data-source.tf")
	if acctest.API() == client.APIConfD {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config:      example,
				ExpectError: regexp.MustCompile(`(?s)exasol_log_entries is not available on ConfD.*no job that reads the\s+cluster's log`),
			}},
		})
		return
	}
	// the nodes were powered off and on, so that each has entries of its own
	s.Cluster().ColdBoot()
	storageUp(t, s)
	filtered := func(system, contains string) string {
		return acctest.Provider(s) + fmt.Sprintf(`
data "exasol_log_entries" "f" {
  system   = %q
  contains = %q
}
`, system, contains)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{ // the example: the newest 20 entries about n0011
				Config: example,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("data.exasol_log_entries.n0011", "id", "logservice1"),
					checkLogEntries("data.exasol_log_entries.n0011", func() []cluster.Event {
						l := modelLog(s, func(e cluster.Event) bool { return e.Node == 11 })
						return l[:min(len(l), 20)]
					}),
				),
			},
			{
				Config: filtered("DB2", "accepting connections"),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("data.exasol_log_entries.f", "entries.#", "1"), // DB2 started once
					checkLogEntries("data.exasol_log_entries.f", func() []cluster.Event {
						return modelLog(s, func(e cluster.Event) bool {
							return e.System == "DB2" && strings.Contains(e.Message, "accepting connections")
						})
					}),
				),
			},
			{ // the newest two of all
				Config: acctest.Provider(s) + `
data "exasol_log_entries" "f" {
  max_entries = 2
}
`,
				Check: checkLogEntries("data.exasol_log_entries.f", func() []cluster.Event {
					return modelLog(s, func(cluster.Event) bool { return true })[:2]
				}),
			},
			{
				Config: filtered("NoSuchSystem", ""),
				Check:  resource.TestCheckResourceAttr("data.exasol_log_entries.f", "entries.#", "0"),
			},
		},
	})
}
