package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// noDrift fails when the plan reports objects changed outside Terraform
// (what `plan -refresh-only -detailed-exitcode` exits 2 for).
type noDrift struct{}

func (noDrift) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	var drifted []string
	for _, rc := range req.Plan.ResourceDrift {
		b, _ := json.Marshal(map[string]any{"before": rc.Change.Before, "after": rc.Change.After})
		drifted = append(drifted, rc.Address+": "+string(b))
	}
	if len(drifted) > 0 {
		resp.Error = fmt.Errorf("drift right after the apply:\n%s", strings.Join(drifted, "\n"))
	}
}

// Right after an apply, a refresh finds nothing changed outside Terraform:
// for every resource (the demo has them all but the cluster state, which
// is applied on a cluster of its own), so a nightly drift job stays quiet.
func TestAccNoDriftAfterApply(t *testing.T) {
	for _, c := range []struct {
		name, example string
		nodes         int
	}{
		{"demo", "demo/main.tf", 3},
		{"cluster state", "resources/exasol_cluster_state/resource.tf", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := acctest.Start(t, acctest.Nodes(c.nodes))
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: acctest.Provider(s) + exampleHCL(t, c.example),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PostApplyPostRefresh: []plancheck.PlanCheck{noDrift{}},
					},
				}, {
					// and a refresh-only plan of the same configuration is empty
					RefreshState:      true,
					RefreshPlanChecks: resource.RefreshPlanChecks{PostRefresh: []plancheck.PlanCheck{noDrift{}, plancheck.ExpectEmptyPlan()}},
				}},
			})
		})
	}
}

// A change of running alone keeps the runtime attributes known in the plan:
// consumers of the connection string do not plan a change with it.
func TestAccNoDriftAfterApply_runningOnly(t *testing.T) {
	s := acctest.Start(t)
	exaop := acctest.API() == client.APIEXAoperation
	known := func(attrs ...string) []plancheck.PlanCheck {
		var out []plancheck.PlanCheck
		for _, a := range attrs {
			out = append(out, plancheck.ExpectKnownValue(dbAddr, tfjsonpath.New(a), knownvalue.NotNull()))
		}
		return out
	}
	stop := append(known("connection_string", "operation", "failed_nodes", "temporary_volume_name"),
		plancheck.ExpectKnownValue(dbAddr, tfjsonpath.New("state"), knownvalue.StringExact("setup")),
		plancheck.ExpectKnownValue(dbAddr, tfjsonpath.New("connectible"), knownvalue.Bool(false)),
		plancheck.ExpectResourceAction(dbAddr, plancheck.ResourceActionUpdate))
	start := append(known("operation", "failed_nodes"),
		plancheck.ExpectKnownValue(dbAddr, tfjsonpath.New("state"), knownvalue.StringExact("running")),
		plancheck.ExpectKnownValue(dbAddr, tfjsonpath.New("connectible"), knownvalue.Bool(true)))
	start = append(start, known("connection_string")...)
	if !exaop { // EXAoperation makes a new temporary volume at each start
		start = append(start, known("temporary_volume_name")...)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "2 GiB"})},
			{
				Config:           acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "2 GiB", acctest.Extra: "  running = false"}),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: stop, PostApplyPostRefresh: []plancheck.PlanCheck{noDrift{}}},
			},
			{
				Config:           acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "2 GiB"}),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: start, PostApplyPostRefresh: []plancheck.PlanCheck{noDrift{}}},
			},
		},
	})
}
