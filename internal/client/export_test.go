package client

import "context"

// Job-level methods are unexported: the client's intent-level methods
// (CreateVolume, CreateNode, …) are its API. The tests that drive single
// jobs (a lost answer per job, the read cache) reach them here.

func (c *ConfD) DBBackupAddSchedule(ctx context.Context, s ScheduleSpec) error {
	return c.dbBackupAddSchedule(ctx, s)
}

func (c *ConfD) DBBackupRemoveSchedule(ctx context.Context, db, name string) error {
	return c.dbBackupRemoveSchedule(ctx, db, name)
}

func (c *ConfD) DBCreate(ctx context.Context, s DatabaseSpec) error { return c.dbCreate(ctx, s) }

func (c *ConfD) NodeAdd(ctx context.Context, s NodeSpec) (int64, error) { return c.nodeAdd(ctx, s) }

func (c *ConfD) NodeRemove(ctx context.Context, id int64) error { return c.nodeRemove(ctx, id) }

func (c *ConfD) NodeResume(ctx context.Context, id int64) error { return c.nodeResume(ctx, id) }

func (c *ConfD) NodeStates(ctx context.Context) (map[int64]string, error) { return c.nodeStates(ctx) }

func (c *ConfD) NodeSuspend(ctx context.Context, id int64) error { return c.nodeSuspend(ctx, id) }

func (c *ConfD) NodeWaitReady(ctx context.Context, ids []int64) ([]int64, error) {
	return c.nodeWaitReady(ctx, ids)
}

func (c *ConfD) PluginInfo(ctx context.Context, name string) (map[string]string, error) {
	return c.pluginInfo(ctx, name)
}

func (c *ConfD) RemoteVolumeAdd(ctx context.Context, s RemoteVolumeSpec) (string, error) {
	return c.remoteVolumeAdd(ctx, s)
}

func (c *ConfD) RemoteVolumeRemove(ctx context.Context, ref RemoteVolumeRef) error {
	return c.remoteVolumeRemove(ctx, ref)
}

func (c *ConfD) VolumeAddLabel(ctx context.Context, name, label string) error {
	return c.volumeAddLabel(ctx, name, label)
}

func (c *ConfD) VolumeCreate(ctx context.Context, s VolumeSpec) (string, error) {
	return c.volumeCreate(ctx, s)
}

func (c *ConfD) VolumeDelete(ctx context.Context, name string) error {
	return c.volumeDelete(ctx, name)
}

func (c *ConfD) VolumeRemoveLabel(ctx context.Context, name, label string) error {
	return c.volumeRemoveLabel(ctx, name, label)
}

func (c *ConfD) VolumeResize(ctx context.Context, name string, blocksPerNode int64) error {
	return c.volumeResize(ctx, name, blocksPerNode)
}

func (c *ConfD) VolumeSetIOStatus(ctx context.Context, name string, appIO, intIO bool) error {
	return c.volumeSetIOStatus(ctx, name, appIO, intIO)
}

func (c *ConfD) WaitDatabase(ctx context.Context, name, what string, cond func(*Database) bool) (*Database, error) {
	return c.waitDatabase(ctx, name, what, cond)
}

func (c *ConfD) WaitNode(ctx context.Context, id int64, what string, cond func(*Node) bool) (*Node, error) {
	return c.waitNode(ctx, id, what, cond)
}

func (c *ConfD) WaitVolume(ctx context.Context, name, what string, cond func(*Volume) bool) (*Volume, error) {
	return c.waitVolume(ctx, name, what, cond)
}

// ExaopCall and ExaopChange send one EXAoperation method call through the
// runner, for the tests of its method table.
func (x *EXAoperation) ExaopCall(ctx context.Context, object, method string, args ...any) (any, error) {
	return x.call(ctx, object, method, args...)
}

func (x *EXAoperation) ExaopChange(ctx context.Context, readBackOK bool, object, method string, args ...any) (any, error) {
	var rb *readBack
	if readBackOK {
		rb = &readBack{what: "test", check: func(context.Context) (bool, any, error) { return true, nil, nil }}
	}
	return x.change(ctx, rb, object, method, args...)
}
