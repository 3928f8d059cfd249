package provider

import (
	"context"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// Resource identity needs Terraform 1.12, newer than the project's CLI, so it
// is tested at the plugin protocol: every resource declares an identity, an
// import by identity alone finds the object, and Read reports the identity.
func TestResourceIdentityProtocol(t *testing.T) {
	s := acctest.Start(t, acctest.Nodes(3))
	db1 := map[string]any{"db_name": "DB1", "version": "8.29.0", "data_volume_name": "DataVolume1",
		"mem_size": "2 GiB", "nodes": []int{11, 12, 13}, "num_active_nodes": 3}
	if snapshotsExpected() {
		db1["snapshot_sync_volume"] = "DataVolume1" // for snapshotIdentityCase
	}
	acctest.Exec(t, s, "db_create", db1)
	acctest.Exec(t, s, "remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://b.s3.example.com", "remote_volume_name": "R1"})
	acctest.Exec(t, s, "db_backup_add_schedule", map[string]any{"db_name": "DB1", "backup_name": "nightly",
		"backup_volume_name": "R1", "level": 0, "enabled": true})

	ctx := context.Background()
	srv, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	ids, err := srv.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	rvNoErrors(t, "GetResourceIdentitySchemas", ids.Diagnostics)
	configureProtocolProvider(t, srv, schemas, s)

	str := func(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	cases := []struct {
		typ      string
		identity map[string]tftypes.Value
		attr     string // a state attribute only a real read fills
	}{
		{"exasol_database", map[string]tftypes.Value{"db_name": str("DB1")}, "connection_string"},
		{"exasol_storage_volume", map[string]tftypes.Value{"name": str("DataVolume1")}, "state"},
		{"exasol_remote_volume", map[string]tftypes.Value{"remote_volume_name": str("R1")}, "url"},
		{"exasol_node", map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.Number, big.NewFloat(11))}, "private_ip"},
		{"exasol_backup_schedule", map[string]tftypes.Value{"db_name": str("DB1"), "backup_name": str("nightly")}, "backup_volume_name"},
	}
	if snapshotsExpected() { // snapshot_schedule_resource_test.go
		cases = append(cases, snapshotIdentityCase(t, s))
	}
	for _, tc := range cases {
		t.Run(tc.typ, func(t *testing.T) {
			is := ids.IdentitySchemas[tc.typ]
			if is == nil {
				t.Fatalf("%s declares no identity", tc.typ)
			}
			for _, a := range is.IdentityAttributes {
				if _, ok := tc.identity[a.Name]; !ok || !a.RequiredForImport {
					t.Fatalf("identity attribute %q: unexpected or not required for import", a.Name)
				}
			}
			itype := is.ValueType()
			identity := &tfprotov6.ResourceIdentityData{IdentityData: rvDynamic(t, itype, tftypes.NewValue(itype, tc.identity))}
			imp, err := srv.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: tc.typ, Identity: identity})
			if err != nil {
				t.Fatal(err)
			}
			rvNoErrors(t, "ImportResourceState", imp.Diagnostics)
			if len(imp.ImportedResources) != 1 {
				t.Fatalf("imported %d resources", len(imp.ImportedResources))
			}
			typ := schemas.ResourceSchemas[tc.typ].ValueType()
			read, err := srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: tc.typ,
				CurrentState: imp.ImportedResources[0].State, CurrentIdentity: imp.ImportedResources[0].Identity})
			if err != nil {
				t.Fatal(err)
			}
			rvNoErrors(t, "ReadResource", read.Diagnostics)
			state := rvAttrs(t, typ, read.NewState)
			if v := state[tc.attr]; v.IsNull() || !v.IsKnown() {
				t.Fatalf("%s is %v after the read: the import by identity did not find the object", tc.attr, v)
			}
			if read.NewIdentity == nil {
				t.Fatal("Read returned no identity")
			}
			got := rvAttrs(t, itype, read.NewIdentity.IdentityData)
			for k, want := range tc.identity {
				if !got[k].Equal(want) {
					t.Fatalf("identity %s = %v, want %v", k, got[k], want)
				}
			}
		})
	}

	// An identity naming nothing: the read drops the object, without errors.
	itype := ids.IdentitySchemas["exasol_database"].ValueType()
	imp, err := srv.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: "exasol_database",
		Identity: &tfprotov6.ResourceIdentityData{IdentityData: rvDynamic(t, itype, tftypes.NewValue(itype, map[string]tftypes.Value{"db_name": str("NOPE")}))}})
	if err != nil {
		t.Fatal(err)
	}
	read, err := srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: "exasol_database",
		CurrentState: imp.ImportedResources[0].State, CurrentIdentity: imp.ImportedResources[0].Identity})
	if err != nil {
		t.Fatal(err)
	}
	rvNoErrors(t, "ReadResource of a missing database", read.Diagnostics)
	if v, _ := read.NewState.Unmarshal(schemas.ResourceSchemas["exasol_database"].ValueType()); !v.IsNull() {
		t.Fatal("a database that does not exist was kept in the state")
	}
}

// configureProtocolProvider points a protocol-level provider server at s.
func configureProtocolProvider(t *testing.T, srv tfprotov6.ProviderServer, schemas *tfprotov6.GetProviderSchemaResponse, s *sim.Server) {
	t.Helper()
	pt := schemas.Provider.ValueType().(tftypes.Object)
	conf, err := srv.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.12.0",
		Config: rvDynamic(t, pt, rvObject(pt, acctest.ProviderValues(s, acctest.WithAPI("")), nil))})
	if err != nil {
		t.Fatal(err)
	}
	rvNoErrors(t, "ConfigureProvider", conf.Diagnostics)
}

// With Terraform 1.12 or later (skipped on the project's 1.8.5): the state
// records identities, and import blocks that name an identity adopt objects.
func TestAccResourceIdentity_importBlocks(t *testing.T) {
	s := acctest.Start(t)
	acctest.Exec(t, s, "remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://b.s3.example.com", "remote_volume_name": "R1"})
	schedule := `
resource "exasol_backup_schedule" "nightly" {
  db_name            = exasol_database.test.db_name
  backup_name        = "nightly"
  backup_volume_name = "R1"
  level              = 0
}
`
	cfg := acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "2 GiB"}) + schedule
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{cliSupports(featureIdentity)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(dbAddr, map[string]knownvalue.Check{"db_name": knownvalue.StringExact("DB1")}),
					statecheck.ExpectIdentity("exasol_backup_schedule.nightly", map[string]knownvalue.Check{
						"db_name": knownvalue.StringExact("DB1"), "backup_name": knownvalue.StringExact("nightly"),
					}),
				},
			},
			{Config: cfg, ResourceName: dbAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
			{Config: cfg, ResourceName: "exasol_backup_schedule.nightly", ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}
