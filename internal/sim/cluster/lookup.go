package cluster

import (
	"fmt"
	"strconv"
	"strings"
)

// Ref names an object by id or by name: ConfD lets most jobs take either
// ("vid ↔ vname"), EXAoperation uses names.
type Ref struct {
	ID     int
	Name   string
	ByName bool
}

// ByID and ByName build a Ref.
func ByID(id int) Ref        { return Ref{ID: id} }
func ByName(name string) Ref { return Ref{Name: name, ByName: true} }

func (r Ref) String() string {
	if r.ByName {
		return "'" + r.Name + "'"
	}
	return "with id " + strconv.Itoa(r.ID)
}

// Node returns the node with the given id, or nil.
func (s *State) Node(id int) *Node {
	for _, n := range s.Nodes {
		if n.ID == id {
			return n
		}
	}
	return nil
}

// NodeByName returns the node with the given name, or nil.
func (s *State) NodeByName(name string) *Node {
	for _, n := range s.Nodes {
		if n.Name == name {
			return n
		}
	}
	return nil
}

// FindNode resolves a node id, failing with "node 12 does not exist".
func (s *State) FindNode(id int) (*Node, error) {
	if n := s.Node(id); n != nil {
		return n, nil
	}
	return nil, notFound("node %d", id)
}

// NodeName renders a node id as its name, or as the number if it is unknown.
func (s *State) NodeName(id int) string {
	if n := s.Node(id); n != nil {
		return n.Name
	}
	return strconv.Itoa(id)
}

// Volume returns the storage volume with the given id, or nil.
func (s *State) Volume(id int) *Volume {
	for _, v := range s.Volumes {
		if v.ID == id {
			return v
		}
	}
	return nil
}

// FindVolume resolves a storage volume reference.
func (s *State) FindVolume(r Ref) (*Volume, error) {
	for _, v := range s.Volumes {
		if (r.ByName && v.Name == r.Name) || (!r.ByName && v.ID == r.ID) {
			return v, nil
		}
	}
	return nil, notFound("storage volume %s", r)
}

// Remote returns the remote volume with the given id, or nil.
func (s *State) Remote(id int) *RemoteVolume {
	for _, v := range s.Remotes {
		if v.ID == id {
			return v
		}
	}
	return nil
}

// FindRemote resolves a remote volume reference.
func (s *State) FindRemote(r Ref) (*RemoteVolume, error) {
	for _, v := range s.Remotes {
		if (r.ByName && v.Name == r.Name) || (!r.ByName && v.ID == r.ID) {
			return v, nil
		}
	}
	return nil, notFound("remote volume %s", r)
}

// FindArchive resolves the target of a backup: a remote volume or a storage
// volume of type archive. It returns the id and the current name.
func (s *State) FindArchive(r Ref) (int, string, error) {
	if v, err := s.FindRemote(r); err == nil {
		return v.ID, v.Name, nil
	}
	if v, err := s.FindVolume(r); err == nil {
		if v.Type != VolumeArchive {
			return 0, "", invalid("storage volume '%s' is a %s volume, not an archive volume", v.Name, v.Type)
		}
		return v.ID, v.Name, nil
	}
	return 0, "", notFound("archive volume %s", r)
}

// ArchiveName renders the name of a backup target by id ("" if gone).
func (s *State) ArchiveName(id int) string {
	if v := s.Remote(id); v != nil {
		return v.Name
	}
	if v := s.Volume(id); v != nil {
		return v.Name
	}
	return ""
}

// Database returns the database with the given name, or nil.
func (s *State) Database(name string) *Database {
	for _, d := range s.Databases {
		if d.Name == name {
			return d
		}
	}
	return nil
}

// FindDatabase resolves a database name.
func (s *State) FindDatabase(name string) (*Database, error) {
	if d := s.Database(name); d != nil {
		return d, nil
	}
	return nil, notFound("database '%s'", name)
}

// Schedule returns the named schedule of a database, or nil.
func (d *Database) Schedule(name string) *Schedule {
	for _, s := range d.Schedules {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// Backup returns the backup with the given bid, or nil.
func (s *State) Backup(id int) *Backup {
	for _, b := range s.Backups {
		if b.ID == id {
			return b
		}
	}
	return nil
}

// FindBackup resolves a backup by its key as listed ("10001 DB1/id_11/level_0
// /node_0/backup_… DB1"), by that key's path, or by its bare bid.
func (s *State) FindBackup(key string) (*Backup, error) {
	k := strings.TrimSpace(key)
	for _, b := range s.Backups {
		if b.Key() == k || b.Path() == k || strconv.Itoa(b.ID) == k {
			return b, nil
		}
	}
	return nil, notFound("backup '%s'", key)
}

// Usable tells whether a backup can be restored: every backup it builds on
// must still exist (fact: "a level 1 backup without a corresponding level 0
// backup" is unusable).
func (s *State) Usable(b *Backup) bool {
	for b.Base != 0 {
		if b = s.Backup(b.Base); b == nil {
			return false
		}
	}
	return true
}

// Path is where the backup lies on its archive volume.
func (b *Backup) Path() string {
	return fmt.Sprintf("%s/id_%d/level_%d/node_0/backup_%s", b.System, b.ID, b.Level, b.Started.In(Zone).Format("200601021504"))
}

// Prefix is the part of the path that names the backup set.
func (b *Backup) Prefix() string { return fmt.Sprintf("%s/id_%d/level_%d", b.System, b.ID, b.Level) }

// Key identifies the backup the way listings and restores name it.
func (b *Backup) Key() string { return fmt.Sprintf("%d %s %s", b.VolumeID, b.Path(), b.System) }

// volumeUsers describes every use of a storage or remote volume by a
// database, naming the database, for refusals to delete the volume.
func (s *State) volumeUsers(id int) []string {
	var out []string
	for _, d := range s.Databases {
		switch {
		case d.Config.DataVolumeID == id:
			out = append(out, fmt.Sprintf("in use by database '%s'", d.Name))
		case d.TempVolume == id:
			out = append(out, fmt.Sprintf("the temporary volume of database '%s'", d.Name))
		case d.Backup != nil && d.Backup.VolumeID == id:
			out = append(out, fmt.Sprintf("the target of a running backup of database '%s'", d.Name))
		}
		for _, sc := range d.Schedules {
			if sc.VolumeID == id {
				out = append(out, fmt.Sprintf("the target of backup schedule '%s' of database '%s'", sc.Name, d.Name))
			}
		}
	}
	return out
}
