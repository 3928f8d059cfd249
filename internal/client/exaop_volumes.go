package client

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/client/exaop"

	"github.com/exacluster/terraform-provider-exasol/internal/units"
)

// Storage volumes over EXAoperation: the storage object adds, lists, reads
// and removes them (addStorageVolume, getVolumeList, getVolumeInfo,
// volumeRemove); the volume object /cluster1/storage/v0000 changes one
// (resizeVolume, editStorageVolume, setIoState). A volume's name is its
// '#Name#' label (exaoperation.go).

// volumeIndex is every volume by object name ('v0000') and by name.
type volumeIndex struct {
	list   []*Volume
	byID   map[string]*Volume // 'v0000' → volume
	byName map[string]*Volume
	obj    map[*Volume]string // volume → 'v0000'
}

// volumeIndex reads getVolumeList and, for entries without details,
// getVolumeInfo. guess: getVolumeList is a dict keyed by volume id whose
// values describe the volumes as getVolumeInfo does; a list of ids or of
// descriptions is read too.
//
// A refresh reads it once: every storage volume, database and archive
// lookup of the run shares one reading through the read cache
// (readcache.go), which every change and every fresh read renews. Callers
// do not change what the index holds (volumeByName and VolumeList hand out
// copies).
func (x *EXAoperation) volumeIndex(ctx context.Context) (*volumeIndex, error) {
	return shareCall(ctx, x, exaop.Storage, "getVolumeList", x.readVolumeIndex)
}

func (x *EXAoperation) readVolumeIndex(ctx context.Context) (*volumeIndex, error) {
	v, err := x.call(ctx, exaop.Storage, "getVolumeList")
	if err != nil {
		return nil, err
	}
	type entry struct {
		vid  string
		desc fields
	}
	var entries []entry
	switch t := v.(type) {
	case map[string]any:
		for _, k := range sortedKeys(t) {
			entries = append(entries, entry{k, asFields(t[k])})
		}
	case []any:
		for _, it := range t {
			if f := asFields(it); f != nil {
				entries = append(entries, entry{volumeObjectName(f), f})
			} else {
				entries = append(entries, entry{asString(it), nil})
			}
		}
	}
	idx := &volumeIndex{byID: map[string]*Volume{}, byName: map[string]*Volume{}, obj: map[*Volume]string{}}
	for _, e := range entries {
		desc := e.desc
		if desc == nil || !desc.has("labels") {
			info, err := x.call(ctx, exaop.Storage, "getVolumeInfo", e.vid)
			if IsNotFound(err) {
				continue // removed meanwhile
			}
			if err != nil {
				return nil, err
			}
			desc = asFields(info)
		}
		vol := exaopVolume(e.vid, desc)
		idx.list = append(idx.list, vol)
		idx.byID[e.vid] = vol
		idx.obj[vol] = e.vid
	}
	// A chosen name wins over an id that happens to be spelled alike.
	for _, vol := range idx.list {
		if _, taken := idx.byName[vol.Name]; !taken || idx.obj[vol] != vol.Name {
			idx.byName[vol.Name] = vol
		}
	}
	return idx, nil
}

// volumeObjectName is the object name of a volume description: its 'vid'
// or 'id' as 'v0000'.
func volumeObjectName(f fields) string {
	for _, k := range []string{"vid", "id", "volume_id"} {
		s := f.str(k)
		switch {
		case exaop.VolumeIDRE.MatchString(s):
			return s
		case s != "":
			if n, err := strconv.ParseInt(s, 10, 64); err == nil {
				return fmt.Sprintf("v%04d", n)
			}
		}
	}
	return ""
}

// exaopVolume types a volume description (the simulator's getVolumeInfo,
// guess: addStorageVolume's keys plus name 'v0000', vid, state, app_io,
// int_io; size in GiB, block_size in KiB, nodes_list of node names). Keys
// of ConfD's st_volume_info are read too (parseVolume), should a release
// answer with EXAStorage's own description. The name is the name label,
// else the object name.
func exaopVolume(vid string, f fields) *Volume {
	v := parseVolume(f)
	n, _ := strconv.ParseInt(strings.TrimPrefix(vid, "v"), 10, 64)
	v.ID = strconv.FormatInt(n, 10)
	v.Name = exaop.NameFromLabels(v.Labels, vid)
	v.Type = strings.ToLower(v.Type)
	if v.Type != VolumeTypeData && v.Type != VolumeTypeArchive {
		v.Type = ""
	}
	if !f.has("volume_nodes") {
		v.Nodes = []int64{}
		for _, n := range f.list("nodes_list") {
			if id := exaop.NodeID(n); id > 0 {
				v.Nodes = append(v.Nodes, id)
			} else {
				v.Nodes = append(v.Nodes, asFields(n).num("id"))
			}
		}
	}
	if v.NumMasterNodes == 0 {
		v.NumMasterNodes = f.num("masternodes")
	}
	if f.has("app_io") {
		v.AppIO, v.IntIO = f.flag("app_io"), f.flag("int_io")
	}
	if _, text := f["block_size"].(string); !text && f.has("block_size") {
		v.BlockSize = f.num("block_size") << 10 // KiB, as addStorageVolume takes it
	}
	if _, text := f["size"].(string); !text && f.has("size") {
		v.SizeBytes = f.num("size") << 30 // GiB, as addStorageVolume takes it
		v.Size = gibText(f.num("size"))
	}
	return v
}

// volumeByName finds a volume and its object name; a missing one is a
// not-found error.
func (x *EXAoperation) volumeByName(ctx context.Context, name string) (*Volume, string, error) {
	idx, err := x.volumeIndex(ctx)
	if err != nil {
		return nil, "", err
	}
	v, ok := idx.byName[name]
	if !ok {
		return nil, "", notFound("storage.getVolumeList", "storage volume '%s' does not exist", name)
	}
	return v.clone(), idx.obj[v], nil
}

// volumeID is the object name ('v0000') of the volume called name.
func (x *EXAoperation) volumeID(ctx context.Context, name string) (string, error) {
	_, vid, err := x.volumeByName(ctx, name)
	return vid, err
}

// VolumeInfo reads one volume by name.
func (x *EXAoperation) VolumeInfo(ctx context.Context, name string) (*Volume, error) {
	v, _, err := x.volumeByName(ctx, name)
	return v, err
}

// VolumeList reads every storage volume.
func (x *EXAoperation) VolumeList(ctx context.Context) ([]*Volume, error) {
	idx, err := x.volumeIndex(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*Volume, 0, len(idx.list))
	for _, v := range idx.list {
		out = append(out, v.clone())
	}
	return out, nil
}

// volumeAdd adds a volume (addStorageVolume) with its name label and the
// labels of after, after refusing what its capability table says it cannot
// take; the I/O status is left for after. A lost answer is read back (a
// volume with the name label) before anything is sent again.
func (x *EXAoperation) volumeAdd(ctx context.Context, s VolumeSpec, after VolumeChange) (VolumeChange, error) {
	switch {
	case s.StripeSize != nil:
		return VolumeChange{}, x.refuse(ObjectStorageVolume, "StripeSize")
	case len(s.Owner) > 0:
		return VolumeChange{}, x.refuse(ObjectStorageVolume, "Owner")
	case s.Permissions != nil:
		return VolumeChange{}, x.refuse(ObjectStorageVolume, "Permissions")
	case s.Shared != nil && *s.Shared:
		return VolumeChange{}, x.refuse(ObjectStorageVolume, "Shared")
	case exaop.VolumeIDRE.MatchString(s.Name):
		return VolumeChange{}, unsupportedErr(fmt.Sprintf("name a storage volume %q", s.Name), "names of the form v0000 are EXAoperation's volume ids; choose another name")
	}
	size, err := gib("size", s.Size)
	if err != nil {
		return VolumeChange{}, err
	}
	if _, _, err := x.volumeByName(ctx, s.Name); err == nil {
		return VolumeChange{}, &Error{Kind: KindJob, API: APIEXAoperation, Job: "storage.addStorageVolume",
			Message: fmt.Sprintf("storage volume '%s' already exists", s.Name)}
	} else if !IsNotFound(err) {
		return VolumeChange{}, err
	}
	users, err := x.allowedUsers(ctx)
	if err != nil {
		return VolumeChange{}, err
	}
	masters := int64(len(s.Nodes))
	if s.NumMasterNodes != nil {
		masters = *s.NumMasterNodes
	}
	typ := "Data"
	if s.Type == VolumeTypeArchive {
		typ = "Archive"
	}
	p := map[string]any{
		"allowed_users": users, "hdd_type": s.Disk, "masternodes": masters, "nodes_list": nodeNames(s.Nodes),
		"redundancy": s.Redundancy, "size": size, "volume_type": typ,
		"labels": append([]string{exaop.NameLabel + s.Name}, sortedLabels(after.AddLabels)...),
	}
	if s.BlockSize != nil {
		b, err := parseKiB("block_size", *s.BlockSize)
		if err != nil {
			return VolumeChange{}, err
		}
		p["block_size"] = b
	}
	if s.Priority != nil {
		p["priority"] = *s.Priority
	}
	rb := &readBack{what: "storage.getVolumeList", check: func(ctx context.Context) (bool, any, error) {
		_, vid, err := x.volumeByName(ctx, s.Name)
		if IsNotFound(err) {
			return false, nil, nil
		}
		return err == nil, vid, err
	}}
	if _, err := x.change(ctx, rb, exaop.Storage, "addStorageVolume", p); err != nil {
		return VolumeChange{}, err
	}
	return VolumeChange{IO: after.IO}, nil
}

// listOrEmpty is a list answer as a list to send back (never nil).
func listOrEmpty(v any) []any {
	if l := anyList(v); l != nil {
		return l
	}
	return []any{}
}

func nodeNames(ids []int64) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = ExaopNodeName(id)
	}
	return out
}

// parseKiB reads a size as whole KiB, as block_size is taken.
func parseKiB(what, size string) (int64, error) {
	b, err := units.ParseSize(size)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	if b%1024 != 0 {
		return 0, unsupportedErr(fmt.Sprintf("set %s to %s", what, size), "EXAoperation takes whole KiB")
	}
	return b / 1024, nil
}

// volumeResize enlarges a volume (resizeVolume, whole GiB, read back by
// its size). EXAoperation cannot shrink a volume: that is refused before
// anything is sent (it is the first part of a change).
func (x *EXAoperation) volumeResize(ctx context.Context, name string, blocksPerNode int64) error {
	if blocksPerNode < 0 {
		return unsupportedErr("shrink a storage volume", "EXAoperation only enlarges volumes (resizeVolume); keep the size or make it larger")
	}
	v, vid, err := x.volumeByName(ctx, name)
	if err != nil {
		return err
	}
	add := (blocksPerNode*v.BlockSize + 1<<30 - 1) >> 30
	rb := &readBack{what: "the volume's size (getVolumeInfo)", check: func(ctx context.Context) (bool, any, error) {
		now, err := x.VolumeInfo(ctx, name)
		if err != nil {
			return false, nil, err
		}
		return now.SizeBytes > v.SizeBytes, nil, nil
	}}
	_, err = x.change(ctx, rb, exaop.VolumeObject(vid), "resizeVolume", add)
	return err
}

// volumeRelabel writes the volume's whole label list (editStorageVolume),
// the name label kept, read back by its labels.
func (x *EXAoperation) volumeRelabel(ctx context.Context, name string, add, remove []string) error {
	v, vid, err := x.volumeByName(ctx, name)
	if err != nil {
		return err
	}
	labels := []string{}
	for _, l := range v.Labels {
		if !slices.Contains(remove, l) {
			labels = append(labels, l)
		}
	}
	for _, l := range sortedLabels(add) {
		if !slices.Contains(labels, l) {
			labels = append(labels, l)
		}
	}
	if !slices.ContainsFunc(labels, func(l string) bool { return strings.HasPrefix(l, exaop.NameLabel) }) && name != vid {
		labels = append([]string{exaop.NameLabel + name}, labels...)
	}
	p, err := x.volumeEditParams(ctx, vid, v)
	if err != nil {
		return err
	}
	p["labels"] = labels
	rb := &readBack{what: "the volume's labels (getVolumeInfo)", check: func(ctx context.Context) (bool, any, error) {
		now, err := x.VolumeInfo(ctx, name)
		if err != nil {
			return false, nil, err
		}
		return slices.Equal(now.Labels, labels), nil, nil
	}}
	_, err = x.change(ctx, rb, exaop.VolumeObject(vid), "editStorageVolume", p)
	return err
}

// volumeSetIOStatus sets the I/O status (setIoState), read back by it.
func (x *EXAoperation) volumeSetIOStatus(ctx context.Context, name string, appIO, intIO bool) error {
	vid, err := x.volumeID(ctx, name)
	if err != nil {
		return err
	}
	rb := &readBack{what: "the volume's I/O status (getVolumeInfo)", check: func(ctx context.Context) (bool, any, error) {
		now, err := x.VolumeInfo(ctx, name)
		if err != nil {
			return false, nil, err
		}
		return now.AppIO == appIO && now.IntIO == intIO, nil, nil
	}}
	_, err = x.change(ctx, rb, exaop.VolumeObject(vid), "setIoState", appIO, intIO)
	return err
}

// volumeEditParams are editStorageVolume's keys without "optional" (fact:
// allowed_users, redundancy), with the volume's current values: the access
// lists are sent back as getVolumeInfo shows them, so that users others
// granted keep their access (allowed_users replaces the list). Only when
// the volume's description has no allowed_users (its keys are a guess) is
// the provider's own user sent.
func (x *EXAoperation) volumeEditParams(ctx context.Context, vid string, v *Volume) (map[string]any, error) {
	info, err := x.call(ctx, exaop.Storage, "getVolumeInfo", vid)
	if err != nil {
		return nil, err
	}
	f := asFields(info)
	p := map[string]any{"redundancy": v.Redundancy}
	if f.has("allowed_users") {
		p["allowed_users"] = listOrEmpty(f["allowed_users"])
	} else if p["allowed_users"], err = x.allowedUsers(ctx); err != nil {
		return nil, err
	}
	if f.has("readonly_users") {
		p["readonly_users"] = listOrEmpty(f["readonly_users"])
	}
	return p, nil
}

// volumeRemove removes a volume (volumeRemove); one the list no longer
// shows counts as removed.
func (x *EXAoperation) volumeRemove(ctx context.Context, name string) error {
	_, vid, err := x.volumeByName(ctx, name)
	if IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	rb := &readBack{what: "storage.getVolumeList", check: func(ctx context.Context) (bool, any, error) {
		_, _, err := x.volumeByName(ctx, name)
		if IsNotFound(err) {
			return true, nil, nil
		}
		return false, nil, err
	}}
	if _, err := x.change(ctx, rb, exaop.Storage, "volumeRemove", vid); err != nil && !IsNotFound(err) {
		return err
	}
	return nil
}

// StorageVolumes lists every volume with its state, for the runbook.
func (x *EXAoperation) StorageVolumes(ctx context.Context) ([]VolumeStatus, error) {
	vols, err := x.VolumeList(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]VolumeStatus, len(vols))
	for i, v := range vols {
		out[i] = VolumeStatus{Name: v.Name, State: v.State}
	}
	return out, nil
}
