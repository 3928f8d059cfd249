package client

import (
	"context"
	"fmt"
	"slices"
)

// ConfD's remote volume jobs (remote_volume_*); the types are remote_volumes.go's.

// RemoteVolumeList lists the names of all remote volumes.
func (c *ConfD) RemoteVolumeList(ctx context.Context) ([]string, error) {
	r, err := c.exec(ctx, "remote_volume_list", nil)
	if err != nil {
		return nil, err
	}
	return fields{"l": r.Output}.strs("l"), nil
}

// RemoteVolumeInfo reads one remote volume. A missing volume is an error for
// which IsNotFound holds.
func (c *ConfD) RemoteVolumeInfo(ctx context.Context, ref RemoteVolumeRef) (*RemoteVolume, error) {
	if v, ok := c.remoteFromList(ctx, ref); ok {
		return v, nil
	}
	v, err := shareJob(ctx, c, "remote_volume_info", ref.params(), func(ctx context.Context) (*RemoteVolume, error) {
		return c.remoteVolumeInfo(ctx, ref)
	})
	if err != nil {
		return nil, err
	}
	return v.clone(), nil
}

func (c *ConfD) remoteVolumeInfo(ctx context.Context, ref RemoteVolumeRef) (*RemoteVolume, error) {
	r, err := c.exec(ctx, "remote_volume_info", ref.params())
	if err != nil {
		return nil, c.remoteLookup(ctx, "remote_volume_info", ref, err)
	}
	f := asFields(r.Output)
	if f == nil {
		return nil, &Error{Kind: KindDecode, Job: "remote_volume_info", Message: fmt.Sprintf("expected a dict, got %T", r.Output)}
	}
	v := &RemoteVolume{
		ID: f.num("vid"), Name: f.str("name"), Type: f.str("type"), URL: f.str("url"),
		Username: f.str("username"), Password: f.str("password"), Owner: ownerName(f["owner"]),
	}
	if f.has("labels") {
		v.Labels = f.strs("labels")
	}
	if f.has("options") {
		v.Options = f.strs("options")
	}
	if f.has("allowed_users") {
		v.AllowedUsers = f.strs("allowed_users")
	}
	if v.Name == "" {
		v.Name = ref.Name
	}
	return v, nil
}

// RemoteVolumeState returns the connection state of a remote volume on every node.
func (c *ConfD) RemoteVolumeState(ctx context.Context, ref RemoteVolumeRef) ([]string, error) {
	l, err := shareJob(ctx, c, "remote_volume_state", ref.params(), func(ctx context.Context) ([]string, error) {
		r, err := c.exec(ctx, "remote_volume_state", ref.params())
		if err != nil {
			return nil, c.remoteLookup(ctx, "remote_volume_state", ref, err)
		}
		return fields{"l": r.Output}.strs("l"), nil
	})
	return slices.Clone(l), err
}

// CreateRemoteVolume runs remote_volume_add and returns the name of the new
// volume (fact: the output is [[name, owner, config file]]). When the
// answer is lost, the job runner reads back before it reports a failure or
// repeats the job (verify.go), so that a volume the cluster did add is never
// added twice or lost from the state: by name or id when the spec gives one,
// otherwise as the one new volume with the spec's type and URL.
func (c *ConfD) CreateRemoteVolume(ctx context.Context, s RemoteVolumeSpec) (string, error) {
	p, err := s.params()
	if err != nil {
		return "", err
	}
	r, err := c.exec(ctx, "remote_volume_add", p)
	if err != nil {
		return "", err
	}
	if rows, ok := r.Output.([]any); ok && len(rows) > 0 {
		if row, ok := rows[0].([]any); ok && len(row) > 0 {
			if name := asString(row[0]); name != "" {
				return name, nil
			}
		}
	}
	if s.Name != "" {
		return s.Name, nil
	}
	return "", &Error{Kind: KindDecode, Job: "remote_volume_add", Message: fmt.Sprintf("the output names no volume: %v", r.Output)}
}

// remoteVolumeRemove runs remote_volume_remove.
func (c *ConfD) remoteVolumeRemove(ctx context.Context, ref RemoteVolumeRef) error {
	_, err := c.exec(ctx, "remote_volume_remove", ref.params())
	return err
}
