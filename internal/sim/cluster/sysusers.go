package cluster

import (
	"slices"
	"time"
)

// ConfD's system users and groups (issue 22): the accounts of the cluster's
// operating system that may use ConfD, not database users
// (https://docs.exasol.com/db/latest/confd/overview_user_jobs.htm,
// overview_group_jobs.htm).

// SysGroup is a system group.
type SysGroup struct {
	Name string
	ID   int
}

// SysUser is a system user. Group is the primary group's name.
type SysUser struct {
	Name             string
	ID               int
	Password         string
	Group            string
	LoginEnabled     bool
	AdditionalGroups []string
	AuthorizedKeys   []string
}

// SysUserEdit changes a user; nil fields stay.
type SysUserEdit struct {
	Group                            *string
	LoginEnabled                     *bool
	AdditionalGroups, AuthorizedKeys *[]string
	Password                         *string
}

func cloneSysUser(x *SysUser) *SysUser {
	y := *x
	y.AdditionalGroups, y.AuthorizedKeys = slices.Clone(x.AdditionalGroups), slices.Clone(x.AuthorizedKeys)
	return &y
}

// FindSysUser finds a user by name.
func (s *State) FindSysUser(name string) (*SysUser, error) {
	for _, u := range s.SysUsers {
		if u.Name == name {
			return u, nil
		}
	}
	return nil, notFound("user '%s'", name)
}

// FindSysGroup finds a group by name.
func (s *State) FindSysGroup(name string) (*SysGroup, error) {
	for _, g := range s.SysGroups {
		if g.Name == name {
			return g, nil
		}
	}
	return nil, notFound("group '%s'", name)
}

// groupName resolves a group given by name or id.
func (s *State) groupName(nameOrID string, id *int) (string, error) {
	for _, g := range s.SysGroups {
		if (id != nil && g.ID == *id) || (id == nil && g.Name == nameOrID) {
			return g.Name, nil
		}
	}
	if id != nil {
		return "", notFound("group with id %d", *id)
	}
	return "", notFound("group '%s'", nameOrID)
}

// AddSysGroup adds a group.
func (c *Cluster) AddSysGroup(g SysGroup) error {
	return c.do(true, func(st *State, now time.Time) error {
		if !sysNamePattern.MatchString(g.Name) {
			return invalid("group name '%s' is not valid", g.Name)
		}
		for _, o := range st.SysGroups {
			if o.Name == g.Name || o.ID == g.ID {
				return conflict("group '%s' (id %d) already exists", o.Name, o.ID)
			}
		}
		st.SysGroups = append(st.SysGroups, &g)
		return nil
	})
}

// RemoveSysGroup removes a group no user has as its primary group (guess).
func (c *Cluster) RemoveSysGroup(name string) error {
	return c.do(true, func(st *State, now time.Time) error {
		if _, err := st.FindSysGroup(name); err != nil {
			return err
		}
		for _, u := range st.SysUsers {
			if u.Group == name {
				return conflict("group '%s' is the primary group of user '%s'", name, u.Name)
			}
		}
		st.SysGroups = slices.DeleteFunc(st.SysGroups, func(g *SysGroup) bool { return g.Name == name })
		for _, u := range st.SysUsers {
			u.AdditionalGroups = slices.DeleteFunc(u.AdditionalGroups, func(g string) bool { return g == name })
		}
		return nil
	})
}

// AddSysUser adds a user; group names the primary group by name, or by id
// when groupID is set.
func (c *Cluster) AddSysUser(u SysUser, groupID *int) error {
	return c.do(true, func(st *State, now time.Time) error {
		if !sysNamePattern.MatchString(u.Name) {
			return invalid("user name '%s' is not valid", u.Name)
		}
		for _, o := range st.SysUsers {
			if o.Name == u.Name || o.ID == u.ID {
				return conflict("user '%s' (id %d) already exists", o.Name, o.ID)
			}
		}
		g, err := st.groupName(u.Group, groupID)
		if err != nil {
			return err
		}
		if err := st.groupsExist(u.AdditionalGroups); err != nil {
			return err
		}
		nu := cloneSysUser(&u)
		nu.Group = g
		st.SysUsers = append(st.SysUsers, nu)
		return nil
	})
}

func (s *State) groupsExist(names []string) error {
	for _, n := range names {
		if _, err := s.FindSysGroup(n); err != nil {
			return err
		}
	}
	return nil
}

// EditSysUser applies e; groupID names the primary group by id instead.
func (c *Cluster) EditSysUser(name string, e SysUserEdit, groupID *int) error {
	return c.do(true, func(st *State, now time.Time) error {
		u, err := st.FindSysUser(name)
		if err != nil {
			return err
		}
		if e.Group != nil || groupID != nil {
			g, err := st.groupName(deref(e.Group), groupID)
			if err != nil {
				return err
			}
			u.Group = g
		}
		if e.AdditionalGroups != nil {
			if err := st.groupsExist(*e.AdditionalGroups); err != nil {
				return err
			}
			u.AdditionalGroups = slices.Clone(*e.AdditionalGroups)
		}
		if e.AuthorizedKeys != nil {
			u.AuthorizedKeys = slices.Clone(*e.AuthorizedKeys)
		}
		if e.LoginEnabled != nil {
			u.LoginEnabled = *e.LoginEnabled
		}
		if e.Password != nil {
			u.Password = *e.Password
		}
		return nil
	})
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// RemoveSysUser removes a user.
func (c *Cluster) RemoveSysUser(name string) error {
	return c.do(true, func(st *State, now time.Time) error {
		if _, err := st.FindSysUser(name); err != nil {
			return err
		}
		st.SysUsers = slices.DeleteFunc(st.SysUsers, func(u *SysUser) bool { return u.Name == name })
		return nil
	})
}

func ptrs[T any](xs []T) []*T {
	out := make([]*T, len(xs))
	for i := range xs {
		out[i] = &xs[i]
	}
	return out
}
