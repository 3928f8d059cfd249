package exaop_test

import (
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// EXAoperation's users: added, edited (the keys given change, the others
// stay), renamed, deleted by login and by id; unknown keys, taken logins
// and the user logged in are refused.
func TestUsers(t *testing.T) {
	f := start(t, sim.Options{})
	f.call("", "addUser", map[string]any{"user_login": "ana", "password": "pw1", "user_title": "Ana", "user_description": "analyst"})
	f.fault("UsageError", "", "addUser", map[string]any{"user_login": "ana", "password": "x", "user_title": "x"})
	f.fault("UsageError", "", "addUser", map[string]any{"user_login": "bob", "password": "x"}) // user_title is required
	same(t, "logins", strsOf(f.call("", "getAllUserLogins")), []string{"admin", "ana"})

	f.call("", "editUser", "ana", map[string]any{"password": "pw2"})
	title, pw, ok := f.s.EXAoperationUser("ana")
	same(t, "edited", []any{title, pw, ok}, []any{"Ana", "pw2", true})
	d := f.call("", "getUserByName", "ana").(map[string]any)
	same(t, "description kept", d["user_description"], "analyst")
	if _, ok := d["password"]; ok {
		t.Error("getUserByName shows the password")
	}
	f.fault("UsageError", "", "editUser", "ana", map[string]any{"user_description": "x"}) // not editUser's
	f.fault("UsageError", "", "editUser", "ana", map[string]any{"user_login": "admin"})
	f.fault("NotFound", "", "editUser", "mallory", map[string]any{"password": "x"})

	f.call("", "editUser", "ana", map[string]any{"user_login": "ana2", "user_title": "Ana B"})
	same(t, "renamed", strsOf(f.call("", "getAllUserLogins")), []string{"admin", "ana2"})
	id := f.call("", "getUserByName", "ana2").(map[string]any)["id"]
	f.fault("UsageError", "", "deleteUserById", "1000")
	f.call("", "deleteUserById", id)
	f.fault("NotFound", "", "deleteUserById", id)
	same(t, "deleted", strsOf(f.call("", "getAllUserLogins")), []string{"admin"})
}
