package client

import "context"

// ConfD's database jobs (db_*): the ConfD dialect's side of the database intents; the types are databases.go's.

// DBAddReserveNodes runs db_add_reserve_nodes.
func (c *ConfD) DBAddReserveNodes(ctx context.Context, db string, ids []int64) error {
	_, err := c.exec(ctx, "db_add_reserve_nodes", Params{"db_name": db, "node_list": ids})
	return err
}

// DBRemoveReserveNodes runs db_remove_reserve_nodes.
func (c *ConfD) DBRemoveReserveNodes(ctx context.Context, db string, ids []int64) error {
	_, err := c.exec(ctx, "db_remove_reserve_nodes", Params{"db_name": db, "node_list": ids})
	return err
}

// DBEnlarge runs db_enlarge: n reserve nodes become active; the database
// must be stopped.
func (c *ConfD) DBEnlarge(ctx context.Context, db string, n int64) error {
	_, err := c.exec(ctx, "db_enlarge", Params{"db_name": db, "num_new_nodes": n})
	return err
}

// DBList lists the names of all databases.
func (c *ConfD) DBList(ctx context.Context) ([]string, error) {
	r, err := c.exec(ctx, "db_list", nil)
	if err != nil {
		return nil, err
	}
	return fields{"l": r.Output}.strs("l"), nil
}

// DBState returns the state of one database.
func (c *ConfD) DBState(ctx context.Context, name string) (string, error) {
	r, err := c.exec(ctx, "db_state", Params{"db_name": name})
	if err != nil {
		return "", c.dbLookup(ctx, "db_state", name, err)
	}
	return CanonicalDBState(asString(r.Output)), nil
}

// DBInfo reads one database. A database db_list does not list is an error
// for which IsNotFound holds (lookup.go). One answer serves the Reads of the database and of its
// backup schedules in a refresh (readcache.go).
func (c *ConfD) DBInfo(ctx context.Context, name string) (*Database, error) {
	d, err := shareJob(ctx, c, "db_info", Params{"db_name": name}, func(ctx context.Context) (*Database, error) {
		return c.dbInfo(ctx, name)
	})
	if err != nil {
		return nil, err
	}
	return d.clone(), nil
}

func (c *ConfD) dbInfo(ctx context.Context, name string) (*Database, error) {
	r, err := c.exec(ctx, "db_info", Params{"db_name": name})
	if err != nil {
		return nil, c.dbLookup(ctx, "db_info", name, err)
	}
	return parseDatabase(name, asFields(r.Output)), nil
}

// CreateDatabase runs db_create. When the answer is lost, the job runner
// reads back (db_info) before it reports a failure or repeats the job
// (verify.go), so that a database the cluster did create is never created
// twice or lost from the state.
func (c *ConfD) CreateDatabase(ctx context.Context, s DatabaseSpec) error {
	p := Params{
		"db_name":          s.Name,
		"version":          s.Version,
		"data_volume_name": s.DataVolumeName,
		"mem_size":         s.MemSize,
		"nodes":            s.Nodes,
		"num_active_nodes": s.NumActiveNodes,
	}
	setOpt(p, "port", s.Port)
	setOpt(p, "params", s.Params)
	setOpt(p, "auto_start", s.AutoStart)
	setOpt(p, "enable_auditing", s.EnableAuditing)
	setOpt(p, "volume_quota", s.VolumeQuota)
	setOpt(p, "volume_move_delay", s.VolumeMoveDelay)
	setOpt(p, "ldap_server", s.LDAPServer)
	setOpt(p, "interfaces", s.Interfaces)
	setOpt(p, "db_uuid", s.DBUUID)
	setOpt(p, "snapshot_sync_volume", s.SnapshotSyncVolume)
	if len(s.Owner) > 0 {
		p["owner"] = s.Owner
	}
	_, err := c.exec(ctx, "db_create", p)
	return err
}

// DBConfigure runs db_configure; the database must be stopped.
func (c *ConfD) DBConfigure(ctx context.Context, name string, ch DatabaseChange) error {
	p := ch.params()
	p["db_name"] = name
	_, err := c.exec(ctx, "db_configure", p)
	return err
}

// DBStart runs db_start; it returns before the database is connectible.
func (c *ConfD) DBStart(ctx context.Context, name string) error {
	_, err := c.exec(ctx, "db_start", Params{"db_name": name})
	return err
}

// DBStop runs db_stop; force cuts off a running operation.
func (c *ConfD) DBStop(ctx context.Context, name string, force bool) error {
	p := Params{"db_name": name}
	if force {
		p["force"] = true
	}
	_, err := c.exec(ctx, "db_stop", p)
	return err
}

// DBDelete runs db_delete; the database must be stopped.
func (c *ConfD) DBDelete(ctx context.Context, name string) error {
	_, err := c.exec(ctx, "db_delete", Params{"db_name": name})
	return err
}
