package provider

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var _ resource.ResourceWithImportState = (*nodeResource)(nil)

// minNodeID: node ids 0–10 are reserved in Exasol (fact, task brief); the
// first node of a cluster is 11.
const minNodeID = 11

// maxNodeID: the largest node id the provider takes, the bound a database's
// and a storage volume's node lists already have. guess: Exasol documents no
// upper bound; node ids are small numbers (n11…), and 9999 keeps a typo such
// as 2^63-1 from reaching node_add, whose id a database could not take.
const maxNodeID = 9999

// NewNodeResource is exasol_node.
func NewNodeResource() resource.Resource {
	return newResource(&nodeResource{}, "_node", nodeReader)
}

type nodeResource struct {
	resourceBase[nodeModel, *client.Node]
}

func (r *nodeResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
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
				Validators:    []validator.Int64{int64validator.Between(minNodeID, maxNodeID)},
				PlanModifiers: keepOrReplaceInt64(),
			},
			"name": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Node name; `n<id>` (e.g. `n14`) when unset. Changing it replaces the node.",
				Validators:          []validator.String{nameValidator("node")},
				PlanModifiers:       keepOrReplaceString(),
			},
			"priv_net": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "The node's address in the private network in CIDR notation (`priv_net`), e.g. `10.10.10.14/24`. " +
					"Changing it replaces the node.",
				Validators:    []validator.String{cidrValidator},
				PlanModifiers: replaceString(),
			},
			"pub_net": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "The node's address in the public network in CIDR notation (`pub_net`). Changing it replaces the node.",
				Validators:          []validator.String{cidrValidator},
				PlanModifiers:       replaceString(),
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
				PlanModifiers: keepOrReplaceString(),
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
				PlanModifiers:       keepString(),
			},
			"uuid": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The node's UUID (`node_list`).",
				PlanModifiers:       keepString(),
			},
			"disks": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The node's disks (`node_list`), sorted by name.",
				PlanModifiers:       keepList(),
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":    schema.StringAttribute{Computed: true, MarkdownDescription: "Disk name, e.g. `disk1`."},
					"devices": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Devices of the disk, e.g. `[\"dev.1\"]`."},
				}},
			},
		},
		Blocks: timeoutsBlock(ctx),
	}
}

func (r *nodeResource) create(ctx context.Context, req resource.CreateRequest, plan *nodeModel, resp *resource.CreateResponse) {
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
		hint := ""
		if spec.ID != nil {
			_, lookErr := r.client.NodeGet(lookupCtx(ctx), *spec.ID)
			hint = importHint("exasol_node", "node", strconv.FormatInt(*spec.ID, 10), lookErr == nil)
		}
		resp.Diagnostics.AddError("Cannot add node "+spec.PrivateNet, explain(err)+hint)
		return
	}
	// The node exists from here on: record it before anything else can fail,
	// so that a failed wait leaves it in the state (tainted), not orphaned.
	plan.ID = types.Int64Value(id)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	if err == nil && plan.Suspended.ValueBool() {
		err = r.client.SetNodeSuspended(ctx, id, true)
	}
	wanted := plan.Suspended
	r.readBack(ctx, plan, &resp.Diagnostics)
	slow := converging(ctx, err)
	if slow {
		plan.Suspended = wanted // the next apply suspends or resumes it in place
	}
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
	switch {
	case slow:
		stillConverging(&resp.Diagnostics, fmt.Sprintf("Node %d", id), err)
	case err != nil:
		resp.Diagnostics.AddError(fmt.Sprintf("Node %d was added but did not reach the wanted state", id), explain(err))
	}
}

func (r *nodeResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var id types.Int64
	if resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...); resp.Diagnostics.HasError() {
		return
	}
	if id.IsNull() {
		// A node recorded without id (an add whose answer never came, by an
		// older release) names no node, so there is nothing to read or
		// remove: it leaves the state, and the next apply adds the node,
		// whose preflight finds the id if the add did take effect.
		resp.Diagnostics.AddWarning("Node without id",
			"This exasol_node has no node id in the state, so it names no node; it is dropped from the state. If an earlier add did "+
				"take effect, the node shows in data.exasol_nodes; import it (terraform import exasol_node.<name> <id>) to manage it.")
		resp.State.RemoveResource(ctx)
		// The framework wants an identity after every read, also of a
		// resource that leaves: 0 is no node's id (ids start at 11).
		setIdentity(ctx, resp.Identity, nodeIdentity{ID: types.Int64Value(0)}, &resp.Diagnostics)
		return
	}
	r.resourceBase.Read(ctx, req, resp)
}

func (r *nodeResource) update(ctx context.Context, req resource.UpdateRequest, plan, prior *nodeModel, resp *resource.UpdateResponse) {
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
	r.readBack(ctx, plan, &resp.Diagnostics)
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
}

func (r *nodeResource) delete(ctx context.Context, state *nodeModel, resp *resource.DeleteResponse) {
	if state.ID.IsNull() || state.ID.IsUnknown() {
		// No id was ever recorded, so no node_add is known to have taken
		// effect: there is nothing this resource can name to remove.
		resp.Diagnostics.AddWarning("Node without id",
			"This exasol_node has no node id in the state, so no node was removed. If the add did take effect, the node shows in "+
				"data.exasol_nodes; import it (terraform import exasol_node.<name> <id>) to manage or remove it.")
		return
	}
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

// macAttribute is mac_addr_eth0 or mac_addr_eth1 (EXAoperation's addNode).
func macAttribute(nth, iface, example string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true, Computed: true,
		MarkdownDescription: fmt.Sprintf("MAC address of the node's %s LAN interface (`mac_addr_%s` of EXAoperation's `addNode`), e.g. `%s`: "+
			"EXAoperation knows the machine by it when it boots. EXAoperation only: ConfD's `node_add` takes none. When unset on "+
			"EXAoperation, a placeholder is sent (with a warning) that must be corrected in EXAoperation before the machine boots. "+
			"Changing it replaces the node.", nth, iface, example),
		Validators:    []validator.String{stringvalidator.RegexMatches(macRE, "must be a MAC address, six pairs of hex digits separated by colons")},
		PlanModifiers: keepOrReplaceString(),
	}
}

// explainNode says what to do when the cluster refuses to remove a node.
func explainNode(err error) string {
	var refused *client.NodeRemoveError
	if errors.As(err, &refused) {
		return clientErrorDetail(err) + ". Clear every reason the cluster names, then destroy again: take the node out of the `nodes` " +
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
