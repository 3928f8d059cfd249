package docschema

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/exacluster/terraform-provider-exasol/internal/provider"
)

func export(t *testing.T) *tfjson.ProviderSchema {
	t.Helper()
	srv, err := providerserver.NewProtocol6WithError(provider.New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	all, err := Export(context.Background(), srv, "exasol")
	if err != nil {
		t.Fatal(err)
	}
	// What tfplugindocs reads: the JSON, parsed and validated by terraform-json.
	data, err := json.Marshal(all)
	if err != nil {
		t.Fatal(err)
	}
	var back tfjson.ProviderSchemas
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatalf("terraform-json refuses the export: %v", err)
	}
	return back.Schemas["exasol"]
}

// The parts Terraform 1.8.5 cannot export are there: actions, list
// resources, identities and write-only attributes.
func TestExportHasWhatTheCLILacks(t *testing.T) {
	ps := export(t)
	if len(ps.ActionSchemas) < 6 {
		t.Fatalf("%d actions", len(ps.ActionSchemas))
	}
	for name, a := range ps.ActionSchemas {
		if a.Block == nil || a.Block.Description == "" || len(a.Block.Attributes) == 0 {
			t.Errorf("action %s: no description or no attributes: %+v", name, a.Block)
		}
	}
	for _, name := range []string{"exasol_database", "exasol_storage_volume", "exasol_remote_volume", "exasol_node"} {
		if ps.ListResourceSchemas[name] == nil {
			t.Errorf("no list resource %s", name)
		}
		if id := ps.ResourceIdentitySchemas[name]; id == nil || len(id.Attributes) == 0 {
			t.Errorf("no identity schema for %s", name)
		}
	}
	var writeOnly []string
	for rname, r := range ps.ResourceSchemas {
		for aname, a := range r.Block.Attributes {
			if a.WriteOnly {
				writeOnly = append(writeOnly, rname+"."+aname)
			}
		}
	}
	if len(writeOnly) == 0 {
		t.Error("no write-only attribute exported")
	}
}

// TestMatchesTerraform compares the export with `terraform providers schema
// -json` of the real CLI (TF_ACC_TERRAFORM_PATH) on everything that CLI
// knows, so that the conversion stays Terraform's.
func TestMatchesTerraform(t *testing.T) {
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || tf == "" {
		t.Skip("needs TF_ACC=1 and TF_ACC_TERRAFORM_PATH")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "terraform-provider-exasol"), "../..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	rc := filepath.Join(dir, "cli.tfrc")
	mustWrite(t, rc, `provider_installation {
  dev_overrides { "registry.terraform.io/exacluster/exasol" = "`+bin+`" }
  direct {}
}
`)
	mustWrite(t, filepath.Join(dir, "main.tf"), `terraform {
  required_providers {
    exasol = { source = "exacluster/exasol" }
  }
}
`)
	cmd := exec.Command(tf, "-chdir="+dir, "providers", "schema", "-json")
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_LOG=")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("terraform providers schema -json: %v\n%s", err, stderr.String())
	}
	var cli tfjson.ProviderSchemas
	if err := json.Unmarshal(out, &cli); err != nil {
		t.Fatal(err)
	}
	want := cli.Schemas["registry.terraform.io/exacluster/exasol"]
	if want == nil {
		t.Fatalf("provider not in the CLI's export: %s", out)
	}
	got := export(t)
	// What the pinned CLI does not know.
	got.ActionSchemas, got.ListResourceSchemas, got.ResourceIdentitySchemas = nil, nil, nil
	for _, s := range got.ResourceSchemas {
		clearWriteOnly(s.Block)
	}
	g, w := mustJSON(t, got), mustJSON(t, want)
	if g != w {
		t.Fatalf("export differs from the CLI's:\n%s", firstDifference(g, w))
	}
}

func clearWriteOnly(b *tfjson.SchemaBlock) {
	for _, a := range b.Attributes {
		a.WriteOnly = false
	}
	for _, nb := range b.NestedBlocks {
		clearWriteOnly(nb.Block)
	}
}

func mustWrite(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			lo := max(0, i-5)
			return "export:\n" + strings.Join(g[lo:min(len(g), i+3)], "\n") + "\nterraform:\n" + strings.Join(w[lo:min(len(w), i+3)], "\n")
		}
	}
	return "lengths differ"
}
