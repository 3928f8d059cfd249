package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
)

// demoSecret is the demo's remote volume password (examples/demo/main.tf).
const demoSecret = "demo-secret-key"

// importTargets are the demo's resources, each with the attribute whose
// value is its import id, as an operator would type it.
var importTargets = []struct{ addr, idAttr string }{
	{"exasol_node.n14", "id"},
	{"exasol_storage_volume.staging_data", "name"},
	{"exasol_database.analytics", "db_name"},
	{"exasol_database.staging", "db_name"},
	{"exasol_remote_volume.backups", "remote_volume_name"},
	{"exasol_backup_schedule.nightly", "id"},
}

// Every resource, imported with an import block and -generate-config-out,
// gets a configuration whose plan is clean: an import and nothing else (no
// change, no replacement). No plan holds a secret read by the import.
func TestAccImport_generatedConfig(t *testing.T) {
	s := acctest.Start(t, acctest.Nodes(3))
	importGenerated(t, acctest.Provider(s)+demoConfig(t), demoImportTargets())
	// The demo keeps a database stopped; the cluster state (every database
	// running) is imported on a cluster of its own.
	s = acctest.Start(t)
	importGenerated(t, acctest.Provider(s)+readExample(t, "resources/exasol_cluster_state/resource.tf"),
		[]struct{ addr, idAttr string }{{"exasol_cluster_state.example", "id"}})
}

func importGenerated(t *testing.T, cfg string, targets []struct{ addr, idAttr string }) {
	t.Helper()
	steps := []resource.TestStep{{Config: cfg}}
	for _, tg := range targets {
		steps = append(steps, resource.TestStep{
			Config:            cfg,
			ResourceName:      tg.addr,
			ImportState:       true,
			ImportStateKind:   resource.ImportBlockWithID,
			ImportStateIdFunc: attrOf(tg.addr, tg.idAttr),
			GenerateConfig:    true,
			ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
				planHoldsNo(demoSecret, strings.Replace(tg.addr, "."+strings.SplitN(tg.addr, ".", 2)[1], ".generated", 1)),
			}},
		})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
}

// attrOf reads the import id from the state.
func attrOf(addr, attr string) resource.ImportStateIdFunc {
	return func(st *terraform.State) (string, error) {
		// A counted resource's instance x.y[0] is x.y.0 in the state.
		r, ok := st.RootModule().Resources[strings.NewReplacer("[", ".", "]", "").Replace(addr)]
		if !ok {
			return "", fmt.Errorf("%s not in the state", addr)
		}
		v, ok := r.Primary.Attributes[attr]
		if !ok || v == "" {
			return "", fmt.Errorf("%s has no %s", addr, attr)
		}
		return v, nil
	}
}

// planHoldsNo fails when the imported resource's planned values (what a
// saved plan file stores of it) contain secret.
func planHoldsNo(secret, addr string) plancheck.PlanCheck { return noSecretCheck{secret, addr} }

type noSecretCheck struct{ secret, addr string }

func (c noSecretCheck) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr || rc.Change == nil {
			continue
		}
		b, err := json.Marshal(rc.Change)
		if err != nil {
			resp.Error = err
			return
		}
		if strings.Contains(string(b), c.secret) {
			resp.Error = fmt.Errorf("the plan of importing %s holds the secret %q", c.addr, c.secret)
		}
	}
}
