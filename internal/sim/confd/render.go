package confd

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// This file renders model objects in ConfD's output shapes. Key names and
// value types follow the seed examples exactly (including keys with spaces).

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

func names(st *cluster.State, ids []int) []string {
	out := []string{}
	for _, id := range ids {
		out = append(out, st.NodeName(id))
	}
	return out
}

// dbInfo renders db_info: the seed's keys plus "config" (see dbConfig in
// guesses.go).
func dbInfo(st *cluster.State, d *cluster.Database) map[string]any {
	cfg := &d.Config
	var active, failed []int
	for _, id := range cfg.ActiveNodes() {
		if n := st.Node(id); slices.Contains(d.Suspended, id) || n == nil || n.State != cluster.NodeOnline {
			failed = append(failed, id)
		} else {
			active = append(active, id)
		}
	}
	data, temp := st.Volume(cfg.DataVolumeID), st.Volume(d.TempVolume)
	return map[string]any{
		"connectible":       yesNo(d.Connectible()),
		"connection string": connectionString(st, d),
		"info":              d.Info,
		"name":              d.Name,
		"nodes": map[string]any{
			"active": names(st, active), "failed": names(st, failed), "reserve": names(st, cfg.ReserveNodes()),
		},
		"operation":         d.Operation,
		"persistent volume": volumeName(data),
		"quota":             cfg.VolumeQuota,
		"state":             dbStateName(d.State),
		"temporary volume":  volumeName(temp),
		"usage persistent":  usage(st, data),
		"usage temporary":   usage(st, temp),
		"config":            dbConfig(st, d),
	}
}

func volumeName(v *cluster.Volume) string {
	if v == nil {
		return ""
	}
	return v.Name
}

// usage lists a volume's size per master node.
func usage(st *cluster.State, v *cluster.Volume) []map[string]any {
	out := []map[string]any{}
	if v == nil {
		return out
	}
	for _, id := range v.MasterNodes() {
		out = append(out, map[string]any{
			"host": st.NodeName(id), "size": cluster.FormatSize(v.Size), "used": usageUsed, "volume id": strconv.Itoa(v.ID),
		})
	}
	return out
}

// volume renders a storage volume; info selects st_volume_info's variant,
// which writes block and stripe sizes as text (fact).
func volume(v *cluster.Volume, info bool) map[string]any {
	var blockSize, stripeSize any = v.BlockSize, v.StripeSize
	if info {
		blockSize, stripeSize = cluster.FormatSize(v.BlockSize), cluster.FormatSize(v.StripeSize)
	}
	nodesList := []map[string]any{}
	for _, id := range v.Nodes {
		nodesList = append(nodesList, map[string]any{"id": id, "unrecovered_segments": 0})
	}
	segments := []map[string]any{}
	for _, s := range v.Segments() {
		segments = append(segments, map[string]any{
			"end_block": strconv.FormatInt(s.EndBlock, 10), "index": strconv.Itoa(s.Index), "nid": s.NID,
			"partitions": []any{}, "phys_nid": s.PhysNID, "sid": strconv.Itoa(s.SID),
			"start_block": strconv.FormatInt(s.StartBlock, 10), "state": s.State, "type": s.Type,
			"vid": strconv.Itoa(s.VID),
		})
	}
	users := [][]any{}
	for _, u := range v.Users {
		users = append(users, []any{u.ID, u.ReadOnly})
	}
	return map[string]any{
		"app_io_enabled": v.AppIO, "block_distribution": "vertical", "block_size": blockSize,
		"bytes_per_block": v.BlockSize, "group": v.Owner[1], "hdd_type": v.Disk, "hdds_per_node": 1,
		"id": strconv.Itoa(v.ID), "int_io_enabled": v.IntIO, "labels": slices.Clone(v.Labels),
		"name": v.Name, "nodes_list": nodesList, "num_master_nodes": v.NumMasterNodes,
		"owner": v.Owner[0], "permissions": v.Permissions, "priority": v.Priority,
		"redundancy": v.Redundancy, "segments": segments, "shared": v.Shared,
		"size": cluster.FormatSize(v.Size), "snapshots": []any{}, "state": v.State,
		"stripe_size": stripeSize, "type": cluster.SegmentMaster, "unlock_conditions": []any{},
		"use_crc": true, "users": users, "volume_nodes": slices.Clone(v.Nodes),
		volumeTypeKey: v.Type, // guess
	}
}

// nodeList renders node_list: a dict keyed by node id as text.
func nodeList(st *cluster.State) map[string]any {
	out := map[string]any{}
	for _, n := range st.Nodes {
		disks := map[string]any{}
		for _, d := range n.Disks {
			disks[d.Name] = map[string]any{
				"component": d.Component, "devices": slices.Clone(d.Devices),
				"direct_io": d.DirectIO, "ephemeral": d.Ephemeral, "name": d.Name,
			}
		}
		e := map[string]any{
			"disks": disks, "docker_volume": fmt.Sprintf(dockerVolumeFmt, n.Name),
			"exposed_ports": exposedPorts, "id": strconv.Itoa(n.ID), "name": n.Name,
			"private_ip": n.PrivateIP(), "private_net": n.PrivateNet, "uuid": n.UUID,
		}
		addNodeExtras(e, n)
		out[strconv.Itoa(n.ID)] = e
	}
	return out
}

// storageNodes renders st_node_list (see freeSpaceFormat for its shape).
func storageNodes(st *cluster.State) map[string]any {
	out := map[string]any{}
	for i, n := range st.Nodes {
		free := map[string]any{}
		hdds := []map[string]any{}
		for _, d := range n.Disks {
			free[d.Name] = fmt.Sprintf(freeSpaceFormat, float64(st.FreeSpace(n.ID, d.Name, -1))/(1<<30))
			for _, dev := range d.Devices {
				hdds = append(hdds, map[string]any{"name": dev, "type": d.Name})
			}
		}
		out[strconv.Itoa(i)] = map[string]any{"name": n.Name, "hdd_free_space": free, "hdds": hdds}
	}
	return out
}

// nodeState renders node_state: id → state, plus "booted" for booted nodes.
func nodeState(st *cluster.State) map[string]any {
	out := map[string]any{}
	booted := map[string]any{}
	for _, n := range st.Nodes {
		out[strconv.Itoa(n.ID)] = n.State
		if !n.Booted.IsZero() {
			booted[strconv.Itoa(n.ID)] = n.Booted.In(cluster.Zone).Format(bootedFormat)
		}
	}
	out["booted"] = booted
	return out
}

// BackupItem renders one entry of db_backup_list (fact: the seed's keys);
// the EXAoperation face's getBackups answers the same items.
func BackupItem(st *cluster.State, b *cluster.Backup) map[string]any {
	deps, expire := "-", ""
	if b.Base != 0 {
		if base := st.Backup(b.Base); base != nil {
			deps = fmt.Sprintf("%d %s", base.VolumeID, base.Prefix())
		}
	}
	if !b.Expires.IsZero() {
		expire = b.Expires.In(cluster.Zone).Format(backupTimeFormat)
	}
	started := b.Started.In(cluster.Zone)
	return map[string]any{
		"bid": b.ID, "comment": "", "dependencies": deps, "expire": expire,
		"expire_alterable": fmt.Sprintf("%d %s", b.VolumeID, b.Prefix()),
		"expired":          !b.Expires.IsZero() && !st.Now.Before(b.Expires),
		"id":               b.Key(), "last_item": true, "level": b.Level, "path": b.Path(),
		"system": b.System, "timestamp": started.Format(backupTimeFormat), "ts": started.Format(backupTSFormat),
		"usable": st.Usable(b), "usage": fmt.Sprintf("%.3f GiB", float64(b.Size)/(1<<30)),
		"volume": st.ArchiveName(b.VolumeID),
	}
}

// remoteInfo renders remote_volume_info [kb3] plus guessed extras.
func remoteInfo(v *cluster.RemoteVolume) map[string]any {
	m := map[string]any{
		"name": v.Name, "owner": v.Owner, "password": v.Password, "type": v.Type, "url": v.URL,
		"username": v.Username, "vid": strconv.Itoa(v.ID),
	}
	addRemoteExtras(m, v)
	return m
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
