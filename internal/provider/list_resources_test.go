package provider

import (
	"context"
	"math/big"
	"sort"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
)

// List resources need Terraform 1.14 (`terraform query`), so they are tested
// at the plugin protocol: each lists exactly what the simulator has, with
// identities, and with the whole resource when asked.
func TestListResourcesProtocol(t *testing.T) {
	s := acctest.Start(t, acctest.Nodes(2))
	acctest.Exec(t, s, "db_create", map[string]any{"db_name": "DB1", "version": "8.29.0", "data_volume_name": "DataVolume1",
		"mem_size": "2 GiB", "nodes": []int{11, 12}, "num_active_nodes": 2})
	for _, n := range []string{"R1", "R2"} {
		acctest.Exec(t, s, "remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://" + n + ".s3.example.com", "remote_volume_name": n})
	}
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
	configureProtocolProvider(t, srv, schemas, s)
	lister, ok := srv.(tfprotov6.ListResourceServer)
	if !ok {
		t.Fatal("the provider server does not serve list resources")
	}

	str := func(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	num := func(v int64) tftypes.Value { return tftypes.NewValue(tftypes.Number, big.NewFloat(float64(v))) }
	for _, tc := range []struct {
		typ       string
		names     []string
		idAttr    string
		idValues  []tftypes.Value
		attr      string // an attribute only a real read fills
		attrValue tftypes.Value
	}{
		{"exasol_database", []string{"DB1"}, "db_name", []tftypes.Value{str("DB1")}, "mem_size", str("2 GiB")},
		// not DB1's temporary volume (v0001): the database makes and removes it
		{"exasol_storage_volume", []string{"DataVolume1"}, "name", []tftypes.Value{str("DataVolume1")}, "disk", str("disk1")},
		{"exasol_remote_volume", []string{"R1", "R2"}, "remote_volume_name", []tftypes.Value{str("R1"), str("R2")}, "vol_type", str("s3")},
		{"exasol_node", []string{nodeName(11), nodeName(12)}, "id", []tftypes.Value{num(11), num(12)}, "state", str("online")},
	} {
		t.Run(tc.typ, func(t *testing.T) {
			ls := schemas.ListResourceSchemas[tc.typ]
			if ls == nil {
				t.Fatalf("no list resource %s", tc.typ)
			}
			cfg := rvDynamic(t, ls.ValueType(), tftypes.NewValue(ls.ValueType(), map[string]tftypes.Value{}))
			stream, err := lister.ListResource(ctx, &tfprotov6.ListResourceRequest{TypeName: tc.typ, Config: cfg, IncludeResource: true})
			if err != nil {
				t.Fatal(err)
			}
			itype, rtype := ids.IdentitySchemas[tc.typ].ValueType(), schemas.ResourceSchemas[tc.typ].ValueType()
			var names []string
			for r := range stream.Results {
				rvNoErrors(t, "ListResource "+r.DisplayName, r.Diagnostics)
				names = append(names, r.DisplayName)
				id := rvAttrs(t, itype, r.Identity.IdentityData)[tc.idAttr]
				if want := tc.idValues[len(names)-1]; !id.Equal(want) {
					t.Errorf("identity %s of %s = %v, want %v", tc.idAttr, r.DisplayName, id, want)
				}
				if got := rvAttrs(t, rtype, r.Resource)[tc.attr]; !got.Equal(tc.attrValue) {
					t.Errorf("%s of %s = %v, want %v", tc.attr, r.DisplayName, got, tc.attrValue)
				}
			}
			sort.Strings(names)
			if len(names) != len(tc.names) {
				t.Fatalf("listed %v, want %v", names, tc.names)
			}
			for i := range names {
				if names[i] != tc.names[i] {
					t.Fatalf("listed %v, want %v", names, tc.names)
				}
			}
			// A limit is honored.
			stream, err = lister.ListResource(ctx, &tfprotov6.ListResourceRequest{TypeName: tc.typ, Config: cfg, Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for range stream.Results {
				n++
			}
			if n != 1 {
				t.Fatalf("Limit 1 listed %d", n)
			}
		})
	}
}

// With Terraform 1.14 or later (skipped on the project's 1.8.5): `terraform
// query` discovers the cluster's databases and remote volumes.
func TestAccListResources_query(t *testing.T) {
	s := acctest.Start(t)
	acctest.Exec(t, s, "db_create", map[string]any{"db_name": "DB1", "version": "8.29.0", "data_volume_name": "DataVolume1",
		"mem_size": "2 GiB", "nodes": []int{11}, "num_active_nodes": 1})
	acctest.Exec(t, s, "remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://b.s3.example.com", "remote_volume_name": "R1"})
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{cliSupports(featureQuery)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Query: true,
			Config: acctest.Provider(s) + `
list "exasol_database" "all" {
  provider = exasol
}

list "exasol_remote_volume" "all" {
  provider = exasol
}
`,
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("exasol_database.all", 1),
				querycheck.ExpectIdentity("exasol_database.all", map[string]knownvalue.Check{"db_name": knownvalue.StringExact("DB1")}),
				querycheck.ExpectIdentity("exasol_remote_volume.all", map[string]knownvalue.Check{"remote_volume_name": knownvalue.StringExact("R1")}),
			},
		}},
	})
}
