package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// Provider functions need no cluster: they run on a bare provider block.
func TestAccFunctions(t *testing.T) {
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: readExample(t, "functions/parse_size/function.tf") +
					readExample(t, "functions/format_size/function.tf") +
					readExample(t, "functions/parse_connection_string/function.tf") + `
output "round_trip" {
  value = provider::exasol::format_size(provider::exasol::parse_size("4096 MiB"))
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("mem_size_bytes", knownvalue.Int64Exact(4<<30)),
					statecheck.ExpectKnownOutputValue("half_of_the_volume", knownvalue.StringExact("5 GiB")),
					statecheck.ExpectKnownOutputValue("round_trip", knownvalue.StringExact("4 GiB")),
					statecheck.ExpectKnownOutputValue("db_hosts", knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("10.10.10.11"), knownvalue.StringExact("10.10.10.12"), knownvalue.StringExact("10.10.10.13"),
					})),
					statecheck.ExpectKnownOutputValue("db_port", knownvalue.Int64Exact(8563)),
				},
			},
			{
				Config:      `output "x" { value = provider::exasol::parse_size("4 GB") }`,
				ExpectError: regexp.MustCompile(`use one of B,\s+KiB,\s+MiB`),
			},
			{
				Config:      `output "x" { value = provider::exasol::format_size(-1) }`,
				ExpectError: regexp.MustCompile(`must not be negative`),
			},
			{
				Config:      `output "x" { value = provider::exasol::parse_connection_string("no-port") }`,
				ExpectError: regexp.MustCompile(`expected HOSTS:PORT`),
			},
		},
	})
}
