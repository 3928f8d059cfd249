package cluster

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// VolumeSpec describes a storage volume to create. Zero values take the
// defaults of a fresh Exasol cluster.
type VolumeSpec struct {
	Name           string
	Type           string // VolumeData or VolumeArchive
	Disk           string
	Size           int64 // per master node
	Nodes          []int
	NumMasterNodes int // 0 = len(Nodes)
	Redundancy     int
	Owner          *[2]int
	BlockSize      int64
	StripeSize     int64
	Permissions    string
	Shared         *bool
	Priority       int
	Labels         []string
	// AutoName names a volume without a Name "v%04d" of its id
	// (EXAoperation's volume names).
	AutoName bool
	// Users is the access list; nil means DefaultVolumeUsers.
	Users  []VolumeUser
	tempOf string
}

// newVolume builds a volume from a spec with the next id; it does not
// validate or add it.
func newVolume(st *State, s VolumeSpec) *Volume {
	v := &Volume{
		ID: st.nextVolumeID, Name: s.Name, Type: s.Type, Disk: s.Disk, Size: s.Size,
		Redundancy: s.Redundancy, NumMasterNodes: s.NumMasterNodes, Nodes: slices.Clone(s.Nodes),
		Owner: DefaultOwner, Permissions: s.Permissions, Priority: s.Priority,
		AppIO: true, IntIO: true, Shared: true, BlockSize: s.BlockSize, StripeSize: s.StripeSize,
		Users: slices.Clone(DefaultVolumeUsers), State: VolumeCreating, TempOf: s.tempOf,
	}
	st.nextVolumeID++
	if v.Name == "" {
		v.Name = fmt.Sprintf("v%04d", v.ID)
	}
	if v.NumMasterNodes == 0 {
		v.NumMasterNodes = len(v.Nodes)
	}
	if s.Owner != nil {
		v.Owner = *s.Owner
	}
	if s.Shared != nil {
		v.Shared = *s.Shared
	}
	if s.Users != nil {
		v.Users = slices.Clone(s.Users)
	}
	if v.Permissions == "" {
		v.Permissions = DefaultPermissions
	}
	if v.Priority == 0 {
		v.Priority = DefaultPriority
	}
	if v.BlockSize == 0 {
		v.BlockSize = DefaultBlockSize
	}
	if v.StripeSize == 0 {
		v.StripeSize = DefaultStripeSize
	}
	if s.tempOf != "" {
		v.Labels = []string{"temporary", "pub:" + s.tempOf + "_temporary"}
	} else {
		v.Labels = append([]string{"#Name#" + v.Name}, s.Labels...)
	}
	return v
}

// CreateVolume creates a storage volume; it is ONLINE after the
// volume_create transition. It returns the volume id.
func (c *Cluster) CreateVolume(spec VolumeSpec) (int, error) {
	var id int
	err := c.do(true, func(st *State, now time.Time) error {
		if spec.Name == "" && !spec.AutoName {
			return invalid("a storage volume needs a name")
		}
		if err := storageRuns(st); err != nil {
			return err
		}
		if spec.Type != VolumeData && spec.Type != VolumeArchive {
			return invalid("volume type must be '%s' or '%s', got '%s'", VolumeData, VolumeArchive, spec.Type)
		}
		next := st.nextVolumeID
		v := newVolume(st, spec)
		if o, _ := st.FindVolume(ByName(v.Name)); o != nil {
			st.nextVolumeID = next
			return conflict("storage volume '%s' already exists", v.Name)
		}
		if err := checkVolume(st, v); err != nil {
			st.nextVolumeID = next
			return err
		}
		v.Pending = c.transition(TransVolumeCreate, VolumeOnline, now)
		st.Volumes = append(st.Volumes, v)
		id = v.ID
		return nil
	})
	return id, err
}

// checkVolume validates a volume: its geometry against the nodes and their disks, and its attributes.
func checkVolume(st *State, v *Volume) error {
	if len(v.Nodes) == 0 {
		return invalid("storage volume '%s' needs at least one node", v.Name)
	}
	seen := map[int]bool{}
	for _, id := range v.Nodes {
		n, err := st.FindNode(id)
		if err != nil {
			return err
		}
		if seen[id] {
			return invalid("node '%s' is listed twice", n.Name)
		}
		seen[id] = true
		if !slices.ContainsFunc(n.Disks, func(d Disk) bool { return d.Name == v.Disk }) {
			return notFound("disk '%s' on node '%s'", v.Disk, n.Name)
		}
	}
	if v.NumMasterNodes < 1 || v.NumMasterNodes > len(v.Nodes) {
		return invalid("num_master_nodes must be between 1 and the number of nodes (%d), got %d", len(v.Nodes), v.NumMasterNodes)
	}
	if v.Redundancy < 1 || v.Redundancy > len(v.Nodes) {
		return invalid("redundancy must be between 1 and the number of nodes (%d), got %d", len(v.Nodes), v.Redundancy)
	}
	if v.BlockSize <= 0 || v.BlockSize&(v.BlockSize-1) != 0 {
		return invalid("block size must be a power of two, got %d bytes", v.BlockSize)
	}
	if v.StripeSize <= 0 || v.StripeSize%v.BlockSize != 0 {
		return invalid("stripe size must be a multiple of the block size, got %d bytes", v.StripeSize)
	}
	if v.Size <= 0 || v.Size%v.BlockSize != 0 {
		return invalid("volume size must be a positive multiple of the block size (%s), got %s", FormatSize(v.BlockSize), FormatSize(v.Size))
	}
	if !validPermissions(v.Permissions) {
		return invalid("permissions must look like 'rwx------', got '%s'", v.Permissions)
	}
	if v.Priority < 1 || v.Priority > 20 {
		return invalid("priority must be between 1 and 20, got %d", v.Priority)
	}
	return checkSpace(st, v)
}

// checkSpace refuses a layout that does not fit on the nodes' disks next to
// every other volume.
func checkSpace(st *State, v *Volume) error {
	need := map[int]int64{}
	for _, s := range v.Segments() {
		need[s.PhysNID] += v.Size
	}
	for id, n := range need {
		node := st.Node(id)
		for _, d := range node.Disks {
			if d.Name != v.Disk {
				continue
			}
			if free := st.FreeSpace(id, d.Name, v.ID); n > free {
				return conflict("not enough space on disk '%s' of node '%s': %s needed, %s free", d.Name, node.Name, FormatSize(n), FormatSize(free))
			}
		}
	}
	return nil
}

// FreeSpace is what a node's disk has left: its size less every segment
// stored on it (each segment holds the volume's Size). The volume with id
// except is left out (a volume being checked against the others); pass -1
// to count them all. It is what st_node_list reports as hdd_free_space.
func (s *State) FreeSpace(node int, disk string, except int) int64 {
	n := s.Node(node)
	if n == nil {
		return 0
	}
	var size int64
	for _, d := range n.Disks {
		if d.Name == disk {
			size = d.Size
		}
	}
	for _, o := range s.Volumes {
		if o.ID == except || o.Disk != disk {
			continue
		}
		for _, seg := range o.Segments() {
			if seg.PhysNID == node {
				size -= o.Size
			}
		}
	}
	return size
}

// DeleteVolume deletes a storage volume that nothing uses. Backups stored on
// an archive volume go with it.
func (c *Cluster) DeleteVolume(r Ref) error {
	return c.do(true, func(st *State, now time.Time) error {
		v, err := st.FindVolume(r)
		if err != nil {
			return err
		}
		if err := storageRuns(st); err != nil {
			return err
		}
		if users := st.volumeUsers(v.ID); len(users) > 0 {
			return conflict("storage volume '%s' is %s", v.Name, strings.Join(users, "; "))
		}
		st.Volumes = slices.DeleteFunc(st.Volumes, func(x *Volume) bool { return x.ID == v.ID })
		st.Backups = slices.DeleteFunc(st.Backups, func(b *Backup) bool { return b.VolumeID == v.ID })
		return nil
	})
}

// editVolume runs fn on a resolved volume and validates the result; on a
// refusal the volume is restored.
func (c *Cluster) editVolume(r Ref, fn func(st *State, v *Volume) error) error {
	return c.do(true, func(st *State, now time.Time) error {
		v, err := st.FindVolume(r)
		if err != nil {
			return err
		}
		if err := storageRuns(st); err != nil {
			return err
		}
		saved := *v
		saved.Nodes, saved.Labels = slices.Clone(v.Nodes), slices.Clone(v.Labels)
		if err := fn(st, v); err != nil {
			*v = saved
			return err
		}
		if err := checkVolume(st, v); err != nil {
			*v = saved
			return err
		}
		return nil
	})
}

// ResizeVolume grows (delta > 0) or shrinks (delta < 0) every segment by
// delta blocks.
func (c *Cluster) ResizeVolume(r Ref, deltaBlocks int64) error {
	return c.editVolume(r, func(st *State, v *Volume) error {
		if deltaBlocks == 0 {
			return invalid("blocks_per_node must not be 0")
		}
		// fact: "The volume size of a local archive volume cannot be decreased".
		if deltaBlocks < 0 && v.Type == VolumeArchive {
			return conflict("storage volume '%s' is an archive volume, which cannot be shrunk", v.Name)
		}
		if v.Size+deltaBlocks*v.BlockSize <= 0 {
			return invalid("storage volume '%s' has only %d blocks per node", v.Name, v.Blocks())
		}
		v.Size += deltaBlocks * v.BlockSize
		return nil
	})
}

// SetVolumeIO enables or disables application and internal I/O.
func (c *Cluster) SetVolumeIO(r Ref, app, internal *bool) error {
	return c.editVolume(r, func(st *State, v *Volume) error {
		if app != nil {
			v.AppIO = *app
		}
		if internal != nil {
			v.IntIO = *internal
		}
		return nil
	})
}

// AddVolumeLabel and RemoveVolumeLabel edit a volume's labels.
func (c *Cluster) AddVolumeLabel(r Ref, label string) error {
	return c.editVolume(r, func(st *State, v *Volume) error {
		if label == "" {
			return invalid("a label must not be empty")
		}
		if slices.Contains(v.Labels, label) {
			return conflict("storage volume '%s' already has label '%s'", v.Name, label)
		}
		v.Labels = append(v.Labels, label)
		return nil
	})
}

func (c *Cluster) RemoveVolumeLabel(r Ref, label string) error {
	return c.editVolume(r, func(st *State, v *Volume) error {
		if !slices.Contains(v.Labels, label) {
			return notFound("label '%s' of storage volume '%s'", label, v.Name)
		}
		v.Labels = slices.DeleteFunc(v.Labels, func(l string) bool { return l == label })
		return nil
	})
}

// AppendVolumeNodes adds nodes to a volume, numMasters of them as new master
// nodes (the way a data volume follows a database that is enlarged).
func (c *Cluster) AppendVolumeNodes(r Ref, numMasters int, ids []int) error {
	return c.editVolume(r, func(st *State, v *Volume) error { return appendNodes(st, v, numMasters, ids) })
}

func appendNodes(st *State, v *Volume, numMasters int, ids []int) error {
	if numMasters < 0 || numMasters > len(ids) {
		return invalid("node_num must be between 0 and the number of new nodes (%d)", len(ids))
	}
	for _, id := range ids {
		if slices.Contains(v.Nodes, id) {
			return conflict("node '%s' already belongs to storage volume '%s'", st.NodeName(id), v.Name)
		}
	}
	// new masters go right after the current masters
	nodes := slices.Concat(v.MasterNodes(), ids[:numMasters], v.Nodes[v.NumMasterNodes:], ids[numMasters:])
	v.Nodes, v.NumMasterNodes = nodes, v.NumMasterNodes+numMasters
	return nil
}

// VolumeChanges are changes applied to a volume together, all or nothing
// (EXAoperation's editStorageVolume); zero fields change nothing.
type VolumeChanges struct {
	AppendMasters   int   // how many of AppendNodes become master nodes
	AppendNodes     []int // see AppendVolumeNodes
	RedundancyDelta int
	Priority        *int
	Labels          *[]string // the whole new label list
	Users           *[]VolumeUser
}

// ChangeVolume applies VolumeChanges.
func (c *Cluster) ChangeVolume(r Ref, ch VolumeChanges) error {
	return c.editVolume(r, func(st *State, v *Volume) error {
		if len(ch.AppendNodes) > 0 || ch.AppendMasters != 0 {
			if err := appendNodes(st, v, ch.AppendMasters, ch.AppendNodes); err != nil {
				return err
			}
		}
		v.Redundancy += ch.RedundancyDelta
		set(&v.Priority, ch.Priority)
		if ch.Labels != nil {
			v.Labels = slices.Clone(*ch.Labels)
		}
		if ch.Users != nil {
			v.Users = slices.Clone(*ch.Users)
		}
		return nil
	})
}

// MoveVolumeNodes replaces src[i] by dst[i] in the volume's node list.
func (c *Cluster) MoveVolumeNodes(r Ref, src, dst []int) error {
	return c.editVolume(r, func(st *State, v *Volume) error {
		if len(src) != len(dst) || len(src) == 0 {
			return invalid("src_nodes and dst_nodes must be non-empty lists of the same length")
		}
		for i, s := range src {
			j := slices.Index(v.Nodes, s)
			if j < 0 {
				return notFound("node '%s' in storage volume '%s'", st.NodeName(s), v.Name)
			}
			if slices.Contains(v.Nodes, dst[i]) {
				return conflict("node '%s' already belongs to storage volume '%s'", st.NodeName(dst[i]), v.Name)
			}
			v.Nodes[j] = dst[i]
		}
		return nil
	})
}

// ChangeVolumeRedundancy adds delta (may be negative) to the redundancy;
// nodes, if given, are appended to the volume to hold the new copies.
func (c *Cluster) ChangeVolumeRedundancy(r Ref, delta int, nodes []int) error {
	return c.editVolume(r, func(st *State, v *Volume) error {
		if delta == 0 {
			return invalid("delta must not be 0")
		}
		for _, id := range nodes {
			if !slices.Contains(v.Nodes, id) {
				v.Nodes = append(v.Nodes, id)
			}
		}
		v.Redundancy += delta
		return nil
	})
}

// LockVolume locks or unlocks a volume; a locked volume is not ONLINE.
func (c *Cluster) LockVolume(r Ref, lock bool) error {
	return c.editVolume(r, func(st *State, v *Volume) error {
		if lock == v.Locked {
			return conflict("storage volume '%s' is already %s", v.Name, map[bool]string{true: "locked", false: "unlocked"}[lock])
		}
		if lock {
			if err := runningUser(st, v); err != nil {
				return err
			}
		}
		v.Locked = lock
		if lock {
			v.State = VolumeLocked
		} else if v.State == VolumeLocked {
			v.State = VolumeOnline
		}
		return nil
	})
}

// ClearVolumeData wipes data; it is refused while a running database uses
// the volume. Nothing observable changes in the simulation.
func (c *Cluster) ClearVolumeData(r Ref) error {
	return c.editVolume(r, func(st *State, v *Volume) error { return runningUser(st, v) })
}

// runningUser refuses when a database that is not stopped uses the volume.
func runningUser(st *State, v *Volume) error {
	for _, d := range st.Databases {
		if (d.Config.DataVolumeID == v.ID || d.TempVolume == v.ID) && !stopped(d) {
			return conflict("storage volume '%s' is in use by database '%s', which is %s", v.Name, d.Name, d.State)
		}
	}
	return nil
}

// VolumeEdit changes a volume's access and scheduling attributes.
type VolumeEdit struct {
	Owner       *[2]int
	Permissions *string
	Priority    *int
}

// EditVolume applies a VolumeEdit.
func (c *Cluster) EditVolume(r Ref, e VolumeEdit) error {
	return c.editVolume(r, func(st *State, v *Volume) error {
		if e.Owner != nil {
			v.Owner = *e.Owner
		}
		if e.Permissions != nil {
			if !validPermissions(*e.Permissions) {
				return invalid("permissions must look like 'rwx------', got '%s'", *e.Permissions)
			}
			v.Permissions = *e.Permissions
		}
		if e.Priority != nil {
			v.Priority = *e.Priority
		}
		return nil
	})
}

func validPermissions(p string) bool {
	if len(p) != 9 {
		return false
	}
	for i, r := range p {
		if r != '-' && r != rune("rwxrwxrwx"[i]) {
			return false
		}
	}
	return true
}

// storageRuns refuses volume changes while the storage service is stopped
// (only EXAoperation stops it).
func storageRuns(st *State) error {
	if st.StorageStopped {
		return conflict("EXAStorage is not running; start it first")
	}
	return nil
}

// SetVolumeUsers replaces a volume's access list.
func (c *Cluster) SetVolumeUsers(r Ref, users []VolumeUser) error {
	return c.editVolume(r, func(st *State, v *Volume) error {
		v.Users = slices.Clone(users)
		return nil
	})
}
