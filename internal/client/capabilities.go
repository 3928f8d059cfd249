package client

import "context"

// Capabilities: one table per dialect of what its interface can and cannot
// do, in the client's own terms (object kinds and the fields of their spec
// types). The same table drives the plan-time limits (Backend.Limits, which
// the provider maps to its attributes), the apply-time refusals (refuse,
// an *UnsupportedError naming the object and field) and the cluster
// runbook's offers (Offers).

// Object kinds, as Limit and UnsupportedError name them.
const (
	ObjectDatabase      = "database"
	ObjectStorageVolume = "storage volume"
	ObjectRemoteVolume  = "remote volume"
	ObjectNode          = "node"
	// ObjectCluster is the cluster as a whole (its master).
	ObjectCluster = "cluster"
	// Database snapshots (snapshots.go): a schedule, and taking one.
	ObjectSnapshotSchedule = "snapshot schedule"
	ObjectSnapshot         = "snapshot"
	// Issue 22's objects (EXAoperation refuses some of them whole).
	ObjectClusterSettings = "cluster settings"
	ObjectBucketFS        = "BucketFS service"
	ObjectBucket          = "bucket"
	ObjectSystemUser      = "system user"
	ObjectSystemGroup     = "system group"
	ObjectTLSCertificate  = "TLS certificate"
	ObjectLicense         = "license"
)

// LicenseDownload is the license's Field in Limits for reading the license
// file back (the license has no spec type: it is one text).
const LicenseDownload = "Download"

// Limit is one thing an interface cannot do: give Field (the name of a
// field of the object's spec type, e.g. DatabaseSpec.Owner) to an object
// of kind Object. With Value, only that value is refused (as Go prints
// it, e.g. "true"): what the interface does anyway is accepted. Without
// Field, the interface cannot manage objects of that kind at all
// (Supports). With Release, the limit holds only where the cluster runs
// that release (ConfD serves Exasol 7.1 and 8).
type Limit struct {
	Object  string
	Field   string
	Value   string
	Release Release
	// What is what cannot be done ("set the owner of a database"), Why the
	// reason in the interface's own terms.
	What, Why string
}

// Capabilities is one dialect's table.
type Capabilities struct {
	// Offers are the runbook steps the interface carries out itself.
	Offers Offers
	// Limits are the settings it has no way to take.
	Limits []Limit
}

// confdCapabilities: ConfD can do everything the client offers but what
// only EXAoperation's addNode takes; it carries out none of the runbook's
// power, storage-service and plugin steps.
var confdCapabilities = Capabilities{
	Offers: Offers{},
	Limits: []Limit{
		{Object: ObjectNode, Field: "MACEth0", What: "set the MAC addresses of a node", Why: "node_add takes no MAC address; EXAoperation's addNode does."},
		{Object: ObjectNode, Field: "MACEth1", What: "set the MAC addresses of a node", Why: "node_add takes no MAC address; EXAoperation's addNode does."},
		{Object: ObjectNode, Field: "SpoolDisk", What: "set the spool disk of a node", Why: "node_add takes no spool disk; EXAoperation's addNode does."},
		// guess: snapshots came with Exasol 8 (the db_snapshot_* pages are
		// Exasol 8's; no 7.1 page of any of them was found).
		{Object: ObjectSnapshotSchedule, Release: Release71, What: "manage database snapshots on Exasol 7.1", Why: "the db_snapshot_* jobs came with Exasol 8."},
		{Object: ObjectSnapshot, Release: Release71, What: "take database snapshots on Exasol 7.1", Why: "the db_snapshot_* jobs came with Exasol 8."},
		{Object: ObjectBucketFS, Field: "Disk", What: "choose the disk of a BucketFS service", Why: "bucketfs_add takes no disk; EXAoperation's addBucketFS does."},
		{Object: ObjectBucketFS, Field: "Description", What: "describe a BucketFS service", Why: "bucketfs_add takes no description; EXAoperation's addBucketFS does."},
	},
}

// exaopCapabilities: settings with no EXAoperation parameter. Shrinking a
// storage volume (EXAoperation only enlarges) depends on the values, not
// on a field being set: ChangeVolume refuses it. EXAoperation powers
// nodes, runs the storage service and plugin services itself (the seed's
// runbook, exaoperation-cluster-start-stop.txt).
var exaopCapabilities = Capabilities{
	Offers: Offers{PowerNodes: true, StorageService: true, PluginServices: true},
	Limits: []Limit{
		{Object: ObjectDatabase, Field: "Owner", What: "set the owner of a database", Why: "addDatabase and editDatabase take no owner."},
		{Object: ObjectDatabase, Field: "AutoStart", Value: "true", What: "start a database automatically", Why: "addDatabase and editDatabase have no auto-start setting; EXAoperation databases start only by startDatabase."},
		{Object: ObjectDatabase, Field: "DBUUID", What: "set the UUID of a database", Why: "addDatabase takes no UUID."},
		{Object: ObjectDatabase, Field: "SnapshotSyncVolume", What: "give a database a snapshot sync volume", Why: "addDatabase has no snapshot setting; database snapshots came with Exasol 8 (ConfD's db_create snapshot_sync_volume)."},
		{Object: ObjectDatabase, Field: "MaxSystemHeapMemory", What: "limit the system heap of a database", Why: "addDatabase and editDatabase have no system heap setting."},
		{Object: ObjectStorageVolume, Field: "StripeSize", What: "set the stripe size of a storage volume", Why: "addStorageVolume takes no stripe size."},
		{Object: ObjectStorageVolume, Field: "Owner", What: "set the owner of a storage volume", Why: "addStorageVolume grants access by allowed_users, not by owner; the client grants its own user."},
		{Object: ObjectStorageVolume, Field: "Permissions", What: "set the permissions of a storage volume", Why: "addStorageVolume grants access by allowed_users, not by permissions."},
		{Object: ObjectStorageVolume, Field: "Shared", Value: "true", What: "share a storage volume", Why: "addStorageVolume has no shared setting."},
		{Object: ObjectRemoteVolume, Field: "Owner", What: "set the owner of a remote volume", Why: "addRemoteVolume takes no owner; the volume belongs to the user who adds it."},
		{Object: ObjectNode, Field: "Name", What: "name a node", Why: "EXAoperation names every node by its number (n0011 for 11)."},
		{Object: ObjectNode, Field: "PublicNet", What: "set the public network of a node", Why: "addNode takes no public address."},
		{Object: ObjectNode, Field: "SpaceWarnThreshold", What: "set the disk space warning threshold of a node", Why: "addNode takes no disk space warning threshold."},
		{Object: ObjectNode, Field: "BgRecLimit", What: "set the background recovery limit of a node", Why: "addNode takes no background recovery limit."},
		{Object: ObjectSnapshotSchedule, What: "manage database snapshots", Why: "Exasol 6.x has no database snapshots; they came with Exasol 8 (ConfD's db_snapshot_* jobs)."},
		{Object: ObjectSnapshot, What: "take database snapshots", Why: "Exasol 6.x has no database snapshots; they came with Exasol 8 (ConfD's db_snapshot_* jobs)."},
		{Object: ObjectCluster, Field: "Master", What: "move the management master", Why: "EXAoperation runs on the license server and moves only by a restart of EXAoperation (restartEXAoperation) in its own interface, which a client cannot follow."},
		// Issue 22: objects only ConfD manages (exaop_<object>.go refuse them whole).
		{Object: ObjectClusterSettings, What: "read EXAConf settings or change them (ConfD's settings_list and general_settings)", Why: "the settings are EXAConf entries, which only ConfD's general_settings and settings_list manage; EXAoperation keeps its cluster settings in its own objects (editNodeClusterNetwork and others)."},
		// BucketFS (exaop_bucketfs.go): addBucketFS and addBucket take
		// fewer settings than ConfD's bucketfs_add and bucket_add.
		{Object: ObjectBucketFS, Field: "Name", What: "name a BucketFS service", Why: "addBucketFS takes no name; EXAoperation names a new service itself (bucketfs1, …)."},
		{Object: ObjectBucketFS, Field: "Owner", What: "set the owner of a BucketFS service", Why: "addBucketFS and editBucketFS take no owner."},
		{Object: ObjectBucketFS, Field: "SyncKey", What: "set the synchronization key of a BucketFS service", Why: "addBucketFS takes no synchronization key."},
		{Object: ObjectBucketFS, Field: "SyncPeriod", What: "set the synchronization period of a BucketFS service", Why: "addBucketFS and editBucketFS take no synchronization period."},
		{Object: ObjectBucketFS, Field: "Path", What: "set the path of a BucketFS service", Why: "addBucketFS takes no path."},
		{Object: ObjectBucketFS, Field: "Mode", What: "set the mode of a BucketFS service", Why: "addBucketFS takes no mode."},
		{Object: ObjectBucketFS, Field: "BucketVolume", What: "put a BucketFS service on a volume", Why: "addBucketFS takes a disk (disk), not a volume."},
		{Object: ObjectBucket, Field: "AdditionalFiles", What: "give a bucket additional files", Why: "addBucket and editBucketFSBucket take no additional files."},
		// The TLS certificate and the license: uploadTlsFiles and
		// licenseUpdate (NodeCluster) upload them; what they lack:
		{Object: ObjectTLSCertificate, Field: "CA", What: "upload a CA with the TLS certificate", Why: "uploadTlsFiles takes the certificate and its private key only (ConfD's cert_update takes a ca)."},
		{Object: ObjectTLSCertificate, Field: "VerifyCert", What: "have the cluster verify the TLS certificate", Why: "uploadTlsFiles has no verification setting (ConfD's cert_update has verify_cert)."},
		{Object: ObjectLicense, Field: LicenseDownload, What: "return the license file", Why: "no EXAoperation method returns the license; getLicenseProperties, getLicenseFeatures and getLicenseLimits read its fields."},
		// System users are EXAoperation's users (exaop_system_users.go), which have a login, a password and an id of EXAoperation's choosing, no more.
		{Object: ObjectSystemUser, Field: "ID", What: "choose the id of a user", Why: "addUser takes no id; EXAoperation numbers its users itself."},
		{Object: ObjectSystemUser, Field: "Group", What: "put a user in a group", Why: "EXAoperation has no groups; its users have roles (grantRole)."},
		{Object: ObjectSystemUser, Field: "AdditionalGroups", What: "put a user in groups", Why: "EXAoperation has no groups; its users have roles (grantRole)."},
		{Object: ObjectSystemUser, Field: "AuthorizedKeys", What: "give a user SSH keys", Why: "EXAoperation's users log in to its web and XML-RPC interface with their password; addUser and editUser take no keys."},
		{Object: ObjectSystemUser, Field: "LoginEnabled", Value: "false", What: "disable the login of a user", Why: "addUser and editUser have no such setting; every EXAoperation user may log in with its password."},
		{Object: ObjectSystemGroup, What: "manage system groups", Why: "EXAoperation has no groups: its users (addUser) have roles on objects (grantRole) instead."},
	},
}

// refuse is the apply-time refusal of the table's entry for object and
// field (for the interface api, "ConfD" or "EXAoperation"), should a
// caller have skipped the plan-time check.
func (caps *Capabilities) refuse(api, object, field string) *UnsupportedError {
	for _, l := range caps.Limits {
		if l.Object == object && l.Field == field {
			return &UnsupportedError{API: api, What: l.What, Hint: l.Why, Object: object, Field: field, Value: l.Value, Drop: true}
		}
	}
	// A refusal without an entry is a defect of the table (TestExaopUnsupported).
	return &UnsupportedError{API: api, What: "take " + field + " of a " + object, Object: object, Field: field}
}

// refuseObject is the table's refusal of objects of a kind as a whole (a
// Limit without Field) on release rel, or nil.
func (caps *Capabilities) refuseObject(api, object string, rel Release) error {
	for _, l := range caps.Limits {
		if l.Object == object && l.Field == "" && (l.Release == "" || l.Release == rel) {
			return &UnsupportedError{API: api, What: l.What, Hint: l.Why, Object: object, Drop: true}
		}
	}
	return nil
}

// releaseBound reports whether the table limits object only on some releases.
func (caps *Capabilities) releaseBound(object string) bool {
	for _, l := range caps.Limits {
		if l.Object == object && l.Release != "" {
			return true
		}
	}
	return false
}

// Supports refuses (an *UnsupportedError) an object kind the interface, or
// the cluster's release, cannot manage at all. ConfD reads the release
// (once per Cluster) only when the table binds the kind to one, so a plan
// can ask it.
func (c *ConfD) Supports(ctx context.Context, object string) error {
	var rel Release
	if confdCapabilities.releaseBound(object) {
		r, err := c.Release(ctx)
		if err != nil {
			return err
		}
		rel = r
	}
	return confdCapabilities.refuseObject("ConfD", object, rel)
}

// Supports: EXAoperation's table alone decides.
func (x *EXAoperation) Supports(_ context.Context, object string) error {
	return exaopCapabilities.refuseObject("EXAoperation", object, "")
}

// The capability table of each dialect; the Backend's Limits and Offers
// read it (orchestration.go).
func (c *ConfD) capabilities() *Capabilities        { return &confdCapabilities }
func (x *EXAoperation) capabilities() *Capabilities { return &exaopCapabilities }

// UnsupportedError is returned when an interface is asked for something it
// cannot do; the message names the interface, what it cannot do and why.
// Object and Field name the spec field (Limit) when the refusal is one of
// the capability table's, so that a caller can say which setting to drop.
type UnsupportedError struct {
	API  string // "ConfD" or "EXAoperation"
	What string
	Hint string
	// Object and Field name the refused setting (see Limit); Value, when
	// only that value is refused.
	Object, Field, Value string
	// Drop: the setting has to be left out (a capability table entry);
	// otherwise it needs another value, which Hint describes.
	Drop bool
}

func (e *UnsupportedError) Error() string {
	msg := e.API + " cannot " + e.What
	if e.Hint != "" {
		msg += "; " + e.Hint
	}
	return msg
}
