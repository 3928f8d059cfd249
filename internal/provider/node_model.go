package provider

import (
	"context"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// nodeAttrs are the attributes the resource exasol_node and the data
// source of the same name share.
type nodeAttrs struct {
	ID        types.Int64  `tfsdk:"id"`
	Name      types.String `tfsdk:"name"`
	PrivNet   types.String `tfsdk:"priv_net"`
	PubNet    types.String `tfsdk:"pub_net"`
	Suspended types.Bool   `tfsdk:"suspended"`
	State     types.String `tfsdk:"state"`
	PrivateIP types.String `tfsdk:"private_ip"`
	UUID      types.String `tfsdk:"uuid"`
	Disks     types.List   `tfsdk:"disks"`
}

// nodeModel is exasol_node.
type nodeModel struct {
	nodeAttrs
	SpaceWarnThreshold types.Int64    `tfsdk:"space_warn_threshold"`
	BgRecLimit         types.Int64    `tfsdk:"bg_rec_limit"`
	MACEth0            types.String   `tfsdk:"mac_addr_eth0"`
	MACEth1            types.String   `tfsdk:"mac_addr_eth1"`
	SpoolDisk          types.String   `tfsdk:"spool_disk"`
	Timeouts           timeouts.Value `tfsdk:"timeouts"`
}

type nodeDiskModel struct {
	Name    types.String `tfsdk:"name"`
	Devices []string     `tfsdk:"devices"`
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
	m.Disks = objectList(ctx, nodeDiskAttributes(), disks, diags)
}

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

// nodeReader reads a node for Read, the read-back after a change, the data
// source and the list resource.
var nodeReader = object[nodeModel, *client.Node]{kind: "node", fill: (*nodeModel).fill, identity: (*nodeModel).identity,
	name: func(m *nodeModel) string { return strconv.FormatInt(m.ID.ValueInt64(), 10) },
	get: func(ctx context.Context, c client.Backend, m *nodeModel) (*client.Node, error) {
		return c.NodeGet(ctx, m.ID.ValueInt64())
	}}
