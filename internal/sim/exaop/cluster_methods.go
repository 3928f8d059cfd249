package exaop

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

func init() {
	register(kindCluster, map[string]*method{
		"getProperties": {help: "This object has no properties.", run: noProperties},
		"getDatabaseList": {help: "Lists all database instances defined on the cluster.",
			run: func(x *call) (any, error) { return dbNames(x.st, ""), nil }},
		"getAllDatabaseNames": {help: "Return the list of databases' names.",
			run: func(x *call) (any, error) { return dbNames(x.st, ""), nil }},
		"getAllDatabases": {help: "Return the list with all databases' ids.",
			run: func(x *call) (any, error) { return dbNames(x.st, DatabasePrefix), nil }},
		"getNodeList": {help: "Lists all defined cluster nodes except for license server(s).",
			run: func(x *call) (any, error) { return nodeNames(x.st), nil }},
		"getServiceState":  {help: "List the cluster services and their current runtime status.", run: serviceState},
		"getServiceStates": {help: "Get state of all necessary EXAClusterOS services.", run: serviceState},
		"startupNode": {sig: "node:str", change: true, help: "Cold start a cluster node.",
			run: func(x *call) (any, error) { return x.power(x.str(0), true) }},
		"shutdownNode": {sig: "node:str", change: true, help: "Shutdown (and power off) a cluster node.",
			run: func(x *call) (any, error) { return x.power(x.str(0), false) }},
		"getEXAoperationMaster": {help: "Return the node of the current EXAoperation master node.",
			run: func(x *call) (any, error) { return NodeName(LicenseServerID), nil }},
		"getEXAoperationNodes": {help: "Get list of nodes, where EXAoperation could run.",
			run: func(x *call) (any, error) { return []string{NodeName(LicenseServerID)}, nil }},
		// fact: a number (Exasol's scripts compare it with 10 and format it n%04i)
		"getCurrentLicenseServer": {help: "Returns the license Server number.",
			run: func(x *call) (any, error) { return LicenseServerID, nil }},
		"callPlugin": {sig: "plugin:str node:str command:str [extra:any]", change: true,
			help: "Execute a call to an EXAoperation plugin.", run: callPlugin},
		"showPluginList": {help: "Return a list of installed plugins.", run: plugins},
		"getPlugins":     {help: "Return a list of installed plugins.", run: plugins},
		"havePlugins": {help: "Return True if plugins are installed.",
			run: func(x *call) (any, error) { return len(x.st.Plugins) > 0, nil }},
		"addDatabase":     {sig: "properties:dict", change: true, help: "Create a new object type Database.", run: addDatabase},
		"addRemoteVolume": {sig: "properties:dict", change: true, help: "Create a new object type RemoteVolume.", run: addRemoteVolume},
		"addNode":         {sig: "properties:dict", change: true, help: "Create a new object type Node.", run: addNode},
		"deleteSubObject": {sig: "name:str", change: true, help: "Delete the subobject, defined by it's name and all settings.", run: deleteSubObject},
		"getAllArchiveVolumes": {help: "Return a list of all archive volumes (local and remote).",
			run: func(x *call) (any, error) {
				out := []string{}
				for _, v := range x.st.Volumes {
					if v.Type == cluster.VolumeArchive {
						out = append(out, VolumeName(v.ID))
					}
				}
				for _, r := range x.st.Remotes {
					out = append(out, RemoteName(r.ID))
				}
				return out, nil
			}},
	})
}

func dbNames(st *cluster.State, prefix string) []string {
	out := []string{}
	for _, d := range st.Databases {
		out = append(out, prefix+d.Name)
	}
	return out
}

func serviceState(x *call) (any, error) {
	out := [][]string{}
	for _, name := range serviceNames {
		state := serviceOK
		if name == "Storaged" && x.st.StorageStopped {
			state = serviceStopped
		}
		out = append(out, []string{name, state})
	}
	return out, nil
}

// power starts up or shuts down a node. Shutting down the license server
// stops EXAoperation: this call is answered, later ones are refused.
func (x *call) power(name string, on bool) (any, error) {
	id, err := x.nodeID(name, true)
	if err != nil {
		return nil, err
	}
	switch {
	case id == LicenseServerID && !on:
		x.s.down.Store(true)
	case id == LicenseServerID:
	case on:
		err = x.s.c.StartupNode(id)
	default:
		err = x.s.c.ShutdownNode(id)
	}
	return done, err
}

func plugins(x *call) (any, error) { return append([]string{}, x.st.Plugins...), nil }

func callPlugin(x *call) (any, error) {
	plugin, node, cmd := x.str(0), x.str(1), x.str(2)
	if !slices.Contains(x.st.Plugins, plugin) {
		return nil, notFound(plugin)
	}
	if !slices.Contains(pluginCommands, cmd) {
		return nil, usage("callPlugin: unknown command '%s' (known: %s)", cmd, strings.Join(pluginCommands, ", "))
	}
	id, err := x.nodeID(node, true)
	if err != nil {
		return nil, err
	}
	if n := x.st.Node(id); n != nil && n.State != cluster.NodeOnline {
		return nil, usage("node %s is not running (%s)", node, nodeStatus(n))
	}
	daemon := pluginDaemon(plugin)
	var out string
	switch cmd {
	case "STATUS":
		out = daemon + " is not running"
		if x.st.PluginRunning(plugin, id) {
			out = daemon + " is running"
		}
	case "START", "RESTART":
		if _, err := x.s.c.SetPluginService(plugin, id, true); err != nil {
			return nil, err
		}
		out = daemon + " started"
		if cmd == "RESTART" {
			out = daemon + " restarted"
		}
	case "STOP":
		if _, err := x.s.c.SetPluginService(plugin, id, false); err != nil {
			return nil, err
		}
		out = daemon + " stopped"
	}
	return []any{0, out}, nil
}

// addDatabaseSpec: EXAoperation_XMLRPC.md, NodeCluster addDatabase; the
// keys not marked optional are required (data_disk, a Choice of
// getListValues('DataDisks'), among them). database_comment is
// editDatabase's, taken here too (guess).
var addDatabaseSpec = dictSpec{
	"clients_port_number": "!int", "data_volume": "!str", "database_name": "!str", "database_version": "!str",
	"memory_usage": "!int", "nodes_list": "!list", "nodes_number": "!int", "data_disk": "!str",
	"enable_auditing": "bool", "extra_params": "str", "ldap_server": "str", "vlan_list": "list",
	"volume_quota": "int", "volume_restore_delay": "str", "database_comment": "str",
}

func addDatabase(x *call) (any, error) {
	p, err := x.fields(x.dict(0), addDatabaseSpec)
	if err != nil {
		return nil, err
	}
	if err := x.choice("data_disk", strOf(p, "data_disk"), "DataDisks"); err != nil {
		return nil, err
	}
	nodes, err := x.nodeIDs(p, "nodes_list")
	if err != nil {
		return nil, err
	}
	vol, err := x.volumeRef(p["data_volume"])
	if err != nil {
		return nil, err
	}
	vlans, err := strsOf(p, "vlan_list")
	if err != nil {
		return nil, err
	}
	delay, err := parseDelay(strOf(p, "volume_restore_delay"))
	if err != nil {
		return nil, usage("%v", err)
	}
	if intOf(p, "memory_usage") < 1 {
		return nil, usage("memory_usage must be at least 1 (GiB)")
	}
	cfg := cluster.DefaultDatabaseConfig()
	cfg.Version, cfg.Port, cfg.MemSize = strOf(p, "database_version"), intOf(p, "clients_port_number"), int64(intOf(p, "memory_usage"))<<30
	cfg.Nodes, cfg.NumActiveNodes, cfg.AutoStart = nodes, intOf(p, "nodes_number"), false
	cfg.EnableAuditing, cfg.Params, cfg.LDAPServer = boolOf(p, "enable_auditing"), strOf(p, "extra_params"), strOf(p, "ldap_server")
	cfg.Interfaces, cfg.VolumeQuota, cfg.VolumeMoveDelay = strings.Join(vlans, vlanSeparator), intOf(p, "volume_quota"), delay
	cfg.Comment = strOf(p, "database_comment")
	name := strOf(p, "database_name")
	if err := x.s.c.CreateDatabase(cluster.DatabaseSpec{Name: name, DataVolume: vol, Config: cfg, DefineOnly: true}); err != nil {
		return nil, err
	}
	return DatabasePrefix + name, nil
}

// remoteSpec: addRemoteVolume's keys (EXAoperation_XMLRPC.md, NodeCluster
// addRemoteVolume): url, allowed_users and readonly_users required; vid is
// "optional, readonly": shown, never taken (addRemoteVolume refuses it).
var remoteSpec = dictSpec{
	"url": "!str", "allowed_users": "!list", "readonly_users": "!list", "labels": "list",
	"options": "str", "password": "str", "user": "str",
}

// editRemoteSpec: editRemoteVolume's keys (RemoteVolume editRemoteVolume):
// the same, vid accepted only as the volume's own (read-only).
var editRemoteSpec = func() dictSpec {
	d := maps.Clone(remoteSpec)
	d["vid"] = "int"
	return d
}()

func addRemoteVolume(x *call) (any, error) {
	if _, ok := x.dict(0)["vid"]; ok {
		return nil, usage("addRemoteVolume: vid is read-only")
	}
	p, err := x.fields(x.dict(0), remoteSpec)
	if err != nil {
		return nil, err
	}
	v := cluster.RemoteVolume{URL: strOf(p, "url"), Username: strOf(p, "user"), Password: strOf(p, "password"),
		Owner: x.s.cfg.Username}
	if v.AllowedUsers, err = x.users(p, "allowed_users"); err != nil {
		return nil, err
	}
	if v.ReadOnlyUsers, err = x.users(p, "readonly_users"); err != nil {
		return nil, err
	}
	if v.Labels, err = strsOf(p, "labels"); err != nil {
		return nil, err
	}
	// A '#Name#X' label names it X, as for storage volumes. The model keeps
	// the name and the type, not the label and the type's option, so that
	// both faces show the same volume (remoteProperties shows them again).
	v.Name, v.Labels = nameFromLabels(v.Labels)
	opts := splitOptions(strOf(p, "options"))
	v.Type = remoteType(v.URL, opts)
	v.Options = withoutTypeOption(v.URL, v.Type, opts)
	out, err := x.s.c.AddRemoteVolume(v)
	if err != nil {
		return nil, err
	}
	return RemoteName(out.ID), nil
}

// splitOptions reads options "a,b" (fact: separated by comma).
func splitOptions(s string) []string {
	out := []string{}
	for _, o := range strings.Split(s, ",") {
		if o = strings.TrimSpace(o); o != "" {
			out = append(out, o)
		}
	}
	return out
}

// addNode: EXAoperation_XMLRPC.md, NodeCluster addNode. number,
// mac_addr_eth0, mac_addr_eth1 and spool_disk (a Choice) are not optional.
func addNode(x *call) (any, error) {
	spec := dictSpec{"number": "!int"}
	for k, t := range nodeProps {
		spec[k] = t
	}
	spec["mac_addr_eth0"], spec["mac_addr_eth1"], spec["spool_disk"] = "!str", "!str", "!str"
	p, err := x.fields(x.dict(0), spec)
	if err != nil {
		return nil, err
	}
	if err := x.choice("spool_disk", strOf(p, "spool_disk"), spoolDiskList); err != nil {
		return nil, err
	}
	num := intOf(p, "number")
	if num < cluster.FirstNodeID || num > 254 {
		return nil, usage("number must be between %d and 254 (0-10 are reserved), got %d", cluster.FirstNodeID, num)
	}
	props := map[string]string{nodeModeProp: propValue(nodeActive)}
	for k, v := range p {
		if k != "number" {
			props[k] = propValue(v)
		}
	}
	id, err := x.s.c.AddNode(cluster.NodeSpec{ID: num, Name: NodeName(num), PrivateNet: fmt.Sprintf("10.10.10.%d/24", num), Props: props})
	if err != nil {
		return nil, err
	}
	return NodeName(id), nil
}

func deleteSubObject(x *call) (any, error) {
	name := x.str(0)
	o, err := resolveChild(x.st, name)
	if err != nil {
		return nil, err
	}
	switch o.kind {
	case kindDatabase:
		err = x.s.c.DeleteDatabase(o.db)
	case kindRemote:
		err = x.s.c.RemoveRemoteVolume(cluster.ByID(o.id))
	case kindNode:
		if o.id == LicenseServerID {
			return nil, usage("%s is the license server and cannot be deleted", name)
		}
		err = x.removeNode(o.id)
	case kindBucketFS:
		// guess: with its buckets, as ConfD's bucketfs_delete (guesses.go, "BucketFS")
		err = x.s.c.RemoveBucketFS(o.bfs)
	default:
		return nil, usage("%s cannot be deleted with deleteSubObject", name)
	}
	return done, err
}

// removeNode deletes a node. EXAoperation's master is the license server
// (n0010), not a node of the model: the model's master role (ConfD's) is
// moved off the node first, and back should the removal be refused, so
// that EXAoperation never refuses for it or names it.
func (x *call) removeNode(id int) error {
	if x.st.Master != id {
		return x.s.c.RemoveNode(id, false)
	}
	if _, err := x.s.c.ChangeMaster(0); err != nil {
		return x.s.c.RemoveNode(id, false) // no other node online: refused anyway
	}
	err := x.s.c.RemoveNode(id, false)
	if err != nil {
		_, _ = x.s.c.ChangeMaster(id)
	}
	return err
}
