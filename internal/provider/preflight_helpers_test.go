package provider

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// pfRE matches the given phrases in this order in Terraform's output, which
// wraps long diagnostics at any blank.
func pfRE(phrases ...string) *regexp.Regexp {
	parts := make([]string, len(phrases))
	for i, p := range phrases {
		words := strings.Fields(p)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		parts[i] = strings.Join(words, `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, `.*`))
}

// pfSkip turns the preflight off in a configuration's provider block, for
// steps that test how the provider reports a refusal of the cluster itself.
func pfSkip(config string) string {
	return strings.Replace(config, "provider \"exasol\" {\n", "provider \"exasol\" {\n  skip_preflight = true\n", 1)
}

// pfFails is a plan-only step that the preflight fails with the phrases.
func pfFails(config string, phrases ...string) resource.TestStep {
	return resource.TestStep{Config: config, PlanOnly: true, ExpectError: pfRE(phrases...)}
}

// pfNoJobs fails the test when the provider sent a job that changes the
// cluster since the job log was last reset: a failed preflight stops the
// run before any.
func pfNoJobs(t *testing.T, s *sim.Server) func() {
	return func() {
		t.Helper()
		if jobs := acctest.Log(s).Changes(); len(jobs) != 0 {
			t.Errorf("failed plans sent change jobs: %v", jobs)
		}
	}
}
