package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// Operations that are verbs, not state, are Terraform actions (Terraform
// 1.14 and later): `terraform apply -invoke=action.exasol_database_start.x`,
// or an action_trigger in a resource's lifecycle. Each one waits for its
// operation to end within its timeout and reports progress as it goes.

var _ provider.ProviderWithActions = (*exasolProvider)(nil)

// Actions is the table of the provider's actions: each row names one, its
// schema and its run (in its action_<family>.go); an action with checks of
// its own at plan time has a constructor of its own.
func (p *exasolProvider) Actions(context.Context) []func() action.Action {
	return []func() action.Action{
		databaseStartAction,
		databaseStopAction,
		databaseRestartAction,
		backupStartAction,
		databaseRestoreAction,
		backupAbortAction,
		NewBackupsDeleteAction,
		backupExpirationAction,
		clusterStartupAction,
		clusterShutdownAction,
		NewPluginCommandAction,
		NewDatabaseSnapshotAction,
	}
}

// defaultActionTimeout bounds an action without a timeout: a database start
// or a backup on a real cluster takes minutes.
const defaultActionTimeout = 30 * time.Minute

// actionBase holds the client every action uses.
type actionBase struct{ client client.Backend }

func (a *actionBase) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// actionOf is an action whose Invoke is the prologue every action shares:
// read the configuration M, check that the provider is configured, bound
// ctx by the action's timeout attribute; then run does the work, reporting
// progress through report.
type actionOf[M any] struct {
	actionBase
	name   string // after the provider's name, e.g. "_database_start"
	schema schema.Schema
	run    func(ctx context.Context, c client.Backend, m *M, report func(string), diags *diag.Diagnostics)
}

// actionFor is the constructor of the action called name (after the
// provider's name, e.g. "_database_start") with its schema and run.
func actionFor[M any](name string, schema schema.Schema, run func(context.Context, client.Backend, *M, func(string), *diag.Diagnostics)) func() action.Action {
	return func() action.Action { return &actionOf[M]{name: name, schema: schema, run: run} }
}

var _ action.ActionWithConfigure = (*actionOf[struct{}])(nil)

func (a *actionOf[M]) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + a.name
}

func (a *actionOf[M]) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = a.schema
}

func (a *actionOf[M]) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m M
	var timeout types.String
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("timeout"), &timeout)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, report, ok := a.start(ctx, timeout, resp)
	if !ok {
		return
	}
	defer cancel()
	a.run(ctx, a.client, &m, report, &resp.Diagnostics)
}

// start bounds ctx by the action's timeout and returns the progress
// reporter; ok is false when the action cannot run.
func (a *actionBase) start(ctx context.Context, timeout types.String, resp *action.InvokeResponse) (context.Context, context.CancelFunc, func(string), bool) {
	if a.client == nil {
		resp.Diagnostics.AddError("The provider is not configured", "The exasol provider block was not configured before the action ran; this is a bug in the provider or in Terraform.")
		return ctx, func() {}, nil, false
	}
	d := defaultActionTimeout
	if !timeout.IsNull() && !timeout.IsUnknown() {
		var err error
		if d, err = time.ParseDuration(timeout.ValueString()); err != nil {
			resp.Diagnostics.AddError("Invalid timeout", err.Error())
			return ctx, func() {}, nil, false
		}
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	report := func(msg string) {
		tflog.Info(ctx, msg)
		if resp.SendProgress != nil {
			resp.SendProgress(action.InvokeProgressEvent{Message: msg})
		}
	}
	return ctx, cancel, report, true
}

// actionSchema is an action's schema: its description and attributes, and
// the timeout every action takes (waiting for waitsFor).
func actionSchema(desc, waitsFor string, attrs map[string]schema.Attribute) schema.Schema {
	attrs["timeout"] = actionTimeoutAttribute(waitsFor)
	return schema.Schema{MarkdownDescription: desc, Attributes: attrs}
}

func actionRequiredString(desc string, v ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{Required: true, MarkdownDescription: desc, Validators: v}
}

func actionOptionalString(desc string, v ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, MarkdownDescription: desc, Validators: v}
}

func actionTimeoutAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true,
		MarkdownDescription: fmt.Sprintf("How long to wait for %s, as a duration (`90s`, `30m`); default `%s`. "+
			"When it runs out the action fails, naming what it waited for.", what, defaultActionTimeout),
		Validators: []validator.String{actionDurationValidator},
	}
}

func actionDatabaseAttribute(verb string) schema.StringAttribute {
	return schema.StringAttribute{
		Required:            true,
		MarkdownDescription: "Name of the database to " + verb + ".",
		Validators:          []validator.String{nameValidator("database")},
	}
}

func actionForceStopAttribute() schema.BoolAttribute {
	return schema.BoolAttribute{
		Optional: true,
		MarkdownDescription: "Cut a running backup or restore off instead of waiting for it to end. Default false: the action waits " +
			"within its timeout and then fails naming the operation.",
	}
}

// actionDurationValidator checks a timeout at plan time.
var actionDurationValidator = stringCheck{desc: actionDurationDesc, problem: func(s string) (string, string) {
	if d, err := time.ParseDuration(s); err != nil || d <= 0 {
		return "Invalid timeout", fmt.Sprintf("%q %s.", s, actionDurationDesc)
	}
	return "", ""
}}

const actionDurationDesc = "must be a positive duration such as \"90s\" or \"30m\""
