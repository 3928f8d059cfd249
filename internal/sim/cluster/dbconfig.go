package cluster

import (
	"slices"
	"strings"
	"time"
)

// DatabaseEdit changes a stopped database's configuration; nil fields stay.
type DatabaseEdit struct {
	Version         *string
	MemSize         *int64
	Port            *int
	Owner           *[2]int
	DataVolume      *Ref
	Params          *string
	ParamsAdd       []string // "-name=value" entries that replace same-named ones
	ParamsDelete    []string // entries (or bare "-name") to drop
	AutoStart       *bool
	EnableAuditing  *bool
	VolumeQuota     *int
	VolumeMoveDelay *int
	LDAPServer      *string
	Interfaces      *string
	Comment         *string
	// MaxSystemHeapMemory: 0 returns to the default (see MaxSystemHeapLimit).
	MaxSystemHeapMemory *int64
}

// ConfigureDatabase applies an edit to a stopped database.
func (c *Cluster) ConfigureDatabase(name string, e DatabaseEdit) error {
	return c.editStopped(name, "change its configuration", func(st *State, d *Database) error {
		return configure(st, d, e)
	})
}

// configure applies an edit to a database, or refuses it unchanged.
func configure(st *State, d *Database, e DatabaseEdit) error {
	cfg := d.Config
	cfg.Nodes = slices.Clone(d.Config.Nodes)
	set(&cfg.Version, e.Version)
	set(&cfg.MemSize, e.MemSize)
	set(&cfg.Port, e.Port)
	set(&cfg.Owner, e.Owner)
	set(&cfg.Params, e.Params)
	set(&cfg.AutoStart, e.AutoStart)
	set(&cfg.EnableAuditing, e.EnableAuditing)
	set(&cfg.VolumeQuota, e.VolumeQuota)
	set(&cfg.VolumeMoveDelay, e.VolumeMoveDelay)
	set(&cfg.LDAPServer, e.LDAPServer)
	set(&cfg.Interfaces, e.Interfaces)
	set(&cfg.Comment, e.Comment)
	set(&cfg.MaxSystemHeapMemory, e.MaxSystemHeapMemory)
	if cfg.MaxSystemHeapMemory < 0 || cfg.MaxSystemHeapMemory > MaxSystemHeapLimit {
		return invalid("the maximum system heap memory must be at most %s, got %s", FormatSize(MaxSystemHeapLimit), FormatSize(cfg.MaxSystemHeapMemory))
	}
	cfg.Params = editParams(cfg.Params, e.ParamsAdd, e.ParamsDelete)
	if e.DataVolume != nil {
		v, err := st.FindVolume(*e.DataVolume)
		if err != nil {
			return err
		}
		cfg.DataVolumeID = v.ID
	}
	if err := checkConfig(st, d.Name, &cfg); err != nil {
		return err
	}
	if cfg.DataVolumeID != d.Config.DataVolumeID {
		label := persistentLabel(d.Name)
		old := st.Volume(d.Config.DataVolumeID)
		old.Labels = slices.DeleteFunc(old.Labels, func(l string) bool { return l == label })
		nv := st.Volume(cfg.DataVolumeID)
		nv.Labels = append(nv.Labels, label)
	}
	d.Config = cfg
	return nil
}

// DatabaseNodesEdit changes a database's node lists: reserve nodes to add and
// remove, nodes to suspend (EXAoperation: deactivate) and resume
// (reactivate).
type DatabaseNodesEdit struct {
	AddReserve, RemoveReserve, Suspend, Resume []int
}

// Empty tells whether the edit changes nothing.
func (e DatabaseNodesEdit) Empty() bool {
	return len(e.AddReserve)+len(e.RemoveReserve)+len(e.Suspend)+len(e.Resume) == 0
}

// EditDatabase applies node list changes (in any state) and, if cfg is not
// nil, a configuration edit (which needs a stopped database), all or
// nothing (EXAoperation's editDatabase).
func (c *Cluster) EditDatabase(name string, cfg *DatabaseEdit, nodes DatabaseNodesEdit) error {
	return c.editDB(name, func(st *State, d *Database) error {
		if cfg != nil && (!stopped(d) || d.Operation != OpNone) {
			return conflict("database '%s' is %s; it must be stopped to change its configuration", d.Name, busy(d))
		}
		saved, suspended := slices.Clone(d.Config.Nodes), slices.Clone(d.Suspended)
		err := editNodes(st, d, nodes)
		if err == nil && cfg != nil {
			err = configure(st, d, *cfg)
		}
		if err != nil {
			d.Config.Nodes, d.Suspended = saved, suspended
		}
		return err
	})
}

func editNodes(st *State, d *Database, e DatabaseNodesEdit) error {
	for _, step := range []struct {
		ids []int
		fn  func(*State, *Database, []int) error
	}{{e.AddReserve, addReserve}, {e.RemoveReserve, removeReserve}, {e.Suspend, suspendIn}, {e.Resume, resumeIn}} {
		if len(step.ids) == 0 {
			continue
		}
		if err := step.fn(st, d, step.ids); err != nil {
			return err
		}
	}
	return nil
}

func set[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

// editParams merges database parameters given as "-name=value" tokens.
func editParams(params string, add, del []string) string {
	key := func(tok string) string { k, _, _ := strings.Cut(tok, "="); return k }
	toks := strings.Fields(params)
	for _, a := range add {
		for _, t := range strings.Fields(a) {
			toks = slices.DeleteFunc(toks, func(x string) bool { return key(x) == key(t) })
			toks = append(toks, t)
		}
	}
	for _, r := range del {
		for _, t := range strings.Fields(r) {
			toks = slices.DeleteFunc(toks, func(x string) bool { return key(x) == key(t) })
		}
	}
	if len(add) == 0 && len(del) == 0 {
		return params
	}
	return strings.Join(toks, " ")
}

// EnlargeDatabase turns the first n reserve nodes into active nodes. The
// data volume must already have the new number of master nodes. With start,
// the database is then started with its new nodes (fact, ConfD's db_enlarge
// page: "Afterwards, the database is started with the new nodes
// automatically"; EXAoperation's enlargeDatabase says no such thing).
func (c *Cluster) EnlargeDatabase(name string, n int, start bool) error {
	return c.editStopped(name, "enlarge it", func(st *State, d *Database) error {
		reserve := len(d.Config.ReserveNodes())
		if n < 1 {
			return invalid("num_new_nodes must be at least 1, got %d", n)
		}
		if n > reserve {
			return conflict("database '%s' has %d reserve nodes, cannot activate %d; add reserve nodes first", d.Name, reserve, n)
		}
		cfg := d.Config
		cfg.Nodes = slices.Clone(d.Config.Nodes)
		cfg.NumActiveNodes += n
		if err := checkConfig(st, d.Name, &cfg); err != nil {
			return err
		}
		if tmp := st.Volume(d.TempVolume); tmp != nil {
			saved := *tmp
			tmp.Nodes, tmp.NumMasterNodes = slices.Clone(cfg.ActiveNodes()), cfg.NumActiveNodes
			if err := checkVolume(st, tmp); err != nil {
				*tmp = saved
				return err
			}
		}
		d.Config = cfg
		if start {
			d.State, d.StateChange = DBStartup, c.transition(TransDBStart, DBRunning, st.Now)
		}
		return nil
	})
}

// AddReserveNodes appends reserve nodes to a database.
func (c *Cluster) AddReserveNodes(name string, ids []int) error {
	return c.editDB(name, func(st *State, d *Database) error { return addReserve(st, d, ids) })
}

func addReserve(st *State, d *Database, ids []int) error {
	if len(ids) == 0 {
		return invalid("node_list must not be empty")
	}
	for i, id := range ids {
		n, err := st.FindNode(id)
		if err != nil {
			return err
		}
		if slices.Contains(d.Config.Nodes, id) || slices.Contains(ids[:i], id) {
			return conflict("node '%s' already belongs to database '%s'", n.Name, d.Name)
		}
	}
	d.Config.Nodes = append(d.Config.Nodes, ids...)
	return nil
}

// RemoveReserveNodes removes reserve nodes from a database.
func (c *Cluster) RemoveReserveNodes(name string, ids []int) error {
	return c.editDB(name, func(st *State, d *Database) error { return removeReserve(st, d, ids) })
}

func removeReserve(st *State, d *Database, ids []int) error {
	for _, id := range ids {
		if !slices.Contains(d.Config.ReserveNodes(), id) {
			return notFound("reserve node '%s' of database '%s'", st.NodeName(id), d.Name)
		}
	}
	d.Config.Nodes = slices.DeleteFunc(d.Config.Nodes, func(id int) bool { return slices.Contains(ids, id) })
	return nil
}

// SuspendDatabaseNodes marks database nodes as failed for this database.
func (c *Cluster) SuspendDatabaseNodes(name string, ids []int) error {
	return c.editDB(name, func(st *State, d *Database) error { return suspendIn(st, d, ids) })
}

func suspendIn(st *State, d *Database, ids []int) error {
	for _, id := range ids {
		if !slices.Contains(d.Config.Nodes, id) {
			return notFound("node '%s' of database '%s'", st.NodeName(id), d.Name)
		}
		if slices.Contains(d.Suspended, id) {
			return conflict("node '%s' is already suspended in database '%s'", st.NodeName(id), d.Name)
		}
	}
	d.Suspended = append(d.Suspended, ids...)
	return nil
}

// ResumeDatabaseNodes undoes SuspendDatabaseNodes.
func (c *Cluster) ResumeDatabaseNodes(name string, ids []int) error {
	return c.editDB(name, func(st *State, d *Database) error { return resumeIn(st, d, ids) })
}

func resumeIn(st *State, d *Database, ids []int) error {
	for _, id := range ids {
		if !slices.Contains(d.Suspended, id) {
			return notFound("suspended node '%s' of database '%s'", st.NodeName(id), d.Name)
		}
	}
	d.Suspended = slices.DeleteFunc(d.Suspended, func(id int) bool { return slices.Contains(ids, id) })
	return nil
}

// editDB runs a configuration change on a database in any state.
func (c *Cluster) editDB(name string, fn func(st *State, d *Database) error) error {
	return c.do(true, func(st *State, _ time.Time) error {
		d, err := st.FindDatabase(name)
		if err != nil {
			return err
		}
		return fn(st, d)
	})
}
