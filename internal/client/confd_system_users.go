package client

import (
	"context"
	"fmt"
	"slices"
)

// ConfD's system users and groups: the operating-system accounts that may
// use ConfD, not database users (user_* and group_* jobs,
// https://docs.exasol.com/db/latest/confd/overview_user_jobs.htm and
// overview_group_jobs.htm). A user or group is gone only when user_list or
// group_list does not list it.

func stringsParam(l []string) []any {
	out := make([]any, len(l))
	for i, s := range l {
		out[i] = s
	}
	return out
}

// SysUsers lists the users, by name.
func (c *ConfD) SysUsers(ctx context.Context) (map[string]*SysUser, error) {
	r, err := c.exec(ctx, "user_list", nil)
	if err != nil {
		return nil, err
	}
	f := asFields(r.Output)
	if f == nil && r.Output != nil {
		return nil, &Error{Kind: KindDecode, Job: "user_list", Message: fmt.Sprintf("expected a dict of users, got %T", r.Output)}
	}
	out := map[string]*SysUser{}
	for name := range f {
		u := f.sub(name)
		su := &SysUser{Name: name, ID: u.num("userid"), Group: u.str("group"), LoginEnabled: u.flag("login_enabled"),
			AdditionalGroups: []string{}, AuthorizedKeys: []string{}}
		if u.has("additional_groups") {
			su.AdditionalGroups = u.strs("additional_groups")
		}
		if u.has("authorized_keys") {
			su.AuthorizedKeys = u.strs("authorized_keys")
		}
		out[name] = su
	}
	return out, nil
}

// SysUser reads one user from user_list (which alone says whether it exists).
func (c *ConfD) SysUser(ctx context.Context, name string) (*SysUser, error) {
	all, err := c.SysUsers(ctx)
	if err != nil {
		return nil, err
	}
	u, ok := all[name]
	if !ok {
		return nil, &Error{Kind: KindNotFound, Job: "user_list", Message: fmt.Sprintf("user %s does not exist (user_list does not list it)", name)}
	}
	return u, nil
}

// CreateSysUser runs user_create. An empty password is sent as "*", which
// disables password login (fact: user_create's page).
func (c *ConfD) CreateSysUser(ctx context.Context, u SysUser, password string) error {
	if password == "" {
		password = "*"
	}
	p := Params{"username": u.Name, "userid": u.ID, "password": password, "group": u.Group, "login_enabled": u.LoginEnabled}
	if len(u.AuthorizedKeys) > 0 {
		p["authorized_keys"] = stringsParam(u.AuthorizedKeys)
	}
	if _, err := c.exec(ctx, "user_create", p); err != nil {
		return err
	}
	// Additional groups follow in user_modify: user_create fails with them
	// on some releases (https://docs.exasol.com/db/latest/changelogs/30742.htm,
	// whose workaround this is).
	if len(u.AdditionalGroups) > 0 {
		return c.ChangeSysUser(ctx, u.Name, SysUserChange{AdditionalGroups: u.AdditionalGroups})
	}
	return nil
}

// notSelf refuses to change or delete the user the client logs in as
// (unknown with a token), which could lock it out.
func (c *ConfD) notSelf(name, what string) error {
	if u := c.conn.Username(); u != "" && u == name {
		return &UnsupportedError{API: "ConfD", What: what + " " + name + " through this client: it is the user the client logs in as",
			Hint: "that could lock the client out; change this user with confd_client on the cluster"}
	}
	return nil
}

// ChangeSysUser runs user_modify; nothing to change sends nothing.
func (c *ConfD) ChangeSysUser(ctx context.Context, name string, ch SysUserChange) error {
	p := Params{"username": name}
	if ch.Group != nil {
		p["group"] = *ch.Group
	}
	if ch.LoginEnabled != nil {
		p["login_enabled"] = *ch.LoginEnabled
	}
	if ch.AdditionalGroups != nil {
		p["additional_groups"] = stringsParam(ch.AdditionalGroups)
	}
	if ch.AuthorizedKeys != nil {
		p["authorized_keys"] = stringsParam(ch.AuthorizedKeys)
	}
	if len(p) == 1 {
		return nil
	}
	if err := c.notSelf(name, "change the user"); err != nil {
		return err
	}
	_, err := c.exec(ctx, "user_modify", p)
	return err
}

// SetSysUserPassword runs user_passwd ("" or "*" disables password login).
func (c *ConfD) SetSysUserPassword(ctx context.Context, name, password string) error {
	if err := c.notSelf(name, "set the password of"); err != nil {
		return err
	}
	if password == "" {
		password = "*"
	}
	_, err := c.exec(ctx, "user_passwd", Params{"username": name, "password": password})
	return err
}

// DeleteSysUser runs user_delete; a user user_list does not list is gone.
func (c *ConfD) DeleteSysUser(ctx context.Context, name string) error {
	if err := c.notSelf(name, "delete the user"); err != nil {
		return err
	}
	_, err := c.exec(ctx, "user_delete", Params{"username": name})
	if err != nil && refused(err) {
		if _, lerr := c.SysUser(ctx, name); IsNotFound(lerr) {
			return nil
		}
	}
	return err
}

// SysGroups lists the groups: name → id (group_list's documented shape).
func (c *ConfD) SysGroups(ctx context.Context) (map[string]int64, error) {
	r, err := c.exec(ctx, "group_list", nil)
	if err != nil {
		return nil, err
	}
	f := asFields(r.Output)
	if f == nil && r.Output != nil {
		return nil, &Error{Kind: KindDecode, Job: "group_list", Message: fmt.Sprintf("expected a dict of groups, got %T", r.Output)}
	}
	out := map[string]int64{}
	for name := range f {
		out[name] = f.sub(name).num("id")
	}
	return out, nil
}

// CreateSysGroup runs group_create.
func (c *ConfD) CreateSysGroup(ctx context.Context, name string, id int64) error {
	_, err := c.exec(ctx, "group_create", Params{"groupname": name, "groupid": id})
	return err
}

// DeleteSysGroup runs group_delete; a group group_list does not list is gone.
func (c *ConfD) DeleteSysGroup(ctx context.Context, name string) error {
	_, err := c.exec(ctx, "group_delete", Params{"groupname": name})
	if err != nil && refused(err) {
		if all, lerr := c.SysGroups(ctx); lerr == nil && !slices.Contains(mapKeys(all), name) {
			return nil
		}
	}
	return err
}

func mapKeys(m map[string]int64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
