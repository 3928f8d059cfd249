package provider

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// The actions at the protocol level: the provider server is driven the way
// Terraform 1.14 drives it (GetProviderSchema, ConfigureProvider,
// ValidateActionConfig, PlanAction, InvokeAction) against a running
// simulator, so they are tested whatever Terraform CLI the project pins.

type protoProvider struct {
	t       *testing.T
	srv     tfprotov6.ProviderServer
	act     tfprotov6.ActionServer // not yet part of ProviderServer in terraform-plugin-go
	schemas *tfprotov6.GetProviderSchemaResponse
}

// newProtoProvider starts the provider server and configures it for s.
func newProtoProvider(t *testing.T, s *sim.Server) *protoProvider {
	t.Helper()
	srv, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || protoHasError(schemas.Diagnostics) {
		t.Fatalf("GetProviderSchema: %v %v", err, schemas.Diagnostics)
	}
	act, ok := srv.(tfprotov6.ActionServer)
	if !ok {
		t.Fatalf("the provider server %T serves no actions", srv)
	}
	p := &protoProvider{t: t, srv: srv, act: act, schemas: schemas}
	cfg := dynamicValue(t, schemas.Provider, acctest.ProviderValues(s, acctest.WithAPI("")))
	resp, err := srv.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.14.0", Config: cfg})
	if err != nil || protoHasError(resp.Diagnostics) {
		t.Fatalf("ConfigureProvider: %v %v", err, protoDiagText(resp.Diagnostics))
	}
	return p
}

// dynamicValue builds a configuration of schema s: the given attributes,
// every other one null.
func dynamicValue(t *testing.T, s *tfprotov6.Schema, vals map[string]tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	typ := s.ValueType().(tftypes.Object)
	all := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		all[name] = tftypes.NewValue(at, nil)
	}
	for name, v := range vals {
		if _, ok := typ.AttributeTypes[name]; !ok {
			t.Fatalf("the schema has no attribute %q", name)
		}
		all[name] = v
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, all))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func tfStr(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
func tfNum(v int64) tftypes.Value  { return tftypes.NewValue(tftypes.Number, v) }
func tfBool(v bool) tftypes.Value {
	return tftypes.NewValue(tftypes.Bool, v)
}

func protoHasError(ds []*tfprotov6.Diagnostic) bool {
	return slices.ContainsFunc(ds, func(d *tfprotov6.Diagnostic) bool { return d.Severity == tfprotov6.DiagnosticSeverityError })
}

func protoDiagText(ds []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.Severity.String() + ": " + d.Summary + ": " + d.Detail + "\n")
	}
	return b.String()
}

// invocation is what one InvokeAction produced.
type invocation struct {
	progress    []string
	diagnostics []*tfprotov6.Diagnostic
}

func (i invocation) progressText() string { return strings.Join(i.progress, "\n") }

// invoke validates, plans and invokes an action, as Terraform does.
func (p *protoProvider) invoke(action string, vals map[string]tftypes.Value) invocation {
	p.t.Helper()
	s, ok := p.schemas.ActionSchemas[action]
	if !ok {
		p.t.Fatalf("no action %s", action)
	}
	cfg := dynamicValue(p.t, s.Schema, vals)
	ctx := context.Background()
	v, err := p.act.ValidateActionConfig(ctx, &tfprotov6.ValidateActionConfigRequest{ActionType: action, Config: cfg})
	if err != nil || protoHasError(v.Diagnostics) {
		return invocation{diagnostics: v.Diagnostics}
	}
	plan, err := p.act.PlanAction(ctx, &tfprotov6.PlanActionRequest{ActionType: action, Config: cfg})
	if err != nil || protoHasError(plan.Diagnostics) {
		p.t.Fatalf("PlanAction %s: %v %s", action, err, protoDiagText(plan.Diagnostics))
	}
	stream, err := p.act.InvokeAction(ctx, &tfprotov6.InvokeActionRequest{ActionType: action, Config: cfg})
	if err != nil {
		p.t.Fatalf("InvokeAction %s: %v", action, err)
	}
	var out invocation
	completed := false
	for ev := range stream.Events {
		switch e := ev.Type.(type) {
		case tfprotov6.ProgressInvokeActionEventType:
			out.progress = append(out.progress, e.Message)
		case tfprotov6.CompletedInvokeActionEventType:
			out.diagnostics, completed = e.Diagnostics, true
		}
	}
	if !completed {
		p.t.Fatalf("InvokeAction %s sent no completion event", action)
	}
	return out
}

func TestActionsProtocol_schemas(t *testing.T) {
	srv, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"exasol_backup_abort", "exasol_backup_expiration", "exasol_backup_start", "exasol_backups_delete", "exasol_cluster_shutdown", "exasol_cluster_startup",
		"exasol_database_restart", "exasol_database_restore", "exasol_database_snapshot", "exasol_database_start", "exasol_database_stop", "exasol_plugin_command"}
	var got []string
	for name, s := range resp.ActionSchemas {
		got = append(got, name)
		if s.Schema.Block.Description == "" {
			t.Errorf("%s has no description", name)
		}
		for _, a := range s.Schema.Block.Attributes {
			if a.Description == "" {
				t.Errorf("%s.%s has no description", name, a.Name)
			}
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("actions %v, want %v", got, want)
	}
}

// Stop, start and restart send exactly their jobs and report each step.
func TestActionsProtocol_databaseVerbs(t *testing.T) {
	s := acctest.Start(t)
	acctest.SeedDatabases(t, s, []int{11}, "DB1")
	p := newProtoProvider(t, s)
	db := map[string]tftypes.Value{"db_name": tfStr("DB1")}

	s.ResetJobLog()
	stop := p.invoke("exasol_database_stop", db)
	if protoHasError(stop.diagnostics) || dbState(t, s, "DB1") != "setup" {
		t.Fatalf("stop: %s, state %s", protoDiagText(stop.diagnostics), dbState(t, s, "DB1"))
	}
	if !strings.Contains(stop.progressText(), "database DB1: stopped (setup)") {
		t.Errorf("stop progress: %q", stop.progress)
	}
	if jobs := acctest.Log(s).Changes(); !slices.Equal(jobs, []string{"db_stop"}) {
		t.Errorf("stop sent %v", jobs)
	}

	s.ResetJobLog()
	start := p.invoke("exasol_database_start", db)
	if protoHasError(start.diagnostics) || dbState(t, s, "DB1") != "running" {
		t.Fatalf("start: %s", protoDiagText(start.diagnostics))
	}
	if !strings.Contains(start.progressText(), "database DB1: running, connectible at") {
		t.Errorf("start progress: %q", start.progress)
	}
	if jobs := acctest.Log(s).Changes(); !slices.Equal(jobs, []string{"db_start"}) {
		t.Errorf("start sent %v", jobs)
	}

	s.ResetJobLog()
	restart := p.invoke("exasol_database_restart", db)
	if protoHasError(restart.diagnostics) || dbState(t, s, "DB1") != "running" {
		t.Fatalf("restart: %s", protoDiagText(restart.diagnostics))
	}
	if jobs := acctest.Log(s).Changes(); !slices.Equal(jobs, []string{"db_stop", "db_start"}) {
		t.Errorf("restart sent %v, want db_stop then db_start", jobs)
	}

	// a start of a running database sends nothing
	s.ResetJobLog()
	again := p.invoke("exasol_database_start", db)
	if protoHasError(again.diagnostics) || len(acctest.Log(s).Changes()) != 0 || !strings.Contains(again.progressText(), "already running") {
		t.Errorf("start of a running database: %v %q", acctest.Log(s).Changes(), again.progress)
	}
}

// A stop under a running backup waits for it; when the action's timeout is
// shorter, it fails naming the database and the operation, without db_stop.
func TestActionsProtocol_stopUnderBackup(t *testing.T) {
	s := acctest.Start(t, acctest.Duration("backup", 1500*time.Millisecond))
	acctest.SeedDatabases(t, s, []int{11}, "DB1")
	addBackupVolume(t, s)
	p := newProtoProvider(t, s)
	acctest.Exec(t, s, "db_backup_start", map[string]any{"db_name": "DB1", "backup_volume_name": "Backups", "level": 0})
	s.ResetJobLog()
	refused := p.invoke("exasol_database_stop", map[string]tftypes.Value{"db_name": tfStr("DB1"), "timeout": tfStr("300ms")})
	text := protoDiagText(refused.diagnostics)
	if !protoHasError(refused.diagnostics) || !strings.Contains(text, `database DB1 is still running operation "Backup"`) || !strings.Contains(text, "force_stop") {
		t.Fatalf("stop under a backup: %s", text)
	}
	if slices.Contains(acctest.Log(s).Changes(), "db_stop") || dbState(t, s, "DB1") != "running" {
		t.Fatalf("the backup was cut off: jobs %v, state %s", acctest.Log(s).Changes(), dbState(t, s, "DB1"))
	}
	if !strings.Contains(refused.progressText(), `waiting for operation "Backup" to end`) {
		t.Errorf("progress %q", refused.progress)
	}
	waited := p.invoke("exasol_database_stop", map[string]tftypes.Value{"db_name": tfStr("DB1")})
	if protoHasError(waited.diagnostics) || dbState(t, s, "DB1") != "setup" {
		t.Fatalf("stop after waiting: %s", protoDiagText(waited.diagnostics))
	}
	if l, _ := acctest.Exec(t, s, "db_backup_list", map[string]any{"db_name": "DB1"})["result_output"].([]any); len(l) != 1 {
		t.Errorf("%d backups listed, want the one that ran to its end", len(l))
	}
}

// A backup waits for completion and reports its progress.
func TestActionsProtocol_backupStart(t *testing.T) {
	s := acctest.Start(t, acctest.Duration("backup", 900*time.Millisecond))
	acctest.SeedDatabases(t, s, []int{11}, "DB1")
	addBackupVolume(t, s)
	p := newProtoProvider(t, s)

	bad := p.invoke("exasol_backup_start", map[string]tftypes.Value{"db_name": tfStr("DB1"), "backup_volume_name": tfStr("Backups"), "level": tfNum(12)})
	if !protoHasError(bad.diagnostics) || !strings.Contains(protoDiagText(bad.diagnostics), "level") {
		t.Fatalf("level 12 was not refused at validation: %s", protoDiagText(bad.diagnostics))
	}

	s.ResetJobLog()
	run := p.invoke("exasol_backup_start", map[string]tftypes.Value{
		"db_name": tfStr("DB1"), "backup_volume_name": tfStr("Backups"), "level": tfNum(0), "expire": tfStr("1w"),
	})
	if protoHasError(run.diagnostics) {
		t.Fatalf("backup: %s", protoDiagText(run.diagnostics))
	}
	text := run.progressText()
	// EXAoperation documents no backup progress (getPddProgress has no documented answer): its database operation is reported
	for _, want := range []string{"backup of DB1 (level 0) to Backups started", perAPI("% done", ": operation Backup ("), "backup of DB1 finished: "} {
		if !strings.Contains(text, want) {
			t.Errorf("progress lacks %q:\n%s", want, text)
		}
	}
	jobs, poll := acctest.Log(s).All(), perAPI("db_backup_progress", "read:getDatabaseOperation")
	if first := slices.Index(jobs, "db_backup_start"); first < 0 || !slices.Contains(jobs[first:], poll) {
		t.Errorf("jobs %v: want db_backup_start, then %s polls", jobs, poll)
	}
	started := 0
	for _, r := range acctest.Log(s).Sent(false) {
		if r.Name != "db_backup_start" {
			continue
		}
		started++
		level, expire := r.Params["level"], r.Params["expire"]
		if args, ok := r.Params["args"].([]any); ok && len(args) == 3 { // EXAoperation: backupDatabase(volume, level, expire)
			level, expire = args[1], args[2]
		}
		if expire != "1w" || level != int64(0) {
			t.Errorf("db_backup_start params %v", r.Params)
		}
	}
	if started != 1 {
		t.Errorf("%d backups started, want 1", started)
	}
	// without waiting, the action returns while the backup runs
	nowait := p.invoke("exasol_backup_start", map[string]tftypes.Value{
		"db_name": tfStr("DB1"), "backup_volume_name": tfStr("Backups"), "level": tfNum(1), "wait": tfBool(false),
	})
	if protoHasError(nowait.diagnostics) || !strings.Contains(nowait.progressText(), "not waiting") {
		t.Fatalf("wait = false: %s %q", protoDiagText(nowait.diagnostics), nowait.progress)
	}
	if op := acctest.Exec(t, s, "db_info", map[string]any{"db_name": "DB1"})["result_output"].(map[string]any)["operation"]; op != "Backup" {
		t.Errorf("operation %v right after a backup without waiting, want Backup", op)
	}
}

// Shutdown and startup of a 4-node cluster with three databases, in order,
// with ConfD's missing layers (or, on EXAoperation, the license server left
// up) reported as warnings.
func TestActionsProtocol_clusterShutdownAndStartup(t *testing.T) {
	s := acctest.Start(t, func(o *sim.Options) {
		o.Nodes = 4
		o.Durations = map[string]time.Duration{"node_boot": 300 * time.Millisecond}
	})
	nodes := []int{11, 12, 13, 14}
	acctest.SeedDatabases(t, s, nodes, "DB1", "DB2", "DB3")
	p := newProtoProvider(t, s)

	s.ResetJobLog()
	down := p.invoke("exasol_cluster_shutdown", nil)
	if protoHasError(down.diagnostics) {
		t.Fatalf("shutdown: %s", protoDiagText(down.diagnostics))
	}
	if got := acctest.Log(s).Databases("db_stop"); !slices.Equal(got, []string{"DB1", "DB2", "DB3"}) {
		t.Errorf("db_stop for %v", got)
	}
	text := down.progressText()
	for _, want := range perAPI([]string{"master: n11 runs ConfD", "database DB2: stopped",
		"storage: left running: ConfD has no job that stops the storage service", "nodes: left online: ConfD has no job that shuts nodes down",
	}, []string{"master: n0010 runs EXAoperation", "database DB2: stopped", "storage: stopped",
		"nodes: shut down n0011, n0012, n0013, n0014", "nodes: left online: n0010 runs EXAoperation",
	}) {
		if !strings.Contains(text, want) {
			t.Errorf("shutdown progress lacks %q:\n%s", want, text)
		}
	}
	if strings.Index(text, "master:") > strings.Index(text, "database DB1: stopped") ||
		strings.Index(text, "database DB3: stopped") > strings.Index(text, "storage:") {
		t.Errorf("shutdown steps out of order:\n%s", text)
	}
	// ConfD leaves the storage running; EXAoperation leaves the license server that runs it
	warning := perAPI("no job that stops the storage service", "n0010 runs EXAoperation; shut it down last")
	if !slices.ContainsFunc(down.diagnostics, func(d *tfprotov6.Diagnostic) bool {
		return d.Severity == tfprotov6.DiagnosticSeverityWarning && strings.Contains(d.Detail, warning)
	}) {
		t.Errorf("no warning %q: %s", warning, protoDiagText(down.diagnostics))
	}
	if jobs := acctest.Log(s).Changes(); !slices.Equal(jobs, stopJobs(3, nodes...)) {
		t.Errorf("shutdown sent %v, want %v", jobs, stopJobs(3, nodes...))
	}

	s.Cluster().ColdBoot()
	s.ResetJobLog()
	up := p.invoke("exasol_cluster_startup", map[string]tftypes.Value{"timeout": tfStr("1m")})
	if protoHasError(up.diagnostics) {
		t.Fatalf("startup: %s", protoDiagText(up.diagnostics))
	}
	if err := checkLayersInOrder(s, startLayers(false)...)(nil); err != nil {
		t.Error(err)
	}
	if err := checkConnectionAwaited(s)(nil); err != nil {
		t.Error(err)
	}
	for _, db := range []string{"DB1", "DB2", "DB3"} {
		if st := dbState(t, s, db); st != "running" {
			t.Errorf("%s is %s after the startup", db, st)
		}
	}
	booted := perAPI([]string{"waiting for n12, n13, n14 to boot", "nodes: 4/4 online"},
		[]string{"nodes: powered on n0011, n0012, n0013, n0014", "nodes: 5/5 online"}) // n0010 runs EXAoperation, and counts
	if text := up.progressText(); !strings.Contains(text, booted[0]) || !strings.Contains(text, booted[1]) {
		t.Errorf("startup progress, want %q:\n%s", booted, text)
	}
}
