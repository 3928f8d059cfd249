package provider

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// exampleConfig reads the attributes `name = "value"` of an example file.
func exampleConfig(t *testing.T, rel string) map[string]tftypes.Value {
	t.Helper()
	out := map[string]tftypes.Value{}
	for _, m := range regexp.MustCompile(`(?m)^\s*(\w+)\s*=\s*"([^"]*)"`).FindAllStringSubmatch(readExample(t, rel), -1) {
		out[m[1]] = tfStr(m[2])
	}
	return out
}

// pluginCalls lists the provider's callPlugin calls as "node command".
func pluginCalls(s *sim.Server) []string {
	var out []string
	for _, r := range acctest.Log(s).Sent(true) {
		if args, _ := r.Params["args"].([]any); r.Name == "callPlugin" && len(args) >= 3 {
			out = append(out, args[1].(string)+" "+args[2].(string))
		}
	}
	return out
}

// A plugin command runs once through callPlugin and reports the plugin's
// output (EXAoperation); on ConfD, which has no such job, the plan fails
// naming the interface and nothing is sent.
func TestActionsProtocol_pluginCommand(t *testing.T) {
	const plugin = "Administration.vmware-tools"
	s := acctest.Start(t, acctest.Plugins(plugin))
	p := newProtoProvider(t, s)
	example := exampleConfig(t, "actions/exasol_plugin_command/action.tf")
	if acctest.API() == client.APIConfD {
		s.ResetJobLog()
		cfg := dynamicValue(t, p.schemas.ActionSchemas["exasol_plugin_command"].Schema, example)
		plan, err := p.act.PlanAction(context.Background(), &tfprotov6.PlanActionRequest{ActionType: "exasol_plugin_command", Config: cfg})
		if err != nil {
			t.Fatal(err)
		}
		if text := protoDiagText(plan.Diagnostics); !protoHasError(plan.Diagnostics) ||
			!strings.Contains(text, "exasol_plugin_command is not available on ConfD") || !strings.Contains(text, "callPlugin") {
			t.Fatalf("the plan on ConfD: %s", text)
		}
		if jobs := acctest.Log(s).Changes(); len(jobs) != 0 {
			t.Errorf("a refused plan sent %v", jobs)
		}
		return
	}
	run := func(node, cmd string) invocation {
		t.Helper()
		return p.invoke("exasol_plugin_command", map[string]tftypes.Value{"plugin": tfStr(plugin), "node": tfStr(node), "command": tfStr(cmd)})
	}
	s.ResetJobLog()
	for _, c := range []struct{ node, cmd, out string }{
		{"n0011", "STATUS", "vmtoolsd is not running"},
		{"n0011", "START", "vmtoolsd started"},
		{"n0011", "STATUS", "vmtoolsd is running"},
	} {
		inv := run(c.node, c.cmd)
		if want := "plugin " + plugin + " on " + c.node + ": " + c.cmd + ": " + c.out; protoHasError(inv.diagnostics) || !strings.Contains(inv.progressText(), want) {
			t.Fatalf("%s %s: %s %q, want progress %q", c.node, c.cmd, protoDiagText(inv.diagnostics), inv.progress, want)
		}
	}
	if got, want := pluginCalls(s), []string{"n0011 STATUS", "n0011 START", "n0011 STATUS"}; !slices.Equal(got, want) {
		t.Errorf("callPlugin %v, want %v", got, want)
	}
	if !s.Cluster().Snapshot().PluginRunning(plugin, 11) {
		t.Error("the plugin's service does not run on n0011 after START")
	}

	// the documented example: a restart on the license server
	s.ResetJobLog()
	ex := p.invoke("exasol_plugin_command", example)
	if protoHasError(ex.diagnostics) || !strings.Contains(ex.progressText(), ": RESTART: vmtoolsd restarted") {
		t.Fatalf("the example: %s %q", protoDiagText(ex.diagnostics), ex.progress)
	}
	if got := pluginCalls(s); !slices.Equal(got, []string{"n0010 RESTART"}) {
		t.Errorf("the example sent callPlugin %v", got)
	}

	// refusals: at validation (no call), and by the cluster (named)
	s.ResetJobLog()
	bad := run("11", "STATUS")
	if !protoHasError(bad.diagnostics) || !strings.Contains(protoDiagText(bad.diagnostics), "node name such as n0011") {
		t.Errorf("node 11 was not refused at validation: %s", protoDiagText(bad.diagnostics))
	}
	if got := pluginCalls(s); len(got) != 0 {
		t.Errorf("a refused configuration sent %v", got)
	}
	unknown := p.invoke("exasol_plugin_command", map[string]tftypes.Value{"plugin": tfStr("No.such-plugin"), "node": tfStr("n0011"), "command": tfStr("STATUS")})
	if text := protoDiagText(unknown.diagnostics); !protoHasError(unknown.diagnostics) || !strings.Contains(text, "plugin No.such-plugin on n0011: STATUS") ||
		!strings.Contains(text, "callPlugin") {
		t.Errorf("an unknown plugin: %s", text)
	}
}
