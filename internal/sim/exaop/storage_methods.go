package exaop

import (
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

func init() {
	register(kindStorage, map[string]*method{
		// fact: "Usage: storage.startEXAStorage(ignored_nodes)"; returns 'OK'
		"startEXAStorage": {sig: "[ignored_nodes:list]", change: true, help: "Start EXAStorage service. Raises UsageError in case of error.",
			run: func(x *call) (any, error) {
				ids, err := x.nodeIDs(map[string]any{"ignored_nodes": x.list(0)}, "ignored_nodes")
				if err != nil {
					return nil, err
				}
				if err := x.s.c.StartStorage(ids); err != nil {
					return nil, err
				}
				return "OK", nil
			}},
		"stopEXAStorage": {change: true, help: "Stop EXAStorage service.",
			run: func(x *call) (any, error) { return done, x.s.c.StopStorage() }},
		"serviceIsOnline": {help: "Return True if the storage service is online.",
			run: func(x *call) (any, error) { return x.st.StorageRunning(), nil }},
		// guess: quorum while the service runs
		"storageHasQuorum": {help: "Return a boolean, showing if storage service has quorum.",
			run: func(x *call) (any, error) { return x.st.StorageRunning(), nil }},
		"getProperties": {help: "Function returns a dictionary that describes an object.",
			run: func(x *call) (any, error) { return map[string]any{"vlan_list": []string{}}, nil }},
		"addStorageVolume": {sig: "properties:dict", change: true, help: "Create a new object type StorageVolume.", run: addStorageVolume},
		"getVolumeList": {help: "Return a dictionary with description of volumes in EXAStorage.",
			run: func(x *call) (any, error) {
				out := map[string]any{}
				for _, v := range x.st.Volumes {
					out[VolumeName(v.ID)] = volumeInfo(x, v)
				}
				return out, nil
			}},
		// example.md: "storage.getVolumeInfo(vid or remote volume object
		// name)". guess: a remote volume's info is its properties without
		// the password, with its object name and state.
		"getVolumeInfo": {sig: "vid:any", help: "Returns information about volume.\n\nUsage: `storage.getVolumeInfo(vid or remote volume object name)`",
			run: func(x *call) (any, error) {
				if name, ok := x.args[0].(string); ok {
					if o, err := resolveChild(x.st, name); err == nil && o.kind == kindRemote {
						info := remoteProperties(x, x.st.Remote(o.id))
						delete(info, "password")
						info["name"], info["state"] = o.name, remoteState(x.st)
						return info, nil
					}
				}
				v, err := x.volume(x.args[0])
				if err != nil {
					return nil, err
				}
				return volumeInfo(x, v), nil
			}},
		"volumeRemove": {sig: "vname:str", change: true, help: "Remove volume.",
			run: func(x *call) (any, error) {
				v, err := x.volume(x.str(0))
				if err != nil {
					return nil, err
				}
				return done, x.s.c.DeleteVolume(cluster.ByID(v.ID))
			}},
	})
	register(kindVolume, map[string]*method{
		// EXAoperation_XMLRPC.md, StorageVolume getProperties: "This object
		// has no properties" (storage.getVolumeInfo describes a volume)
		"getProperties":     {help: "This object has no properties.", run: noProperties},
		"editStorageVolume": {sig: "properties:dict", change: true, help: "Edits object.", run: editStorageVolume},
		"resizeVolume": {sig: "size:int", change: true, help: "Add given amount of GiB's to volume size.",
			run: func(x *call) (any, error) {
				v := x.st.Volume(x.obj.id)
				return done, x.s.c.ResizeVolume(cluster.ByID(v.ID), (int64(x.int(0))<<30)/v.BlockSize)
			}},
		"setIoState": {sig: "app_io:bool int_io:bool", change: true, help: "Set IO state for Volume application or internal IO.",
			run: func(x *call) (any, error) {
				app, internal := x.args[0].(bool), x.args[1].(bool)
				return done, x.s.c.SetVolumeIO(cluster.ByID(x.obj.id), &app, &internal)
			}},
		"moveNodes": {sig: "nodes_map:dict", change: true, help: "Move nodes according to nodes map.",
			run: func(x *call) (any, error) {
				var src, dst []int
				for from, to := range x.dict(0) {
					s, err := x.nodeID(from, false)
					if err != nil {
						return nil, err
					}
					name, _ := to.(string)
					d, err := x.nodeID(name, false)
					if err != nil {
						return nil, err
					}
					src, dst = append(src, s), append(dst, d)
				}
				return done, x.s.c.MoveVolumeNodes(cluster.ByID(x.obj.id), src, dst)
			}},
	})
	register(kindStorageNode, map[string]*method{
		"getProperties": {help: "Function returns a dictionary that describes an object.",
			run: func(x *call) (any, error) {
				n := x.st.Node(x.obj.id)
				free := int64(0)
				for _, d := range n.Disks {
					free += x.st.FreeSpace(n.ID, d.Name, -1)
				}
				return map[string]any{
					"nid": n.ID, "phys_nid": n.ID, "state": nodeStatus(n), "free_space": gib(free),
					"space_warn_threshold": n.SpaceWarnThreshold, "bg_rec_limit": n.BgRecLimit,
				}, nil
			}},
		"suspendNode": {change: true, help: "Suspend node.",
			run: func(x *call) (any, error) { return done, x.s.c.SuspendNode(x.obj.id) }},
		"resumeNode": {change: true, help: "Resume node.",
			run: func(x *call) (any, error) { return done, x.s.c.ResumeNode(x.obj.id) }},
		"nodeIsSuspended": {help: "Return whether the node is suspended or not.",
			run: func(x *call) (any, error) { return x.st.Node(x.obj.id).State == cluster.NodeSuspended, nil }},
	})
}

// volume resolves a volume argument (name or id).
func (x *call) volume(v any) (*cluster.Volume, error) {
	r, err := x.volumeRef(v)
	if err != nil {
		return nil, err
	}
	if vol := x.st.Volume(r.ID); vol != nil {
		return vol, nil
	}
	return nil, notFound(VolumeName(r.ID))
}

// volumeSpec: addStorageVolume's keys (EXAoperation_XMLRPC.md, Storage
// addStorageVolume); those not marked optional are required.
var volumeSpec = dictSpec{
	"allowed_users": "!list", "block_size": "int", "hdd_type": "!str", "labels": "list", "masternodes": "!int",
	"nodes_list": "!list", "priority": "int", "readonly_users": "list", "redundancy": "!int", "size": "!int",
	"volume_type": "!str",
}

func addStorageVolume(x *call) (any, error) {
	p, err := x.fields(x.dict(0), volumeSpec)
	if err != nil {
		return nil, err
	}
	typ, ok := volumeTypes[strOf(p, "volume_type")]
	if !ok {
		return nil, usage("volume_type must be 'Data' or 'Archive', got '%s'", strOf(p, "volume_type"))
	}
	nodes, err := x.nodeIDs(p, "nodes_list")
	if err != nil {
		return nil, err
	}
	labels, err := strsOf(p, "labels")
	if err != nil {
		return nil, err
	}
	users, err := x.volumeUsers(p, nil)
	if err != nil {
		return nil, err
	}
	if intOf(p, "masternodes") < 1 {
		return nil, usage("masternodes must be at least 1")
	}
	if intOf(p, "size") < 1 {
		return nil, usage("size must be at least 1 (GiB)")
	}
	// A '#Name#X' label names the volume X, as Exasol's own name labels do
	// (guesses.go, volumeNameLabel); without one it is named by its id.
	name, labels := nameFromLabels(labels)
	id, err := x.s.c.CreateVolume(cluster.VolumeSpec{
		Name: name, AutoName: name == "", Type: typ, Disk: strOf(p, "hdd_type"), Size: int64(intOf(p, "size")) << 30,
		Nodes: nodes, NumMasterNodes: intOf(p, "masternodes"), Redundancy: intOf(p, "redundancy"),
		BlockSize: int64(intOf(p, "block_size")) << 10, Priority: intOf(p, "priority"), Labels: labels, Users: users,
	})
	if err != nil {
		return nil, err
	}
	return VolumeName(id), nil
}

// editVolumeSpec: editStorageVolume's keys (StorageVolume
// editStorageVolume): allowed_users and redundancy are required.
var editVolumeSpec = dictSpec{
	"add_master_nodes": "int", "add_nodes_list": "list", "allowed_users": "!list", "labels": "list",
	"priority": "int", "readonly_users": "list", "redundancy": "!int",
}

// editStorageVolume applies the changes together and returns the names of
// the fields that changed (fact: "return a list of fields, that was
// modified").
func editStorageVolume(x *call) (any, error) {
	p, err := x.fields(x.dict(0), editVolumeSpec)
	if err != nil {
		return nil, err
	}
	v := x.st.Volume(x.obj.id)
	before := volumeInfo(x, v)
	var ch cluster.VolumeChanges
	if ch.AppendNodes, err = x.nodeIDs(p, "add_nodes_list"); err != nil {
		return nil, err
	}
	ch.AppendMasters = intOf(p, "add_master_nodes")
	if _, ok := p["redundancy"]; ok {
		ch.RedundancyDelta = intOf(p, "redundancy") - v.Redundancy
	}
	if _, ok := p["priority"]; ok {
		n := intOf(p, "priority")
		ch.Priority = &n
	}
	if _, ok := p["labels"]; ok {
		labels, err := strsOf(p, "labels")
		if err != nil {
			return nil, err
		}
		all := append(systemLabels(v), labels...)
		ch.Labels = &all
	}
	// allowed_users replaces the list; readonly_users, when left out, stays
	if _, ok := p["readonly_users"]; !ok {
		p["readonly_users"] = toAny(before["readonly_users"].([]int))
	}
	users, err := x.volumeUsers(p, v.Users)
	if err != nil {
		return nil, err
	}
	ch.Users = &users
	if err := x.s.c.ChangeVolume(cluster.ByID(v.ID), ch); err != nil {
		return nil, err
	}
	return changed(before, volumeInfo(x, x.s.c.Snapshot().Volume(v.ID)), volumeEditFields, p), nil
}

// volumeEditFields: editStorageVolume's keys → the volumeInfo key each changes.
var volumeEditFields = map[string]string{
	"add_master_nodes": "masternodes", "add_nodes_list": "nodes_list", "allowed_users": "allowed_users",
	"labels": "labels", "priority": "priority", "readonly_users": "readonly_users", "redundancy": "redundancy",
}

// systemLabels are the labels the model sets itself (guess: the model's
// '#Name#<name>' and the databases' 'pub:…' and 'temporary' labels); they
// are not shown and survive an edit of labels. Other '#Name#…' labels are
// a client's and shown like any label.
func systemLabels(v *cluster.Volume) []string {
	out := []string{}
	for _, l := range v.Labels {
		if isSystemLabel(v, l) {
			out = append(out, l)
		}
	}
	return out
}

func isSystemLabel(v *cluster.Volume, l string) bool {
	// The name label of a named volume is shown (see nameFromLabels); that
	// of a volume named by its id is not.
	return (l == volumeNameLabel+v.Name && v.Name == VolumeName(v.ID)) || l == "temporary" ||
		(strings.HasPrefix(l, "pub:") && (strings.HasSuffix(l, "_persistent") || strings.HasSuffix(l, "_temporary")))
}

func toAny[T any](s []T) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// nameFromLabels takes the first '#Name#X' label out of labels: X names the
// volume (the model adds the label itself).
func nameFromLabels(labels []string) (string, []string) {
	for i, l := range labels {
		if n, ok := strings.CutPrefix(l, volumeNameLabel); ok && n != "" {
			return n, append(labels[:i:i], labels[i+1:]...)
		}
	}
	return "", labels
}
