package confd

import (
	"fmt"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

func init() {
	register(
		&job{name: "remote_volume_add", desc: "Create a remote volume.", page: docPage("remote_volume_add"), commits: true,
			mandatory: "vol_type:str url:str",
			optional: "remote_volume_id:str/int remote_volume_name:str username:str password:str labels:list " +
				"options:list owner:list",
			run: remoteAdd},
		&job{name: "remote_volume_remove", desc: "Delete a remote volume.", page: docPage("remote_volume_remove"), commits: true,
			mandatory: remoteRef,
			run: func(x *execution) (any, error) {
				r, err := x.p.ref("remote_volume_id", "remote_volume_name")
				if err != nil {
					return nil, err
				}
				return noOutput, x.c.RemoveRemoteVolume(r)
			}},
		&job{name: "remote_volume_list", desc: "List all remote volumes.", page: docPage("remote_volume_list"),
			run: func(x *execution) (any, error) {
				out := []string{}
				for _, v := range x.c.Snapshot().Remotes {
					out = append(out, v.Name)
				}
				return out, nil
			}},
		&job{name: "remote_volume_list_details", desc: "List all remote volumes with their details.",
			page: docPage("remote_volume_list_details"),
			run: func(x *execution) (any, error) {
				out := []map[string]any{}
				for _, v := range x.c.Snapshot().Remotes {
					out = append(out, remoteDetails(v))
				}
				return out, nil
			}},
		&job{name: "remote_volume_info", desc: "Return information about a remote volume.", page: docPage("remote_volume_info"),
			mandatory: remoteRef,
			run: func(x *execution) (any, error) {
				v, _, err := x.remote()
				if err != nil {
					return nil, err
				}
				return remoteInfo(v), nil
			}},
		&job{name: "remote_volume_state", desc: "Return the state of a remote volume on every node.",
			page: docPage("remote_volume_state"), mandatory: remoteRef,
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

// remoteRef addresses a remote volume (fact: the pages: name string,
// substitutable by the id, string or integer).
const remoteRef = "remote_volume_name:str|remote_volume_id:str/int"

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
		Username: p.str("username"), Password: p.str("password"), Owner: x.user,
		Labels: p.strs("labels"), Options: p.strs("options"),
	}
	// fact: the requesting user owns the volume unless owner (user, group)
	// says otherwise, given as ids or names.
	if p.has("owner") {
		o, err := p.owner("owner")
		if err != nil {
			return nil, err
		}
		spec.OwnerIDs, spec.Owner = o, ownerName(o[0])
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
