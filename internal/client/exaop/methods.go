package exaop

// Method is what the client knows of one EXAoperation method beyond its
// kind (IsReadMethod): whether the read cache may share its answer.
type Method struct {
	// Cached: within a run, the answer (and what the client derives from
	// it, e.g. the volume index) serves every read of the same object
	// until a change or a fresh read (../readcache.go), as ConfD's cached
	// jobs do (confd.Spec.Cached).
	Cached bool
}

// Table lists the methods whose answers are shared: the reads a refresh
// repeats per object (every storage volume, remote volume and schedule is
// found through one of them).
var Table = map[string]Method{
	"getVolumeList":        {Cached: true}, // storage volumes: the volume index
	"getAllArchiveVolumes": {Cached: true}, // remote volumes: the remote index
	"getBackupSchedule":    {Cached: true}, // a database's schedules
}

// CacheKey names the answer of method on object in the read cache.
func CacheKey(object, method string) string { return "exaop\x00" + CallLabel(object, method) }
