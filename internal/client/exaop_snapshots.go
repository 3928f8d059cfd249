package client

import "context"

// Database snapshots on EXAoperation: Exasol 6.x has none; each method is
// the capability table's refusal (capabilities.go), nothing is sent.

func (x *EXAoperation) SnapshotSchedule(context.Context, string, string) (*SnapshotSchedule, error) {
	return nil, x.refuse(ObjectSnapshotSchedule, "")
}
func (x *EXAoperation) SnapshotSchedules(context.Context, string) ([]SnapshotSchedule, error) {
	return nil, x.refuse(ObjectSnapshotSchedule, "")
}
func (x *EXAoperation) CreateSnapshotSchedule(context.Context, SnapshotScheduleSpec) error {
	return x.refuse(ObjectSnapshotSchedule, "")
}
func (x *EXAoperation) ModifySnapshotSchedule(context.Context, string, string, SnapshotScheduleChange) error {
	return x.refuse(ObjectSnapshotSchedule, "")
}
func (x *EXAoperation) DeleteSnapshotSchedule(context.Context, string, string) error {
	return x.refuse(ObjectSnapshotSchedule, "")
}
func (x *EXAoperation) StartSnapshot(context.Context, string, string) error {
	return x.refuse(ObjectSnapshot, "")
}
