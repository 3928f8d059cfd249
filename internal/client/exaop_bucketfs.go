package client

import "context"

// EXAoperation: the BucketFS methods (addBucketFS, editBucketFS, addBucket,
// editBucketFSBucket in EXAoperation_XMLRPC.md) are not implemented; every
// call is the capability table's refusal (capabilities.go).

func (x *EXAoperation) BucketFSList(context.Context) ([]string, error) {
	return nil, x.refuse(ObjectBucketFS, "")
}
func (x *EXAoperation) BucketFSInfo(context.Context, string) (*BucketFS, error) {
	return nil, x.refuse(ObjectBucketFS, "")
}
func (x *EXAoperation) CreateBucketFS(context.Context, BucketFSSpec) error {
	return x.refuse(ObjectBucketFS, "")
}
func (x *EXAoperation) ChangeBucketFS(context.Context, string, BucketFSChange) error {
	return x.refuse(ObjectBucketFS, "")
}
func (x *EXAoperation) DeleteBucketFS(context.Context, string) error {
	return x.refuse(ObjectBucketFS, "")
}
func (x *EXAoperation) BucketInfo(context.Context, string, string) (*Bucket, error) {
	return nil, x.refuse(ObjectBucket, "")
}
func (x *EXAoperation) CreateBucket(context.Context, BucketSpec) error {
	return x.refuse(ObjectBucket, "")
}
func (x *EXAoperation) ChangeBucket(context.Context, BucketSpec) error {
	return x.refuse(ObjectBucket, "")
}
func (x *EXAoperation) DeleteBucket(context.Context, string, string) error {
	return x.refuse(ObjectBucket, "")
}
func (x *EXAoperation) BucketURL(*BucketFS, string) string { return "" }
