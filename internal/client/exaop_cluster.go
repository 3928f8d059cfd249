package client

import (
	"context"
	"strconv"
)

// The cluster object's reads: the master, the overview, installed
// versions, users.

// MasterName names the node that runs EXAoperation (getEXAoperationMaster,
// fact: 'n0010').
func (x *EXAoperation) MasterName(ctx context.Context) (string, error) {
	v, err := x.call(ctx, "", "getEXAoperationMaster")
	return asString(v), err
}

// MasterChange is ConfD's master_change; EXAoperation moves itself only by
// a restart on another node, which a plan cannot wait for.
func (x *EXAoperation) MasterChange(context.Context, int64) error {
	return x.refuse(ObjectCluster, "Master")
}

// InstalledVersions lists the database versions the cluster can run
// (getListValues('EXASolutionVersions'), fact).
func (x *EXAoperation) InstalledVersions(ctx context.Context) ([]string, error) {
	v, err := x.call(ctx, "", "getListValues", "EXASolutionVersions")
	if err != nil {
		if !Unreachable(err) && unsupported(err) {
			return nil, nil
		}
		return nil, err
	}
	return strList(v), nil
}

// FreeSpace: EXAoperation reports free space per storage node, not per
// disk (the storage node's getProperties); the plan-time check of free
// disk space is skipped (nil without an error).
func (x *EXAoperation) FreeSpace(context.Context) (map[string]DiskFree, error) { return nil, nil }

// allowedUsers is the access list of what the provider creates: the user it
// logs in as (the owner, in ConfD's terms). fact: volumes take user ids as
// getUserByName returns them, and that answer is "a user description";
// guess: a dict with the id under "id" (the simulator's), "user_id" or
// "uid", or the id itself; a description without an id gives the login,
// which volumes take too (fact: Exasol's README passes logins). Asked once.
func (x *EXAoperation) allowedUsers(ctx context.Context) ([]any, error) {
	id, _, err := x.self(ctx)
	if err != nil {
		return nil, err
	}
	return []any{id}, nil
}

// self is the user id and login the provider logs in as.
func (x *EXAoperation) self(ctx context.Context) (id any, login string, err error) {
	x.userMu.Lock()
	defer x.userMu.Unlock()
	if x.userID != nil {
		return x.userID, x.userLogin, nil
	}
	login = x.t.conn.Username()
	if login == "" { // a token: the first login EXAoperation lists
		v, err := x.call(ctx, "", "getAllUserLogins")
		if err != nil {
			return nil, "", err
		}
		l := strList(v)
		if len(l) == 0 {
			return nil, "", decodeErr("getAllUserLogins", "the cluster lists no users")
		}
		login = l[0]
	}
	v, err := x.call(ctx, "", "getUserByName", login)
	if err != nil {
		return nil, "", err
	}
	id = userIDFrom(v, login)
	x.userID, x.userLogin = id, login
	return id, login, nil
}

// userIDOf is the user id of a login (getUserByName, read as self does).
func (x *EXAoperation) userIDOf(ctx context.Context, login string) (any, error) {
	v, err := x.call(ctx, "", "getUserByName", login)
	if err != nil {
		return nil, err
	}
	return userIDFrom(v, login), nil
}

// userIDFrom reads a user description: its id under "id", "user_id" or
// "uid", the answer itself when it is no dict, else the login.
func userIDFrom(v any, login string) any {
	f := asFields(v)
	if f == nil {
		if v == nil {
			return login
		}
		return v
	}
	for _, k := range []string{"id", "user_id", "uid"} {
		if f.has(k) {
			return f[k]
		}
	}
	return login
}

// loginOf is the login of a user id as a volume lists it (getUserById,
// fact: it takes the "number as int or string"). guess: the description
// names the login under "user_login" (addUser's key), "login" or "name";
// an entry that is no number is a login already. Asked once per id.
func (x *EXAoperation) loginOf(ctx context.Context, id any) (string, error) {
	key := asString(id)
	if !isNumber(key) {
		return key, nil
	}
	x.userMu.Lock()
	l, ok := x.logins[key]
	x.userMu.Unlock()
	if ok {
		return l, nil
	}
	v, err := x.call(ctx, "", "getUserById", id)
	if err != nil {
		return "", err
	}
	l = key
	if f := asFields(v); f != nil {
		for _, k := range []string{"user_login", "login", "name"} {
			if f.str(k) != "" {
				l = f.str(k)
				break
			}
		}
	} else if s := asString(v); s != "" {
		l = s
	}
	x.userMu.Lock()
	if x.logins == nil {
		x.logins = map[string]string{}
	}
	x.logins[key] = l
	x.userMu.Unlock()
	return l, nil
}

// isNumber reports whether s is a user id rather than a login.
func isNumber(s string) bool {
	_, err := strconv.ParseInt(s, 10, 64)
	return err == nil
}
