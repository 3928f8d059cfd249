package client

import "context"

// Job-level methods are unexported: the Backend's intent-level methods
// (CreateVolume, CreateNode, …) are its API. The tests that drive single
// jobs (a lost answer per job, the read cache) reach them here, through the
// Cluster's dialect.

// confdDialect and exaopDialect are the Cluster's dialect; a test that asks
// for the other one fails on the type assertion.
func (c *Cluster) confdDialect() *ConfD        { return c.objects.(*ConfD) }
func (c *Cluster) exaopDialect() *EXAoperation { return c.objects.(*EXAoperation) }

func (c *Cluster) DBBackupAddSchedule(ctx context.Context, s ScheduleSpec) error {
	return c.confdDialect().CreateBackupSchedule(ctx, s)
}

func (c *Cluster) DBBackupRemoveSchedule(ctx context.Context, db, name string) error {
	return c.confdDialect().dbBackupRemoveSchedule(ctx, db, name)
}

func (c *Cluster) DBCreate(ctx context.Context, s DatabaseSpec) error {
	return c.confdDialect().CreateDatabase(ctx, s)
}

func (c *Cluster) NodeAdd(ctx context.Context, s NodeSpec) (int64, error) {
	return c.confdDialect().nodeAdd(ctx, s)
}

func (c *Cluster) NodeRemove(ctx context.Context, id int64) error {
	return c.confdDialect().nodeRemove(ctx, id)
}

func (c *Cluster) NodeResume(ctx context.Context, id int64) error {
	return c.confdDialect().nodeResume(ctx, id)
}

func (c *Cluster) NodeStates(ctx context.Context) (map[int64]string, error) {
	return c.confdDialect().nodeStates(ctx)
}

func (c *Cluster) NodeSuspend(ctx context.Context, id int64) error {
	return c.confdDialect().nodeSuspend(ctx, id)
}

func (c *Cluster) NodeWaitReady(ctx context.Context, ids []int64) ([]int64, error) {
	return c.confdDialect().nodeWaitReady(ctx, ids)
}

func (c *Cluster) PluginInfo(ctx context.Context, name string) (map[string]string, error) {
	return c.confdDialect().pluginInfo(ctx, name)
}

func (c *Cluster) RemoteVolumeAdd(ctx context.Context, s RemoteVolumeSpec) (string, error) {
	return c.confdDialect().CreateRemoteVolume(ctx, s)
}

func (c *Cluster) RemoteVolumeRemove(ctx context.Context, ref RemoteVolumeRef) error {
	return c.confdDialect().remoteVolumeRemove(ctx, ref)
}

func (c *Cluster) VolumeAddLabel(ctx context.Context, name, label string) error {
	return c.confdDialect().volumeAddLabel(ctx, name, label)
}

func (c *Cluster) VolumeCreate(ctx context.Context, s VolumeSpec) (string, error) {
	return c.confdDialect().volumeCreate(ctx, s)
}

func (c *Cluster) VolumeDelete(ctx context.Context, name string) error {
	return c.confdDialect().volumeDelete(ctx, name)
}

func (c *Cluster) VolumeRemoveLabel(ctx context.Context, name, label string) error {
	return c.confdDialect().volumeRemoveLabel(ctx, name, label)
}

func (c *Cluster) VolumeResize(ctx context.Context, name string, blocksPerNode int64) error {
	return c.confdDialect().volumeResize(ctx, name, blocksPerNode)
}

func (c *Cluster) VolumeSetIOStatus(ctx context.Context, name string, appIO, intIO bool) error {
	return c.confdDialect().volumeSetIOStatus(ctx, name, appIO, intIO)
}

func (c *Cluster) WaitDatabase(ctx context.Context, name, what string, cond func(*Database) bool) (*Database, error) {
	return waitDatabase(Fresh(ctx), c.d, name, what, cond)
}

func (c *Cluster) WaitNode(ctx context.Context, id int64, what string, cond func(*Node) bool) (*Node, error) {
	return waitForNode(ctx, c.d.waiter(), c.d.NodeGet, id, what, cond)
}

func (c *Cluster) WaitVolume(ctx context.Context, name, what string, cond func(*Volume) bool) (*Volume, error) {
	return waitForVolume(ctx, c.d.waiter(), c.d.VolumeInfo, name, what, cond)
}

// ExaopCall and ExaopChange send one EXAoperation method call through the
// runner, for the tests of its method table.
func (c *Cluster) ExaopCall(ctx context.Context, object, method string, args ...any) (any, error) {
	return c.exaopDialect().call(ctx, object, method, args...)
}

func (c *Cluster) ExaopChange(ctx context.Context, readBackOK bool, object, method string, args ...any) (any, error) {
	var rb *readBack
	if readBackOK {
		rb = &readBack{what: "test", check: func(context.Context) (bool, any, error) { return true, nil, nil }}
	}
	return c.exaopDialect().change(ctx, rb, object, method, args...)
}

// The dialects' own methods that the tests read or drive directly.

func (c *Cluster) DBStart(ctx context.Context, name string) error { return c.d.DBStart(ctx, name) }

func (c *Cluster) DBStop(ctx context.Context, name string, force bool) error {
	return c.d.DBStop(ctx, name, force)
}

func (c *Cluster) DBConfigure(ctx context.Context, name string, ch DatabaseChange) error {
	return c.d.DBConfigure(ctx, name, ch)
}

func (c *Cluster) DBStatus(ctx context.Context, name string) (*Database, error) {
	return c.d.DBStatus(ctx, name)
}

func (c *Cluster) DBDelete(ctx context.Context, name string) error { return c.d.DBDelete(ctx, name) }

func (c *Cluster) Release(ctx context.Context) (Release, error) { return c.confdDialect().Release(ctx) }

func (c *Cluster) Takes(ctx context.Context, job, param string) (bool, error) {
	return c.confdDialect().Takes(ctx, job, param)
}

func (c *Cluster) LogEntries(ctx context.Context) ([]LogEntry, error) {
	return c.exaopDialect().LogEntries(ctx)
}

func (c *Cluster) SpoolDiskChoices(ctx context.Context) ([]string, error) {
	return c.exaopDialect().SpoolDiskChoices(ctx)
}
