package exaop

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// This file collects every naming and shape choice of the EXAoperation face
// that the reference (../../../../shared/reference/exaoperation.md, Exasol's
// exaoperation-xmlrpc repository) does not fix. "fact:" marks what a source
// states; everything else here is a guess. The provider's EXAoperation
// client is written against these choices: change them here, and in the
// client, together.

// Objects and their names.
const (
	// ClusterObject is the root object, at /cluster1 (fact).
	ClusterObject = "cluster1"
	// StorageObject is /cluster1/storage (fact).
	StorageObject = "storage"
	// LogServiceObject is /cluster1/logservice1 (fact: the first logservice).
	LogServiceObject = "logservice1"
	// LicenseServerID is the license server's node number (fact: n0010,
	// the EXAoperation master). It is not a node of the model: the
	// simulator has exactly one, always up until it is shut down.
	LicenseServerID = 10
	// DatabasePrefix makes a database's object name (fact: db_<name>).
	DatabasePrefix = "db_"
)

// NodeName is a node's object name (fact: n0011 for node 11).
func NodeName(id int) string { return fmt.Sprintf("n%04d", id) }

// VolumeName is a storage volume's object name: v%04d of the model's volume
// id (fact: the first volume is v0000). Canonical path:
// /cluster1/storage/v0000 (fact: StorageVolume objects live under
// storage); /cluster1/v0000 is accepted as an alias (the reference's
// transport table names it so).
func VolumeName(id int) string { return fmt.Sprintf("v%04d", id) }

// volumeNameLabel prefixes the label that names a storage volume (fact:
// ConfD reports a volume's name as the label '#Name#DataVolume1'; guess:
// EXAoperation volumes carry Exasol's name label the same way, and a label
// given to addStorageVolume names the volume). A volume without one is
// named by its id (v0001) and its name label is not shown.
const volumeNameLabel = "#Name#"

// RemoteName is a remote volume's object name: r%04d of the model's id less
// cluster.RemoteVolumeIDBase (fact: r0001 has the virtual volume id 10001).
func RemoteName(id int) string { return fmt.Sprintf("r%04d", id-cluster.RemoteVolumeIDBase) }

// parseNumbered reads "<prefix><4+ digits>" (n0011, v0000, r0001).
func parseNumbered(name string, prefix byte) (int, bool) {
	if len(name) < 5 || name[0] != prefix {
		return 0, false
	}
	n, err := strconv.Atoi(name[1:])
	return n, err == nil && n >= 0
}

// Faults. fact: EXAoperation runs on Zope, whose XML-RPC faults have code
// -1 and the text "Unexpected Zope exception: <Type>: <message>"; a missing
// object is NotFound ("Object db_x not found"), misuse is UsageError.
// guess: every refusal (a running database, a stopped service) is a
// UsageError, a model object that does not exist is NotFound, and a method
// an object does not have is AttributeError (not NotFound, so that a client
// never mistakes its own typo for a deleted object).
const (
	faultCode    = -1
	faultPrefix  = "Unexpected Zope exception: "
	kindNotFound = "NotFound"
	kindUsage    = "UsageError"
	kindNoMethod = "AttributeError"
)

// serviceNames are the rows of getServiceState (fact: this order).
var serviceNames = []string{"Loggingd", "Lockd", "Storaged", "DWAd"}

// Service states (fact: 'OK', and Storaged 'not running' after
// stopEXAStorage). guess: Storaged is 'not running' while its start is
// under way too; the other services always run.
const (
	serviceOK      = "OK"
	serviceStopped = "not running"
)

// Node statuses of getNodeState()['status'] (fact: 'Running', 'Suspended').
// guess: 'Booting' while a node boots, 'Shutdown' while it is powered off.
const (
	nodeRunning   = "Running"
	nodeSuspended = "Suspended"
	nodeBooting   = "Booting"
	nodeShutdown  = "Shutdown"
)

func nodeStatus(n *cluster.Node) string {
	switch {
	case n.State == cluster.NodeOnline:
		return nodeRunning
	case n.State == cluster.NodeSuspended:
		return nodeSuspended
	case n.Pending != nil:
		return nodeBooting
	}
	return nodeShutdown
}

// hardwareInfo is getHardwareInformation's text (fact: it contains
// 'dmidecode' when the node is up). guess: the rest of the text, and a
// message without 'dmidecode' for a node that is not up.
func hardwareInfo(name string, n *cluster.Node, up bool) string {
	if !up {
		return fmt.Sprintf("no hardware information: node %s is not running", name)
	}
	uuid := ""
	if n != nil {
		uuid = n.UUID
	}
	return fmt.Sprintf("# dmidecode 3.2\nGetting SMBIOS data from sysfs.\nSMBIOS 2.8 present.\n\n"+
		"Handle 0x0001, DMI type 1, 27 bytes\nSystem Information\n\tManufacturer: Exasol Simulator\n"+
		"\tProduct Name: exasol-sim node %s\n\tSerial Number: %s\n", name, uuid)
}

// Plugin commands of callPlugin (fact: STATUS, START, STOP, RESTART; the
// result is a pair whose [1] is the output text, and the STATUS of
// Administration.vmware-tools says 'vmtoolsd is running'). guess: [0] is 0
// on success; outputs '<daemon> is running' / '<daemon> is not running' /
// '<daemon> started' / '<daemon> stopped' / '<daemon> restarted'; the
// daemon of any other plugin is the last dot-separated part of its name.
var pluginCommands = []string{"STATUS", "START", "STOP", "RESTART"}

func pluginDaemon(plugin string) string {
	if plugin == "Administration.vmware-tools" {
		return "vmtoolsd"
	}
	return plugin[strings.LastIndex(plugin, ".")+1:]
}

// Disks. guess: storage disks keep the model's names ('disk1'; a real
// cluster says 'd03_storage'), so that both faces take the same names; the
// data disk of addDatabase (fact: a Choice like 'd02_data') is accepted and
// not stored.
const dataDisk = "d02_data"

// License and TLS certificate (license_methods.go). fact: licenseUpdate
// takes "license data as xml-formatted string"; getLicenseFeatures gives
// the "current license features and expiration date", getLicenseLimits the
// limits, getLicenseProperties the properties; uploadTlsFiles(cert,
// private_key) takes PEM strings, and "to use the new cert/key you have to
// restart ExaOperation". Nothing shows an answer or the license's XML.
// guesses:
//   - One license, one model (cluster.State.License): what licenseUpdate
//     takes, ConfD's license_download returns, and what ConfD's
//     license_upload took, these reads show. licenseUpdate refuses text
//     that is not one well-formed XML element (UsageError) and keeps the
//     rest as sent; it does not check a signature.
//   - The reads are dicts of text. Each leaf element of the license XML
//     (any depth; local name → trimmed text) overrides licenseDefaults;
//     expiration_date belongs to the features, names ending in _limit to
//     the limits, everything else to the properties. Leaves inside a
//     <features> element (cluster.LicenseFeatures) are features: getLicenseFeatures lists them under
//     "features" as "name=value", sorted. A license that is no XML (ConfD
//     takes any text) shows the defaults.
//   - The defaults are ConfD's license_info guess (confd/guesses.go).
//   - uploadTlsFiles checks what cert_update does but the chain length
//     (the "more than one certificate" rule is Exasol 8's changelog 21276):
//     PEM certificates, a PEM private key of the first one. The chain
//     replaces the model's (ConfD shows the same), ConfD's ca is left.
//   - A restart of EXAoperation changes nothing the simulator shows: its
//     listeners keep serving the simulator's own certificate (as after
//     cert_update), and needEXAoperationRestart / restartEXAoperation are
//     not served.
//
// The three reads of the license.
const (
	licenseProperties = iota
	licenseFeatures
	licenseLimits
)

var licenseDefaults = map[string]string{
	"license_type": "Developer", "customer": "exasol-sim", "valid": "true",
	"expiration_date": "unlimited", "dbram_limit": "unlimited", "raw_data_limit": "10 GiB",
}

func licenseGroup(key string) int {
	switch {
	case key == "expiration_date":
		return licenseFeatures
	case strings.HasSuffix(key, "_limit"):
		return licenseLimits
	}
	return licenseProperties
}

// checkTLSPair is uploadTlsFiles' check (see above).
func checkTLSPair(cert, key string) error {
	chain, err := cluster.ParseChain(cert)
	if err != nil {
		return err
	}
	pub, err := cluster.ParseKey(key)
	if err != nil {
		return err
	}
	if !cluster.SameKey(chain[0].PublicKey, pub) {
		return fmt.Errorf("the private key does not belong to the certificate")
	}
	return nil
}

// Volume types (fact: 'Data' / 'Archive') ↔ the model's data / archive.
var volumeTypes = map[string]string{"Data": cluster.VolumeData, "Archive": cluster.VolumeArchive}

func volumeTypeName(t string) string {
	for k, v := range volumeTypes {
		if v == t {
			return k
		}
	}
	return t
}

// Sizes: size, memory_usage and volume_quota are GiB as ints (fact);
// guess: a volume's size is per master node, as the model's (and ConfD's)
// is; sizes that are not whole GiB are rounded down. block_size is KiB (fact).
func gib(bytes int64) int { return int(bytes >> 30) }

// Users (users.go). fact: getAllUserLogins() → ['admin']; volumes take
// "user IDs as returned by getUserByName", whose answer is "a user
// description"; getUserById takes a "number as int or string"; Exasol's
// README and startdatabase.py pass logins as allowed_users. guess: the
// description is a dict of addUser's keys (no password) and 'id', a
// number; allowed_users and readonly_users take ids (int or digits) or
// logins and show ids; the configured user has id userUID, users added by
// addUser the next numbers; a storage volume's model access list holds
// the ids as uids. The user table lives in the running simulator only.
// editUser (user_methods.go): guess: the keys given change, the others
// stay; user_login renames the user, refused like addUser's when taken;
// deleteUserById refuses the user logged in, as deleteUserByLogin does.
const userUID = 1000

// Database states are the model's: 'none' (fact), 'setup', 'running'
// (fact), and the transitional 'Startup' and 'Shutdown' (guess, as on the
// ConfD face). stateDatabase ("human-readable") answers the same.

// connectionString is getDatabaseConnectionString (fact: '10.50.1.11..14:2568'
// for four nodes). guess: a range when the active nodes' addresses differ
// only in consecutive last octets, else the addresses joined by commas.
func connectionString(st *cluster.State, d *cluster.Database) string {
	var ips []string
	for _, id := range d.Config.ActiveNodes() {
		if n := st.Node(id); n != nil {
			ips = append(ips, n.PrivateIP())
		}
	}
	port := strconv.Itoa(d.Config.Port)
	if len(ips) == 0 {
		return ":" + port
	}
	prefix, first, ok := lastOctet(ips[0])
	for i, ip := range ips {
		p, o, good := lastOctet(ip)
		ok = ok && good && p == prefix && o == first+i
	}
	if ok && len(ips) > 1 {
		return fmt.Sprintf("%s.%d..%d:%s", prefix, first, first+len(ips)-1, port)
	}
	return strings.Join(ips, ",") + ":" + port
}

func lastOctet(ip string) (string, int, bool) {
	i := strings.LastIndexByte(ip, '.')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(ip[i+1:])
	return ip[:i], n, err == nil
}

// temporaryVolume is getDatabaseInfo's 'temporary volume' (fact: 'None' for
// a database in setup). guess: the temporary volume's name while the
// database is not stopped.
func temporaryVolume(d *cluster.Database) string {
	if d.State == cluster.DBSetup || d.State == cluster.DBNone {
		return "None"
	}
	return VolumeName(d.TempVolume)
}

// volume_restore_delay (fact: a TextLine, empty disables it) ↔ the model's
// seconds. guess: accepted as ”, a number of seconds, or a number with
// s / m / h; shown as '<n>m' when whole minutes, else '<n>s'.
func parseDelay(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 0 {
		return n, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 || d%time.Second != 0 {
		return 0, fmt.Errorf("volume_restore_delay %q: give seconds, or a number with s, m or h (e.g. '10m')", s)
	}
	return int(d / time.Second), nil
}

func formatDelay(secs int) string {
	switch {
	case secs == 0:
		return ""
	case secs%60 == 0:
		return fmt.Sprintf("%dm", secs/60)
	}
	return fmt.Sprintf("%ds", secs)
}

// vlan_list (fact: a list of network interfaces) ↔ the model's interfaces
// text, joined by blanks as the ConfD face joins a list of interfaces.
const vlanSeparator = " "

// Remote volume types: the model needs one; EXAoperation derives it from
// the URL (fact: 'ftp://…', 'smb://…') and options ('s3', 'webdav',
// 'webhdfs'). guess: the URL scheme names the type where it is one of the
// model's; http(s) is 's3', 'webdav' or 'webhdfs' after the options, else
// 'webdav'.
func remoteType(url string, options []string) string {
	scheme, _, _ := strings.Cut(url, "://")
	scheme = strings.ToLower(scheme)
	for _, t := range cluster.RemoteVolumeTypes {
		if t == scheme {
			return t
		}
	}
	for _, o := range options {
		if isTypeOption(o) {
			return o
		}
	}
	if scheme == "ftps" {
		return "ftp"
	}
	return "webdav"
}

// remoteState is a remote volume's state(). guess: 'Online' while a node is
// online to reach it, else 'Unmounted' (the ConfD face's per-node values).
func remoteState(st *cluster.State) string {
	for _, n := range st.Nodes {
		if n.State == cluster.NodeOnline {
			return "Online"
		}
	}
	return "Unmounted"
}

// Log entries. fact: logEntries()[2] is a list of dicts with strtime,
// system, node and message, newest first (Exasol's example prints it
// reversed). guess: [0] is 0 and [1] the number of entries; strtime's
// format; node is ” for cluster-wide events; logFetchEntries answers the
// same shape for the entries between start and halt.
const logTimeFormat = "2006-01-02 15:04:05.000"

// Schedules. fact: getBackupSchedule returns "a list of scheduled backups",
// setBackupSchedule takes "list of backup definitions" and sets "a list of
// all scheduled backups"; nothing documents an entry's keys. guess:
// getBackupSchedule's entries (and setBackupSchedule's)
// are dicts with backup_name, volume (an archive volume's object name),
// level, expire, minute, hour, day, month, weekday and enabled (ConfD's
// schedule keys, db_backup_add_schedule); keys besides these (a real
// cluster's own, unknown here) are taken and shown again as given, so that
// a client that writes back what it read loses none; they are kept by the
// running simulator only (not persisted); an entry
// without backup_name is named schedule<N> by its position from 1; enabled
// defaults to True. (scheduleSpec in database_methods.go, scheduleDict in
// render.go.) A list that changes an existing schedule is refused while the
// database is not running, as ConfD's db_backup_modify_schedule is (fact
// there); adding and removing schedules works in any state
// (cluster.ReplaceSchedules).

// getPath answers [absolute path, relative name]. guess: the reference only
// says "absolute and relative pathes".

// getVolumeList answers a dict keyed by volume name whose values are what
// getVolumeInfo answers. guess: the reference says "a dictionary with
// description of volumes". getVolumeInfo takes the name ('v0000') or the
// model's id (0 or '0'), or a remote volume's object name (fact: "vid or
// remote volume object name", example.md; the answer for it is a guess).

// Node properties that addNode and editNode accept and getNodeInfo and the
// node's getProperties show (fact: the names; addNode needs number,
// mac_addr_eth0, mac_addr_eth1 and spool_disk, a Choice (see
// spoolDiskList), editNode the same but number). guess: their types, and
// that only these are stored.
// A node's private network is 10.10.10.<number>/24 like the initial nodes.
var nodeProps = map[string]string{
	"mac_addr_eth0": "str", "mac_addr_eth1": "str", "mac_addr_ipmi": "str", "ip_addr_ipmi": "str",
	"idstring": "str", "spool_disk": "str", "boot_interface": "str", "ipmi_group": "str",
	"cpu_scaling_governor": "str", "diskenc": "str", "diskraid": "str", "node_unique_id": "str",
	"external_number": "int", "hugepages": "int", "raidredundancy": "int",
	"to_install": "bool", "to_wipe": "bool", "force_fsck": "bool", "force_no_fsck": "bool",
	"console_redirect": "bool", "use_4kib": "bool", "devices": "list",
}

// nodeModeProp stores the node's mode; setActiveMode sets it to 'Active'
// (fact: "Set the node to Active state"). guess: new nodes are Active.
const (
	nodeModeProp = "mode"
	nodeActive   = "Active"
)

// The license server refuses no reads. guess: shutting it down (shutdownNode
// 'n0010') stops EXAoperation: the call is answered, every later one is
// refused with HTTP 503 until the simulator restarts.

// Lists of getListValues (generic.go). fact: the names; EncrTypes' values
// (addStorageDisk's enc: "none, aes128, aes256"); DataDisks holds 'd02_data'
// (README, startdatabase.py). guess: the rest. Disks are the node disks
// and the storage disks; TimeZones is the cluster's zone; NodesReserve,
// NodesDeactivate, NodesReactivate and NodesRemoveReserve are, on a
// database object, the nodes an editDatabase of the matching key can take
// (on other objects: every node, or none); lists of things the simulator
// does not have (key stores, VLANs, server management groups, …) are empty
// or the values below.
var nodeDisks = []string{"d00_os", "d01_swap", dataDisk}

var fixedLists = map[string][]string{
	"BootInterface":             {"eth0", "eth1"},
	"DatabaseNetworkInterfaces": {"Private Network 0"},
	"Days":                      {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
	"DiskTypes":                 {"OS", "Swap", "Data", "Storage"},
	"EncrTypes":                 {"none", "aes128", "aes256"},
	"Mtu":                       {"1500", "9000"},
	"RaidTypes":                 {"none", "RAID 1", "RAID 10"},
	"ScalingGovernor":           {"performance", "ondemand", "powersave"},
	"SrvMgmtTypes":              {"IPMI"},
}

// spoolDiskList is the list addNode's spool_disk (a Choice, "Disk for spool
// data of loading processes and other") takes its value from. guess: the
// data disks, where a node keeps its runtime data ('d02_data').
const spoolDiskList = "DataDisks"

// BucketFS (bucketfs_methods.go). fact: the cluster's listObjects() shows
// 'bfsdefault' (the repository's README.md), so a service is a sub-object
// of /cluster1 named by itself; addBucketFS takes no name; a bucket has
// bucket_name, and BucketFS deleteSubObject deletes one. Guesses:
//   - addBucketFS names the service 'bucketfs<N>', the smallest N >= 1 not
//     taken, and returns that object name (as addDatabase returns its
//     object's); addBucket returns the bucket's name.
//   - A bucket is the sub-object <service>/<bucket_name>
//     (/cluster1/bfsdefault/default); listObjects() of a service lists its
//     buckets in creation order. Services and buckets are found by
//     listObjects alone: no getListValues list names them.
//   - disk is a Choice of getListValues('DataDisks') (as addDatabase's
//     data_disk); a service added by ConfD (which has no disk) shows the
//     data disk. An omitted port is 0 (off). The service's owner is root
//     (0, 0) and its mode BucketFS, which ConfD's bucketfs_info shows.
//   - editBucketFSBucket takes bucket_name (required) only as the bucket's
//     own name: a bucket cannot be renamed. Both passwords are required
//     again by it (README.md marks them), and it sets all three of
//     public_bucket and the passwords; description, when left out, stays.
//   - saveBucketFSChanges writes the services to the cluster's files: the
//     model applies every change at once, so it changes nothing here.
//   - deleteSubObject of a service removes its buckets with it (as
//     ConfD's bucketfs_delete).
//   - getSize is a number of bytes; the model holds no files: 0.
const (
	bucketFSDiskList = "DataDisks"
	bucketFSMode     = "BucketFS"
	bucketSize       = 0
)

func bucketFSDisk(b *cluster.BucketFS) string {
	if b.Disk == "" {
		return dataDisk
	}
	return b.Disk
}

func nextBucketFSName(st *cluster.State) string {
	for n := 1; ; n++ {
		name := "bucketfs" + strconv.Itoa(n)
		if b, _ := st.FindBucketFS(name); b == nil {
			return name
		}
	}
}
