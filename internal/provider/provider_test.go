package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
)

const listDBs = `
data "exasol_databases" "all" {}
`

func TestAccProvider_configErrors(t *testing.T) {
	s := acctest.Start(t)
	ep := acctest.List(s.Endpoints()...)
	step := func(provider, msg string) resource.TestStep {
		return resource.TestStep{Config: provider + listDBs, ExpectError: regexp.MustCompile(msg)}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(`provider "exasol" {
  username = "admin"
  password = "x"
}`, `Missing endpoints`),
			step(fmt.Sprintf(`provider "exasol" {
  endpoints = %s
}`, ep), `Missing credentials`),
			step(fmt.Sprintf(`provider "exasol" {
  endpoints  = %s
  username   = "admin"
  password   = "x"
  auth_token = "t"
}`, ep), `Contradictory credentials`),
			step(fmt.Sprintf(`provider "exasol" {
  endpoints    = %s
  username     = "admin"
  password     = "x"
  ca_cert_file = %q
  ca_cert_pem  = "x"
}`, ep, s.CACertFile()), `Contradictory CA settings`),
			step(fmt.Sprintf(`provider "exasol" {
  endpoints    = %s
  username     = "admin"
  password     = "x"
  ca_cert_file = %q
  insecure     = true
}`, ep, s.CACertFile()), `Contradictory TLS settings`),
			step(`provider "exasol" {
  endpoints = ["http://10.0.0.1"]
  username  = "admin"
  password  = "x"
}`, `ConfD only speaks https`),
			step(fmt.Sprintf(`provider "exasol" {
  endpoints    = %s
  username     = "admin"
  password     = "wrong"
  ca_cert_file = %q
}`, ep, s.CACertFile()), `rejected the credentials`),
			step(fmt.Sprintf(`provider "exasol" {
  endpoints = %s
  username  = "admin"
  password  = "x"
}`, ep), `(?s)not signed by a trusted CA.*ca_cert_file`),
			step(`provider "exasol" {
  endpoints = ["127.0.0.1:1"]
  username  = "admin"
  password  = "x"
}`, `(?s)no endpoint named the master.*127\.0\.0\.1:1`),
		},
	})
}

// Settings come from EXASOL_* variables; insecure works (with a warning) and
// a bearer token is accepted instead of a password.
func TestAccProvider_environmentAndToken(t *testing.T) {
	s := acctest.Start(t, acctest.AuthToken("token-for-tests"))
	t.Setenv("EXASOL_ENDPOINTS", strings.Join(s.Endpoints(), ","))
	t.Setenv("EXASOL_USERNAME", s.Username())
	t.Setenv("EXASOL_PASSWORD", s.Password())
	t.Setenv("EXASOL_CA_CERT_FILE", s.CACertFile())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: `provider "exasol" {}` + listDBs, Check: resource.TestCheckResourceAttr("data.exasol_databases.all", "names.#", "0")},
			{
				PreConfig: func() { t.Setenv("EXASOL_CA_CERT_FILE", "") },
				Config: `provider "exasol" {
  insecure = true
}` + listDBs,
			},
			{
				PreConfig: func() {
					t.Setenv("EXASOL_USERNAME", "")
					t.Setenv("EXASOL_PASSWORD", "")
					t.Setenv("EXASOL_CA_CERT_FILE", s.CACertFile())
				},
				Config: `provider "exasol" {
  auth_token = "token-for-tests"
}` + listDBs,
			},
			{
				Config: `provider "exasol" {
  auth_token = "not-the-token"
}` + listDBs,
				ExpectError: regexp.MustCompile(`rejected the credentials`),
			},
		},
	})
}

// TF_LOG=TRACE output of a whole apply holds the provider's job log but never
// the password.
func TestAccProvider_secretsNotLogged(t *testing.T) {
	// A password that cannot occur in a log by accident (the default is "exasol").
	s := acctest.Start(t, acctest.Password("Tr4ce-Secret-91f3c7"))
	logFile := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logFile)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
variable "password" {
  type      = string
  sensitive = true
}
` + acctest.Provider(s, acctest.WithAPI(""), acctest.Set("password", "var.password")) + listDBs,
			ConfigVariables: config.Variables{"password": config.StringVariable(s.Password())},
			Check: func(*terraform.State) error {
				b, err := os.ReadFile(logFile)
				if err != nil {
					return err
				}
				if !strings.Contains(string(b), acctest.APIJob("db_list")) {
					return fmt.Errorf("the trace log has no provider job lines, so it proves nothing (%d bytes)", len(b))
				}
				if strings.Contains(string(b), s.Password()) {
					return fmt.Errorf("the password appears in the TF_LOG=TRACE output")
				}
				return nil
			},
		}},
	})
}
