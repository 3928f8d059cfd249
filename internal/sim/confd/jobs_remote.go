package confd

import (
	"fmt"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

func init() {
	register(
		&job{name: "remote_volume_add", desc: "Add a remote archive volume.", commits: true,
			mandatory: fields("vol_type url"),
			optional: fields("remote_volume_id remote_volume_name username password labels options " +
				"owner allowed_users"),
			// owner is the owning user's name here, unlike storage volumes
			types: map[string]string{"owner": "str"},
			run:   remoteAdd},
		&job{name: "remote_volume_remove", desc: "Remove a remote archive volume.", commits: true,
			mandatory: fields("remote_volume_name|remote_volume_id"),
			run: func(x *execution) (any, error) {
				r, err := x.p.ref("remote_volume_id", "remote_volume_name")
				if err != nil {
					return nil, err
				}
				return noOutput, x.c.RemoveRemoteVolume(r)
			}},
		&job{name: "remote_volume_list", desc: "List all remote volume names.", run: func(x *execution) (any, error) {
			out := []string{}
			for _, v := range x.c.Snapshot().Remotes {
				out = append(out, v.Name)
			}
			return out, nil
		}},
		&job{name: "remote_volume_info", desc: "Return information about a remote volume.",
			mandatory: fields("remote_volume_name|remote_volume_id"),
			run: func(x *execution) (any, error) {
				v, _, err := x.remote()
				if err != nil {
					return nil, err
				}
				return remoteInfo(v), nil
			}},
		&job{name: "remote_volume_state", desc: "Return the connection state of a remote volume on every node.",
			mandatory: fields("remote_volume_name|remote_volume_id"),
			run: func(x *execution) (any, error) {
				_, st, err := x.remote()
				if err != nil {
					return nil, err
				}
				out := []string{} // fact: one entry per node
				for _, n := range st.Nodes {
					out = append(out, remoteStateOn(n))
				}
				return out, nil
			}},
	)
}

func (x *execution) remote() (*cluster.RemoteVolume, *cluster.State, error) {
	r, err := x.p.ref("remote_volume_id", "remote_volume_name")
	if err != nil {
		return nil, nil, err
	}
	st := x.c.Snapshot()
	v, err := st.FindRemote(r)
	return v, st, err
}

// remoteAdd returns [[name, owner, config path]] (fact: the seed's output).
func remoteAdd(x *execution) (any, error) {
	p := x.p
	spec := cluster.RemoteVolume{
		Name: p.str("remote_volume_name"), Type: p.str("vol_type"), URL: p.str("url"),
		Username: p.str("username"), Password: p.str("password"), Owner: p.str("owner"),
		Labels: p.strs("labels"), Options: p.strs("options"), AllowedUsers: p.strs("allowed_users"),
	}
	if spec.Owner == "" {
		spec.Owner = x.user // fact: the requesting user becomes the owner
	}
	if p.has("remote_volume_id") {
		id, err := p.id("remote_volume_id")
		if err != nil {
			return nil, err
		}
		if id == 0 {
			return nil, fmt.Errorf("remote_volume_id must be at least %d, got 0", cluster.RemoteVolumeIDBase)
		}
		spec.ID = id
	}
	v, err := x.c.AddRemoteVolume(spec)
	if err != nil {
		return nil, err
	}
	index := 0
	for _, o := range x.c.Snapshot().Remotes {
		if o.Owner == v.Owner && o.ID < v.ID {
			index++
		}
	}
	return [][]any{{v.Name, v.Owner, fmt.Sprintf(remoteConfFmt, v.Owner, index)}}, nil
}
