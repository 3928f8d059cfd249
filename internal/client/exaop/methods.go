package exaop

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/client/transport"
)

// The method table: everything the client knows of each EXAoperation method
// it calls, in one place, as confd.Table is for ConfD's jobs. The runner
// (../runner.go) reads it: on which kind of object a method is called,
// whether it only reads (sent once, repeated freely by the transport) or
// changes the cluster (sent once; after a lost answer the read-back the
// entry names decides whether it is sent again), which arguments and dict
// keys it may send (a call with another one is refused before it leaves),
// whether the read cache shares its answer (../readcache.go), and where
// the method is documented.

// Object kinds a method is called on. KindOf tells them by the object's
// name; remote volume and log service objects have names of their own.
const (
	OnCluster       = "cluster"          // '' (/cluster1)
	OnDatabase      = "database"         // 'db_DB1'
	OnNode          = "node"             // 'n0011'
	OnStorage       = "storage"          // 'storage'
	OnStorageNode   = "storage node"     // 'storage/n0011'
	OnStorageVolume = "storage volume"   // 'storage/v0000'
	OnRemoteVolume  = "remote volume"    // named by EXAoperation ('r0001')
	OnLogService    = "log service"      // named by EXAoperation
	OnBucketFS      = "BucketFS service" // named by EXAoperation ('bfsdefault', 'bucketfs1')
	OnBucket        = "bucket"           // '<service>/<bucket_name>'
)

// named are the kinds whose objects KindOf cannot tell by their name.
var named = []string{OnRemoteVolume, OnLogService, OnBucketFS, OnBucket}

// Method is one method of the table.
type Method struct {
	// On lists the kinds of object the method is called on.
	On []string
	// Change: the method changes the cluster; otherwise it only reads.
	Change bool
	// ReadsWhen makes a change method a read for one value of one
	// argument (callPlugin's STATUS command).
	ReadsWhen *ArgIs
	// Args names the positional arguments the client may send, in order.
	Args []string
	// Keys are the keys the client may send in a dict argument. A list of
	// dicts (setBackupSchedule) is not checked: its entries are written
	// back as read, keys the client does not manage included.
	Keys []string
	// Cached: within a run, the answer (and what the client derives from
	// it, e.g. the volume index) serves every read of the same object
	// until a change or a fresh read (../readcache.go), as ConfD's cached
	// jobs do (confd.Spec.Cached).
	Cached bool
	// ReadBack is the read that tells, after a change's answer was lost,
	// whether it took effect (the client's read-back, given by the caller
	// to the runner); "" when there is none, and the lost answer is
	// reported as unknown (never repeated blindly).
	ReadBack string
	// Source documents the method.
	Source string
}

// ArgIs names an argument by its position and one value of it.
type ArgIs struct {
	Index int
	Value string
}

// Sources.
const (
	md       = "EXAoperation_XMLRPC.md (exasol/exaoperation-xmlrpc), service "
	helpDump = "tools-and-examples/xmlrpc-help/example.md (exasol/exaoperation-xmlrpc; methodHelp output)"
	seed     = "seed exaoperation-cluster-start-stop.txt"
)

var (
	dbKeys = []string{"clients_port_number", "data_volume", "database_version", "memory_usage", "extra_params",
		"enable_auditing", "volume_quota", "ldap_server", "vlan_list", "volume_restore_delay"}
	dbStates   = "getDatabaseState"
	bfsKeys    = []string{"description", "disk", "http_port", "https_port"}
	bucketKeys = []string{"bucket_name", "description", "public_bucket", "read_password", "write_password"}
)

// Table lists every method the client calls.
var Table = map[string]Method{
	// Generic methods and the cluster (NodeCluster).
	"getListValues": {On: []string{OnCluster, OnStorage}, Args: []string{"list"}, Source: md + "generic methods"},
	"getProperties": {On: []string{OnDatabase, OnRemoteVolume, OnBucketFS}, Source: md + "Database, RemoteVolume, BucketFS"},
	// listObjects: "Return a list of all sub-objects" (the repository's
	// README.md); BucketFS services and their buckets are found by it.
	"listObjects":             {On: []string{OnCluster, OnBucketFS}, Source: "README.md (exasol/exaoperation-xmlrpc)"},
	"getDatabaseList":         {On: []string{OnCluster}, Source: helpDump + "; " + seed},
	"getNodeList":             {On: []string{OnCluster}, Source: helpDump + "; " + seed},
	"getEXAoperationMaster":   {On: []string{OnCluster}, Source: seed},
	"getCurrentLicenseServer": {On: []string{OnCluster}, Source: md + "NodeCluster"},
	"getServiceState":         {On: []string{OnCluster}, Source: helpDump + "; " + seed},
	"getHardwareInformation":  {On: []string{OnCluster}, Args: []string{"node"}, Source: seed},
	"getAllUserLogins":        {On: []string{OnCluster}, Source: md + "NodeCluster"},
	"getUserByName":           {On: []string{OnCluster}, Args: []string{"user_name"}, Source: md + "NodeCluster"},
	"getUserById":             {On: []string{OnCluster}, Args: []string{"user_id"}, Source: md + "NodeCluster"},
	"getAllLogServices":       {On: []string{OnCluster}, Source: md + "NodeCluster"},
	// EXAoperation's users (the client's system users).
	"addUser": {On: []string{OnCluster}, Change: true, Args: []string{"user_data"},
		Keys:     []string{"user_login", "password", "user_title"},
		ReadBack: "getAllUserLogins lists the login", Source: md + "NodeCluster"},
	"editUser": {On: []string{OnCluster}, Change: true, Args: []string{"user_login", "user_data"},
		Keys: []string{"user_login", "password", "user_title", "ldapServer", "ldapFullDN"}, Source: md + "NodeCluster"},
	"deleteUserByLogin": {On: []string{OnCluster}, Change: true, Args: []string{"user_login"},
		ReadBack: "getAllUserLogins no longer lists the login", Source: md + "NodeCluster"},
	"logEntries":     {On: []string{OnLogService}, Source: helpDump + "; tools-and-examples/logentries.py"},
	"showPluginList": {On: []string{OnCluster}, Source: helpDump},
	"callPlugin": {On: []string{OnCluster}, Change: true, ReadsWhen: &ArgIs{Index: 2, Value: "STATUS"},
		Args: []string{"plugin", "node", "command"}, Source: seed},
	"startupNode": {On: []string{OnCluster}, Change: true, Args: []string{"node"},
		ReadBack: "the node's state (getNodeState)", Source: seed},
	"shutdownNode": {On: []string{OnCluster}, Change: true, Args: []string{"node"},
		ReadBack: "the node's state (getNodeState)", Source: seed},
	"addDatabase": {On: []string{OnCluster}, Change: true, Args: []string{"properties"},
		Keys:     append([]string{"database_name", "data_disk", "nodes_list", "nodes_number"}, dbKeys...),
		ReadBack: "getDatabaseList names the database", Source: md + "NodeCluster"},
	"addNode": {On: []string{OnCluster}, Change: true, Args: []string{"properties"},
		Keys:     []string{"number", "mac_addr_eth0", "mac_addr_eth1", "spool_disk"},
		ReadBack: "the node is listed (getNodeList, getNodeInfo)", Source: md + "NodeCluster"},
	"addRemoteVolume": {On: []string{OnCluster}, Change: true, Args: []string{"properties"},
		Keys:     []string{"url", "allowed_users", "readonly_users", "labels", "options", "user", "password"},
		ReadBack: "a new remote volume with the URL (getAllArchiveVolumes, getProperties)", Source: md + "NodeCluster"},
	"deleteSubObject": {On: []string{OnCluster, OnBucketFS}, Change: true, Args: []string{"name"},
		ReadBack: "the object is no longer listed (getDatabaseList, getNodeList, getAllArchiveVolumes, listObjects)", Source: md + "NodeCluster, BucketFS"},
	"getAllArchiveVolumes": {On: []string{OnCluster}, Cached: true, Source: md + "NodeCluster"}, // the remote index
	// The license and the TLS certificate: nothing reads either back, so
	// a lost answer is reported, not repeated.
	"getLicenseProperties": {On: []string{OnCluster}, Source: md + "NodeCluster"},
	"getLicenseFeatures":   {On: []string{OnCluster}, Source: md + "NodeCluster"},
	"getLicenseLimits":     {On: []string{OnCluster}, Source: md + "NodeCluster"},
	"licenseUpdate":        {On: []string{OnCluster}, Change: true, Args: []string{"license_data"}, Source: md + "NodeCluster"},
	"uploadTlsFiles": {On: []string{OnCluster}, Change: true, Args: []string{"cert", "private_key"},
		Source: md + "NodeCluster; README.md (Upload certificate to license node)"},

	// Databases.
	"getDatabaseInfo":             {On: []string{OnDatabase}, Source: helpDump},
	"getDatabaseState":            {On: []string{OnDatabase}, Source: helpDump + "; " + seed},
	"getDatabaseOperation":        {On: []string{OnDatabase}, Source: seed},
	"getDatabaseConnectionState":  {On: []string{OnDatabase}, Source: seed},
	"getDatabaseConnectionString": {On: []string{OnDatabase}, Source: seed},
	"createDatabase":              {On: []string{OnDatabase}, Change: true, ReadBack: dbStates, Source: md + "Database"},
	"startDatabase":               {On: []string{OnDatabase}, Change: true, ReadBack: dbStates, Source: md + "Database"},
	"stopDatabase":                {On: []string{OnDatabase}, Change: true, ReadBack: dbStates, Source: helpDump + "; " + seed},
	"forceShutdownDatabase":       {On: []string{OnDatabase}, Change: true, ReadBack: dbStates, Source: md + "Database"},
	"editDatabase": {On: []string{OnDatabase}, Change: true, Args: []string{"properties"},
		Keys:     append([]string{"nodes_list_add_reserve", "nodes_list_remove_reserve"}, dbKeys...),
		ReadBack: "the edited keys (getProperties); none for reserve node edits", Source: md + "Database"},
	// Scaling in place; a lost answer is not repeated.
	"enlargeDatabase": {On: []string{OnDatabase}, Change: true, Args: []string{"count_of_added_active_nodes"}, Source: md + "Database"},

	// Backups and schedules: a lost answer is not repeated, but for the
	// schedule list, which is read back.
	"getBackups":             {On: []string{OnDatabase}, Args: []string{"show_all_databases", "show_expired_backups"}, Source: md + "Database"},
	"backupDatabase":         {On: []string{OnDatabase}, Change: true, Args: []string{"volume", "level", "expire"}, Source: md + "Database"},
	"abortBackup":            {On: []string{OnDatabase}, Change: true, Source: md + "Database"},
	"deleteBackups":          {On: []string{OnDatabase}, Change: true, Args: []string{"backup_list"}, Source: md + "Database"},
	"deleteUnusableBackups":  {On: []string{OnDatabase}, Change: true, Source: md + "Database"},
	"changeBackupExpiration": {On: []string{OnDatabase}, Change: true, Args: []string{"volume", "backup_files", "expire_time"}, Source: md + "Database"},
	"restoreDatabase":        {On: []string{OnDatabase}, Change: true, Args: []string{"backup_id", "restore_type"}, Source: md + "Database"},
	"getBackupSchedule":      {On: []string{OnDatabase}, Cached: true, Source: md + "Database"}, // a database's schedules
	"setBackupSchedule": {On: []string{OnDatabase}, Change: true, Args: []string{"schedules"},
		ReadBack: "the schedule list (getBackupSchedule)", Source: md + "Database"},

	// Nodes.
	"getNodeInfo":     {On: []string{OnNode}, Source: md + "Node"},
	"getNodeState":    {On: []string{OnNode}, Source: helpDump + "; " + seed},
	"nodeIsSuspended": {On: []string{OnStorageNode}, Source: md + "StorageNode"},
	"suspendNode":     {On: []string{OnStorageNode}, Change: true, ReadBack: "nodeIsSuspended", Source: md + "StorageNode"},
	"resumeNode":      {On: []string{OnStorageNode}, Change: true, ReadBack: "nodeIsSuspended", Source: md + "StorageNode"},

	// The storage service and its volumes.
	"serviceIsOnline": {On: []string{OnStorage}, Source: md + "Storage"},
	"startEXAStorage": {On: []string{OnStorage}, Change: true, ReadBack: "serviceIsOnline", Source: seed},
	"stopEXAStorage":  {On: []string{OnStorage}, Change: true, ReadBack: "serviceIsOnline", Source: seed},
	"getVolumeList":   {On: []string{OnStorage}, Cached: true, Source: md + "Storage"}, // the volume index
	"getVolumeInfo":   {On: []string{OnStorage}, Args: []string{"vid"}, Source: md + "Storage"},
	"addStorageVolume": {On: []string{OnStorage}, Change: true, Args: []string{"properties"},
		Keys: []string{"allowed_users", "readonly_users", "hdd_type", "labels", "masternodes", "nodes_list",
			"redundancy", "size", "volume_type", "block_size", "priority"},
		ReadBack: "the volume is listed by its name label (getVolumeList)", Source: md + "Storage"},
	"volumeRemove": {On: []string{OnStorage}, Change: true, Args: []string{"vid"},
		ReadBack: "the volume is no longer listed (getVolumeList)", Source: md + "Storage"},
	"resizeVolume": {On: []string{OnStorageVolume}, Change: true, Args: []string{"gib_added"},
		ReadBack: "the volume's size (getVolumeInfo)", Source: md + "StorageVolume"},
	"editStorageVolume": {On: []string{OnStorageVolume}, Change: true, Args: []string{"properties"},
		Keys:     []string{"redundancy", "allowed_users", "readonly_users", "labels"},
		ReadBack: "the volume's labels (getVolumeInfo)", Source: md + "StorageVolume"},
	"setIoState": {On: []string{OnStorageVolume}, Change: true, Args: []string{"app_io", "int_io"},
		ReadBack: "the volume's I/O status (getVolumeInfo)", Source: md + "StorageVolume"},

	// BucketFS services and buckets (bfsKeys and bucketKeys are all the
	// keys the reference lists). A service's name is EXAoperation's: a lost
	// answer to addBucketFS is not repeated.
	"addBucketFS":         {On: []string{OnCluster}, Change: true, Args: []string{"properties"}, Keys: bfsKeys, Source: md + "NodeCluster"},
	"saveBucketFSChanges": {On: []string{OnCluster}, Change: true, Source: md + "NodeCluster"},
	"editBucketFS": {On: []string{OnBucketFS}, Change: true, Args: []string{"properties"}, Keys: bfsKeys,
		ReadBack: "the service's properties (getProperties)", Source: md + "BucketFS"},
	"addBucket": {On: []string{OnBucketFS}, Change: true, Args: []string{"properties"}, Keys: bucketKeys,
		ReadBack: "the service lists the bucket (listObjects)", Source: md + "BucketFS"},
	// A lost answer is not repeated: the bucket's settings cannot be read.
	"editBucketFSBucket": {On: []string{OnBucket}, Change: true, Args: []string{"properties"}, Keys: bucketKeys, Source: md + "BucketFSBucket"},

	// Remote volumes.
	"getVolumeId": {On: []string{OnRemoteVolume}, Source: md + "RemoteVolume"},
	"state":       {On: []string{OnRemoteVolume}, Source: md + "RemoteVolume"},
}

var nodeObjectRE = regexp.MustCompile(`^n\d+$`)

// KindOf tells the kind of an object by its name; "" for a name of
// EXAoperation's own choosing (a remote volume, a log service).
func KindOf(object string) string {
	switch {
	case object == "":
		return OnCluster
	case object == Storage:
		return OnStorage
	case strings.HasPrefix(object, Storage+"/n"):
		return OnStorageNode
	case strings.HasPrefix(object, Storage+"/"):
		return OnStorageVolume
	case strings.HasPrefix(object, "db_"):
		return OnDatabase
	case nodeObjectRE.MatchString(object):
		return OnNode
	}
	return ""
}

// Lookup returns the table's entry of method and refuses a call the table
// does not declare: an unknown method, an object of another kind, more
// arguments than it lists, or a dict key it does not list. The client
// calls only documented forms.
func Lookup(object, method string, args []any) (Method, error) {
	m, ok := Table[method]
	label := CallLabel(object, method)
	refuse := func(format string, a ...any) (Method, error) {
		return m, &transport.Error{Kind: transport.KindDecode, API: transport.APIEXAoperation, Job: label,
			Message: fmt.Sprintf(format, a...)}
	}
	if !ok {
		return refuse("the client does not know this method (not in its method table)")
	}
	kind := KindOf(object)
	isNamed := kind == "" && slices.ContainsFunc(m.On, func(k string) bool { return slices.Contains(named, k) })
	if !isNamed && !slices.Contains(m.On, kind) {
		return refuse("the client would call %s on %q, which its method table does not list (%s)", method, object, strings.Join(m.On, ", "))
	}
	if len(args) > len(m.Args) {
		return refuse("the client would send %d arguments, its method table lists %d (%s; %s)", len(args), len(m.Args), strings.Join(m.Args, ", "), m.Source)
	}
	for _, a := range args {
		d, ok := a.(map[string]any)
		if !ok {
			continue
		}
		var extra []string
		for k := range d {
			if !slices.Contains(m.Keys, k) {
				extra = append(extra, k)
			}
		}
		if len(extra) > 0 {
			sort.Strings(extra)
			return refuse("the client would send keys its method table does not list for this method: %s (%s)", strings.Join(extra, ", "), m.Source)
		}
	}
	return m, nil
}

// Reads reports whether a call of the method with args only reads.
func (m Method) Reads(args []any) bool {
	if !m.Change {
		return true
	}
	if r := m.ReadsWhen; r != nil && r.Index < len(args) {
		s, _ := args[r.Index].(string)
		return s == r.Value
	}
	return false
}

// IsReadMethod reports whether method only reads (the table says so).
func IsReadMethod(method string) bool {
	m, ok := Table[method]
	return ok && !m.Change
}

// CacheKey names the answer of method on object in the read cache.
func CacheKey(object, method string) string { return "exaop\x00" + CallLabel(object, method) }
