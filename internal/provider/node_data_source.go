package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// nodeDataSource is data.exasol_node: one node by id.
var nodeDataSource = dataSource("_node", nodeSchema, readAs(nodeReader, func(m *nodeModel) *nodeAttrs { return &m.nodeAttrs }))

func nodeSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads one cluster node by id (ConfD `node_list` and `node_state`).",
		Attributes: map[string]schema.Attribute{
			"id":         schema.Int64Attribute{Required: true, MarkdownDescription: "Node number, e.g. `11` for node `n11`."},
			"name":       computedString("Node name, e.g. `n11`."),
			"priv_net":   computedString("The node's private network address in CIDR notation."),
			"pub_net":    computedString("The node's public network address in CIDR notation; null when it has none or the cluster does not report it."),
			"suspended":  computedBool("Whether the node is suspended (marked permanently offline)."),
			"state":      computedString("State from `node_state`: `online`, `offline`, `deactivated` or `suspended`."),
			"private_ip": computedString("The node's private address."),
			"uuid":       computedString("The node's UUID."),
			"disks":      computedObjects("The node's disks, sorted by name.", nodeDiskAttributes()),
		},
	}
}

// nodeDiskAttributes are those of one of disks (nodeDiskModel); the
// resource's have the same types.
func nodeDiskAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"name":    computedString("Disk name, e.g. `disk1`."),
		"devices": computedStringList("Devices of the disk."),
	}
}

// nodesDataSource is data.exasol_nodes: every node of the cluster.
var nodesDataSource = dataSource("_nodes", nodesSchema, readNodes)

type nodesModel struct {
	ID    types.String `tfsdk:"id"`
	Nodes types.List   `tfsdk:"nodes"`
}

type nodesItemModel struct {
	ID        types.Int64  `tfsdk:"id"`
	Name      types.String `tfsdk:"name"`
	State     types.String `tfsdk:"state"`
	PrivateIP types.String `tfsdk:"private_ip"`
}

func nodesSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists every node of the cluster (ConfD `node_list` and `node_state`).",
		Attributes: map[string]schema.Attribute{
			"id":    computedString("Always `nodes`."),
			"nodes": computedObjects("The nodes, sorted by id.", nodesItemAttributes()),
		},
	}
}

func nodesItemAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":         computedInt64("Node number, e.g. `11`."),
		"name":       computedString("Node name, e.g. `n11`."),
		"state":      computedString("State from `node_state`: `online`, `offline`, `deactivated` or `suspended`."),
		"private_ip": computedString("The node's private address."),
	}
}

func readNodes(ctx context.Context, c client.Backend, m *nodesModel, diags *diag.Diagnostics) {
	nodes, err := c.NodeList(ctx)
	if err != nil {
		diags.AddError("Cannot list nodes", clientErrorDetail(err))
		return
	}
	items := make([]nodesItemModel, 0, len(nodes))
	for _, n := range nodes {
		items = append(items, nodesItemModel{
			ID: types.Int64Value(n.ID), Name: types.StringValue(n.Name),
			State: types.StringValue(n.State), PrivateIP: types.StringValue(n.PrivateIP),
		})
	}
	*m = nodesModel{ID: types.StringValue("nodes"), Nodes: objectList(ctx, nodesItemAttributes(), items, diags)}
}
