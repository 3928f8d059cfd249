package confd

import (
	"fmt"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// volJob builds a storage volume job addressed by "vid ↔ vname" (fact:
// every st_volume_* page: vid integer, substitutable by vname string).
func volJob(name, desc, mandatory, optional string, act func(x *execution, v cluster.Ref) error) *job {
	return &job{name: name, desc: desc, page: docPage(name), commits: true,
		mandatory: "vid:int|vname:str " + mandatory, optional: optional,
		run: func(x *execution) (any, error) { return noOutput, act(x, x.volume()) }}
}

// volume reads "vid ↔ vname"; the id wins when both are given.
func (x *execution) volume() cluster.Ref {
	if x.p.has("vid") {
		return cluster.ByID(x.p.int("vid"))
	}
	return cluster.ByName(x.p.str("vname"))
}

func init() {
	readJobs["st_node_list"] = true
	register(
		&job{name: "st_volume_create", desc: "Create a new local volume; returns its id.", page: docPage("st_volume_create"),
			commits: true, mandatory: "name:str type:str disk:str size:str nodes:list[int] redundancy:int",
			optional: "owner:list num_master_nodes:int block_size:str/int stripe_size:str/int partition_size:str/int " +
				"permissions:str shared:bool priority:str " + stVolumeCreatePorts,
			run: volumeCreate},
		&job{name: "st_volume_list", desc: "Return a list of all volumes.", page: docPage("st_volume_list"),
			run: func(x *execution) (any, error) {
				out := []map[string]any{}
				for _, v := range x.c.Snapshot().Volumes {
					out = append(out, volume(v, false))
				}
				return out, nil
			}},
		&job{name: "st_node_list", desc: "Return information about all storage nodes.", page: docPage("st_node_list"),
			run: func(x *execution) (any, error) { return storageNodes(x.c.Snapshot()), nil }},
		// vid: an integer, or 'all_volumes' for every volume (fact: the page).
		&job{name: "st_volume_info", desc: "Return information about a volume given its id or name.",
			page: docPage("st_volume_info"), mandatory: "vid:int/str|vname:str", run: volumeInfo},
		volJob("st_volume_delete", "Delete a volume that is not in use.", "", "",
			func(x *execution, v cluster.Ref) error { return x.c.DeleteVolume(v) }),
		volJob("st_volume_enlarge", "Enlarge each segment of a volume by blocks_per_node.", "blocks_per_node:int", "",
			func(x *execution, v cluster.Ref) error { return x.c.ResizeVolume(v, int64(x.p.int("blocks_per_node"))) }),
		// No page: see guessedJobs.
		&job{name: "st_volume_shrink", desc: "Shrink a volume by blocks_per_node.", commits: true,
			mandatory: "vid:int|vname:str blocks_per_node:int",
			run: func(x *execution) (any, error) {
				return noOutput, x.c.ResizeVolume(x.volume(), -int64(x.p.int("blocks_per_node")))
			}},
		volJob("st_volume_set_io_status", "Enable or disable application and internal I/O of a volume.",
			"app_io:bool int_io:bool", "",
			func(x *execution, v cluster.Ref) error {
				app, internal := x.p.bool("app_io", true), x.p.bool("int_io", true)
				return x.c.SetVolumeIO(v, &app, &internal)
			}),
		volJob("st_volume_add_label", "Add a label to a volume.", "label:str", "",
			func(x *execution, v cluster.Ref) error { return x.c.AddVolumeLabel(v, x.p.str("label")) }),
		volJob("st_volume_remove_label", "Remove a label from a volume.", "label:str", "",
			func(x *execution, v cluster.Ref) error { return x.c.RemoveVolumeLabel(v, x.p.str("label")) }),
		volJob("st_volume_append_node", "Append nodes to a volume.", "node_num:int node_ids:list[int]", "",
			func(x *execution, v cluster.Ref) error {
				return x.c.AppendVolumeNodes(v, x.p.int("node_num"), x.p.ints("node_ids"))
			}),
		volJob("st_volume_move_node", "Move nodes of a volume to destination nodes.", "src_nodes:list[int] dst_nodes:list[int]", "",
			func(x *execution, v cluster.Ref) error {
				return x.c.MoveVolumeNodes(v, x.p.ints("src_nodes"), x.p.ints("dst_nodes"))
			}),
		volJob("st_volume_increase_redundancy", "Increase the redundancy of a volume by delta.", "delta:int", "nodes:list[int]",
			func(x *execution, v cluster.Ref) error {
				return x.c.ChangeVolumeRedundancy(v, x.p.int("delta"), x.p.ints("nodes"))
			}),
		volJob("st_volume_decrease_redundancy", "Decrease the redundancy of a volume by delta.", "delta:int", "",
			func(x *execution, v cluster.Ref) error {
				return x.c.ChangeVolumeRedundancy(v, -x.p.int("delta"), nil)
			}),
		volJob("st_volume_lock", "Lock a volume.", "", "",
			func(x *execution, v cluster.Ref) error { return x.c.LockVolume(v, true) }),
		volJob("st_volume_unlock", "Unlock a volume.", "", "",
			func(x *execution, v cluster.Ref) error { return x.c.LockVolume(v, false) }),
		volJob("st_volume_clear_data", "Overwrite the data of a volume's segments on the given nodes with zeroes.",
			"num_bytes:int node_ids:list[int]", "",
			func(x *execution, v cluster.Ref) error { return x.c.ClearVolumeData(v) }),
		volJob("st_volume_set_priority", "Set the priority of a volume.", "prio:int", "",
			func(x *execution, v cluster.Ref) error {
				p := x.p.int("prio")
				return x.c.EditVolume(v, cluster.VolumeEdit{Priority: &p})
			}),
		volJob("st_volume_change_owner", "Change the owner and group of a volume.", "vol_user:int vol_grp:int", "",
			func(x *execution, v cluster.Ref) error {
				o := [2]int{x.p.int("vol_user"), x.p.int("vol_grp")}
				return x.c.EditVolume(v, cluster.VolumeEdit{Owner: &o})
			}),
		volJob("st_volume_change_permissions", "Change the permissions of a volume.", "mode:str", "",
			func(x *execution, v cluster.Ref) error {
				perm := x.p.str("mode")
				return x.c.EditVolume(v, cluster.VolumeEdit{Permissions: &perm})
			}),
	)
}

// volumeInfo answers st_volume_info: one volume, or with vid 'all_volumes'
// every volume (see allVolumesOutput).
func volumeInfo(x *execution) (any, error) {
	st := x.c.Snapshot()
	if s, ok := x.p["vid"].(string); ok {
		if s != allVolumes {
			return nil, fmt.Errorf("parameter 'vid' must be a volume id or '%s', got '%s'", allVolumes, s)
		}
		return allVolumesOutput(st), nil
	}
	v, err := st.FindVolume(x.volume())
	if err != nil {
		return nil, err
	}
	return volume(v, true), nil
}

// volumeCreate returns the new volume's id (see volumeIDOutput).
func volumeCreate(x *execution) (any, error) {
	p := x.p
	size, err := cluster.ParseSize(p.str("size"))
	if err != nil {
		return nil, err
	}
	spec := cluster.VolumeSpec{
		Name: p.str("name"), Type: p.str("type"), Disk: p.str("disk"), Size: size,
		Nodes: p.ints("nodes"), Redundancy: p.int("redundancy"), NumMasterNodes: p.int("num_master_nodes"),
		Permissions: p.str("permissions"),
	}
	if p.has("owner") {
		if spec.Owner, err = p.owner("owner"); err != nil {
			return nil, err
		}
	}
	if p.has("shared") {
		shared := p.bool("shared", true)
		spec.Shared = &shared
	}
	if p.has("priority") { // a number written as text (fact: "priority | string")
		if spec.Priority, err = p.id("priority"); err != nil {
			return nil, err
		}
	}
	for n, dst := range map[string]*int64{"block_size": &spec.BlockSize, "stripe_size": &spec.StripeSize} {
		if p.has(n) {
			if *dst, err = p.size(n); err != nil {
				return nil, err
			}
		}
	}
	id, err := x.c.CreateVolume(spec)
	if err != nil {
		return nil, err
	}
	return volumeIDOutput(id), nil
}
