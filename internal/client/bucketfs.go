package client

// BucketFS services and their buckets (ConfD: confd_bucketfs.go; EXAoperation
// refuses them: exaop_bucketfs.go).

// BucketFS is a BucketFS service as bucketfs_info reports it.
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
	Buckets      []Bucket // in the cluster's order
}

// Bucket is one bucket of a service. Passwords are never reported.
type Bucket struct {
	Service         string
	Name            string
	Public          bool
	AdditionalFiles []string
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
}

// BucketFSChange is bucketfs_modify's parameters; nil fields are not sent.
type BucketFSChange struct {
	HTTPPort, HTTPSPort, SyncPeriod *int64
	Owner                           []int64
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
