package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// The resource base. Every resource embeds resourceBase: it carries the
// client and the plan-time preflight of the provider instance (both from
// Configure), and the object's reader, so that Read, the read-back after a
// change, the list resource and the data sources map the cluster's answer to
// the model in one place (<object>_model.go). A resource file then holds its
// schema and the calls that change the object.

// object is how one kind of object is read from the cluster and mapped to
// its model M; O is what the client returns.
type object[M, O any] struct {
	kind string                                               // as diagnostics name it: "storage volume"
	name func(m *M) string                                    // as diagnostics name one object
	get  func(context.Context, client.Backend, *M) (O, error) // reads the object the model names
	// fill sets every attribute from what the cluster reports, never from
	// the plan.
	fill func(m *M, ctx context.Context, o O, diags *diag.Diagnostics)
	// refresh, where set, adds what only Read takes from the cluster (not
	// the read-back after a change, a data source or a listing).
	refresh  func(m *M, o O)
	identity func(m *M) any // the resource identity; nil where there is none
}

// byName is the reader of an object of kind that the model's attribute
// name names, get reading it by that name.
func byName[M, O any](kind string, name func(m *M) types.String, get func(client.Backend, context.Context, string) (O, error),
	fill func(*M, context.Context, O, *diag.Diagnostics)) object[M, O] {
	return object[M, O]{kind: kind, fill: fill,
		name: func(m *M) string { return name(m).ValueString() },
		get: func(ctx context.Context, c client.Backend, m *M) (O, error) {
			return get(c, ctx, name(m).ValueString())
		}}
}

// readStepError names a read of the object after the first (the state of a
// remote volume after its info), whose failure diagnostics name on its own.
type readStepError struct {
	what string
	err  error
}

func (e *readStepError) Error() string { return e.what + ": " + e.err.Error() }
func (e *readStepError) Unwrap() error { return e.err }

// objectChanges are the calls that change a resource's object, the part of
// Create, Update and Delete that is the resource's own: the base has read
// the plan (and the prior state) or the state, and bounded ctx by the
// operation's timeout.
type objectChanges[M any] interface {
	create(ctx context.Context, req resource.CreateRequest, plan *M, resp *resource.CreateResponse)
	update(ctx context.Context, req resource.UpdateRequest, plan, prior *M, resp *resource.UpdateResponse)
	delete(ctx context.Context, state *M, resp *resource.DeleteResponse)
}

// resourceBase is embedded by every resource.
type resourceBase[M, O any] struct {
	name      string // after the provider's name, e.g. "_database"
	client    client.Backend
	preflight *preflight // nil while unconfigured and with skip_preflight
	object    object[M, O]
	changes   objectChanges[M] // the resource itself
}

// newResource is the constructor of the resource r called name (after the
// provider's name, e.g. "_database"), whose object o reads; r makes the
// changes.
func newResource[M, O any](r interface {
	resource.ResourceWithModifyPlan
	objectChanges[M]
	base() *resourceBase[M, O]
}, name string, o object[M, O]) resource.Resource {
	*r.base() = resourceBase[M, O]{name: name, object: o, changes: r}
	return r
}

func (b *resourceBase[M, O]) base() *resourceBase[M, O] { return b }

func (b *resourceBase[M, O]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, ctx, cancel, ok := begin[M](ctx, req.Plan, onCreate, &resp.Diagnostics)
	defer cancel()
	if ok {
		b.changes.create(ctx, req, plan, resp)
	}
}

func (b *resourceBase[M, O]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, ctx, cancel, ok := begin[M](ctx, req.Plan, onUpdate, &resp.Diagnostics)
	defer cancel()
	prior := new(M)
	if resp.Diagnostics.Append(req.State.Get(ctx, prior)...); ok && !resp.Diagnostics.HasError() {
		b.changes.update(ctx, req, plan, prior, resp)
	}
}

func (b *resourceBase[M, O]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, ctx, cancel, ok := begin[M](ctx, req.State, onDelete, &resp.Diagnostics)
	defer cancel()
	if ok {
		b.changes.delete(ctx, state, resp)
	}
}

// planned starts a resource's preflight checks in ModifyPlan: it records
// the prior state (priorFor, before any early return), and returns the
// planned model only when the preflight runs and this plan creates or
// changes the resource. replacement: this call plans the create half of a
// replacement.
func (b *resourceBase[M, O]) planned(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) (plan, prior *M, replacement bool) {
	prior, replacement = priorFor[M](ctx, b.preflight, strings.TrimPrefix(b.name, "_"), req, &resp.Diagnostics)
	if b.preflight == nil || !planChanges(req, resp) {
		return nil, prior, replacement
	}
	plan = new(M)
	if resp.Diagnostics.Append(resp.Plan.Get(ctx, plan)...); resp.Diagnostics.HasError() {
		return nil, prior, replacement
	}
	return plan, prior, replacement
}

// planChecks are a resource's own checks at plan time (<object>_plan.go).
type planChecks interface {
	checkPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse)
}

// preflightChecks check a planned object against the cluster
// (preflight.go), with the plan and the prior state as planned returns
// them.
type preflightChecks[M any] interface {
	checkCluster(ctx context.Context, plan, prior *M, replacement bool, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse)
}

// ModifyPlan refuses what the cluster's interface cannot do (client
// Limits), before anything else; then the resource's own checks run, and
// last its checks against the cluster, where it has them.
func (b *resourceBase[M, O]) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !checkLimits(ctx, b.client, "exasol"+b.name, req, &resp.Diagnostics) {
		return
	}
	if c, ok := b.changes.(planChecks); ok {
		c.checkPlan(ctx, req, resp)
	}
	if c, ok := b.changes.(preflightChecks[M]); ok {
		if plan, prior, replacement := b.planned(ctx, req, resp); plan != nil {
			c.checkCluster(ctx, plan, prior, replacement, req, resp)
		}
	}
}

func (b *resourceBase[M, O]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + b.name
}

func (b *resourceBase[M, O]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.client, b.preflight = fromProviderData(req.ProviderData, &resp.Diagnostics)
}

// setAttributes records attrs (name: value) in st: what an import names, or
// what a create made before its read-back can fail.
func setAttributes(ctx context.Context, st *tfsdk.State, diags *diag.Diagnostics, attrs map[string]any) {
	for _, name := range slices.Sorted(maps.Keys(attrs)) {
		diags.Append(st.SetAttribute(ctx, path.Root(name), attrs[name])...)
	}
}

// importByName imports an object whose id is its name (the attribute name).
func importByName(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, name string) {
	setAttributes(ctx, &resp.State, &resp.Diagnostics, map[string]any{"id": req.ID, name: req.ID})
}

// importSingleton imports the one object of its kind, whose import id is
// always id (why says why there is one), with the attributes more.
func importSingleton(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, typeName, id, why string, more map[string]any) {
	if req.ID != id {
		resp.Diagnostics.AddError("Invalid import id", fmt.Sprintf("Import %s by the id %q%s, not %q.", typeName, id, why, req.ID))
		return
	}
	attrs := map[string]any{"id": id}
	maps.Copy(attrs, more)
	setAttributes(ctx, &resp.State, &resp.Diagnostics, attrs)
}

// configString is the string attribute name of the configuration: where
// a write-only value is, never in the plan or state.
func configString(ctx context.Context, config tfsdk.Config, name string, diags *diag.Diagnostics) types.String {
	var v types.String
	diags.Append(config.GetAttribute(ctx, path.Root(name), &v)...)
	return v
}

// crud is a CRUD operation, for its timeout.
type crud int

const (
	onCreate crud = iota
	onRead
	onUpdate
	onDelete
)

// source is a request's plan or state.
type source interface {
	Get(ctx context.Context, target any) diag.Diagnostics
	GetAttribute(ctx context.Context, p path.Path, target any) diag.Diagnostics
}

// begin is the preamble of every CRUD method: it reads the model from the
// plan or state and bounds ctx by the operation's timeout (the resource's
// timeouts block or the default). Not ok: the diagnostics say why, and
// cancel is a no-op.
func begin[M any](ctx context.Context, src source, o crud, diags *diag.Diagnostics) (*M, context.Context, context.CancelFunc, bool) {
	m := new(M)
	diags.Append(src.Get(ctx, m)...)
	if diags.HasError() {
		return m, ctx, func() {}, false
	}
	var t timeouts.Value
	diags.Append(src.GetAttribute(ctx, path.Root("timeouts"), &t)...)
	if diags.HasError() {
		return m, ctx, func() {}, false
	}
	bound := [...]struct {
		f   timeoutFunc
		def time.Duration
	}{
		onCreate: {t.Create, defaultCreateTimeout},
		onRead:   {t.Read, defaultReadTimeout},
		onUpdate: {t.Update, defaultUpdateTimeout},
		onDelete: {t.Delete, defaultDeleteTimeout},
	}[o]
	ctx, cancel, ok := withTimeout(ctx, bound.f, bound.def, diags)
	return m, ctx, cancel, ok
}

// Read refreshes the state from the cluster; an object the cluster no
// longer has leaves the state with a warning.
func (b *resourceBase[M, O]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, ctx, cancel, ok := begin[M](ctx, req.State, onRead, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	// Known before the cluster answers, so that an object gone since an import
	// by id still leaves with its identity.
	b.setIdentity(ctx, resp.Identity, state, &resp.Diagnostics)
	o, err := b.object.get(ctx, b.client, state)
	var step *readStepError
	if errors.As(err, &step) {
		resp.Diagnostics.AddError("Cannot read "+step.what, clientErrorDetail(step.err))
		return
	}
	if readFailed(ctx, resp, b.object.kind, b.object.name(state), err) {
		return
	}
	b.object.fill(state, ctx, o, &resp.Diagnostics)
	if b.object.refresh != nil {
		b.object.refresh(state, o)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	b.setIdentity(ctx, resp.Identity, state, &resp.Diagnostics)
}

// readBack refreshes m from the cluster after a change, so that the state
// records what the cluster has, also after a failure midway.
func (b *resourceBase[M, O]) readBack(ctx context.Context, m *M, diags *diag.Diagnostics) {
	// The change may have failed because its deadline passed; the read-back
	// still gets its own short deadline.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	o, err := b.object.get(ctx, b.client, m)
	var step *readStepError
	switch {
	case errors.As(err, &step):
		readBackFailed(diags, step.what, step.err)
	case err != nil:
		readBackFailed(diags, b.object.kind+" "+b.object.name(m), err)
	default:
		b.object.fill(m, ctx, o, diags)
	}
}

// save ends Create and Update: the state records m (unknowns the read-back
// left become null) and the identity.
func (b *resourceBase[M, O]) save(ctx context.Context, st *tfsdk.State, id *tfsdk.ResourceIdentity, m *M, diags *diag.Diagnostics) {
	diags.Append(st.Set(ctx, m)...)
	settle(st)
	b.setIdentity(ctx, id, m, diags)
}

func (b *resourceBase[M, O]) setIdentity(ctx context.Context, id *tfsdk.ResourceIdentity, m *M, diags *diag.Diagnostics) {
	if b.object.identity != nil {
		setIdentity(ctx, id, b.object.identity(m), diags)
	}
}

// read reads the object m names and fills m: the data sources and the list
// resources, where a missing object is an error like any other.
func (o object[M, O]) read(ctx context.Context, c client.Backend, m *M, diags *diag.Diagnostics) {
	v, err := o.get(ctx, c, m)
	var step *readStepError
	switch {
	case errors.As(err, &step):
		diags.AddError("Cannot read "+step.what, clientErrorDetail(step.err))
	case err != nil:
		diags.AddError("Cannot read "+o.kind+" "+o.name(m), clientErrorDetail(err))
	default:
		o.fill(m, ctx, v, diags)
	}
}
