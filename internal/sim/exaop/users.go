package exaop

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// EXAoperation's users. Sources: EXAoperation_XMLRPC.md of
// github.com/exasol/exaoperation-xmlrpc, service NodeCluster (addUser,
// getAllUserLogins, getAllUsers, getUserByName, getUserById,
// deleteUserByLogin); README.md's worked example (allowed_users: ['admin']).
// Shapes the reference leaves open are in guesses.go ("Users").

// user is one EXAoperation user.
type user struct {
	id                 int
	login, title, desc string
	ldapServer, ldapDN string
	password           string // never shown (user_methods.go reads it for tests)
}

// userTable holds the users; the configured one (the simulator's admin)
// is always there with id userUID.
type userTable struct {
	list []user
}

func (s *Service) usersLocked() *userTable {
	if s.users == nil {
		s.users = &userTable{list: []user{{id: userUID, login: s.cfg.Username, title: "Administrator"}}}
	}
	return s.users
}

func (t *userTable) byLogin(login string) *user {
	for i := range t.list {
		if t.list[i].login == login {
			return &t.list[i]
		}
	}
	return nil
}

func (t *userTable) byID(id int) *user {
	for i := range t.list {
		if t.list[i].id == id {
			return &t.list[i]
		}
	}
	return nil
}

// lookup finds a user by id (an int, or its digits: fact, getUserById
// takes "number as int or string") or by login (fact: Exasol's README and
// startdatabase.py pass logins as allowed_users).
func (t *userTable) lookup(v any) *user {
	switch n := v.(type) {
	case int64:
		return t.byID(int(n))
	case int:
		return t.byID(n)
	case string:
		if id, err := strconv.Atoi(strings.TrimSpace(n)); err == nil {
			return t.byID(id)
		}
		return t.byLogin(n)
	}
	return nil
}

// description is getUserByName's and getUserById's "user description"
// (guess: addUser's keys and the id; never the password).
func (u *user) description() map[string]any {
	return map[string]any{"id": u.id, "user_login": u.login, "user_title": u.title, "user_description": u.desc,
		"ldapServer": u.ldapServer, "ldapFullDN": u.ldapDN}
}

// addUserSpec: fact, "required keys are marked with *": user_login,
// password, user_title; user_description, ldapServer, ldapFullDN optional.
var addUserSpec = dictSpec{"user_login": "!str", "password": "!str", "user_title": "!str",
	"user_description": "str", "ldapServer": "str", "ldapFullDN": "str"}

// usersObject is /cluster1/users (example.md: users = XmlRpcCall('/users')).
const usersObject = "users"

func init() {
	register(kindUsers, map[string]*method{
		"getProperties": {help: "This object has no properties.", run: noProperties},
	})
	register(kindCluster, map[string]*method{
		"getAllUserLogins": {help: "Return a list of all user logins",
			run: func(x *call) (any, error) {
				out := []string{}
				for _, u := range x.s.usersLocked().list {
					out = append(out, u.login)
				}
				return out, nil
			}},
		// guess: the users' ids
		"getAllUsers": {help: "Return a list of all users",
			run: func(x *call) (any, error) {
				out := []int{}
				for _, u := range x.s.usersLocked().list {
					out = append(out, u.id)
				}
				return out, nil
			}},
		"getUserByName": {sig: "user_name:str", help: "Return a user description by a given login\n\nUsage: cluster.getUserByName(user_name)",
			run: func(x *call) (any, error) {
				u := x.s.usersLocked().byLogin(x.str(0))
				if u == nil {
					return nil, notFound("user " + x.str(0))
				}
				return u.description(), nil
			}},
		"getUserById": {sig: "user_id:any", help: "Return a user description by a given id\n\nUsage cluster.getUserById(user_id)",
			run: func(x *call) (any, error) {
				var u *user
				switch x.args[0].(type) {
				case int64, string: // fact: "number as int or string"
					if id, err := convert("int", x.args[0]); err == nil {
						u = x.s.usersLocked().byID(id.(int))
					}
				default:
					return nil, usage("getUserById: user_id must be a number as int or string")
				}
				if u == nil {
					return nil, notFound(fmt.Sprint("user ", x.args[0]))
				}
				return u.description(), nil
			}},
		"addUser": {sig: "user_data:dict", change: true, help: "Create an EXAoperation user.",
			run: func(x *call) (any, error) {
				p, err := x.fields(x.dict(0), addUserSpec)
				if err != nil {
					return nil, err
				}
				t := x.s.usersLocked()
				login := strOf(p, "user_login")
				if login == "" || t.byLogin(login) != nil {
					return nil, usage("addUser: user '%s' exists already or is empty", login)
				}
				id := userUID
				for _, u := range t.list {
					id = max(id, u.id)
				}
				t.list = append(t.list, user{id: id + 1, login: login, title: strOf(p, "user_title"), desc: strOf(p, "user_description"),
					ldapServer: strOf(p, "ldapServer"), ldapDN: strOf(p, "ldapFullDN"), password: strOf(p, "password")})
				return done, nil
			}},
		"deleteUserByLogin": {sig: "user_login:str", change: true, help: "Delete a user by a given login",
			run: func(x *call) (any, error) {
				t := x.s.usersLocked()
				u := t.byLogin(x.str(0))
				switch {
				case u == nil:
					return nil, notFound("user " + x.str(0))
				case u.id == userUID:
					return nil, usage("deleteUserByLogin: '%s' is the user logged in", x.str(0))
				}
				t.list = slices.DeleteFunc(t.list, func(o user) bool { return o.login == x.str(0) })
				return done, nil
			}},
	})
}

// users reads a list of users (ids or logins) as logins; unknown users are
// refused.
func (x *call) users(m map[string]any, k string) ([]string, error) {
	l, _ := m[k].([]any)
	out := []string{}
	for _, v := range l {
		u := x.s.usersLocked().lookup(v)
		if u == nil {
			return nil, usage("%s: user '%v' does not exist", k, v)
		}
		if !slices.Contains(out, u.login) {
			out = append(out, u.login)
		}
	}
	return out, nil
}

// userIDs shows logins as user ids (guess: the lists show "user IDs as
// returned by getUserByName"); a login no user has any more is left out.
func (x *call) userIDs(logins []string) []int {
	out := []int{}
	for _, l := range logins {
		if u := x.s.usersLocked().byLogin(l); u != nil {
			out = append(out, u.id)
		}
	}
	return out
}

// volumeUsers reads allowed_users and readonly_users into the model's
// access list of a storage volume: a user's uid is its id. Entries of the
// list that are no EXAoperation user's (the model's service user, see
// cluster.DefaultVolumeUsers) are kept from keep.
func (x *call) volumeUsers(p map[string]any, keep []cluster.VolumeUser) ([]cluster.VolumeUser, error) {
	out := []cluster.VolumeUser{}
	for _, u := range keep {
		if x.s.usersLocked().byID(u.ID) == nil {
			out = append(out, u)
		}
	}
	for _, k := range []string{"allowed_users", "readonly_users"} {
		logins, err := x.users(p, k)
		if err != nil {
			return nil, err
		}
		for _, id := range x.userIDs(logins) {
			out = append(out, cluster.VolumeUser{ID: id, ReadOnly: k == "readonly_users"})
		}
	}
	return out, nil
}
