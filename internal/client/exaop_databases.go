package client

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/client/exaop"

	"github.com/exacluster/terraform-provider-exasol/internal/wait"
)

// Databases over EXAoperation: the cluster object defines one (addDatabase
// → 'db_<name>'), the database object creates, starts, stops, edits and
// reads it, the cluster object deletes it (deleteSubObject). The ordered
// lifecycle is lifecycle.go's, over the primitives below.

// EXAoperation's database state before createDatabase (fact).
const dbStateNone = "none"

// DBList lists the names of all databases (getDatabaseList).
func (x *EXAoperation) DBList(ctx context.Context) ([]string, error) {
	v, err := x.call(ctx, "", "getDatabaseList")
	if err != nil {
		return nil, err
	}
	return strList(v), nil
}

// DBInfo reads a database: getDatabaseInfo (the keys of ConfD's db_info,
// fact) and, as it has no config dict, getProperties for the configuration.
// Node names 'n0011' read as ids, the data volume's id 'v0000' as its name.
func (x *EXAoperation) DBInfo(ctx context.Context, name string) (*Database, error) {
	obj := exaop.DBObject(name)
	v, err := x.call(ctx, obj, "getDatabaseInfo")
	if err != nil {
		return nil, notFoundAs(err, "database '"+name+"'")
	}
	f := asFields(v)
	if f == nil {
		return nil, decodeErr(exaop.CallLabel(obj, "getDatabaseInfo"), "expected a dict, got %T", v)
	}
	d := parseDatabase(name, f)
	if d.TemporaryVolume == "None" {
		d.TemporaryVolume = "" // a stopped database has none (fact)
	}
	if !f.has("config") {
		p, err := x.call(ctx, obj, "getProperties")
		if err != nil {
			return nil, err
		}
		x.fillConfig(d, asFields(p))
	}
	if err := x.nameVolumes(ctx, d); err != nil {
		return nil, err
	}
	return d, nil
}

// fillConfig reads the configuration from getProperties (the keys of
// editDatabase, fact).
func (x *EXAoperation) fillConfig(d *Database, p fields) {
	c := &d.Config
	c.Version = p.str("database_version")
	if p.has("memory_usage") {
		c.MemSize = gibText(p.num("memory_usage"))
	}
	if p.has("clients_port_number") {
		c.Port = p.num("clients_port_number")
	}
	c.Params = p.str("extra_params")
	c.EnableAuditing = p.flag("enable_auditing")
	c.LDAPServer = p.str("ldap_server")
	c.VolumeQuota = p.num("volume_quota")
	c.VolumeMoveDelay = delaySeconds(p["volume_restore_delay"])
	if p.has("vlan_list") {
		c.Interfaces = strings.Join(p.strs("vlan_list"), " ")
	}
	if dv := p.str("data_volume"); dv != "" {
		c.DataVolumeName = dv
	}
	// The configured nodes are addDatabase's nodes_list (active, then
	// reserve) and nodes_number (fact: getProperties of a 6.x cluster shows
	// both, tools-and-examples/xmlrpc-help/example.md); getDatabaseInfo's
	// nodes change when a node fails, so they serve only when these are not shown.
	if p.has("nodes_list") {
		c.Nodes = []int64{}
		for _, n := range p.list("nodes_list") {
			c.Nodes = append(c.Nodes, exaop.NodeID(n))
		}
	}
	if p.has("nodes_number") {
		c.NumActiveNodes = p.num("nodes_number")
	}
}

// nameVolumes turns volume ids ('v0000') into names.
func (x *EXAoperation) nameVolumes(ctx context.Context, d *Database) error {
	ids := []*string{&d.Config.DataVolumeName, &d.PersistentVolume, &d.TemporaryVolume}
	if !slices.ContainsFunc(ids, func(s *string) bool { return exaop.VolumeIDRE.MatchString(*s) }) {
		return nil
	}
	vols, err := x.volumeIndex(ctx)
	if err != nil {
		return err
	}
	for _, s := range ids {
		if v, ok := vols.byID[*s]; ok {
			*s = v.Name
		}
	}
	return nil
}

// DBStatus is what a wait looks at, read as the seed's runbook reads it:
// getDatabaseState, getDatabaseOperation, getDatabaseConnectionState, and
// getDatabaseConnectionString once the database is connectible.
func (x *EXAoperation) DBStatus(ctx context.Context, name string) (*Database, error) {
	obj := exaop.DBObject(name)
	d := &Database{Name: name}
	for _, r := range []struct {
		method string
		into   func(any)
	}{
		{"getDatabaseState", func(v any) { d.State = asString(v) }},
		{"getDatabaseOperation", func(v any) { d.Operation = asString(v) }},
		{"getDatabaseConnectionState", func(v any) { d.Connectible = asBool(v) }},
	} {
		v, err := x.call(ctx, obj, r.method)
		if err != nil {
			return nil, notFoundAs(err, "database '"+name+"'")
		}
		r.into(v)
	}
	if d.Connectible {
		v, err := x.call(ctx, obj, "getDatabaseConnectionString")
		if err != nil {
			return nil, err
		}
		d.ConnectionString = asString(v)
	}
	return d, nil
}

// DBState reads the runtime state (getDatabaseState).
func (x *EXAoperation) DBState(ctx context.Context, name string) (string, error) {
	v, err := x.call(ctx, exaop.DBObject(name), "getDatabaseState")
	return asString(v), notFoundAs(err, "database '"+name+"'")
}

// dbStateCheck reads back a start or a stop.
func (x *EXAoperation) dbStateCheck(name string, ok ...string) *readBack {
	return &readBack{what: "the database's state (getDatabaseState)", check: func(ctx context.Context) (bool, any, error) {
		st, err := x.DBState(ctx, name)
		return slices.Contains(ok, st), nil, err
	}}
}

// DBStart starts a database (startDatabase); it returns before the database
// is connectible. A database that is defined but was never created (state
// none: a create cut off between addDatabase and createDatabase, when the
// provider process was killed) is created first.
func (x *EXAoperation) DBStart(ctx context.Context, name string) error {
	if st, err := x.DBState(ctx, name); err == nil && st == dbStateNone {
		if err := x.createDefined(ctx, name); err != nil {
			return err
		}
	}
	_, err := x.change(ctx, x.dbStateCheck(name, DBStateRunning, DBStateStartup), exaop.DBObject(name), "startDatabase")
	return err
}

// createDefined creates a database that addDatabase defined (createDatabase);
// a lost answer is read back from its state.
func (x *EXAoperation) createDefined(ctx context.Context, name string) error {
	created := &readBack{what: "the database's state (getDatabaseState)", check: func(ctx context.Context) (bool, any, error) {
		st, err := x.DBState(ctx, name)
		return err == nil && st != dbStateNone, nil, err
	}}
	_, err := x.change(ctx, created, exaop.DBObject(name), "createDatabase")
	return err
}

// DBStop stops a database (stopDatabase); force cuts a running operation
// off (forceShutdownDatabase).
func (x *EXAoperation) DBStop(ctx context.Context, name string, force bool) error {
	method := "stopDatabase"
	if force {
		method = "forceShutdownDatabase"
	}
	_, err := x.change(ctx, x.dbStateCheck(name, DBStateSetup, DBStateShutdown), exaop.DBObject(name), method)
	return err
}

// DBDelete deletes a stopped database and its settings (deleteSubObject).
func (x *EXAoperation) DBDelete(ctx context.Context, name string) error {
	_, err := x.change(ctx, x.dbListed(name, false), "", "deleteSubObject", exaop.DBObject(name))
	return err
}

// dbListed reads back whether getDatabaseList names the database (want) or not.
func (x *EXAoperation) dbListed(name string, want bool) *readBack {
	return &readBack{what: "getDatabaseList", check: func(ctx context.Context) (bool, any, error) {
		l, err := x.DBList(ctx)
		return slices.Contains(l, name) == want, exaop.DBObject(name), err
	}}
}

// dbEditKeys are editDatabase's keys without "optional" (fact): sent with
// every edit, from getProperties when the change leaves them alone.
// guess: EXAoperation wants them in every edit, as its form does.
var dbEditKeys = []string{"clients_port_number", "data_volume", "database_version", "memory_usage"}

// DBConfigure edits a stopped database (editDatabase).
func (x *EXAoperation) DBConfigure(ctx context.Context, name string, ch DatabaseChange) error {
	p, err := x.dbChangeParams(ctx, ch)
	if err != nil {
		return err
	}
	obj := exaop.DBObject(name)
	cur, err := x.call(ctx, obj, "getProperties")
	if err != nil {
		return err
	}
	props := asFields(cur)
	for _, k := range dbEditKeys {
		if _, set := p[k]; !set && props.has(k) {
			p[k] = props[k]
		}
	}
	rb := &readBack{what: "the database's properties (getProperties)", check: func(ctx context.Context) (bool, any, error) {
		v, err := x.call(ctx, obj, "getProperties")
		if err != nil {
			return false, nil, err
		}
		now := asFields(v)
		for k, want := range p {
			if !samePropertyValue(k, now[k], want) {
				return false, nil, nil
			}
		}
		return true, nil, nil
	}}
	_, err = x.change(ctx, rb, obj, "editDatabase", map[string]any(p))
	return err
}

// dbChangeParams maps a change to editDatabase's keys. Settings that
// EXAoperation has no key for are refused (Limits lists them).
func (x *EXAoperation) dbChangeParams(ctx context.Context, ch DatabaseChange) (Params, error) {
	switch {
	case len(ch.Owner) > 0:
		return nil, x.refuse(ObjectDatabase, "Owner")
	case ch.AutoStart != nil && *ch.AutoStart:
		return nil, x.refuse(ObjectDatabase, "AutoStart")
	case ch.MaxSystemHeapMemory != nil:
		return nil, x.refuse(ObjectDatabase, "MaxSystemHeapMemory")
	}
	p := Params{}
	if ch.Interfaces != nil {
		// guess: vlan_list (a list of network interfaces, fact) is ConfD's
		// interfaces text, whose entries are separated by spaces
		p["vlan_list"] = strings.FieldsFunc(*ch.Interfaces, func(r rune) bool { return r == ' ' || r == ',' })
	}
	setOpt(p, "database_version", ch.Version)
	setOpt(p, "clients_port_number", ch.Port)
	setOpt(p, "extra_params", ch.Params)
	setOpt(p, "enable_auditing", ch.EnableAuditing)
	setOpt(p, "volume_quota", ch.VolumeQuota)
	setOpt(p, "ldap_server", ch.LDAPServer)
	if ch.VolumeMoveDelay != nil {
		// guess: EXAoperation's volume_restore_delay (a text) is ConfD's
		// volume_move_delay, in seconds.
		p["volume_restore_delay"] = strconv.FormatInt(*ch.VolumeMoveDelay, 10)
	}
	if ch.MemSize != nil {
		g, err := gib("mem_size", *ch.MemSize)
		if err != nil {
			return nil, err
		}
		p["memory_usage"] = g
	}
	if ch.DataVolumeName != nil {
		vid, err := x.volumeID(ctx, *ch.DataVolumeName)
		if err != nil {
			return nil, err
		}
		p["data_volume"] = vid
	}
	return p, nil
}

// CreateDatabase defines the database on the cluster (addDatabase) and
// creates it (createDatabase). A lost answer is read back (getDatabaseList,
// getDatabaseState) before anything is sent again. When createDatabase is
// refused, the definition is deleted again, so that a failed create leaves
// the cluster as it was.
func (x *EXAoperation) CreateDatabase(ctx context.Context, s DatabaseSpec) error {
	switch {
	case len(s.Owner) > 0:
		return x.refuse(ObjectDatabase, "Owner")
	case s.AutoStart != nil && *s.AutoStart:
		return x.refuse(ObjectDatabase, "AutoStart")
	case s.DBUUID != nil:
		return x.refuse(ObjectDatabase, "DBUUID")
	case s.SnapshotSyncVolume != nil:
		return x.refuse(ObjectDatabase, "SnapshotSyncVolume")
	}
	p, err := x.dbChangeParams(ctx, DatabaseChange{Version: &s.Version, DataVolumeName: &s.DataVolumeName, MemSize: &s.MemSize,
		Port: s.Port, Params: s.Params, EnableAuditing: s.EnableAuditing, VolumeQuota: s.VolumeQuota,
		VolumeMoveDelay: s.VolumeMoveDelay, LDAPServer: s.LDAPServer, Interfaces: s.Interfaces})
	if err != nil {
		return err
	}
	if s.Port == nil {
		p["clients_port_number"] = int64(DefaultDBPort)
	}
	disk, err := x.firstListValue(ctx, "", "DataDisks")
	if err != nil {
		return err
	}
	p["data_disk"] = disk
	p["database_name"] = s.Name
	p["nodes_number"] = s.NumActiveNodes
	nodes := make([]any, len(s.Nodes))
	for i, id := range s.Nodes {
		nodes[i] = ExaopNodeName(id)
	}
	p["nodes_list"] = nodes
	if _, err := x.change(ctx, x.dbListed(s.Name, true), "", "addDatabase", map[string]any(p)); err != nil {
		return err
	}
	err = x.createDefined(ctx, s.Name)
	var e *Error
	if errors.As(err, &e) && e.Kind == KindJob {
		if derr := x.DBDelete(context.WithoutCancel(ctx), s.Name); derr != nil {
			return errors.Join(err, fmt.Errorf("the database was defined (addDatabase) and could not be deleted again: %w", derr))
		}
	}
	return err
}

// firstListValue is the first of an object's getListValues(list); guess:
// the cluster's first data disk is the one a database's runtime data goes
// to (addDatabase's data_disk, which the provider has no attribute for).
func (x *EXAoperation) firstListValue(ctx context.Context, object, list string) (string, error) {
	v, err := x.call(ctx, object, "getListValues", list)
	if err != nil {
		return "", err
	}
	l := strList(v)
	if len(l) == 0 {
		return "", decodeErr(exaop.CallLabel(object, "getListValues"), "the cluster lists no %s", list)
	}
	return l[0], nil
}

// The ordered lifecycle (lifecycle.go), shared with ConfD.

func (x *EXAoperation) waiter() wait.Waiter { return logWaiter(x.t.log) }

// delaySeconds reads volume_restore_delay: ” (none), seconds, or a number
// with s, m or h ('10m'). guess: the simulator's spelling; the reference
// only says "after given amount of time".
func delaySeconds(v any) int64 {
	s := strings.TrimSpace(asString(v))
	if s == "" {
		return 0
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0
	}
	return int64(d / time.Second)
}

// samePropertyValue compares what an edit sent with what getProperties shows.
func samePropertyValue(key string, got, sent any) bool {
	if key == "volume_restore_delay" {
		return delaySeconds(got) == delaySeconds(sent)
	}
	return fmt.Sprint(got) == fmt.Sprint(sent)
}

// DBAddReserveNodes adds reserve nodes (editDatabase nodes_list_add_reserve).
func (x *EXAoperation) DBAddReserveNodes(ctx context.Context, db string, ids []int64) error {
	return x.editNodes(ctx, db, "nodes_list_add_reserve", ids)
}

// DBRemoveReserveNodes removes reserve nodes (editDatabase nodes_list_remove_reserve).
func (x *EXAoperation) DBRemoveReserveNodes(ctx context.Context, db string, ids []int64) error {
	return x.editNodes(ctx, db, "nodes_list_remove_reserve", ids)
}

// DBEnlarge makes n reserve nodes active (enlargeDatabase); the database
// must be stopped.
func (x *EXAoperation) DBEnlarge(ctx context.Context, db string, n int64) error {
	_, err := x.change(ctx, nil, exaop.DBObject(db), "enlargeDatabase", n)
	return err
}

// editNodes sends one editDatabase node-list key, with the keys
// editDatabase requires sent back as getProperties reports them.
func (x *EXAoperation) editNodes(ctx context.Context, db, key string, ids []int64) error {
	obj := exaop.DBObject(db)
	cur, err := x.call(ctx, obj, "getProperties")
	if err != nil {
		return err
	}
	props := asFields(cur)
	p := map[string]any{key: nodeNames(ids)}
	for _, k := range dbEditKeys {
		if props.has(k) {
			p[k] = props[k]
		}
	}
	_, err = x.change(ctx, nil, obj, "editDatabase", p)
	return err
}
