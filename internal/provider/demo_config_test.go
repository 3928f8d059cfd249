package provider

import (
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// demoConfig is examples/demo/main.tf for the interface under test: on
// EXAoperation its variable confd is false, as `make demo` sets it there
// (scripts/demo.sh), so that the cluster settings and the BucketFS, which
// only ConfD manages, are left out.
func demoConfig(t *testing.T) string {
	t.Helper()
	if acctest.API() == client.APIEXAoperation {
		t.Setenv("TF_VAR_confd", "false")
	}
	return readExample(t, "demo/main.tf")
}

// demoOnConfD are the demo's objects only ConfD manages (count = 1 there),
// with their import ids' attributes.
var demoOnConfD = []struct{ addr, idAttr string }{
	{"exasol_cluster_settings.this[0]", "id"},
	{"exasol_bucketfs.udfs[0]", "bucketfs_name"},
	{"exasol_bucket.models[0]", "id"},
}

// exampleHCL is an example's configuration; the demo's through demoConfig.
func exampleHCL(t *testing.T, example string) string {
	if example == "demo/main.tf" {
		return demoConfig(t)
	}
	return readExample(t, example)
}

// demoImportTargets are the demo's resources on the interface under test.
func demoImportTargets() []struct{ addr, idAttr string } {
	if acctest.API() != client.APIConfD {
		return importTargets
	}
	return append(append([]struct{ addr, idAttr string }(nil), importTargets...), demoOnConfD...)
}
