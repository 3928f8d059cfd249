package exaop

import (
	"fmt"
	"slices"
)

// Editing and deleting EXAoperation's users by id. Source:
// EXAoperation_XMLRPC.md of github.com/exasol/exaoperation-xmlrpc, service
// NodeCluster: editUser ("Usage: cluster.editUser(user_login, user_data)",
// user_data "a dictionary with following keys: user_login, password,
// user_title, ldapServer, ldapFullDN") and deleteUserById ("Delete a user
// by given User ID"). What the page leaves open is in guesses.go ("Users").

// editUserSpec: the page lists the keys and marks none as required
// (addUser marks its required keys with *); user_description is not
// among them.
var editUserSpec = dictSpec{"user_login": "str", "password": "str", "user_title": "str", "ldapServer": "str", "ldapFullDN": "str"}

func init() {
	register(kindCluster, map[string]*method{
		"editUser": {sig: "user_login:str user_data:dict", change: true,
			help: "Edit an EXAoperation user.\n\nUsage: cluster.editUser(user_login, user_data)",
			run: func(x *call) (any, error) {
				p, err := x.fields(x.dict(1), editUserSpec)
				if err != nil {
					return nil, err
				}
				t := x.s.usersLocked()
				u := t.byLogin(x.str(0))
				if u == nil {
					return nil, notFound("user " + x.str(0))
				}
				if l, ok := p["user_login"].(string); ok && l != u.login {
					if l == "" || t.byLogin(l) != nil {
						return nil, usage("editUser: user '%s' exists already or is empty", l)
					}
					u.login = l
				}
				for k, f := range map[string]*string{"password": &u.password, "user_title": &u.title,
					"ldapServer": &u.ldapServer, "ldapFullDN": &u.ldapDN} {
					if v, ok := p[k].(string); ok {
						*f = v
					}
				}
				return done, nil
			}},
		"deleteUserById": {sig: "user_id:any", change: true, help: "Delete a user by given User ID",
			run: func(x *call) (any, error) {
				t := x.s.usersLocked()
				var u *user
				switch x.args[0].(type) {
				case int64, string: // as getUserById takes it
					if id, err := convert("int", x.args[0]); err == nil {
						u = t.byID(id.(int))
					}
				default:
					return nil, usage("deleteUserById: user_id must be a number as int or string")
				}
				switch {
				case u == nil:
					return nil, notFound(fmt.Sprint("user ", x.args[0]))
				case u.id == userUID:
					return nil, usage("deleteUserById: '%v' is the user logged in", x.args[0])
				}
				id := u.id
				t.list = slices.DeleteFunc(t.list, func(o user) bool { return o.id == id })
				return done, nil
			}},
	})
}

// User reports an EXAoperation user's title and password as the
// simulator holds them (for tests: no method shows a password).
func (s *Service) User(login string) (title, password string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.usersLocked().byLogin(login)
	if u == nil {
		return "", "", false
	}
	return u.title, u.password, true
}
