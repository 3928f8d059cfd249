package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
)

// A plan of a new module fails with one error, not a warning per resource,
// when the cluster rejects the credentials or its certificate is not
// trusted: no wait cures either, and the apply would fail the same way.
// (An unreachable cluster only warns: TestAccPreflight_unreachable.)
func TestAccPreflight_credentials(t *testing.T) {
	s := acctest.Start(t)
	other := acctest.Start(t) // its CA signed nothing of s
	volumes := ""
	for i := 1; i <= 3; i++ {
		volumes += fmt.Sprintf(`
resource "exasol_remote_volume" "r%d" {
  remote_volume_name = "R%d"
  vol_type           = "s3"
  url                = "https://r%d.s3.eu-west-1.amazonaws.com"
}
`, i, i, i)
	}
	block := func(password, caFile string) string {
		return acctest.Provider(s, acctest.WithAPI(""), acctest.Credentials(s.Username(), password), acctest.CAFile(caFile))
	}
	for _, tc := range []struct {
		name, config, summary, once string
	}{
		{"wrong password", block("not-the-password", s.CACertFile()), "Cluster rejected the credentials", "HTTP 401"},
		{"CA of another cluster", block(s.Password(), other.CACertFile()), "Cluster certificate not trusted", "master discovery"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				// The step's error is checked here: exactly one error, said once.
				ErrorCheck: func(err error) error {
					out := err.Error()
					if n := strings.Count(out, "Error: "); n != 1 {
						return fmt.Errorf("want exactly one error, got %d: %w", n, err)
					}
					if !strings.Contains(out, "Error: "+tc.summary) {
						return fmt.Errorf("want the error %q: %w", tc.summary, err)
					}
					if n := strings.Count(out, tc.once); n != 1 {
						return fmt.Errorf("want %q said once, got %d times: %w", tc.once, n, err)
					}
					// (The CLI's own warning about a missing ~/.terraformrc aside.)
					if strings.Count(out, "Warning: ") != strings.Count(out, "Warning: Unable to open CLI configuration file") {
						return fmt.Errorf("want no warning beside the error: %w", err)
					}
					return nil
				},
				Steps: []resource.TestStep{{Config: tc.config + volumes, PlanOnly: true, ExpectNonEmptyPlan: true}},
			})
		})
	}
}
