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

// The bucket passwords are write-only (Terraform 1.8.5 cannot send them, so
// this plays a Terraform 1.11 at the protocol level): they reach the
// cluster on create, a new version sends a new one in place, and they
// appear neither in the plan, the state, nor the provider's TRACE log. On
// EXAoperation (addBucket, editBucketFSBucket) both passwords are sent with
// every change; ConfD's bucket_modify sends the new one only.
func TestBucket_writeOnlyPasswordsProtocol(t *testing.T) {
	add, modify := "bucket_add", "bucket_modify"
	if acctest.API() == client.APIEXAoperation {
		add, modify = "addBucket", "editBucketFSBucket"
	}
	s := acctest.Start(t, func(o *sim.Options) { o.Password = "Bucket-WO-Provider-Pass-2f" })
	const typeName = "exasol_bucket"
	const read1, write1, write2 = "Bucket-WO-Read-1a", "Bucket-WO-Write-1b", "Bucket-WO-Write-2c"
	var log syncBuffer
	ctx := tfsdklogtest.RootLogger(tflogtest.RootLogger(context.Background(), &log), &log)
	srv, schemas := configuredServerCtx(ctx, t, s, "1.11.0")
	rs := schemas.ResourceSchemas[typeName]
	attrs := map[string]*tfprotov6.SchemaAttribute{}
	for _, a := range rs.Block.Attributes {
		attrs[a.Name] = a
	}
	for _, n := range []string{"read_password_wo", "write_password_wo"} {
		if a := attrs[n]; a == nil || !a.WriteOnly || !a.Sensitive {
			t.Fatalf("%s must be write-only and sensitive: %+v", n, a)
		}
	}
	str := func(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	num := func(v int64) tftypes.Value { return tftypes.NewValue(tftypes.Number, big.NewFloat(float64(v))) }

	typ := rs.ValueType().(tftypes.Object)
	computed := func(k string) bool { return attrs[k] != nil && attrs[k].Computed }
	base := func(version int64) map[string]tftypes.Value {
		return map[string]tftypes.Value{"bucketfs_name": str("bfsdefault"), "bucket_name": str("private1"),
			"public": tftypes.NewValue(tftypes.Bool, false), "read_password_wo_version": num(1), "write_password_wo_version": num(version)}
	}
	configWith := func(write string, version int64) tftypes.Value {
		m := base(version)
		m["read_password_wo"], m["write_password_wo"] = str(read1), str(write)
		return rvObject(typ, m, nil)
	}
	null := rvDynamic(t, typ, tftypes.NewValue(typ, nil))
	cfg := configWith(write1, 1)
	_, applied := protoPlanApply(ctx, t, srv, typeName, null, rvDynamic(t, typ, rvObject(typ, base(1), computed)), rvDynamic(t, typ, cfg), "")
	st := rvAttrs(t, typ, applied.NewState)
	if !st["read_password_wo"].IsNull() || !st["write_password_wo"].IsNull() {
		t.Fatalf("the state holds a password: %v / %v", st["read_password_wo"], st["write_password_wo"])
	}
	bucket := func() (string, string) {
		b, err := s.Cluster().Snapshot().FindBucketFS("bfsdefault")
		if err != nil || b.Buckets["private1"] == nil {
			t.Fatalf("the bucket was not created: %v", err)
		}
		return b.Buckets["private1"].ReadPassword, b.Buckets["private1"].WritePassword
	}
	if r, w := bucket(); r != read1 || w != write1 {
		t.Fatalf("the cluster has passwords %q / %q", r, w)
	}

	// A new write version sends the new write password in place, and only it.
	prop := rvAttrs(t, typ, applied.NewState)
	prop["write_password_wo_version"] = num(2)
	cfg = configWith(write2, 2)
	plan, applied := protoPlanApply(ctx, t, srv, typeName, applied.NewState, rvDynamic(t, typ, rvObject(typ, prop, nil)), rvDynamic(t, typ, cfg), " (rotation)")
	if len(plan.RequiresReplace) != 0 {
		t.Fatalf("a new password version must not replace the bucket: %v", plan.RequiresReplace)
	}
	if r, w := bucket(); r != read1 || w != write2 {
		t.Fatalf("after the rotation the cluster has %q / %q", r, w)
	}
	if acctest.API() == client.APIConfD {
		var sent map[string]any
		for _, r := range s.JobLog() {
			if r.Name == "bucket_modify" {
				sent = r.Params
			}
		}
		if _, ok := sent["read_password"]; ok || sent["write_password"] != write2 {
			t.Fatalf("bucket_modify sent %v, want the new write password only", redactForTest(sent))
		}
	}

	// Made public in place: EXAoperation's editBucketFSBucket is sent the
	// passwords again (the configuration's, unchanged).
	prop = rvAttrs(t, typ, applied.NewState)
	prop["public"] = tftypes.NewValue(tftypes.Bool, true)
	pub := map[string]tftypes.Value{}
	for k, v := range rvAttrs(t, typ, rvDynamic(t, typ, cfg)) {
		pub[k] = v
	}
	pub["public"] = tftypes.NewValue(tftypes.Bool, true)
	cfg = rvObject(typ, pub, nil)
	_, applied = protoPlanApply(ctx, t, srv, typeName, applied.NewState, rvDynamic(t, typ, rvObject(typ, prop, nil)), rvDynamic(t, typ, cfg), " (public)")
	if b, _ := s.Cluster().Snapshot().FindBucketFS("bfsdefault"); !b.Buckets["private1"].Public {
		t.Fatal("the bucket was not made public")
	}
	if r, w := bucket(); r != read1 || w != write2 {
		t.Fatalf("after the change of public the cluster has %q / %q", r, w)
	}
	if st := rvAttrs(t, typ, applied.NewState); !st["public"].Equal(tftypes.NewValue(tftypes.Bool, true)) {
		t.Fatalf("public in the state: %v", st["public"])
	}

	// Deleted out of band: a refresh removes it from the state, and warns.
	acctest.Exec(t, s, "bucket_delete", map[string]any{"bucketfs_name": "bfsdefault", "bucket_name": "private1"})
	read, err := srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: typeName, CurrentState: applied.NewState})
	if err != nil {
		t.Fatal(err)
	}
	rvNoErrors(t, "ReadResource (deleted)", read.Diagnostics)
	if len(read.Diagnostics) != 1 || read.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityWarning ||
		read.Diagnostics[0].Summary != "The bucket bfsdefault/private1 no longer exists" {
		t.Fatalf("a bucket deleted out of band must leave the state with one warning saying so: %+v", read.Diagnostics)
	}
	if v, err := read.NewState.Unmarshal(typ); err != nil || !v.IsNull() {
		t.Fatalf("a bucket deleted out of band is still in the state: %v %v", v, err)
	}

	out := log.String()
	if !strings.Contains(out, add) || !strings.Contains(out, modify) {
		t.Fatalf("the log lacks the jobs, so it proves nothing (%d bytes)", len(out))
	}
	for _, secret := range []string{read1, write1, write2} {
		if strings.Contains(out, secret) {
			t.Fatalf("a password (%s…) appears in the TRACE log", secret[:12])
		}
	}
}

func redactForTest(p map[string]any) map[string]any {
	out := map[string]any{}
	for k := range p {
		out[k] = "…"
	}
	return out
}
