package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// clusterDataSource is data.exasol_cluster: an overview of the cluster.
var clusterDataSource = dataSource("_cluster", clusterSchema, readCluster)

type clusterModel struct {
	ID            types.String `tfsdk:"id"`
	MasterAddress types.String `tfsdk:"master_address"`
	MasterName    types.String `tfsdk:"master_name"`
	Nodes         types.List   `tfsdk:"nodes"`
	VolumeNames   types.List   `tfsdk:"volume_names"`
	Databases     types.List   `tfsdk:"databases"`
}

// clusterDatabaseItem is one of databases.
type clusterDatabaseItem struct {
	DBName types.String `tfsdk:"db_name"`
	State  types.String `tfsdk:"state"`
}

func clusterSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "An overview of the cluster in one read: the management master, the nodes and their states, the storage volumes " +
			"and the databases with their states. On EXAoperation the master is the node that runs it (`getEXAoperationMaster`). " +
			"ConfD has no single cluster-state job; this combines `GET /master`, " +
			"`node_list`, `node_state`, `st_volume_list`, `db_list` and `db_state`.",
		Attributes: map[string]schema.Attribute{
			"id":             computedString("Always `cluster`."),
			"master_address": computedString("Address of the node that currently runs ConfD's master, as `GET /master` reports it (EXAoperation: the address the provider reaches it at)."),
			"master_name":    computedString("Host name of the master node, e.g. `n11` (`GET /master?info_type=name`), or `n0010` on EXAoperation; null when the cluster does not say."),
			"nodes":          computedObjects("The nodes, sorted by id.", clusterNodeAttributes()),
			"volume_names":   computedStringList("Names of all storage volumes (data, archive and the databases' temporary volumes), in the cluster's order."),
			"databases":      computedObjects("The databases, sorted by name.", clusterDatabaseAttributes()),
		},
	}
}

// clusterNodeAttributes are those of one of nodes (nodesItemModel).
func clusterNodeAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":         computedInt64("Node id, e.g. `11`."),
		"name":       computedString("Node name, e.g. `n11`."),
		"state":      computedString("Node state: `online`, `offline`, `deactivated` or `suspended`."),
		"private_ip": computedString("Address of the node in the private network."),
	}
}

func clusterDatabaseAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"db_name": computedString("Database name."),
		"state":   computedString("Runtime state: `running`, `setup` (stopped) or a transition such as `Startup`."),
	}
}

func readCluster(ctx context.Context, c client.Backend, m *clusterModel, diags *diag.Diagnostics) {
	st, err := c.ClusterState(ctx)
	if err != nil {
		diags.AddError("Cannot read the cluster state", clientErrorDetail(err))
		return
	}
	*m = clusterModel{
		ID:            types.StringValue("cluster"),
		MasterAddress: types.StringValue(st.MasterAddress),
		MasterName:    types.StringNull(),
		VolumeNames:   stringListValue(ctx, st.Volumes, diags),
	}
	if st.MasterName != "" {
		m.MasterName = types.StringValue(st.MasterName)
	}
	nodes := make([]nodesItemModel, 0, len(st.Nodes))
	for _, n := range st.Nodes {
		nodes = append(nodes, nodesItemModel{
			ID: types.Int64Value(n.ID), Name: types.StringValue(n.Name),
			State: types.StringValue(n.State), PrivateIP: types.StringValue(n.PrivateIP),
		})
	}
	m.Nodes = objectList(ctx, clusterNodeAttributes(), nodes, diags)
	dbs := make([]clusterDatabaseItem, 0, len(st.Databases))
	for _, db := range st.Databases {
		dbs = append(dbs, clusterDatabaseItem{DBName: types.StringValue(db.Name), State: types.StringValue(db.State)})
	}
	m.Databases = objectList(ctx, clusterDatabaseAttributes(), dbs, diags)
}
