package client

import (
	"github.com/exacluster/terraform-provider-exasol/internal/client/confd"
)

// The ConfD job table is confd.Table; what the client adds to it is the
// read-back of each change job whose lost answer can be checked
// (verify.go). A change job without one is not repeated after a lost
// answer (OutcomeUnknownError).
var verifiers = map[string]*verifier{
	"db_create":                          &dbCreated,
	"db_delete":                          &dbDeleted,
	"db_start":                           &dbStarted,
	"db_stop":                            &dbStopped,
	"db_configure":                       &dbConfigured,
	"db_backup_add_schedule":             &scheduleAdded,
	"db_backup_modify_schedule":          &scheduleModified,
	"db_backup_remove_schedule":          &scheduleRemoved,
	"db_snapshot_backup_add_schedule":    &snapshotScheduleAdded,
	"db_snapshot_backup_modify_schedule": &snapshotScheduleModified,
	"db_snapshot_backup_remove_schedule": &snapshotScheduleRemoved,
	"st_volume_create":                   &volumeCreated,
	"st_volume_delete":                   &volumeDeleted,
	"st_volume_enlarge":                  volumeResize(1),
	"st_volume_shrink":                   volumeResize(-1),
	"st_volume_add_label":                &labelAdded,
	"st_volume_remove_label":             &labelRemoved,
	"st_volume_set_io_status":            &ioStatusSet,
	"remote_volume_add":                  &remoteAdded,
	"remote_volume_remove":               &remoteRemoved,
	"node_add":                           &nodeAdded,
	"node_remove":                        &nodeRemoved,
	"node_suspend":                       &nodeSuspended,
	"node_resume":                        &nodeResumed,
	"master_change":                      &masterChanged,
	// Issue 22 (verify_bucketfs_users.go).
	"bucketfs_add":     &bucketFSAdded,
	"bucketfs_delete":  &bucketFSDeleted,
	"bucket_add":       &bucketAdded,
	"bucket_delete":    &bucketDeleted,
	"user_create":      &sysUserCreated,
	"user_delete":      &sysUserDeleted,
	"group_create":     &sysGroupCreated,
	"group_delete":     &sysGroupDeleted,
	"general_settings": &settingsChanged, // verify_settings.go
}

// Names of the table, as the client's files use them.
const (
	installedVersionsJob = confd.JobInstalledVersions
	volumeListJob        = confd.JobVolumeList
	storageNodesJob      = confd.JobStorageNodes
)

func specOf(job string, p Params) (confd.Spec, error) { return confd.Lookup(job, p) }
func readOnly(job string) bool                        { return confd.ReadOnly(job) }
func readKey(job string, p Params) string             { return confd.CacheKey(job, p) }

// JobParams lists, per job, the parameters the client may send (confd.JobParams).
func JobParams() map[string][]string { return confd.JobParams() }
