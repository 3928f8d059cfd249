package cluster

import (
	"crypto/sha1"
	"fmt"
	"slices"
	"strings"
	"time"
)

// DefaultDatabaseConfig is the configuration a database gets for every
// parameter a client leaves out. Front ends start from it.
func DefaultDatabaseConfig() DatabaseConfig {
	return DatabaseConfig{Port: DefaultPort, Owner: DefaultOwner, AutoStart: true}
}

// DatabaseSpec describes a database to create. Config.DataVolumeID is
// ignored: DataVolume names the volume.
type DatabaseSpec struct {
	Name       string
	UUID       string // "" = derived from the name
	DataVolume Ref
	Config     DatabaseConfig
	// DefineOnly defines the database without creating it (EXAoperation's
	// addDatabase): it is in state DBNone, never starts by itself, and
	// InitDatabase creates it.
	DefineOnly bool
}

// CreateDatabase creates a database in state setup together with its
// temporary volume. With AutoStart it starts right away (see
// AutoStartOnCreate).
func (c *Cluster) CreateDatabase(spec DatabaseSpec) error {
	return c.do(true, func(st *State, now time.Time) error {
		if !dbNamePattern.MatchString(spec.Name) {
			return invalid("database name '%s' is not valid (letters, digits and '_', starting with a letter)", spec.Name)
		}
		if st.Database(spec.Name) != nil {
			return conflict("database '%s' already exists", spec.Name)
		}
		uuid := spec.UUID
		if uuid == "" {
			uuid = fmt.Sprintf("%X", sha1.Sum([]byte("exasol-sim database "+spec.Name)))
		}
		for _, d := range st.Databases {
			if d.UUID == uuid {
				return conflict("database '%s' already has the UUID '%s'", d.Name, uuid)
			}
		}
		v, err := st.FindVolume(spec.DataVolume)
		if err != nil {
			return err
		}
		cfg := spec.Config
		cfg.Nodes = slices.Clone(cfg.Nodes)
		cfg.DataVolumeID = v.ID
		if err := checkConfig(st, spec.Name, &cfg); err != nil {
			return err
		}
		d := &Database{Name: spec.Name, UUID: uuid, Config: cfg, State: DBSetup, Operation: OpNone}
		if spec.DefineOnly {
			d.State = DBNone
		}
		next := st.nextVolumeID
		tmp := newVolume(st, VolumeSpec{
			Type: VolumeData, Disk: v.Disk, Size: TempVolumeSize, Redundancy: 1,
			Nodes: cfg.ActiveNodes(), tempOf: d.Name,
		})
		if err := checkVolume(st, tmp); err != nil {
			st.nextVolumeID = next
			return err
		}
		tmp.State = VolumeOnline
		d.TempVolume = tmp.ID
		st.Volumes = append(st.Volumes, tmp)
		v.Labels = append(v.Labels, persistentLabel(d.Name))
		if AutoStartOnCreate && cfg.AutoStart && !spec.DefineOnly {
			d.State, d.StateChange = DBStartup, c.transition(TransDBStart, DBRunning, now)
		}
		st.Databases = append(st.Databases, d)
		return nil
	})
}

func persistentLabel(db string) string { return "pub:" + db + "_persistent" }

// checkConfig enforces Exasol's rules for a database configuration.
func checkConfig(st *State, name string, cfg *DatabaseConfig) error {
	if !slices.Contains(st.Versions, cfg.Version) {
		return &Error{KindNotFound, fmt.Sprintf("database version '%s' does not exist on this cluster; installed versions: %s",
			cfg.Version, strings.Join(st.Versions, ", "))}
	}
	if cfg.MemSize <= 0 {
		return invalid("mem_size must be positive")
	}
	if cfg.Port < 1 || cfg.Port > 65535 {
		return invalid("port must be between 1 and 65535, got %d", cfg.Port)
	}
	for _, d := range st.Databases {
		if d.Name != name && d.Config.Port == cfg.Port {
			return conflict("port %d is already used by database '%s'", cfg.Port, d.Name)
		}
	}
	if len(cfg.Nodes) == 0 {
		return invalid("database '%s' needs at least one node", name)
	}
	seen := map[int]bool{}
	for _, id := range cfg.Nodes {
		n, err := st.FindNode(id)
		if err != nil {
			return err
		}
		if seen[id] {
			return invalid("node '%s' is listed twice", n.Name)
		}
		seen[id] = true
	}
	if cfg.NumActiveNodes < 1 || cfg.NumActiveNodes > len(cfg.Nodes) {
		return invalid("num_active_nodes must be between 1 and the number of nodes (%d), got %d", len(cfg.Nodes), cfg.NumActiveNodes)
	}
	if cfg.VolumeQuota < 0 || cfg.VolumeMoveDelay < 0 {
		return invalid("volume_quota and volume_move_delay must not be negative")
	}
	v := st.Volume(cfg.DataVolumeID)
	if v == nil {
		return notFound("storage volume with id %d", cfg.DataVolumeID)
	}
	switch {
	case v.Type != VolumeData || v.TempOf != "":
		return invalid("storage volume '%s' is not a data volume", v.Name)
	case v.State != VolumeOnline:
		return conflict("storage volume '%s' is %s, not %s", v.Name, v.State, VolumeOnline)
	case v.NumMasterNodes != cfg.NumActiveNodes:
		return conflict("storage volume '%s' has %d master nodes but database '%s' has %d active nodes; the numbers must be equal",
			v.Name, v.NumMasterNodes, name, cfg.NumActiveNodes)
	}
	for _, d := range st.Databases {
		if d.Name != name && d.Config.DataVolumeID == v.ID {
			return conflict("storage volume '%s' is in use by database '%s'", v.Name, d.Name)
		}
	}
	return nil
}

// DeleteDatabase deletes a stopped database with its temporary volume and
// schedules. Its backups stay on their archive volumes.
func (c *Cluster) DeleteDatabase(name string) error {
	return c.do(true, func(st *State, now time.Time) error {
		d, err := st.FindDatabase(name)
		if err != nil {
			return err
		}
		if !stopped(d) {
			return conflict("database '%s' is %s; stop it before deleting it", d.Name, d.State)
		}
		if d.Operation != OpNone {
			return conflict("database '%s' is busy with operation '%s'", d.Name, d.Operation)
		}
		st.Volumes = slices.DeleteFunc(st.Volumes, func(v *Volume) bool { return v.ID == d.TempVolume })
		if v := st.Volume(d.Config.DataVolumeID); v != nil {
			v.Labels = slices.DeleteFunc(v.Labels, func(l string) bool { return l == persistentLabel(d.Name) })
		}
		st.Databases = slices.DeleteFunc(st.Databases, func(x *Database) bool { return x.Name == name })
		return nil
	})
}

// StartDatabase starts a stopped database: Startup, then running after the
// db_start transition. Maintenance mode runs it without letting clients in.
func (c *Cluster) StartDatabase(name string, maintenance bool) error {
	return c.do(false, func(st *State, now time.Time) error {
		d, err := st.FindDatabase(name)
		if err != nil {
			return err
		}
		if d.State != DBSetup {
			return conflict("database '%s' is %s; only a stopped database (state %s) can be started", d.Name, d.State, DBSetup)
		}
		if v := st.Volume(d.Config.DataVolumeID); v == nil || v.State != VolumeOnline {
			return conflict("the data volume of database '%s' is not %s", d.Name, VolumeOnline)
		}
		for _, id := range d.Config.ActiveNodes() {
			if n := st.Node(id); n.State != NodeOnline && !slices.Contains(d.Suspended, id) {
				return conflict("node '%s' of database '%s' is %s", n.Name, d.Name, n.State)
			}
		}
		d.Maintenance = maintenance
		d.State, d.StateChange = DBStartup, c.transition(TransDBStart, DBRunning, now)
		return nil
	})
}

// StopDatabase stops a database: Shutdown, then setup after the db_stop
// transition. A running backup or restore makes it refuse, unless force,
// which aborts the operation (a backup is then not listed).
func (c *Cluster) StopDatabase(name string, force bool) error {
	return c.do(false, func(st *State, now time.Time) error {
		d, err := st.FindDatabase(name)
		if err != nil {
			return err
		}
		if d.State != DBRunning && d.State != DBStartup {
			return conflict("database '%s' is %s, not running", d.Name, d.State)
		}
		if d.Operation != OpNone {
			if !force {
				return conflict("database '%s' is busy with operation '%s'; wait for it to end or stop with force", d.Name, d.Operation)
			}
			d.Operation, d.OpChange, d.Backup, d.RestoreType = OpNone, nil, nil, ""
		}
		d.Maintenance = false
		d.State, d.StateChange = DBShutdown, c.transition(TransDBStop, DBSetup, now)
		return nil
	})
}

// editStopped runs a configuration change on a stopped database.
func (c *Cluster) editStopped(name, what string, fn func(st *State, d *Database) error) error {
	return c.do(true, func(st *State, now time.Time) error {
		d, err := st.FindDatabase(name)
		if err != nil {
			return err
		}
		if !stopped(d) || d.Operation != OpNone {
			return conflict("database '%s' is %s; it must be stopped to %s", d.Name, busy(d), what)
		}
		return fn(st, d)
	})
}

// InitDatabase creates a database that DefineOnly defined: none → setup.
func (c *Cluster) InitDatabase(name string) error {
	return c.do(true, func(st *State, now time.Time) error {
		d, err := st.FindDatabase(name)
		if err != nil {
			return err
		}
		if d.State != DBNone {
			return conflict("database '%s' exists already (state %s)", d.Name, d.State)
		}
		d.State = DBSetup
		st.logEvent(Event{At: now, System: d.Name, Message: "Database " + d.Name + " was created."})
		return nil
	})
}

// RestartDatabase stops and starts a running database: it is Startup (not
// connectible) for the db_stop and db_start transitions together. guess:
// the stop is not shown on its own.
func (c *Cluster) RestartDatabase(name string) error {
	return c.do(false, func(st *State, now time.Time) error {
		d, err := st.FindDatabase(name)
		if err != nil {
			return err
		}
		if d.State != DBRunning {
			return conflict("database '%s' is %s, not running", d.Name, d.State)
		}
		if d.Operation != OpNone {
			return conflict("database '%s' is busy with operation '%s'", d.Name, d.Operation)
		}
		t := c.transition(TransDBStart, DBRunning, now)
		t.Due = t.Due.Add(c.timing.Duration(TransDBStop))
		d.State, d.StateChange, d.Maintenance = DBStartup, t, false
		return nil
	})
}
