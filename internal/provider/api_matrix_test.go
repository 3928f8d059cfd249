package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// The acceptance suite runs once per management interface (acctest.API): the
// same test bodies, with the job log of the EXAoperation face read in ConfD's
// vocabulary. Tests of what only one interface has say so (onlyOn).

// onlyOn skips a test that exercises what only api has, saying why.
func onlyOn(t *testing.T, api, why string) {
	t.Helper()
	if acctest.API() != api {
		t.Skipf("%s only: %s", apiNames[api], why)
	}
}

// nodeName is how the interface under test names node id: n11 (ConfD),
// n0011 (EXAoperation).
func nodeName(id int) string {
	if acctest.API() == client.APIEXAoperation {
		return fmt.Sprintf("n%04d", id)
	}
	return fmt.Sprintf("n%d", id)
}

// onlyOnSteps returns the steps when the suite runs against api, else none:
// for steps about what only one interface has (say why at the call).
func onlyOnSteps(api string, s ...resource.TestStep) []resource.TestStep {
	if acctest.API() != api {
		return nil
	}
	return s
}

// steps joins step lists.
func steps(lists ...[]resource.TestStep) []resource.TestStep {
	var out []resource.TestStep
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// perAPI is what the interface under test has: the ConfD value or the
// EXAoperation one.
func perAPI[T any](confd, exaop T) T {
	if acctest.API() == client.APIEXAoperation {
		return exaop
	}
	return confd
}

// onlyOnItems returns the items (checks, steps, …) when the suite runs
// against api, else none: for what only one interface has (say why at the call).
func onlyOnItems[T any](api string, items ...T) []T {
	if acctest.API() != api {
		return nil
	}
	return items
}
