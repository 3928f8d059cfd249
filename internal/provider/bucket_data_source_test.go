package provider

import (
	"context"
	"errors"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// supportsOnAPI reports whether the interface under test manages objects
// of a kind at all: the client's capability table decides (Supports), so
// that a test runs on an interface once it gains the objects.
func supportsOnAPI(t *testing.T, object string) bool {
	t.Helper()
	var u *client.UnsupportedError
	var err error
	if acctest.API() == client.APIConfD {
		return true // ConfD's table binds no issue 22 object to a release
	}
	err = (&client.EXAoperation{}).Supports(context.Background(), object)
	if err != nil && !errors.As(err, &u) {
		t.Fatal(err)
	}
	return err == nil
}

// exasol_buckets lists every bucket of a service with exasol_bucket's
// attributes: its example (the preinstalled service) wherever buckets are
// managed, and on ConfD a service of the resource examples listed by
// reference. Where the interface cannot manage buckets (the capability
// table), the read is refused with the reason.
func TestAccBuckets_dataSource(t *testing.T) {
	s := acctest.Start(t)
	p := acctest.Provider(s)
	ds := readExample(t, "data-sources/exasol_buckets/data-source.tf")
	if !supportsOnAPI(t, client.ObjectBucket) {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{Config: p + ds,
				ExpectError: regexp.MustCompile(`(?s)Cannot read BucketFS service bfsdefault.*EXAoperation cannot`)}},
		})
		return
	}
	// The preinstalled service, wherever buckets are managed.
	steps := []resource.TestStep{{
		Config: p + ds,
		Check: resource.ComposeTestCheckFunc(
			resource.TestCheckResourceAttr("data.exasol_buckets.default", "id", "bfsdefault"),
			resource.TestCheckResourceAttr("data.exasol_buckets.default", "names.0", "default"),
			resource.TestMatchResourceAttr("data.exasol_buckets.default", "buckets.0.url", regexp.MustCompile(`^https?://[^/]+:\d+/default$`)),
			resource.TestCheckResourceAttr("data.exasol_buckets.default", "buckets.0.udf_path", "/buckets/bfsdefault/default"),
		),
	}}
	// A service of the resource examples, listed by reference (their
	// attributes are ConfD's bucketfs_add parameters).
	ex := readExample(t, "resources/exasol_bucketfs/resource.tf") + readExample(t, "resources/exasol_bucket/resource.tf")
	const udfs = `
data "exasol_buckets" "udfs" {
  bucketfs_name = exasol_bucketfs.udfs.bucketfs_name
  depends_on    = [exasol_bucket.models]
}
`
	steps = append(steps, onlyOnSteps(client.APIConfD, resource.TestStep{
		Config: p + ex + ds + udfs, ConfigVariables: config.Variables{"sync_key": config.StringVariable("U3luYy1LZXktU2VjcmV0LTk5")},
		Check: resource.ComposeTestCheckFunc(
			resource.TestMatchResourceAttr("data.exasol_buckets.default", "buckets.0.url", regexp.MustCompile(`^https://[^/]+:2581/default$`)),
			resource.TestCheckResourceAttr("data.exasol_buckets.udfs", "names.#", "1"),
			resource.TestCheckTypeSetElemNestedAttrs("data.exasol_buckets.udfs", "buckets.*", map[string]string{
				"id": "udfs/models", "bucketfs_name": "udfs", "bucket_name": "models",
			}),
			resource.TestCheckResourceAttrPair("data.exasol_buckets.udfs", "buckets.0.url", "exasol_bucket.models", "url"),
			resource.TestCheckResourceAttrPair("data.exasol_buckets.udfs", "buckets.0.public", "exasol_bucket.models", "public"),
		),
	})...)
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
}
