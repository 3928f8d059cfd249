package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	simcluster "github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// exasol_bucketfs on EXAoperation (addBucketFS, editBucketFS,
// deleteSubObject): EXAoperation names the service, takes disk and
// description, and none of ConfD's owner and synchronization settings.

const bfsExaopService = `
resource "exasol_bucketfs" "bfs" {
  http_port   = 0
  https_port  = %d
  description = %q
}
`

// Create (named by EXAoperation), change in place, drift made through the
// simulator (a port changed, the service deleted), replacement (tainted),
// import, and the data sources reading it.
func TestAccBucketFS_lifecycleEXAoperation(t *testing.T) {
	onlyOn(t, client.APIEXAoperation, "EXAoperation names the service; ConfD's lifecycle is TestAccBucketFS_lifecycle")
	s := acctest.Start(t)
	cfg := func(port int, desc string) string { return bfsConfig(s, fmt.Sprintf(bfsExaopService, port, desc)) }
	const svc = "exasol_bucketfs.bfs"
	service := func(port int, desc string) resource.TestCheckFunc {
		return simBucketFS(s, "bucketfs1", func(b *simcluster.BucketFS) error {
			if b.HTTPSPort != port || b.Description != desc || b.Disk != "d02_data" {
				return fmt.Errorf("the service is %+v", b)
			}
			return nil
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg(2600, "UDFs"),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(svc, "id", "bucketfs1"),
					resource.TestCheckResourceAttr(svc, "bucketfs_name", "bucketfs1"),
					resource.TestCheckResourceAttr(svc, "disk", "d02_data"),
					resource.TestCheckNoResourceAttr(svc, "owner.#"),
					service(2600, "UDFs"),
				),
			},
			{ // in place: port and description
				Config: cfg(2601, "UDF files"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(svc, plancheck.ResourceActionUpdate),
				}},
				Check: service(2601, "UDF files"),
			},
			{ // drift: a port changed out of band, put back
				PreConfig: func() {
					acctest.Exec(t, s, "bucketfs_modify", map[string]any{"bucketfs_name": "bucketfs1", "https_port": 2700})
				},
				Config: cfg(2601, "UDF files"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(svc, plancheck.ResourceActionUpdate),
				}},
				Check: service(2601, "UDF files"),
			},
			{ // drift: deleted out of band, created again
				PreConfig: func() { acctest.Exec(t, s, "bucketfs_delete", map[string]any{"bucketfs_name": "bucketfs1"}) },
				Config:    cfg(2601, "UDF files"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(svc, plancheck.ResourceActionCreate),
				}},
				Check: service(2601, "UDF files"),
			},
			{ // replaced: deleted, then added (EXAoperation takes the name again)
				Config: cfg(2601, "UDF files"), Taint: []string{svc},
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(svc, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: service(2601, "UDF files"),
			},
			{Config: cfg(2601, "UDF files"), ResourceName: svc, ImportState: true, ImportStateId: "bucketfs1",
				ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
			{ // the data sources
				Config: cfg(2601, "UDF files") + `
data "exasol_bucketfs" "this" {
  bucketfs_name = exasol_bucketfs.bfs.bucketfs_name
}
data "exasol_bucket" "default" {
  bucketfs_name = "bfsdefault"
  bucket_name   = "default"
}
`,
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr("data.exasol_bucketfs.this", "https_port", "2601"),
					resource.TestCheckResourceAttr("data.exasol_bucketfs.this", "description", "UDF files"),
					resource.TestCheckResourceAttr("data.exasol_bucketfs.this", "buckets.#", "0"),
					resource.TestCheckNoResourceAttr("data.exasol_bucketfs.this", "owner.#"),
					resource.TestCheckResourceAttr("data.exasol_bucket.default", "udf_path", "/buckets/bfsdefault/default"),
					resource.TestMatchResourceAttr("data.exasol_bucket.default", "url", regexp.MustCompile(`^https://[^/]+:2581/default$`)),
					resource.TestCheckNoResourceAttr("data.exasol_bucket.default", "public"),
				),
			},
		},
		CheckDestroy: simBucketFS(s, "bucketfs1", nil),
	})
}

// Import of the preinstalled service and of its bucket on EXAoperation;
// a configuration that repeats the imported name plans no change.
func TestAccBucketFS_importEXAoperation(t *testing.T) {
	onlyOn(t, client.APIEXAoperation, "ConfD's imports are TestAccBucketFS_lifecycle's")
	s := acctest.Start(t)
	cfg := bfsConfig(s, `
resource "exasol_bucketfs" "default" {
  bucketfs_name = "bfsdefault"
  http_port     = 0
  https_port    = 2581
}
resource "exasol_bucket" "default" {
  bucketfs_name = "bfsdefault"
  bucket_name   = "default"
  public        = true
}
`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg, ResourceName: "exasol_bucketfs.default", ImportState: true, ImportStateId: "bfsdefault",
				ImportStatePersist: true},
			{Config: cfg, ResourceName: "exasol_bucket.default", ImportState: true, ImportStateId: "bfsdefault/default",
				ImportStateCheck: func(is []*terraform.InstanceState) error {
					a := is[0].Attributes
					if a["udf_path"] != "/buckets/bfsdefault/default" || a["additional_files.#"] != "0" || a["public"] != "" {
						return fmt.Errorf("imported bucket %v", a)
					}
					return nil
				}},
		},
	})
}

// What each interface does not take is refused at plan time, naming the
// attribute and the interface; EXAoperation's bucket needs both passwords.
func TestAccBucketFS_refusedSettings(t *testing.T) {
	s := acctest.Start(t)
	type refusal struct{ body, msg string }
	svc := func(extra string) string {
		return fmt.Sprintf("resource \"exasol_bucketfs\" \"b\" {\n  http_port = 0\n  https_port = 2600\n%s\n}\n", extra)
	}
	cases := onlyOnItems(client.APIEXAoperation,
		refusal{svc(`bucketfs_name = "mine"`), `(?s)bucketfs_name is not supported by EXAoperation.*addBucketFS takes no name`},
		refusal{svc(`owner = [500, 500]`), `(?s)owner is not supported by EXAoperation.*no owner`},
		refusal{svc(`sync_period = 30`), `(?s)sync_period is not supported by EXAoperation`},
		refusal{svc(`sync_key = "a2V5"`), `(?s)sync_key is not supported by EXAoperation`},
		refusal{svc(`path = "/exa/b"`), `(?s)path is not supported by EXAoperation`},
		refusal{svc(`mode = "rsync"`), `(?s)mode is not supported by EXAoperation`},
		refusal{svc(`bucketvolume = "v1"`), `(?s)bucketvolume is not supported by EXAoperation`},
		refusal{`resource "exasol_bucket" "b" {
  bucketfs_name    = "bfsdefault"
  bucket_name      = "b1"
  public           = true
  additional_files = ["x"]
}`, `(?s)additional_files is not supported by EXAoperation`},
		refusal{`resource "exasol_bucket" "b" {
  bucketfs_name = "bfsdefault"
  bucket_name   = "b1"
  public        = true
}`, `(?s)Missing read_password_wo.*addBucket and editBucketFSBucket`},
	)
	cases = append(cases, onlyOnItems(client.APIConfD,
		refusal{svc(`bucketfs_name = "b"` + "\n" + `owner = [500, 500]` + "\n" + `disk = "d02_data"`), `(?s)disk is not supported by ConfD.*addBucketFS does`},
		refusal{svc(`bucketfs_name = "b"` + "\n" + `owner = [500, 500]` + "\n" + `description = "x"`), `(?s)description is not supported by ConfD`},
		refusal{svc(`owner = [500, 500]`), `(?s)Missing bucketfs_name.*bucketfs_add requires`},
		refusal{svc(`bucketfs_name = "b"`), `(?s)Missing owner.*bucketfs_add requires`},
	)...)
	for _, c := range cases {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps:                    []resource.TestStep{{Config: bfsConfig(s, c.body), PlanOnly: true, ExpectError: regexp.MustCompile(c.msg)}},
		})
	}
	if b, _ := s.Cluster().Snapshot().FindBucketFS("bucketfs1"); b != nil {
		t.Fatal("a refused plan added a service")
	}
}
