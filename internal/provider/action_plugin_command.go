package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// exasol_plugin_command runs one command of an EXAoperation plugin on one
// node (callPlugin(plugin, node, command), as the seed's runbook does for
// the plugin services). ConfD has no job that runs plugin commands: there
// the plan fails, naming the interface.

var _ action.ActionWithModifyPlan = (*pluginCommandAction)(nil)

// pluginRunner is a management interface that runs plugin commands (EXAoperation).
type pluginRunner interface {
	PluginCommand(ctx context.Context, plugin, node, command string) (string, error)
}

// NewPluginCommandAction is exasol_plugin_command.
func NewPluginCommandAction() action.Action {
	return &pluginCommandAction{actionOf[pluginCommandModel]{name: "_plugin_command", schema: actionSchema("Runs a command of an installed plugin on one node through EXAoperation (`callPlugin`), e.g. `STATUS`, `START`, "+
		"`STOP` or `RESTART` of `Administration.vmware-tools`, and reports the plugin's output. EXAoperation (Exasol 6) only: "+
		"ConfD has no job that runs plugin commands, and on ConfD the plan fails saying so. The data source `exasol_plugins` lists the plugins.",
		"the plugin's answer", map[string]schema.Attribute{
			"plugin":  actionRequiredString("Name of the plugin, e.g. `Administration.vmware-tools`.", stringvalidator.LengthAtLeast(1)),
			"node":    actionRequiredString("Node to run the command on, as EXAoperation names it: `n0011` for node 11, `n0010` for the license server.", stringvalidator.RegexMatches(regexp.MustCompile(`^n[0-9]+$`), "must be a node name such as n0011")),
			"command": actionRequiredString("The plugin's command, e.g. `STATUS`, `START`, `STOP` or `RESTART`. It is run once; an answer that is lost is not repeated.", stringvalidator.RegexMatches(regexp.MustCompile(`^\S+$`), "must be one word, e.g. STATUS")),
		}), run: runPluginCommand}}
}

type pluginCommandAction struct{ actionOf[pluginCommandModel] }

type pluginCommandModel struct {
	Plugin  types.String `tfsdk:"plugin"`
	Node    types.String `tfsdk:"node"`
	Command types.String `tfsdk:"command"`
	Timeout types.String `tfsdk:"timeout"`
}

// ModifyPlan fails the plan where the interface runs no plugin commands.
func (a *pluginCommandAction) ModifyPlan(_ context.Context, _ action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	if a.client == nil {
		return // not configured yet: Invoke says so
	}
	if _, ok := client.DialectAs[pluginRunner](a.client); !ok {
		api := apiNames[a.client.API()]
		resp.Diagnostics.AddError("exasol_plugin_command is not available on "+api,
			fmt.Sprintf("The cluster is managed through %s, which has no job that runs a plugin's commands; exasol_plugin_command "+
				"runs EXAoperation's callPlugin (Exasol 6). Remove the action, or run the command on the cluster's nodes.", api))
	}
}

func runPluginCommand(ctx context.Context, c client.Backend, m *pluginCommandModel, report func(string), diags *diag.Diagnostics) {
	pr, ok := client.DialectAs[pluginRunner](c)
	if !ok {
		diags.AddError("exasol_plugin_command is not available on "+apiNames[c.API()],
			"The cluster's management interface has no job that runs a plugin's commands.")
		return
	}
	plugin, node, cmd := m.Plugin.ValueString(), m.Node.ValueString(), m.Command.ValueString()
	what := fmt.Sprintf("plugin %s on %s: %s", plugin, node, cmd)
	report(what + ": sent")
	out, err := pr.PluginCommand(ctx, plugin, node, cmd)
	if err != nil {
		diags.AddError("The plugin command failed", what+": "+clientErrorDetail(err))
		return
	}
	report(what + ": " + out)
}
