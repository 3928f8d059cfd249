package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	simcluster "github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// exasol_bucketfs and exasol_bucket through ConfD (bucketfs_* / bucket_*);
// EXAoperation's tests are in bucketfs_exaop_test.go (its services are
// named by EXAoperation and take other settings), the refusals of each
// interface in TestAccBucketFS_refusedSettings.

// simBucketFS checks a service in the simulator's model (nil: it must be gone).
func simBucketFS(s *sim.Server, name string, check func(b *simcluster.BucketFS) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		b, _ := s.Cluster().Snapshot().FindBucketFS(name)
		if check == nil {
			if b != nil {
				return fmt.Errorf("BucketFS service %s still exists", name)
			}
			return nil
		}
		if b == nil {
			return fmt.Errorf("BucketFS service %s does not exist", name)
		}
		return check(b)
	}
}

func bfsConfig(s *sim.Server, body string) string { return acctest.Provider(s) + body }

const bfsService = `
resource "exasol_bucketfs" "bfs" {
  bucketfs_name = "bfs1"
  http_port     = 0
  https_port    = %d
  owner         = %s
  sync_period   = 30
  mode          = "BucketFS"
}
`

const bfsBucket = `
resource "exasol_bucket" "b" {
  bucketfs_name    = exasol_bucketfs.bfs.bucketfs_name
  bucket_name      = %q
  public           = %t
  additional_files = ["EXAClusterOS:/opt/exasol/slc-*/ScriptLanguages-*"]
}
`

// Create, change in place, drift made through the simulator (a bucket
// made private, a bucket deleted), replacement by a new name, import.
func TestAccBucketFS_lifecycle(t *testing.T) {
	onlyOnConfD(t, "names, owner and sync settings are ConfD's; EXAoperation's lifecycle is TestAccBucketFS_lifecycleEXAoperation, its buckets TestAccBucket_EXAoperation (write-only passwords: Terraform 1.8.5 skips it) and TestBucket_writeOnlyPasswordsProtocol")
	s := acctest.Start(t)
	cfg := func(port int, owner, bucket string, public bool) string {
		return bfsConfig(s, fmt.Sprintf(bfsService, port, owner)+fmt.Sprintf(bfsBucket, bucket, public))
	}
	const svc, bkt = "exasol_bucketfs.bfs", "exasol_bucket.b"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg(2600, "[500, 500]", "b1", false),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(svc, "id", "bfs1"),
					resource.TestCheckResourceAttr(bkt, "id", "bfs1/b1"),
					resource.TestCheckResourceAttr(bkt, "udf_path", "/buckets/bfs1/b1"),
					resource.TestMatchResourceAttr(bkt, "url", regexp.MustCompile(`^https://[^/]+:2600/b1$`)),
					simBucketFS(s, "bfs1", func(b *simcluster.BucketFS) error {
						if b.HTTPSPort != 2600 || b.Owner != [2]int{500, 500} || b.SyncPeriod != 30 || b.Buckets["b1"] == nil || b.Buckets["b1"].Public {
							return fmt.Errorf("the service is %+v", b)
						}
						return nil
					}),
				),
			},
			{ // in place: ports, owner, public
				Config: cfg(2601, "[501, 501]", "b1", true),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(svc, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(bkt, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(simBucketFS(s, "bfs1", func(b *simcluster.BucketFS) error {
					if b.HTTPSPort != 2601 || b.Owner != [2]int{501, 501} || !b.Buckets["b1"].Public {
						return fmt.Errorf("the service is %+v, bucket %+v", b, b.Buckets["b1"])
					}
					return nil
				})),
			},
			{ // drift: made private out of band, put back
				PreConfig: func() {
					acctest.Exec(t, s, "bucket_modify", map[string]any{"bucketfs_name": "bfs1", "bucket_name": "b1", "public": false})
				},
				Config: cfg(2601, "[501, 501]", "b1", true),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(bkt, plancheck.ResourceActionUpdate),
				}},
				Check: simBucketFS(s, "bfs1", func(b *simcluster.BucketFS) error {
					if !b.Buckets["b1"].Public {
						return fmt.Errorf("the bucket is still private")
					}
					return nil
				}),
			},
			{ // drift: deleted out of band, created again
				PreConfig: func() {
					acctest.Exec(t, s, "bucket_delete", map[string]any{"bucketfs_name": "bfs1", "bucket_name": "b1"})
				},
				Config: cfg(2601, "[501, 501]", "b1", true),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(bkt, plancheck.ResourceActionCreate),
				}},
				Check: simBucketFS(s, "bfs1", func(b *simcluster.BucketFS) error {
					if b.Buckets["b1"] == nil {
						return fmt.Errorf("the bucket was not created again")
					}
					return nil
				}),
			},
			{ // a new name replaces the bucket
				Config: cfg(2601, "[501, 501]", "b2", true),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(bkt, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: simBucketFS(s, "bfs1", func(b *simcluster.BucketFS) error {
					if b.Buckets["b1"] != nil || b.Buckets["b2"] == nil {
						return fmt.Errorf("buckets %v, want b2 only", b.BucketOrder)
					}
					return nil
				}),
			},
			{Config: cfg(2601, "[501, 501]", "b2", true), ResourceName: svc, ImportState: true, ImportStateId: "bfs1",
				ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
			{Config: cfg(2601, "[501, 501]", "b2", true), ResourceName: bkt, ImportState: true, ImportStateId: "bfs1/b2",
				ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
		},
		CheckDestroy: simBucketFS(s, "bfs1", nil),
	})
}

// A setting bucketfs_modify does not take replaces the service.
func TestAccBucketFS_replace(t *testing.T) {
	onlyOnConfD(t, "path is ConfD's; EXAoperation's replacement is TestAccBucketFS_lifecycleEXAoperation's")
	s := acctest.Start(t)
	cfg := func(path string) string {
		return bfsConfig(s, fmt.Sprintf(`
resource "exasol_bucketfs" "bfs" {
  bucketfs_name = "bfs1"
  http_port     = 2590
  https_port    = 0
  owner         = [500, 500]
  path          = %q
}
`, path))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg("/exa/bfs1"), Check: resource.TestCheckResourceAttr("exasol_bucketfs.bfs", "path", "/exa/bfs1")},
			{
				Config: cfg("/exa/bfs1-new"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("exasol_bucketfs.bfs", plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: simBucketFS(s, "bfs1", func(b *simcluster.BucketFS) error {
					if b.Path != "/exa/bfs1-new" {
						return fmt.Errorf("path %q", b.Path)
					}
					return nil
				}),
			},
			{ // drift: deleted out of band, created again
				PreConfig: func() { acctest.Exec(t, s, "bucketfs_delete", map[string]any{"bucketfs_name": "bfs1"}) },
				Config:    cfg("/exa/bfs1-new"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("exasol_bucketfs.bfs", plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

// Bad input: refused at plan time, or by the cluster with the job named.
func TestAccBucketFS_badInput(t *testing.T) {
	s := acctest.Start(t)
	for _, c := range []struct{ body, msg string }{
		{fmt.Sprintf(bfsService, 70000, "[500, 500]"), `(?s)https_port.*between 0 and 65535`},
		{fmt.Sprintf(bfsService, 2600, "[500]"), `(?s)owner.*2`},
		{`resource "exasol_bucket" "b" {
  bucketfs_name = "bfsdefault"
  bucket_name   = "a/b"
  public        = true
}`, `(?s)bucket_name.*letters, digits`},
		{`resource "exasol_bucketfs" "b" {
  bucketfs_name = "b"
  http_port     = 0
  https_port    = 2600
  owner         = [500, 500]
  mode          = "ftp"
}`, `(?s)mode.*BucketFS`},
	} {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps:                    []resource.TestStep{{Config: bfsConfig(s, c.body), PlanOnly: true, ExpectError: regexp.MustCompile(c.msg)}},
		})
	}
	if acctest.API() != "confd" {
		return
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: bfsConfig(s, `resource "exasol_bucket" "b" {
  bucketfs_name = "nosuch"
  bucket_name   = "b1"
  public        = true
}`),
			ExpectError: regexp.MustCompile(`(?s)Cannot create bucket nosuch/b1.*bucket_add.*nosuch.*does not exist`),
		}},
	})
}

// The examples are applied, the data sources read the preinstalled
// service, import blocks with -generate-config-out plan clean, and the
// sync key reaches the cluster (that it reaches no TRACE log line is
// TestAccSecrets_traceLogOfApplyAndDestroy's).
func TestAccBucketFS_examples(t *testing.T) {
	onlyOnConfD(t, "the examples set ConfD's name, owner and sync key; EXAoperation's data sources are TestAccBucketFS_lifecycleEXAoperation's")
	const secret = "U3luYy1LZXktU2VjcmV0LTk5"
	s := acctest.Start(t)
	ex := readExample(t, "resources/exasol_bucketfs/resource.tf") + readExample(t, "resources/exasol_bucket/resource.tf")
	vars := config.Variables{"sync_key": config.StringVariable(secret)}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: acctest.Provider(s) + ex, ConfigVariables: vars,
				Check: resource.ComposeTestCheckFunc(
					simBucketFS(s, "udfs", func(b *simcluster.BucketFS) error {
						if b.SyncKey != secret || b.Buckets["models"] == nil {
							return fmt.Errorf("the service is %+v", b)
						}
						return nil
					}),
				),
			},
			{
				Config: acctest.Provider(s) + ex + readExample(t, "data-sources/exasol_bucketfs/data-source.tf") +
					readExample(t, "data-sources/exasol_bucket/data-source.tf"),
				ConfigVariables: vars,
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr("data.exasol_bucketfs.default", "https_port", "2581"),
					resource.TestCheckResourceAttr("data.exasol_bucketfs.default", "buckets.0", "default"),
					resource.TestCheckResourceAttr("data.exasol_bucket.default", "public", "true"),
					resource.TestCheckResourceAttr("data.exasol_bucket.default", "udf_path", "/buckets/bfsdefault/default"),
					func(st *terraform.State) error {
						a := st.RootModule().Resources["data.exasol_bucketfs.default"].Primary.Attributes
						if _, ok := a["sync_key"]; ok {
							return fmt.Errorf("the data source has sync_key")
						}
						return nil
					},
				),
			},
		},
		CheckDestroy: simBucketFS(s, "udfs", nil),
	})
	s = acctest.Start(t)
	importGenerated(t, acctest.Provider(s)+fmt.Sprintf(bfsService, 2600, "[500, 500]")+fmt.Sprintf(bfsBucket, "b1", true),
		[]struct{ addr, idAttr string }{{"exasol_bucketfs.bfs", "id"}, {"exasol_bucket.b", "id"}})
}
