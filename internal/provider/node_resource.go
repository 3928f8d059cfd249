package provider

import (
	"context"
	"errors"
	"fmt"
	"net"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var (
	_ resource.Resource                = (*nodeResource)(nil)
	_ resource.ResourceWithConfigure   = (*nodeResource)(nil)
	_ resource.ResourceWithImportState = (*nodeResource)(nil)
)

// minNodeID: node ids 0–10 are reserved in Exasol (fact, task brief); the
// first node of a cluster is 11.
const minNodeID = 11

// NewNodeResource is exasol_node.
func NewNodeResource() resource.Resource { return &nodeResource{} }

type nodeResource struct{ client client.Backend }

type nodeModel struct {
	ID                 types.Int64    `tfsdk:"id"`
	Name               types.String   `tfsdk:"name"`
	PrivNet            types.String   `tfsdk:"priv_net"`
	PubNet             types.String   `tfsdk:"pub_net"`
	SpaceWarnThreshold types.Int64    `tfsdk:"space_warn_threshold"`
	BgRecLimit         types.Int64    `tfsdk:"bg_rec_limit"`
	MACEth0            types.String   `tfsdk:"mac_addr_eth0"`
	MACEth1            types.String   `tfsdk:"mac_addr_eth1"`
	SpoolDisk          types.String   `tfsdk:"spool_disk"`
	Suspended          types.Bool     `tfsdk:"suspended"`
	State              types.String   `tfsdk:"state"`
	PrivateIP          types.String   `tfsdk:"private_ip"`
	UUID               types.String   `tfsdk:"uuid"`
	Disks              types.List     `tfsdk:"disks"`
	Timeouts           timeouts.Value `tfsdk:"timeouts"`
}

type nodeDiskModel struct {
	Name    types.String `tfsdk:"name"`
	Devices []string     `tfsdk:"devices"`
}

var nodeDiskType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"name": types.StringType, "devices": types.ListType{ElemType: types.StringType},
}}

func (r *nodeResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_node"
}

func (r *nodeResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A cluster node (ConfD `node_add`). Create waits, within the create timeout, until the node is online: " +
			"start the node's machine or container before or while applying. `suspended` is changed in place " +
			"(`node_suspend` / `node_resume`, waiting until the node is suspended or online again); every other change replaces the node. " +
			"Destroy runs `node_remove`. Exasol refuses to remove a suspended node, so destroying a suspended node resumes it first " +
			"(without waiting for it to come online) and suspends it again if the removal is refused. The cluster refuses to remove " +
			"the master node and nodes that hold storage volume segments or serve a database; the error names them.",
		Attributes: map[string]schema.Attribute{
			"id": schema.Int64Attribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Node number (`id` of `node_add`), e.g. `14`; the node is named `n<id>` by default. " +
					"Ids 0–10 are reserved. The cluster picks the next free id when unset. Changing it replaces the node.",
				Validators:    []validator.Int64{int64validator.AtLeast(minNodeID)},
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown(), int64planmodifier.RequiresReplace()},
			},
			"name": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Node name; `n<id>` (e.g. `n14`) when unset. Changing it replaces the node.",
				Validators:          []validator.String{nameValidator("node")},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
			},
			"priv_net": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "The node's address in the private network in CIDR notation (`priv_net`), e.g. `10.10.10.14/24`. " +
					"Changing it replaces the node.",
				Validators:    []validator.String{cidrValidator{}},
				PlanModifiers: replace,
			},
			"pub_net": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "The node's address in the public network in CIDR notation (`pub_net`). Changing it replaces the node.",
				Validators:          []validator.String{cidrValidator{}},
				PlanModifiers:       replace,
			},
			"space_warn_threshold": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "Disk space warning threshold of the node (`space_warn_threshold`, as ConfD takes it). ConfD does not " +
					"report it back, so changes outside Terraform are not seen and an imported node takes the configured value as is. " +
					"Changing it replaces the node.",
				Validators:    []validator.Int64{int64validator.AtLeast(0)},
				PlanModifiers: []planmodifier.Int64{replaceIfKnownBefore()},
			},
			"bg_rec_limit": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "Limit of the background recovery on this node (`bg_rec_limit`, as ConfD takes it). ConfD does not " +
					"report it back, so changes outside Terraform are not seen and an imported node takes the configured value as is. " +
					"Changing it replaces the node.",
				Validators:    []validator.Int64{int64validator.AtLeast(0)},
				PlanModifiers: []planmodifier.Int64{replaceIfKnownBefore()},
			},
			"mac_addr_eth0": macAttribute("first", "eth0", "08:00:27:8a:4f:01"),
			"mac_addr_eth1": macAttribute("second", "eth1", "08:00:27:8a:4f:02"),
			"spool_disk": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Disk for the node's spool data (`spool_disk` of EXAoperation's `addNode`, required there), one of the " +
					"cluster's data disks (`getListValues('DataDisks')`), e.g. `d02_data`; checked at plan time. EXAoperation only: ConfD's " +
					"`node_add` takes none. When unset on EXAoperation, the cluster's only data disk is taken; a cluster with several " +
					"needs it set. Changing it replaces the node.",
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
			},
			"suspended": schema.BoolAttribute{
				Optional: true, Computed: true,
				Default: booldefault.StaticBool(false),
				MarkdownDescription: "Whether the node is suspended, i.e. marked permanently offline (`node_suspend`); false resumes it " +
					"(`node_resume`) and waits until it is online. Changed in place. Default false.",
			},
			"state": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "State from `node_state`: `online`, `offline`, `deactivated` or `suspended`.",
			},
			"private_ip": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The node's private address (`private_ip` of `node_list`).",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"uuid": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The node's UUID (`node_list`).",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"disks": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The node's disks (`node_list`), sorted by name.",
				PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":    schema.StringAttribute{Computed: true, MarkdownDescription: "Disk name, e.g. `disk1`."},
					"devices": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Devices of the disk, e.g. `[\"dev.1\"]`."},
				}},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *nodeResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *nodeResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan nodeModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, plan.Timeouts.Create, defaultCreateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	spec := client.NodeSpec{
		PrivateNet:         plan.PrivNet.ValueString(),
		ID:                 optInt64(plan.ID),
		Name:               optString(plan.Name),
		PublicNet:          optString(plan.PubNet),
		SpaceWarnThreshold: optInt64(plan.SpaceWarnThreshold),
		BgRecLimit:         optInt64(plan.BgRecLimit),
		MACEth0:            optString(plan.MACEth0),
		MACEth1:            optString(plan.MACEth1),
		Suspended:          plan.Suspended.ValueBool(),
		SpoolDisk:          optString(plan.SpoolDisk),
	}
	id, err := r.client.CreateNode(ctx, spec)
	if id == 0 {
		resp.Diagnostics.AddError("Cannot add node "+spec.PrivateNet, explain(err))
		return
	}
	// The node exists from here on: record it before anything else can fail,
	// so that a failed wait leaves it in the state (tainted), not orphaned.
	plan.ID = types.Int64Value(id)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	if err == nil && plan.Suspended.ValueBool() {
		err = r.client.SetNodeSuspended(ctx, id, true)
	}
	r.readInto(ctx, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.identity(), &resp.Diagnostics)
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Node %d was added but did not reach the wanted state", id), explain(err))
	}
}

func (r *nodeResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state nodeModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, state.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	// Known before the cluster answers, so that an object gone since an import
	// by id still leaves with its identity.
	setIdentity(ctx, resp.Identity, state.identity(), &resp.Diagnostics)
	id := state.ID.ValueInt64()
	n, err := r.client.NodeGet(ctx, id)
	if readFailed(ctx, resp, "node", strconv.FormatInt(id, 10), err) {
		return
	}
	state.fill(ctx, n, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setIdentity(ctx, resp.Identity, state.identity(), &resp.Diagnostics)
}

func (r *nodeResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior nodeModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, plan.Timeouts.Update, defaultUpdateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id := prior.ID.ValueInt64()
	plan.ID = prior.ID
	// Everything but suspended replaces the node; space_warn_threshold and
	// bg_rec_limit only reach Update after an import (see replaceIfKnownBefore),
	// where the configured value is recorded as is.
	if changedBool(prior.Suspended, plan.Suspended) {
		if err := r.client.SetNodeSuspended(ctx, id, plan.Suspended.ValueBool()); err != nil {
			resp.Diagnostics.AddError(fmt.Sprintf("Cannot update node %d", id), explain(err))
		}
	}
	// A value recorded after an import is known from now on.
	for _, a := range unreportedAttrs {
		var v types.Int64
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root(a), &v)...)
		if !v.IsNull() {
			resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedKey(a), nil)...)
		}
	}
	r.readInto(ctx, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.identity(), &resp.Diagnostics)
}

func (r *nodeResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state nodeModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, state.Timeouts.Delete, defaultDeleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id := state.ID.ValueInt64()
	if err := r.client.DeleteNode(ctx, id); err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Cannot remove node %d", id), explainNode(err))
	}
}

func (r *nodeResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importIDFromIdentity(ctx, &req, &resp.Diagnostics, nodeIdentity.importID)
	id, err := strconv.ParseInt(req.ID, 10, 64)
	if err != nil || id < 0 {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("Import an exasol_node by its node id (the number in its name n14), e.g. 14; %q is not a node id.", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	for _, a := range unreportedAttrs {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedKey(a), []byte("true"))...)
	}
}

// readInto refreshes m from the cluster after a change, so that the state
// records what the cluster has, also after a failure midway.
func (r *nodeResource) readInto(ctx context.Context, m *nodeModel, diags *diag.Diagnostics) {
	// The change may have failed because its deadline passed; the read-back
	// still gets its own short deadline.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	n, err := r.client.NodeGet(ctx, m.ID.ValueInt64())
	if err != nil {
		diags.AddError(fmt.Sprintf("Cannot read node %d back", m.ID.ValueInt64()), err.Error())
		return
	}
	m.fill(ctx, n, diags)
}

// fill sets every attribute the cluster reports. It never copies the plan:
// a value changed out of band shows up as drift. space_warn_threshold and
// bg_rec_limit are not reported by any job and keep their recorded values;
// so does pub_net when node_list does not report it.
func (m *nodeModel) fill(ctx context.Context, n *client.Node, diags *diag.Diagnostics) {
	m.ID = types.Int64Value(n.ID)
	m.Name = types.StringValue(n.Name)
	m.PrivNet = types.StringValue(n.PrivateNet)
	if n.PublicNet != nil {
		m.PubNet = types.StringNull()
		if *n.PublicNet != "" {
			m.PubNet = types.StringValue(*n.PublicNet)
		}
	}
	m.MACEth0 = reportedMAC(m.MACEth0, n.MACEth0)
	m.MACEth1 = reportedMAC(m.MACEth1, n.MACEth1)
	m.SpoolDisk = reportedValue(m.SpoolDisk, n.SpoolDisk)
	m.Suspended = types.BoolValue(n.Suspended())
	m.State = types.StringValue(n.State)
	m.PrivateIP = types.StringValue(n.PrivateIP)
	m.UUID = types.StringValue(n.UUID)
	disks := make([]nodeDiskModel, 0, len(n.Disks))
	for _, d := range n.Disks {
		disks = append(disks, nodeDiskModel{Name: types.StringValue(d.Name), Devices: append([]string{}, d.Devices...)})
	}
	l, ds := types.ListValueFrom(ctx, nodeDiskType, disks)
	diags.Append(ds...)
	m.Disks = l
}

// macAttribute is mac_addr_eth0 or mac_addr_eth1 (EXAoperation's addNode).
func macAttribute(nth, iface, example string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true, Computed: true,
		MarkdownDescription: fmt.Sprintf("MAC address of the node's %s LAN interface (`mac_addr_%s` of EXAoperation's `addNode`), e.g. `%s`: "+
			"EXAoperation knows the machine by it when it boots. EXAoperation only: ConfD's `node_add` takes none. When unset on "+
			"EXAoperation, a placeholder is sent (with a warning) that must be corrected in EXAoperation before the machine boots. "+
			"Changing it replaces the node.", nth, iface, example),
		Validators:    []validator.String{stringvalidator.RegexMatches(macRE, "must be a MAC address, six pairs of hex digits separated by colons")},
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
	}
}

var macRE = regexp.MustCompile(`^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$`)

// reportedMAC is the MAC address the cluster reports; one that is not
// reported keeps the recorded value, and one that differs only in case
// from it is no change.
func reportedMAC(cur types.String, got *string) types.String {
	switch {
	case got == nil || *got == "":
		if cur.IsUnknown() {
			return types.StringNull()
		}
		return cur
	case strings.EqualFold(cur.ValueString(), *got):
		return cur
	}
	return types.StringValue(*got)
}

// reportedValue is the value the cluster reports; one that is not reported
// keeps the recorded value (null when there is none).
func reportedValue(cur types.String, got *string) types.String {
	if got == nil || *got == "" {
		if cur.IsUnknown() {
			return types.StringNull()
		}
		return cur
	}
	return types.StringValue(*got)
}

// explainNode says what to do when the cluster refuses to remove a node.
func explainNode(err error) string {
	var refused *client.NodeRemoveError
	if errors.As(err, &refused) {
		return err.Error() + ". Clear every reason the cluster names, then destroy again: take the node out of the `nodes` " +
			"of each database it serves (exasol_database), move the segments of each storage volume it holds to other nodes " +
			"or delete the volume, and, if it is the master node, move the master role to another node (ConfD `master_change`). " +
			"To stop managing the node without removing it, use a `removed` block with `destroy = false`."
	}
	return explain(err)
}

// unreportedAttrs are the node_add parameters that no job reports back.
var unreportedAttrs = []string{"space_warn_threshold", "bg_rec_limit"}

// importedKey is the private-state key that marks an unreported attribute
// as unknown since an import (the cluster's value cannot be read).
func importedKey(attr string) string { return "imported_unknown_" + attr }

// replaceIfKnownBefore replaces the node when an unreported attribute
// changes — except for the first value configured after an import, which is
// recorded as is because the cluster's value is unknown.
func replaceIfKnownBefore() planmodifier.Int64 {
	const desc = "Changing the value replaces the node; right after an import, where the cluster's value is unknown, the configured value is recorded."
	return int64planmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.Int64Request, resp *int64planmodifier.RequiresReplaceIfFuncResponse) {
		b, ds := req.Private.GetKey(ctx, importedKey(req.Path.String()))
		resp.Diagnostics.Append(ds...)
		resp.RequiresReplace = len(b) == 0
	}, desc, desc)
}

// cidrValidator checks an address in CIDR notation at plan time.
type cidrValidator struct{}

func (cidrValidator) Description(context.Context) string {
	return "must be an address in CIDR notation, e.g. 10.10.10.14/24"
}

func (v cidrValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (cidrValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, _, err := net.ParseCIDR(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid network address",
			fmt.Sprintf("%q is not an address in CIDR notation, e.g. 10.10.10.14/24.", req.ConfigValue.ValueString()))
	}
}
