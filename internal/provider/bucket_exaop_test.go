package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
	simcluster "github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// exasol_bucket with its write-only passwords, through the CLI (Terraform
// 1.11 or OpenTofu 1.11 and later; Terraform 1.8.5 skips these, the protocol
// is TestBucket_writeOnlyPasswordsProtocol's). EXAoperation requires both
// passwords with every addBucket and editBucketFSBucket; ConfD takes them
// optionally and bucket_modify sends only the one whose version changed.

// simBucket checks a bucket of bfsdefault in the simulator: its public flag
// and passwords ("" read: the bucket must be gone).
func simBucket(s *sim.Server, name string, public bool, read, write string) resource.TestCheckFunc {
	return simBucketFS(s, "bfsdefault", func(b *simcluster.BucketFS) error {
		bk := b.Buckets[name]
		switch {
		case read == "" && bk != nil:
			return fmt.Errorf("bucket %s still exists", name)
		case read == "":
			return nil
		case bk == nil:
			return fmt.Errorf("bucket %s does not exist (buckets %v)", name, b.BucketOrder)
		case bk.Public != public || bk.ReadPassword != read || bk.WritePassword != write:
			return fmt.Errorf("bucket %s: public %t, other passwords than %q / %q (want public %t)", name, bk.Public, read, write, public)
		}
		return nil
	})
}

// bucketWOConfig is a bucket of bfsdefault with both passwords from
// variables and their versions.
func bucketWOConfig(s *sim.Server, name string, public bool, readVersion, writeVersion int) string {
	return acctest.Provider(s) + fmt.Sprintf(`
variable "read_pw" {
  type      = string
  sensitive = true
}

variable "write_pw" {
  type      = string
  sensitive = true
}

resource "exasol_bucket" "b" {
  bucketfs_name             = "bfsdefault"
  bucket_name               = %q
  public                    = %t
  read_password_wo          = var.read_pw
  read_password_wo_version  = %d
  write_password_wo         = var.write_pw
  write_password_wo_version = %d
}
`, name, public, readVersion, writeVersion)
}

func bucketPasswords(read, write string) config.Variables {
	return config.Variables{"read_pw": config.StringVariable(read), "write_pw": config.StringVariable(write)}
}

// bucketWOSteps: create, a new value without a new version (nothing to do),
// a new write version (in place), public changed in place, drift (deleted
// out of band, created again), replacement by a new name, import. gone
// deletes b1 out of band, as an operator would on the interface under
// test; modify are the calls that change a bucket there.
func bucketWOSteps(s *sim.Server, gone func(), modify ...string) []resource.TestStep {
	const addr = "exasol_bucket.b"
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)}}
	return []resource.TestStep{
		{
			Config: bucketWOConfig(s, "b1", false, 1, 1), ConfigVariables: bucketPasswords("Read-Pass-1", "Write-Pass-1"),
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr(addr, "id", "bfsdefault/b1"),
				resource.TestCheckResourceAttr(addr, "udf_path", "/buckets/bfsdefault/b1"),
				resource.TestMatchResourceAttr(addr, "url", regexp.MustCompile(`^https://[^/]+:2581/b1$`)),
				resource.TestCheckResourceAttr(addr, "public", "false"),
				resource.TestCheckResourceAttr(addr, "write_password_wo_version", "1"),
				resource.TestCheckNoResourceAttr(addr, "read_password_wo"),
				resource.TestCheckNoResourceAttr(addr, "write_password_wo"),
				simBucket(s, "b1", false, "Read-Pass-1", "Write-Pass-1"),
			),
		},
		{ // new values without new versions: nothing to do
			Config: bucketWOConfig(s, "b1", false, 1, 1), ConfigVariables: bucketPasswords("Read-Pass-2", "Write-Pass-2"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check:            simBucket(s, "b1", false, "Read-Pass-1", "Write-Pass-1"),
		},
		{ // a new write version: the write password changes in place, the read one stays
			PreConfig: s.ResetJobLog,
			Config:    bucketWOConfig(s, "b1", false, 1, 2), ConfigVariables: bucketPasswords("Read-Pass-1", "Write-Pass-2"),
			ConfigPlanChecks: update,
			Check: resource.ComposeTestCheckFunc(simBucket(s, "b1", false, "Read-Pass-1", "Write-Pass-2"),
				acctest.Log(s).CheckChanges(modify...)),
		},
		{ // public, in place; the passwords stay
			Config: bucketWOConfig(s, "b1", true, 1, 2), ConfigVariables: bucketPasswords("Read-Pass-1", "Write-Pass-2"),
			ConfigPlanChecks: update,
			Check: resource.ComposeTestCheckFunc(simBucket(s, "b1", true, "Read-Pass-1", "Write-Pass-2"),
				resource.TestCheckResourceAttr(addr, "public", "true")),
		},
		{ // drift: deleted out of band (a warning says so), created again with the configuration's passwords
			PreConfig: gone,
			Config:    bucketWOConfig(s, "b1", true, 1, 2), ConfigVariables: bucketPasswords("Read-Pass-1", "Write-Pass-2"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
			}},
			Check: simBucket(s, "b1", true, "Read-Pass-1", "Write-Pass-2"),
		},
		{ // a new name replaces the bucket
			Config: bucketWOConfig(s, "b2", true, 1, 2), ConfigVariables: bucketPasswords("Read-Pass-3", "Write-Pass-3"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			Check: resource.ComposeTestCheckFunc(simBucket(s, "b1", false, "", ""),
				simBucket(s, "b2", true, "Read-Pass-3", "Write-Pass-3"),
				resource.TestCheckResourceAttr(addr, "id", "bfsdefault/b2")),
		},
		{ // an import reads no password and no version
			Config: bucketWOConfig(s, "b2", true, 1, 2), ConfigVariables: bucketPasswords("Read-Pass-3", "Write-Pass-3"),
			ResourceName: addr, ImportState: true, ImportStateId: "bfsdefault/b2", ImportStateVerify: true,
			ImportStateVerifyIgnore: append(onlyOnItems(client.APIEXAoperation, "public"),
				"read_password_wo_version", "write_password_wo_version", "timeouts"),
			ImportStateCheck: func(is []*terraform.InstanceState) error {
				for _, k := range []string{"read_password_wo", "write_password_wo"} {
					if v, ok := is[0].Attributes[k]; ok && v != "" {
						return fmt.Errorf("the import read %s", k)
					}
				}
				return nil
			},
		},
	}
}

// On EXAoperation through the CLI: bucketWOSteps on bfsdefault, then an
// import block with -generate-config-out, whose configuration cannot plan
// as generated: public is not reported (so the generated configuration
// lacks it, and the plan says so), nor can the passwords addBucket and
// editBucketFSBucket require be. Bad input is refused at plan time, naming
// the methods.
func TestAccBucket_EXAoperation(t *testing.T) {
	onlyOn(t, client.APIEXAoperation, "EXAoperation's buckets (ConfD's are TestAccBucket_writeOnly's)")
	s := acctest.Start(t)
	steps := bucketWOSteps(s, func() { acctest.Call(t, s, "bfsdefault", "deleteSubObject", "b1") },
		"editBucketFSBucket", "saveBucketFSChanges")
	steps = append(steps, resource.TestStep{
		Config: bucketWOConfig(s, "b2", true, 1, 2), ConfigVariables: bucketPasswords("Read-Pass-3", "Write-Pass-3"),
		ResourceName: "exasol_bucket.b", ImportState: true, ImportStateKind: resource.ImportBlockWithID,
		ImportStateId: "bfsdefault/b2", GenerateConfig: true,
		ExpectError: regexp.MustCompile(`(?s)Missing Configuration for Required Attribute.*generated\.tf.*public\s+attribute`),
	})
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{cliSupports(featureWriteOnly)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
		CheckDestroy:             simBucket(s, "b2", false, "", ""),
	})

	bucket := func(body string) string {
		return acctest.Provider(s) + "resource \"exasol_bucket\" \"b\" {\n  bucketfs_name = \"bfsdefault\"\n  bucket_name = \"b3\"\n  public = true\n" + body + "}\n"
	}
	for _, c := range []struct{ cfg, msg string }{
		{bucket("  read_password_wo = \"r\"\n  read_password_wo_version = 1\n"),
			`(?s)Missing write_password_wo.*EXAoperation's addBucket and editBucketFSBucket requires write_password_wo`},
		{bucket("  write_password_wo = \"w\"\n  write_password_wo_version = 1\n"),
			`(?s)Missing read_password_wo.*EXAoperation's addBucket and editBucketFSBucket requires read_password_wo`},
		{bucket("  read_password_wo = \"r\"\n  write_password_wo = \"w\"\n  write_password_wo_version = 1\n"),
			`(?s)read_password_wo_version.*must be specified`},
		{bucket("  read_password_wo = \"\"\n  read_password_wo_version = 1\n  write_password_wo = \"w\"\n  write_password_wo_version = 1\n"),
			`(?s)read_password_wo.*at least 1`},
	} {
		resource.Test(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{cliSupports(featureWriteOnly)},
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps:                    []resource.TestStep{{Config: c.cfg, PlanOnly: true, ExpectError: regexp.MustCompile(c.msg)}},
		})
	}
	if b, _ := s.Cluster().Snapshot().FindBucketFS("bfsdefault"); b.Buckets["b3"] != nil {
		t.Fatal("a refused plan added a bucket")
	}
}

// On ConfD through the CLI: bucketWOSteps on bfsdefault, then an import
// block with -generate-config-out, whose configuration (no password: ConfD
// takes none) plans clean and holds no secret.
func TestAccBucket_writeOnly(t *testing.T) {
	onlyOnConfD(t, "EXAoperation's are TestAccBucket_EXAoperation's")
	s := acctest.Start(t)
	steps := bucketWOSteps(s, func() {
		acctest.Exec(t, s, "bucket_delete", map[string]any{"bucketfs_name": "bfsdefault", "bucket_name": "b1"})
	}, "bucket_modify")
	steps = append(steps, resource.TestStep{
		Config: bucketWOConfig(s, "b2", true, 1, 2), ConfigVariables: bucketPasswords("Read-Pass-3", "Write-Pass-3"),
		ResourceName: "exasol_bucket.b", ImportState: true, ImportStateKind: resource.ImportBlockWithID,
		ImportStateId: "bfsdefault/b2", GenerateConfig: true,
		ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
			planHoldsNo("Read-Pass-3", "exasol_bucket.generated"), planHoldsNo("Write-Pass-3", "exasol_bucket.generated"),
		}},
	})
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{cliSupports(featureWriteOnly)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
		CheckDestroy:             simBucket(s, "b2", false, "", ""),
	})
}
