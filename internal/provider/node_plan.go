package provider

import (
	"context"
	"fmt"
	"net"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// checkPlan warns of placeholder MAC addresses (warnPlaceholderMACs).
func (r *nodeResource) checkPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	warnPlaceholderMACs(ctx, r.client, req, resp)
}

// checkCluster checks a node to be added against the cluster (see
// preflight.go): its id, its name and its private address are not taken by
// another node (prior, on a create, is the node it replaces, removed
// first). Suspending or resuming needs no check.
func (r *nodeResource) checkCluster(ctx context.Context, plan, prior *nodeModel, replacement bool, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !req.State.Raw.IsNull() {
		// suspended changes in place, and needs no check; everything else
		// replaces the node, and is checked as the create of the replacement.
		return
	}
	pf := r.preflight
	if known(plan.ID) {
		pf.planned.addNode(plan.ID.ValueInt64())
	}
	what := "node"
	if known(plan.ID) {
		what = fmt.Sprintf("node %d", plan.ID.ValueInt64())
	}
	pf.check(ctx, &resp.Diagnostics, what, func(ctx context.Context) (diag.Diagnostics, error) {
		ds, err := checkSpoolDisk(ctx, r.client, plan.SpoolDisk)
		if err != nil {
			return nil, err
		}
		nodes, err := pf.view.Nodes(ctx)
		if err != nil {
			return nil, err
		}
		var ip net.IP
		if known(plan.PrivNet) {
			ip, _, _ = net.ParseCIDR(plan.PrivNet.ValueString())
		}
		for _, n := range nodes {
			if prior != nil && known(prior.ID) && n.ID == prior.ID.ValueInt64() {
				continue // the node this one replaces
			}
			if known(plan.ID) && n.ID == plan.ID.ValueInt64() && ip != nil && n.PrivateIP == ip.String() {
				continue // maybe this configuration's own (ownObject in preflight.go)
			}
			switch {
			case known(plan.ID) && n.ID == plan.ID.ValueInt64():
				ds.AddAttributeError(path.Root("id"), "Node id in use",
					fmt.Sprintf("Node %d already exists (%s, %s). Choose a free id, leave id unset for the next free one, or import the node.",
						n.ID, n.Name, n.PrivateIP))
			case known(plan.Name) && n.Name == plan.Name.ValueString():
				ds.AddAttributeError(path.Root("name"), "Node name in use",
					fmt.Sprintf("Node %d is already named %s. Choose another name.", n.ID, n.Name))
			}
			if ip != nil && n.PrivateIP == ip.String() {
				ds.AddAttributeError(path.Root("priv_net"), "Private address in use",
					fmt.Sprintf("Private address %s is already used by node %s (%d). Give each node its own address.", n.PrivateIP, n.Name, n.ID))
			}
		}
		return ds, nil
	})
}

// spoolDisks is the interface that offers choices of spool_disk
// (EXAoperation).
type spoolDisks interface {
	SpoolDiskChoices(ctx context.Context) ([]string, error)
}

// checkSpoolDisk refuses a spool_disk that is not among the cluster's
// choices, and an unset one where the cluster offers several (addNode
// requires it; the client takes the only choice itself).
func checkSpoolDisk(ctx context.Context, c client.Backend, spool types.String) (diag.Diagnostics, error) {
	var ds diag.Diagnostics
	sd, ok := client.DialectAs[spoolDisks](c)
	if !ok || spool.IsUnknown() {
		return ds, nil
	}
	choices, err := sd.SpoolDiskChoices(ctx)
	if err != nil {
		return nil, err
	}
	switch {
	case spool.IsNull() && len(choices) != 1:
		ds.AddAttributeError(path.Root("spool_disk"), "spool_disk is required here",
			fmt.Sprintf("EXAoperation's addNode requires a spool disk and the cluster offers %d (%s): set spool_disk to one of them.",
				len(choices), strings.Join(choices, ", ")))
	case !spool.IsNull() && !slices.Contains(choices, spool.ValueString()):
		ds.AddAttributeError(path.Root("spool_disk"), "Unknown spool disk",
			fmt.Sprintf("%q is not one of the cluster's data disks (getListValues('DataDisks')): %s.", spool.ValueString(), strings.Join(choices, ", ")))
	}
	return ds, nil
}

// warnPlaceholderMACs warns when a node is added through EXAoperation
// without its MAC addresses: addNode requires them, so placeholders are
// sent (client.PlaceholderMAC), and EXAoperation does not know the
// machine when it boots until they are corrected.
func warnPlaceholderMACs(ctx context.Context, c client.Backend, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if c == nil || c.API() != client.APIEXAoperation || req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() {
		return
	}
	var plan nodeModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &plan)...)
	for i, mac := range []types.String{plan.MACEth0, plan.MACEth1} {
		if !mac.IsNull() {
			continue
		}
		what := "the node"
		if known(plan.ID) {
			what = fmt.Sprintf("node %d", plan.ID.ValueInt64())
			what += " gets " + client.PlaceholderMAC(plan.ID.ValueInt64(), i)
		} else {
			what += " gets a placeholder"
		}
		attr := fmt.Sprintf("mac_addr_eth%d", i)
		resp.Diagnostics.AddAttributeWarning(path.Root(attr), attr+" is not set",
			fmt.Sprintf("EXAoperation's addNode requires the MAC address of each LAN interface; without %s, %s. "+
				"EXAoperation knows the machine by its MAC addresses when it boots: set %s to the address of the "+
				"machine's interface, or correct it in EXAoperation before the machine starts.", attr, what, attr))
	}
}

var macRE = regexp.MustCompile(`^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$`)

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
var cidrValidator = stringCheck{desc: "must be an address in CIDR notation, e.g. 10.10.10.14/24", problem: func(s string) (string, string) {
	if _, _, err := net.ParseCIDR(s); err != nil {
		return "Invalid network address", fmt.Sprintf("%q is not an address in CIDR notation, e.g. 10.10.10.14/24.", s)
	}
	return "", ""
}}
