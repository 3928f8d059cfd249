package provider

import (
	"context"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	"github.com/hashicorp/terraform-plugin-log/tfsdklogtest"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// The write-only key (at the protocol level, as Terraform 1.11 drives it)
// is uploaded with the chain and appears neither in the state nor in the
// TRACE log.
func TestTLSCertificate_writeOnlyKeyProtocol(t *testing.T) {
	s := acctest.Start(t, func(o *sim.Options) { o.Password = "TLS-WO-Provider-Pass-4a" })
	const typeName = "exasol_tls_certificate"
	chain, key := tlsChain(t, "cluster-wo", 90*24*time.Hour)
	keyLine := strings.Split(key, "\n")[1]
	var log syncBuffer
	ctx := tfsdklogtest.RootLogger(tflogtest.RootLogger(context.Background(), &log), &log)
	srv, schemas := configuredServerCtx(ctx, t, s, "1.11.0")
	rs := schemas.ResourceSchemas[typeName]
	attrs := map[string]*tfprotov6.SchemaAttribute{}
	for _, a := range rs.Block.Attributes {
		attrs[a.Name] = a
	}
	if a := attrs["private_key_wo"]; a == nil || !a.WriteOnly || !a.Sensitive {
		t.Fatalf("private_key_wo must be write-only and sensitive: %+v", a)
	}
	str := func(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	typ := rs.ValueType().(tftypes.Object)
	computed := func(k string) bool { return attrs[k] != nil && attrs[k].Computed }
	base := map[string]tftypes.Value{"certificate": str(chain), "private_key_wo_version": tftypes.NewValue(tftypes.Number, big.NewFloat(1))}
	cfgMap := map[string]tftypes.Value{"private_key_wo": str(key)}
	for k, v := range base {
		cfgMap[k] = v
	}
	cfg := rvDynamic(t, typ, rvObject(typ, cfgMap, nil))
	null := rvDynamic(t, typ, tftypes.NewValue(typ, nil))
	_, applied := protoPlanApply(ctx, t, srv, typeName, null, rvDynamic(t, typ, rvObject(typ, base, computed)), cfg, "")
	st := rvAttrs(t, typ, applied.NewState)
	if !st["private_key_wo"].IsNull() || !st["private_key"].IsNull() {
		t.Fatal("the state holds the key")
	}
	if s.Cluster().Snapshot().TLSCertChain != chain {
		t.Fatal("the chain did not reach the cluster")
	}
	out := log.String()
	if !strings.Contains(out, "cert_update") && !strings.Contains(out, "uploadTlsFiles") {
		t.Fatalf("the log lacks the upload, so it proves nothing (%d bytes)", len(out))
	}
	if strings.Contains(out, keyLine) {
		t.Fatal("the key appears in the TRACE log")
	}
}
