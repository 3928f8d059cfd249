package provider

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
)

func TestAccRemoteVolume_dataSources(t *testing.T) {
	s := acctest.Start(t, acctest.Nodes(3))
	volume := acctest.Provider(s) + acctest.Resource("exasol_remote_volume", "test", `  remote_volume_name = "RemoteVolume1"
`+rvS3+`  password = "secret-1"
  options  = ["noverifypeer"]`)
	readers := `
data "exasol_remote_volume" "test" {
  remote_volume_name = exasol_remote_volume.test.remote_volume_name
}
data "exasol_remote_volumes" "names" {
  depends_on = [exasol_remote_volume.test]
}
data "exasol_remote_volumes" "details" {
  details    = true
  depends_on = [exasol_remote_volume.test]
}
`
	const one, names, details = "data.exasol_remote_volume.test", "data.exasol_remote_volumes.names", "data.exasol_remote_volumes.details"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					acctest.Exec(t, s, "remote_volume_add", map[string]any{"remote_volume_name": "Offsite", "vol_type": "ftp",
						"url": "ftp://offsite.example.com/exa", "password": "offsite-secret"})
				},
				Config: volume + readers,
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrPair(one, "url", rvAddr, "url"),
					resource.TestCheckResourceAttrPair(one, "id", rvAddr, "id"),
					resource.TestCheckResourceAttr(one, "remote_volume_id", "10002"),
					resource.TestCheckResourceAttr(one, "vol_type", "s3"),
					resource.TestCheckResourceAttr(one, "username", "AKIAEXAMPLE"),
					resource.TestCheckResourceAttr(one, "owner", s.Username()),
					resource.TestCheckTypeSetElemAttr(one, "options.*", "noverifypeer"),
					resource.TestCheckResourceAttr(one, "state.#", strconv.Itoa(len(rvStates("Online", "Online", "Online")))),
					resource.TestCheckResourceAttr(one, "state.0", "Online"),
					resource.TestCheckNoResourceAttr(one, "password"),
					resource.TestCheckResourceAttr(names, "names.#", "2"),
					resource.TestCheckResourceAttr(names, "names.0", "Offsite"),
					resource.TestCheckResourceAttr(names, "names.1", "RemoteVolume1"),
					resource.TestCheckNoResourceAttr(names, "remote_volumes.#"),
					resource.TestCheckResourceAttr(details, "remote_volumes.#", "2"),
					resource.TestCheckResourceAttr(details, "remote_volumes.0.remote_volume_name", "Offsite"),
					resource.TestCheckResourceAttr(details, "remote_volumes.0.url", "ftp://offsite.example.com/exa"),
					resource.TestCheckNoResourceAttr(details, "remote_volumes.0.username"),
					resource.TestCheckResourceAttr(details, "remote_volumes.1.id", "10002"),
					resource.TestCheckNoResourceAttr(details, "remote_volumes.0.password"),
				),
			},
			{
				Config: volume + `data "exasol_remote_volume" "missing" { remote_volume_name = "Nope" }`,
				// EXAoperation finds a volume by name among getAllArchiveVolumes
				ExpectError: regexp.MustCompile(`(?s)Cannot read remote volume Nope.*` + perAPI("remote_volume_info", "getAllArchiveVolumes") +
					`.*Nope.*does\s+not\s+exist`),
			},
		},
	})
}

// The documented examples, applied: resource.tf with both data source
// examples, import.sh's id, and the import block of import-by-string-id.tf.
func TestAccRemoteVolume_examples(t *testing.T) {
	s := acctest.Start(t)
	const addr = "exasol_remote_volume.example"
	res := readExample(t, "resources/exasol_remote_volume/resource.tf")
	vars := config.Variables{"backup_bucket_secret_key": config.StringVariable("example-secret")}
	// import.sh's last word is the id an operator imports by.
	words := strings.Fields(strings.TrimSpace(readExample(t, "resources/exasol_remote_volume/import.sh")))
	importID := words[len(words)-1]
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: acctest.Provider(s) + res, ConfigVariables: vars,
				Check: resource.ComposeTestCheckFunc(
					rvCheckInfo(t, s, "RemoteVolume1", "vid", "10001"),
					rvCheckInfo(t, s, "RemoteVolume1", "password", "example-secret"),
				),
			},
			{
				Config: acctest.Provider(s) + res +
					readExample(t, "data-sources/exasol_remote_volume/data-source.tf") +
					readExample(t, "data-sources/exasol_remote_volumes/data-source.tf"),
				ConfigVariables: vars,
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrPair("data.exasol_remote_volume.example", "url", addr, "url"),
					resource.TestCheckResourceAttr("data.exasol_remote_volumes.all", "names.0", "RemoteVolume1"),
					resource.TestCheckResourceAttrPair("data.exasol_remote_volumes.all", "remote_volumes.0.url", addr, "url"),
				),
			},
			{
				Config: acctest.Provider(s) + res, ConfigVariables: vars,
				ResourceName: addr, ImportState: true, ImportStateId: importID, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"timeouts", "password"}, // an import reads no secret
			},
		},
	})
}

// import-by-string-id.tf adopts a volume an operator added by hand: the plan
// imports it and records the configured password in place (the import reads
// none; comparePassword found it equal to the cluster's), and no job is sent.
func TestAccRemoteVolume_importBlockExample(t *testing.T) {
	s := acctest.Start(t)
	const addr = "exasol_remote_volume.example"
	acctest.Exec(t, s, "remote_volume_add", map[string]any{"remote_volume_name": "RemoteVolume1", "remote_volume_id": 10001,
		"vol_type": "s3", "url": "https://exasol-backups.s3.eu-west-1.amazonaws.com", "username": "AKIAIOSFODNN7EXAMPLE",
		"password": "example-secret", "options": []string{"timeout=300"}, "labels": []string{"weekly"}})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: s.ResetJobLog,
			Config: acctest.Provider(s) + readExample(t, "resources/exasol_remote_volume/resource.tf") +
				readExample(t, "resources/exasol_remote_volume/import-by-string-id.tf"),
			ConfigVariables: config.Variables{"backup_bucket_secret_key": config.StringVariable("example-secret")},
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
			}},
			Check: resource.ComposeTestCheckFunc(
				acctest.Log(s).CheckChanges(),
				resource.TestCheckResourceAttr(addr, "id", "10001"),
			),
		}},
	})
}
