package client

import (
	"context"
	"fmt"
	"slices"
)

// EXAoperation's users are the client's system users: the accounts that
// may use the cluster's management interface, as ConfD's are (Exasol's
// "Add users" page, administration/on-premise/access_management/add_users.htm,
// describes EXAoperation's addUser for 7.1 and ConfD's user_create for 8).
// Methods: NodeCluster's addUser, editUser, deleteUserByLogin,
// getAllUserLogins and getUserByName (EXAoperation_XMLRPC.md). A login maps
// to the name, the user description's id to the id; EXAoperation has no
// groups, keys or disabled logins (the capability table refuses them).
// A user is gone only when getAllUserLogins does not list it.

// SysUsers lists the users, by login.
func (x *EXAoperation) SysUsers(ctx context.Context) (map[string]*SysUser, error) {
	v, err := x.call(ctx, "", "getAllUserLogins")
	if err != nil {
		return nil, err
	}
	out := map[string]*SysUser{}
	for _, login := range strList(v) {
		u, err := x.sysUser(ctx, login)
		if err != nil {
			return nil, err
		}
		out[login] = u
	}
	return out, nil
}

// SysUser reads one user; getAllUserLogins alone says whether it exists.
func (x *EXAoperation) SysUser(ctx context.Context, name string) (*SysUser, error) {
	ok, err := x.userListed(ctx, name)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, &Error{Kind: KindNotFound, API: APIEXAoperation, Job: "getAllUserLogins",
			Message: fmt.Sprintf("user %s does not exist (getAllUserLogins does not list it)", name)}
	}
	return x.sysUser(ctx, name)
}

func (x *EXAoperation) userListed(ctx context.Context, login string) (bool, error) {
	v, err := x.call(ctx, "", "getAllUserLogins")
	return slices.Contains(strList(v), login), err
}

// sysUser reads a user description (getUserByName); its id as userIDFrom
// reads it, 0 when it is no number.
func (x *EXAoperation) sysUser(ctx context.Context, login string) (*SysUser, error) {
	id, err := x.userIDOf(ctx, login)
	if err != nil {
		return nil, err
	}
	var n int64
	if s := asString(id); isNumber(s) {
		n = asInt(id)
	}
	return &SysUser{Name: login, ID: n, LoginEnabled: true, AdditionalGroups: []string{}, AuthorizedKeys: []string{}}, nil
}

// sysUserLimits refuses what EXAoperation's users do not have.
func (x *EXAoperation) sysUserLimits(id int64, group string, loginEnabled bool, groups, keys []string) error {
	for _, f := range []struct {
		field string
		set   bool
	}{{"ID", id != 0}, {"Group", group != ""}, {"LoginEnabled", !loginEnabled}, {"AdditionalGroups", len(groups) > 0},
		{"AuthorizedKeys", len(keys) > 0}} {
		if f.set {
			return x.refuse(ObjectSystemUser, f.field)
		}
	}
	return nil
}

// notSelf refuses to change or delete the user the client logs in as,
// which would lock it out.
func (x *EXAoperation) notSelf(ctx context.Context, name, what string) error {
	_, login, err := x.self(ctx)
	if err != nil {
		return err
	}
	if name == login {
		return unsupportedErr(what+" "+name+" through this client: it is the user the client logs in as",
			"that would lock the client out; change this user in EXAoperation itself")
	}
	return nil
}

// CreateSysUser adds a user (addUser). EXAoperation requires a password
// and a title; the title, "shown in a status line", is the login.
func (x *EXAoperation) CreateSysUser(ctx context.Context, u SysUser, password string) error {
	if err := x.sysUserLimits(u.ID, u.Group, u.LoginEnabled, u.AdditionalGroups, u.AuthorizedKeys); err != nil {
		return err
	}
	if password == "" {
		return unsupportedErr("add a user without a password", "addUser requires one (password must be defined even when LDAP authentication is used)")
	}
	_, err := x.change(ctx, x.userIs(u.Name, true), "", "addUser",
		map[string]any{"user_login": u.Name, "password": password, "user_title": u.Name})
	return err
}

// ChangeSysUser: every field of SysUserChange is one EXAoperation's users
// do not have; nothing to change sends nothing.
func (x *EXAoperation) ChangeSysUser(_ context.Context, _ string, ch SysUserChange) error {
	group := ""
	if ch.Group != nil {
		group = *ch.Group
	}
	return x.sysUserLimits(0, group, ch.LoginEnabled == nil || *ch.LoginEnabled, ch.AdditionalGroups, ch.AuthorizedKeys)
}

// SetSysUserPassword sets a user's password (editUser). The keys editUser
// lists are sent back as getUserByName shows them, so that an
// EXAoperation that replaces the user data whole keeps them.
func (x *EXAoperation) SetSysUserPassword(ctx context.Context, name, password string) error {
	if err := x.notSelf(ctx, name, "set the password of"); err != nil {
		return err
	}
	if password == "" {
		return unsupportedErr("disable the password of a user", "editUser takes a new password, not none")
	}
	v, err := x.call(ctx, "", "getUserByName", name)
	if err != nil {
		return err
	}
	data := map[string]any{"password": password}
	if f := asFields(v); f != nil {
		for _, k := range []string{"user_login", "user_title", "ldapServer", "ldapFullDN"} {
			if f.has(k) {
				data[k] = f[k]
			}
		}
	}
	// A lost answer is not repeated: whether a password took effect
	// cannot be read back.
	_, err = x.change(ctx, nil, "", "editUser", name, data)
	return err
}

// DeleteSysUser deletes a user (deleteUserByLogin); a user
// getAllUserLogins does not list is gone.
func (x *EXAoperation) DeleteSysUser(ctx context.Context, name string) error {
	if err := x.notSelf(ctx, name, "delete the user"); err != nil {
		return err
	}
	_, err := x.change(ctx, x.userIs(name, false), "", "deleteUserByLogin", name)
	if err != nil { // whatever the fault says, the list decides
		if ok, lerr := x.userListed(ctx, name); lerr == nil && !ok {
			return nil
		}
	}
	return err
}

// userIs reads back whether getAllUserLogins lists the login (want) or not.
func (x *EXAoperation) userIs(login string, want bool) *readBack {
	return &readBack{what: "getAllUserLogins", check: func(ctx context.Context) (bool, any, error) {
		ok, err := x.userListed(ctx, login)
		return ok == want, nil, err
	}}
}

// EXAoperation has no groups.
func (x *EXAoperation) SysGroups(context.Context) (map[string]int64, error) {
	return nil, x.refuse(ObjectSystemGroup, "")
}
func (x *EXAoperation) CreateSysGroup(context.Context, string, int64) error {
	return x.refuse(ObjectSystemGroup, "")
}
func (x *EXAoperation) DeleteSysGroup(context.Context, string) error {
	return x.refuse(ObjectSystemGroup, "")
}
