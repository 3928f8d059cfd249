package provider

import (
	"context"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	"github.com/hashicorp/terraform-plugin-log/tfsdklogtest"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// A system user's write-only password (at the protocol level, as Terraform
// 1.11 drives it): sent by user_create (addUser), a new version sends the
// new one by user_passwd (editUser) in place; it is in neither the state
// nor the TRACE log.
func TestSystemUser_writeOnlyPasswordProtocol(t *testing.T) {
	s := acctest.Start(t, func(o *sim.Options) { o.Password = "User-WO-Provider-Pass-7e" })
	create, change := "user_create", "user_passwd"
	if acctest.API() != client.APIConfD {
		create, change = "addUser", "editUser"
	}
	const typeName, first, second = "exasol_system_user", "User-WO-Secret-1d", "User-WO-Secret-2e"
	var log syncBuffer
	ctx := tfsdklogtest.RootLogger(tflogtest.RootLogger(context.Background(), &log), &log)
	srv, schemas := configuredServerCtx(ctx, t, s, "1.11.0")
	rs := schemas.ResourceSchemas[typeName]
	attrs := map[string]*tfprotov6.SchemaAttribute{}
	for _, a := range rs.Block.Attributes {
		attrs[a.Name] = a
	}
	if a := attrs["password_wo"]; a == nil || !a.WriteOnly || !a.Sensitive {
		t.Fatalf("password_wo must be write-only and sensitive: %+v", a)
	}
	str := func(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	num := func(v int64) tftypes.Value { return tftypes.NewValue(tftypes.Number, big.NewFloat(float64(v))) }
	typ := rs.ValueType().(tftypes.Object)
	computed := func(k string) bool { return attrs[k] != nil && attrs[k].Computed }
	base := func(version int64) map[string]tftypes.Value {
		if acctest.API() != client.APIConfD { // EXAoperation chooses the id and has no groups
			return map[string]tftypes.Value{"username": str("ana"), "password_wo_version": num(version)}
		}
		return map[string]tftypes.Value{"username": str("ana"), "userid": num(1300), "group": str("exausers"), "password_wo_version": num(version)}
	}
	configWith := func(pw string, version int64) tftypes.Value {
		m := base(version)
		m["password_wo"] = str(pw)
		return rvObject(typ, m, nil)
	}
	password := func() string {
		if acctest.API() != client.APIConfD {
			_, pw, _ := s.EXAoperationUser("ana")
			return pw
		}
		u, err := s.Cluster().Snapshot().FindSysUser("ana")
		if err != nil {
			t.Fatal(err)
		}
		return u.Password
	}
	null := rvDynamic(t, typ, tftypes.NewValue(typ, nil))
	cfg := configWith(first, 1)
	_, applied := protoPlanApply(ctx, t, srv, typeName, null, rvDynamic(t, typ, rvObject(typ, base(1), computed)), rvDynamic(t, typ, cfg), "")
	if st := rvAttrs(t, typ, applied.NewState); !st["password_wo"].IsNull() {
		t.Fatalf("the state holds the password")
	}
	if got := password(); got != first {
		t.Fatalf("the cluster has password %q", got)
	}
	prop := rvAttrs(t, typ, applied.NewState)
	prop["password_wo_version"] = num(2)
	cfg = configWith(second, 2)
	plan, _ := protoPlanApply(ctx, t, srv, typeName, applied.NewState, rvDynamic(t, typ, rvObject(typ, prop, nil)), rvDynamic(t, typ, cfg), " (rotation)")
	if len(plan.RequiresReplace) != 0 {
		t.Fatalf("a new password version must not replace the user: %v", plan.RequiresReplace)
	}
	if got := password(); got != second {
		t.Fatalf("after the rotation the cluster has %q", got)
	}
	out := log.String()
	if !strings.Contains(out, create) || !strings.Contains(out, change) {
		t.Fatalf("the log lacks the jobs, so it proves nothing (%d bytes)", len(out))
	}
	for _, secret := range []string{first, second} {
		if strings.Contains(out, secret) {
			t.Fatalf("a password (%s…) appears in the TRACE log", secret[:10])
		}
	}
}
