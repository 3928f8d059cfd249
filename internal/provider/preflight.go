package provider

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/units"
)

// Plan-time preflight: where the cluster answers at plan time, every
// resource checks the values it plans against the live cluster (the
// <object>_plan.go files), so that a mistake the cluster would refuse
// at apply fails the plan instead, before anything is changed.
//
// The rules all checks follow:
//   - only creates and updates that change something are checked; a plan
//     without changes and a destroy cost no call;
//   - a value unknown at plan time (a reference to an object created in the
//     same run) is skipped, never guessed;
//   - reads go through one cached view per provider instance (one plan run),
//     client.Preflight; a check that fails is run again on fresh reads before
//     it fails the plan, so a stale view never invents a problem;
//   - an object that does not exist yet counts as present when a resource of
//     this run planned it before: Terraform plans (and applies) a resource
//     after the resources it references, so a reference or depends_on makes
//     the check see it;
//   - when the cluster cannot be read, the plan goes on with a warning, or
//     fails when strict_preflight is set; when it refuses the credentials or
//     its certificate is not trusted, the plan fails with one error.

// preflight is the plan-time state of one provider instance.
type preflight struct {
	view    *client.Preflight
	strict  bool
	planned plannedObjects
	// priors holds the prior state of resources planned with one, by
	// resource type and configuration (see priorOf).
	priors sync.Map
	// refusedOnce: the cluster's refusal of the provider is reported once.
	refusedOnce sync.Once
}

// preflightTimeout bounds the reads of one resource's checks, so that a
// cluster that hangs delays a plan by this much at most. (Our choice.)
const preflightTimeout = 2 * time.Minute

func newPreflight(c client.Backend, strict bool) *preflight {
	return &preflight{view: client.NewPreflight(c), strict: strict}
}

// preflightSettings reads strict_preflight and skip_preflight; the provider
// block wins over EXASOL_STRICT_PREFLIGHT and EXASOL_SKIP_PREFLIGHT.
func preflightSettings(strictAttr, skipAttr types.Bool, diags *diag.Diagnostics) (strict, skip bool) {
	read := func(v types.Bool, name, env string) bool {
		if v.IsUnknown() {
			diags.AddAttributeError(path.Root(name), "Unknown provider setting",
				name+" must be known at plan time: set it from a literal or a variable.")
			return false
		}
		if !v.IsNull() {
			return v.ValueBool()
		}
		s := os.Getenv(env)
		if s == "" {
			return false
		}
		b, err := strconv.ParseBool(s)
		if err != nil {
			diags.AddError("Invalid "+env, env+" must be true or false, not "+strconv.Quote(s)+".")
		}
		return b
	}
	strict = read(strictAttr, "strict_preflight", "EXASOL_STRICT_PREFLIGHT")
	skip = read(skipAttr, "skip_preflight", "EXASOL_SKIP_PREFLIGHT")
	if strict && skip {
		diags.AddAttributeError(path.Root("strict_preflight"), "Contradictory preflight settings",
			"strict_preflight asks to fail a plan whose checks cannot run, skip_preflight not to run them at all "+
				"(in the provider block or EXASOL_* variables). Set one of them.")
	}
	return strict, skip
}

// planChanges reports whether a plan creates or changes the resource: only
// those are checked. A destroy has a null plan; a plan without changes equals
// the state.
func planChanges(req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) bool {
	if resp.Plan.Raw.IsNull() {
		return false
	}
	return req.State.Raw.IsNull() || !resp.Plan.Raw.Equal(req.State.Raw)
}

// priorOf returns the object a planned create replaces, or nil for a true
// create. Terraform plans a replacement in two calls: first with the prior
// state (where the schema forces the replacement), then the new object as a
// create without prior state, with the same configuration. The first call
// leaves the prior state here, so that the create's checks leave the object
// it replaces out: that one is deleted first.
func (p *preflight) priorOf(typ string, req resource.ModifyPlanRequest, prior any) any {
	key := typ + "\x00" + req.Config.Raw.String()
	if !req.State.Raw.IsNull() {
		p.priors.Store(key, prior)
		return nil
	}
	v, _ := p.priors.Load(key)
	return v
}

// ownObject: a planned create that collides with an object that has the
// configuration's own defining settings (a node's id and address, a volume's
// name, type and disk, a remote volume's name and URL, a schedule's name,
// volume and level) is not refused at plan time. It is most likely this
// configuration's own object from a create that failed half-way: Terraform
// records it tainted and plans its replacement as a create without prior
// state, destroying the old object first. Should it really be someone
// else's, the cluster refuses the create at apply, naming it.

// priorFor returns the object a planned change replaces or updates, and
// whether this call plans the create half of a replacement. It records the
// prior state before any early return: the create half of a replacement is
// planned without prior state, and the replacement of a tainted object (one
// whose create failed half-way) plans no change of its own, so the checks of
// the create must learn here which object goes first.
func priorFor[T any](ctx context.Context, pf *preflight, typ string, req resource.ModifyPlanRequest, diags *diag.Diagnostics) (prior *T, replacement bool) {
	if pf == nil || req.Plan.Raw.IsNull() {
		return nil, false
	}
	if !req.State.Raw.IsNull() {
		prior = new(T)
		diags.Append(req.State.Get(ctx, prior)...)
		pf.priorOf(typ, req, prior)
		return prior, false
	}
	prior, replacement = pf.priorOf(typ, req, nil).(*T)
	return prior, replacement
}

// check runs the cluster-side checks of one resource. fn reads through the
// cached view and returns what it found; when that includes an error, the
// view is dropped and fn runs once more on fresh reads, and only that
// answer counts. An error of fn means the cluster could not be read.
func (p *preflight) check(ctx context.Context, diags *diag.Diagnostics, what string, fn func(context.Context) (diag.Diagnostics, error)) {
	ctx, cancel := context.WithTimeout(ctx, preflightTimeout)
	defer cancel()
	ds, err := fn(ctx)
	if err == nil && ds.HasError() {
		p.view.Invalidate()
		ds, err = fn(ctx)
	}
	if err != nil {
		if client.IsAuth(err) || client.IsTrust(err) {
			p.refused(diags, err)
			return
		}
		if p.strict {
			diags.AddError("Preflight checks of "+what+" could not run",
				"strict_preflight is set, and the cluster could not be read to check the plan: "+clientErrorDetail(err))
			return
		}
		diags.AddWarning("Preflight checks of "+what+" skipped",
			"The cluster could not be read at plan time, so the plan was not checked against it: "+clientErrorDetail(err)+
				"\n\nThe apply still fails if the cluster refuses a change. Set strict_preflight = true in the provider block to fail such plans instead.")
		return
	}
	diags.Append(ds...)
}

// refused fails the plan when the cluster refuses the provider itself (the
// credentials, or a certificate not trusted): no wait cures it and the apply
// would fail, so it is an error even without strict_preflight. One error per
// plan: every resource's checks meet the same refusal, and the first to
// meet it says so.
func (p *preflight) refused(diags *diag.Diagnostics, err error) {
	p.refusedOnce.Do(func() {
		if client.IsAuth(err) {
			diags.AddError("Cluster rejected the credentials",
				err.Error()+"\n\nThe plan was not checked, and the apply would fail the same way. The provider's credentials are username and "+
					"password (EXASOL_USERNAME, EXASOL_PASSWORD), or auth_token (EXASOL_AUTH_TOKEN).")
			return
		}
		diags.AddError("Cluster certificate not trusted",
			err.Error()+"\n\nThe plan was not checked and the apply would fail the same way. Pin the cluster's CA with ca_cert_file or ca_cert_pem "+
				"(EXASOL_CA_CERT_FILE, EXASOL_CA_CERT_PEM), or connect by a name the certificate lists.")
	})
}

// plannedObjects are the objects resources of this run have planned to
// create or change, as far as their values were known.
type plannedObjects struct {
	mu        sync.Mutex
	volumes   map[string]plannedVolume
	databases map[string]plannedDatabase
	nodes     map[int64]bool
	remotes   map[string]bool
	remoteIDs map[int64]bool
}

// plannedVolume: type "" and masters 0 mean unknown at plan time.
type plannedVolume struct {
	typ     string
	masters int64
}

// plannedDatabase: port 0 means unknown; running is nil when unknown.
type plannedDatabase struct {
	port    int64
	running *bool
}

func (o *plannedObjects) addVolume(name string, v plannedVolume) {
	plannedPut(o, &o.volumes, name, v)
}

func (o *plannedObjects) volume(name string) (plannedVolume, bool) {
	return plannedGet(o, &o.volumes, name)
}

func (o *plannedObjects) addDatabase(name string, d plannedDatabase) {
	plannedPut(o, &o.databases, name, d)
}

func (o *plannedObjects) database(name string) (plannedDatabase, bool) {
	return plannedGet(o, &o.databases, name)
}

func (o *plannedObjects) addNode(id int64) { plannedPut(o, &o.nodes, id, true) }

func (o *plannedObjects) node(id int64) bool {
	planned, _ := plannedGet(o, &o.nodes, id)
	return planned
}

func (o *plannedObjects) addRemote(name string, id int64) {
	if name != "" {
		plannedPut(o, &o.remotes, name, true)
	}
	if id != 0 {
		plannedPut(o, &o.remoteIDs, id, true)
	}
}

func (o *plannedObjects) remote(name string, id int64) bool {
	byName, _ := plannedGet(o, &o.remotes, name)
	byID, _ := plannedGet(o, &o.remoteIDs, id)
	return (name != "" && byName) || (id != 0 && byID)
}

// plannedPut records v under key in the map *m of o, under o's lock (the
// resources of one plan run in parallel).
func plannedPut[K comparable, V any](o *plannedObjects, m *map[K]V, key K, v V) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if *m == nil {
		*m = map[K]V{}
	}
	(*m)[key] = v
}

// plannedGet is the entry under key in the map *m of o.
func plannedGet[K comparable, V any](o *plannedObjects, m *map[K]V, key K) (V, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	v, ok := (*m)[key]
	return v, ok
}

// notPlannedHint ends the message about an object that neither exists nor
// was planned before the resource that needs it.
func notPlannedHint(kind, ref string) string {
	return fmt.Sprintf("If an %s resource of this configuration creates it, refer to it (e.g. %s) "+
		"so that Terraform creates it first; otherwise create it before applying.", kind, ref)
}

// known reports whether a value is known and set.
func known(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }

// knownBool is v, or nil when it is unknown or unset.
func knownBool(v types.Bool) *bool {
	if !known(v) {
		return nil
	}
	return v.ValueBoolPointer()
}

// knownInt64s returns the known elements of a list of numbers; all says
// whether every element was known.
func knownInt64s(l types.List) (vals []int64, all bool) {
	if l.IsNull() || l.IsUnknown() {
		return nil, false
	}
	all = true
	for _, e := range l.Elements() {
		iv, ok := e.(basetypes.Int64Valuable)
		if !ok {
			all = false
			continue
		}
		v, _ := iv.ToInt64Value(context.Background())
		if !known(v) {
			all = false
			continue
		}
		vals = append(vals, v.ValueInt64())
	}
	return vals, all
}

// readableSize writes bytes as Exasol does when they are whole GiB (or
// less than one), else in GiB to two decimals.
func readableSize(b int64) string {
	if b < 1<<30 || b%(1<<30) == 0 {
		return units.FormatSize(b)
	}
	return fmt.Sprintf("%.2f GiB", float64(b)/(1<<30))
}

// listedNodes goes through the node ids a plan lists (nodes): one that
// neither exists nor is planned by this run is an error, each that exists
// is given to check. It returns the cluster's nodes (none without ids).
func (p *preflight) listedNodes(ctx context.Context, ids []int64, diags *diag.Diagnostics, check func(id int64, n *client.Node)) ([]client.Node, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	nodes, err := p.view.Nodes(ctx)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		switch n := nodeByID(nodes, id); {
		case n == nil && p.planned.node(id):
		case n == nil:
			diags.AddAttributeError(path.Root("nodes"), "No such node",
				fmt.Sprintf("Node %d does not exist; the cluster has nodes %s. %s", id, nodeIDList(nodes),
					notPlannedHint("exasol_node", "exasol_node.n14.id")))
		default:
			check(id, n)
		}
	}
	return nodes, nil
}

func nodeByID(nodes []client.Node, id int64) *client.Node {
	for i := range nodes {
		if nodes[i].ID == id {
			return &nodes[i]
		}
	}
	return nil
}

func nodeIDList(nodes []client.Node) string {
	ids := make([]string, 0, len(nodes))
	for _, n := range nodes {
		ids = append(ids, strconv.FormatInt(n.ID, 10))
	}
	return strings.Join(ids, ", ")
}

func volumeByName(vols []*client.Volume, name string) *client.Volume {
	i := slices.IndexFunc(vols, func(v *client.Volume) bool { return v.Name == name })
	if i < 0 {
		return nil
	}
	return vols[i]
}
