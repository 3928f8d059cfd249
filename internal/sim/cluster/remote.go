package cluster

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// AddRemoteVolume adds a remote archive volume. ID 0 picks 10000 + the next
// free number; an empty Name becomes "r%04d" of that number. It returns the
// stored volume.
func (c *Cluster) AddRemoteVolume(spec RemoteVolume) (RemoteVolume, error) {
	var out RemoteVolume
	err := c.do(true, func(st *State, now time.Time) error {
		if !slices.Contains(RemoteVolumeTypes, spec.Type) {
			return invalid("vol_type must be one of %s, got '%s'", strings.Join(RemoteVolumeTypes, ", "), spec.Type)
		}
		if strings.TrimSpace(spec.URL) == "" {
			return invalid("url must not be empty")
		}
		v := spec
		v.Labels, v.Options, v.AllowedUsers = slices.Clone(spec.Labels), slices.Clone(spec.Options), slices.Clone(spec.AllowedUsers)
		if v.ID == 0 {
			v.ID = RemoteVolumeIDBase + 1
			for st.Remote(v.ID) != nil {
				v.ID++
			}
		}
		if v.ID < RemoteVolumeIDBase {
			return invalid("remote_volume_id must be at least %d, got %d", RemoteVolumeIDBase, v.ID)
		}
		if st.Remote(v.ID) != nil {
			return conflict("remote volume with id %d already exists", v.ID)
		}
		if v.Name == "" {
			v.Name = fmt.Sprintf("r%04d", v.ID-RemoteVolumeIDBase)
		}
		if o, _ := st.FindRemote(ByName(v.Name)); o != nil {
			return conflict("remote volume '%s' already exists", v.Name)
		}
		st.Remotes = append(st.Remotes, &v)
		slices.SortFunc(st.Remotes, func(a, b *RemoteVolume) int { return a.ID - b.ID })
		out = v
		return nil
	})
	return out, err
}

// RemoveRemoteVolume removes a remote volume that no schedule or running
// backup uses. Its backups are no longer listed.
func (c *Cluster) RemoveRemoteVolume(r Ref) error {
	return c.do(true, func(st *State, now time.Time) error {
		v, err := st.FindRemote(r)
		if err != nil {
			return err
		}
		if users := st.volumeUsers(v.ID); len(users) > 0 {
			return conflict("remote volume '%s' is %s", v.Name, strings.Join(users, "; "))
		}
		st.Remotes = slices.DeleteFunc(st.Remotes, func(x *RemoteVolume) bool { return x.ID == v.ID })
		st.Backups = slices.DeleteFunc(st.Backups, func(b *Backup) bool { return b.VolumeID == v.ID })
		return nil
	})
}

// RemoteEdit changes a remote volume; nil fields stay.
type RemoteEdit struct {
	Type, URL, Username, Password *string
	Labels, Options               *[]string
	AllowedUsers, ReadOnlyUsers   *[]string
}

// EditRemoteVolume applies a RemoteEdit.
func (c *Cluster) EditRemoteVolume(r Ref, e RemoteEdit) error {
	return c.do(true, func(st *State, now time.Time) error {
		v, err := st.FindRemote(r)
		if err != nil {
			return err
		}
		n := *v
		set(&n.Type, e.Type)
		set(&n.URL, e.URL)
		set(&n.Username, e.Username)
		set(&n.Password, e.Password)
		for dst, src := range map[*[]string]*[]string{
			&n.Labels: e.Labels, &n.Options: e.Options, &n.AllowedUsers: e.AllowedUsers, &n.ReadOnlyUsers: e.ReadOnlyUsers,
		} {
			if src != nil {
				*dst = slices.Clone(*src)
			}
		}
		if !slices.Contains(RemoteVolumeTypes, n.Type) {
			return invalid("vol_type must be one of %s, got '%s'", strings.Join(RemoteVolumeTypes, ", "), n.Type)
		}
		if strings.TrimSpace(n.URL) == "" {
			return invalid("url must not be empty")
		}
		*v = n
		return nil
	})
}
