package client

// BucketFS services and their buckets (ConfD: confd_bucketfs.go;
// EXAoperation: exaop_bucketfs.go). Each interface has settings the other
// lacks: the capability tables (capabilities.go) name them.

// BucketFS is a BucketFS service as bucketfs_info (ConfD) or getProperties
// (EXAoperation) reports it; what an interface does not report is zero.
type BucketFS struct {
	Name       string
	HTTPPort   int64 // 0: http off
	HTTPSPort  int64 // 0: https off
	Owner      []int64
	SyncPeriod int64
	Path       string
	Mode       string
	// BucketVolume is the SDFS volume (bucketvolume).
	BucketVolume string
	// Disk and Description are EXAoperation's (addBucketFS); ConfD has none.
	Disk, Description string
	Buckets           []Bucket // in the cluster's order
}

// Bucket is one bucket of a service. Passwords are never reported.
type Bucket struct {
	Service         string
	Name            string
	Public          bool
	AdditionalFiles []string
	// PublicUnread: the interface does not report the public flag
	// (EXAoperation's bucket has no properties), so Public means nothing.
	PublicUnread bool
}

// BucketFSSpec is bucketfs_add's parameters; zero optional values are not sent.
type BucketFSSpec struct {
	Name                string
	HTTPPort, HTTPSPort int64
	Owner               []int64 // (uid, gid)
	SyncKey             string
	SyncPeriod          int64
	Path, Mode          string
	BucketVolume        string
	// Disk and Description: EXAoperation's addBucketFS. Without a disk
	// the client takes the cluster's first data disk.
	Disk, Description string
	// NameOut, when set, receives the service's name: EXAoperation names a
	// new service itself (Name is ConfD's).
	NameOut *string
}

// BucketFSChange is bucketfs_modify's parameters; nil fields are not sent.
type BucketFSChange struct {
	HTTPPort, HTTPSPort, SyncPeriod *int64
	Owner                           []int64
	Disk, Description               *string // EXAoperation's editBucketFS
}

// BucketSpec is bucket_add's and bucket_modify's parameters. Passwords and
// files are sent when not nil (a modify without them keeps them).
type BucketSpec struct {
	Service, Name               string
	Public                      bool
	ReadPassword, WritePassword *string
	AdditionalFiles             []string
}

func (s BucketSpec) params() Params {
	p := Params{"bucketfs_name": s.Service, "bucket_name": s.Name, "public": s.Public}
	if s.ReadPassword != nil {
		p["read_password"] = *s.ReadPassword
	}
	if s.WritePassword != nil {
		p["write_password"] = *s.WritePassword
	}
	if s.AdditionalFiles != nil {
		files := make([]any, len(s.AdditionalFiles))
		for i, f := range s.AdditionalFiles {
			files[i] = f
		}
		p["additional_files"] = files
	}
	return p
}
