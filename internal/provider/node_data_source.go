package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// NewNodeDataSource is data.exasol_node: one node by id.
func NewNodeDataSource() datasource.DataSource {
	return &dataSourceOf[nodeDataModel]{name: "_node", schema: nodeSchema(), read: readNode}
}

func nodeSchema() schema.Schema {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return schema.Schema{
		MarkdownDescription: "Reads one cluster node by id (ConfD `node_list` and `node_state`).",
		Attributes: map[string]schema.Attribute{
			"id":         schema.Int64Attribute{Required: true, MarkdownDescription: "Node number, e.g. `11` for node `n11`."},
			"name":       str("Node name, e.g. `n11`."),
			"priv_net":   str("The node's private network address in CIDR notation."),
			"pub_net":    str("The node's public network address in CIDR notation; null when it has none or the cluster does not report it."),
			"suspended":  schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the node is suspended (marked permanently offline)."},
			"state":      str("State from `node_state`: `online`, `offline`, `deactivated` or `suspended`."),
			"private_ip": str("The node's private address."),
			"uuid":       str("The node's UUID."),
			"disks": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The node's disks, sorted by name.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":    str("Disk name, e.g. `disk1`."),
					"devices": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Devices of the disk."},
				}},
			},
		},
	}
}

func readNode(ctx context.Context, c client.Backend, m *nodeDataModel, diags *diag.Diagnostics) {
	// The resource's reader, so that both report the cluster the same way.
	full := nodeModel{nodeAttrs: m.nodeAttrs}
	if nodeReader.read(ctx, c, &full, diags); diags.HasError() {
		return
	}
	m.nodeAttrs = full.nodeAttrs
}
