package confd

import (
	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// volJob builds a storage volume job addressed by "vid ↔ vname".
func volJob(name, desc, mandatory, optional string, act func(x *execution, v cluster.Ref) error) *job {
	return &job{name: name, desc: desc, commits: true,
		mandatory: append(fields("vid|vname"), fields(mandatory)...), optional: fields(optional),
		run: func(x *execution) (any, error) {
			v, err := x.p.ref("vid", "vname")
			if err != nil {
				return nil, err
			}
			return noOutput, act(x, v)
		}}
}

func init() {
	readJobs["st_node_list"] = true
	register(
		&job{name: "st_volume_create", desc: "Create a storage volume; returns its id.", commits: true,
			mandatory: fields("name type disk size nodes redundancy"),
			optional: fields("owner num_master_nodes block_size stripe_size permissions shared priority " +
				"partition_size http_port https_port labels"),
			run: volumeCreate},
		&job{name: "st_volume_list", desc: "List all storage volumes.", run: func(x *execution) (any, error) {
			out := []map[string]any{}
			for _, v := range x.c.Snapshot().Volumes {
				out = append(out, volume(v, false))
			}
			return out, nil
		}},
		&job{name: "st_node_list", desc: "Return information about all storage nodes.", run: func(x *execution) (any, error) {
			return storageNodes(x.c.Snapshot()), nil
		}},
		&job{name: "st_volume_info", desc: "Return information about a storage volume.",
			mandatory: fields("vid|vname"),
			run: func(x *execution) (any, error) {
				r, err := x.p.ref("vid", "vname")
				if err != nil {
					return nil, err
				}
				v, err := x.c.Snapshot().FindVolume(r)
				if err != nil {
					return nil, err
				}
				return volume(v, true), nil
			}},
		volJob("st_volume_delete", "Delete a storage volume that no database uses.", "", "",
			func(x *execution, v cluster.Ref) error { return x.c.DeleteVolume(v) }),
		volJob("st_volume_enlarge", "Enlarge a volume by blocks_per_node.", "blocks_per_node", "",
			func(x *execution, v cluster.Ref) error { return x.c.ResizeVolume(v, int64(x.p.int("blocks_per_node"))) }),
		volJob("st_volume_shrink", "Shrink a volume by blocks_per_node.", "blocks_per_node", "",
			func(x *execution, v cluster.Ref) error {
				return x.c.ResizeVolume(v, -int64(x.p.int("blocks_per_node")))
			}),
		volJob("st_volume_set_io_status", "Enable or disable application / internal I/O.", "app_io int_io", "",
			func(x *execution, v cluster.Ref) error {
				app, internal := x.p.bool("app_io", true), x.p.bool("int_io", true)
				return x.c.SetVolumeIO(v, &app, &internal)
			}),
		volJob("st_volume_add_label", "Add a label to a volume.", "label", "",
			func(x *execution, v cluster.Ref) error { return x.c.AddVolumeLabel(v, x.p.str("label")) }),
		volJob("st_volume_remove_label", "Remove a label from a volume.", "label", "",
			func(x *execution, v cluster.Ref) error { return x.c.RemoveVolumeLabel(v, x.p.str("label")) }),
		volJob("st_volume_append_node", "Append nodes to a volume.", "node_num node_ids", "",
			func(x *execution, v cluster.Ref) error {
				return x.c.AppendVolumeNodes(v, x.p.int("node_num"), x.p.ints("node_ids"))
			}),
		volJob("st_volume_move_node", "Move nodes of a volume.", "src_nodes dst_nodes", "",
			func(x *execution, v cluster.Ref) error {
				return x.c.MoveVolumeNodes(v, x.p.ints("src_nodes"), x.p.ints("dst_nodes"))
			}),
		volJob("st_volume_increase_redundancy", "Increase the redundancy of a volume by delta.", "delta", "nodes",
			func(x *execution, v cluster.Ref) error {
				return x.c.ChangeVolumeRedundancy(v, x.p.int("delta"), x.p.ints("nodes"))
			}),
		volJob("st_volume_decrease_redundancy", "Decrease the redundancy of a volume by delta.", "delta", "nodes",
			func(x *execution, v cluster.Ref) error {
				return x.c.ChangeVolumeRedundancy(v, -x.p.int("delta"), nil)
			}),
		volJob("st_volume_lock", "Lock a volume.", "", "",
			func(x *execution, v cluster.Ref) error { return x.c.LockVolume(v, true) }),
		volJob("st_volume_unlock", "Unlock a volume.", "", "",
			func(x *execution, v cluster.Ref) error { return x.c.LockVolume(v, false) }),
		volJob("st_volume_clear_data", "Clear the data of a volume.", "num_bytes node_ids", "",
			func(x *execution, v cluster.Ref) error { return x.c.ClearVolumeData(v) }),
		volJob("st_volume_set_priority", "Set the priority of a volume.", "priority", "",
			func(x *execution, v cluster.Ref) error {
				p, err := x.p.id("priority")
				if err != nil {
					return err
				}
				return x.c.EditVolume(v, cluster.VolumeEdit{Priority: &p})
			}),
		volJob("st_volume_change_owner", "Change the owner of a volume.", "owner", "",
			func(x *execution, v cluster.Ref) error {
				o, err := x.p.owner("owner")
				if err != nil {
					return err
				}
				return x.c.EditVolume(v, cluster.VolumeEdit{Owner: o})
			}),
		volJob("st_volume_change_permissions", "Change the permissions of a volume.", "permissions", "",
			func(x *execution, v cluster.Ref) error {
				perm := x.p.str("permissions")
				return x.c.EditVolume(v, cluster.VolumeEdit{Permissions: &perm})
			}),
	)
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
		Permissions: p.str("permissions"), Labels: p.strs("labels"),
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
	if p.has("priority") {
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
