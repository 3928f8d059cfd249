package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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

// Actions lists the provider's actions.
func (p *exasolProvider) Actions(context.Context) []func() action.Action {
	return []func() action.Action{
		NewDatabaseStartAction, NewDatabaseStopAction, NewDatabaseRestartAction,
		NewBackupStartAction, NewDatabaseRestoreAction, NewBackupAbortAction, NewBackupsDeleteAction, NewBackupExpirationAction,
		NewClusterStartupAction, NewClusterShutdownAction,
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

func actionTimeoutAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true,
		MarkdownDescription: fmt.Sprintf("How long to wait for %s, as a duration (`90s`, `30m`); default `%s`. "+
			"When it runs out the action fails, naming what it waited for.", what, defaultActionTimeout),
		Validators: []validator.String{actionDurationValidator{}},
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
type actionDurationValidator struct{}

func (actionDurationValidator) Description(context.Context) string {
	return "must be a positive duration such as \"90s\" or \"30m\""
}

func (v actionDurationValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v actionDurationValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if d, err := time.ParseDuration(req.ConfigValue.ValueString()); err != nil || d <= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid timeout",
			fmt.Sprintf("%q %s.", req.ConfigValue.ValueString(), v.Description(ctx)))
	}
}

// stopDatabase stops one database for an action and reports how.
func stopDatabase(ctx context.Context, c client.Backend, name string, force bool, report func(string), diags *diag.Diagnostics) bool {
	d, err := c.DBInfo(ctx, name)
	if err != nil {
		diags.AddError("Cannot stop database "+name, err.Error())
		return false
	}
	if d.State == client.DBStateSetup {
		report(fmt.Sprintf("database %s: already stopped (setup)", name))
		return true
	}
	if !d.Idle() {
		if force {
			report(fmt.Sprintf("database %s: stopping, cutting off operation %q (force_stop)", name, d.Operation))
		} else {
			report(fmt.Sprintf("database %s: waiting for operation %q to end before stopping it", name, d.Operation))
		}
	} else {
		report(fmt.Sprintf("database %s: stopping (state %s)", name, d.State))
	}
	if _, err := c.StopDatabase(ctx, name, force); err != nil {
		diags.AddError("Cannot stop database "+name, explain(err))
		return false
	}
	report(fmt.Sprintf("database %s: stopped (setup)", name))
	return true
}

// startDatabase starts one database for an action and reports how.
func startDatabase(ctx context.Context, c client.Backend, name string, report func(string), diags *diag.Diagnostics) bool {
	d, err := c.DBInfo(ctx, name)
	if err != nil {
		diags.AddError("Cannot start database "+name, err.Error())
		return false
	}
	if d.State == client.DBStateRunning && d.Connectible {
		report(fmt.Sprintf("database %s: already running, connectible at %s", name, d.ConnectionString))
		return true
	}
	report(fmt.Sprintf("database %s: starting (state %s)", name, d.State))
	if d, err = c.StartDatabase(ctx, name); err != nil {
		diags.AddError("Cannot start database "+name, err.Error())
		return false
	}
	report(fmt.Sprintf("database %s: running, connectible at %s", name, d.ConnectionString))
	return true
}
