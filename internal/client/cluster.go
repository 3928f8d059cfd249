package client

import (
	"context"
	"sort"
)

// ConfD has no single cluster-state job: ClusterState combines the master
// (GET /master?info_type=name), node_list with node_state (NodeList),
// st_volume_list (VolumeList), db_list and db_state, reusing the typed reads
// of the node, volume and database files rather than parsing twice.

// ClusterState is an overview of the cluster.
type ClusterState struct {
	// MasterAddress is the host the client sends jobs to (the master's IP
	// as GET /master reports it, or the endpoint when a front does not serve /master).
	MasterAddress string
	// MasterName is the master's host name ("n11"); "" when the cluster does not say.
	MasterName string
	Nodes      []Node            // sorted by id
	Volumes    []string          // storage volume names, in the cluster's order
	Databases  []ClusterDatabase // sorted by name
}

// ClusterDatabase is one database and its runtime state.
type ClusterDatabase struct {
	Name  string
	State string
}

// clusterStateSource is what the overview reads, on either interface.
type clusterStateSource interface {
	MasterName(ctx context.Context) (string, error)
	NodeList(ctx context.Context) ([]Node, error)
	VolumeList(ctx context.Context) ([]*Volume, error)
	DBList(ctx context.Context) ([]string, error)
	DBState(ctx context.Context, name string) (string, error)
}

// readClusterState reads the overview from src; t is the session that
// knows the master's address.
func readClusterState(ctx context.Context, src clusterStateSource, t *session) (*ClusterState, error) {
	name, err := src.MasterName(ctx)
	if err != nil {
		return nil, err
	}
	m, err := t.conn.MasterURL(ctx)
	if err != nil {
		return nil, err
	}
	st := &ClusterState{MasterAddress: m.Hostname(), MasterName: name}

	if st.Nodes, err = src.NodeList(ctx); err != nil {
		return nil, err
	}
	vols, err := src.VolumeList(ctx)
	if err != nil {
		return nil, err
	}
	st.Volumes = []string{}
	for _, v := range vols {
		st.Volumes = append(st.Volumes, v.Name)
	}

	dbs, err := src.DBList(ctx)
	if err != nil {
		return nil, err
	}
	sort.Strings(dbs)
	st.Databases = []ClusterDatabase{}
	for _, db := range dbs {
		state, err := src.DBState(ctx, db)
		if IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		st.Databases = append(st.Databases, ClusterDatabase{Name: db, State: state})
	}
	return st, nil
}
