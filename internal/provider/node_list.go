package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var nodeList = listSpec{typeName: "exasol_node", list: func(ctx context.Context, c client.Backend) ([]listed, error) {
	nodes, err := c.NodeList(ctx)
	var out []listed
	for _, n := range nodes {
		out = append(out, listed{name: n.Name, identity: nodeIdentity{ID: types.Int64Value(n.ID)},
			read: func(ctx context.Context, to timeouts.Value, diags *diag.Diagnostics) any {
				m := nodeModel{Timeouts: to}
				full, err := c.NodeGet(ctx, n.ID)
				if err != nil {
					diags.AddError("Cannot read node "+n.Name, clientErrorDetail(err))
					return m
				}
				m.fill(ctx, full, diags)
				return m
			}})
	}
	return out, err
}}
