package confd

import (
	"fmt"
	"strings"
	"testing"
)

// The user and group jobs' examples: each page's own example first (the
// fixture has the groups of the add_users page and the user root), then
// calls on the fixture.
func init() {
	examples = append(examples,
		example{"user_create", map[string]any{"username": "user_1", "userid": 1001, "password": "secret_password", "group": "exausers",
			"login_enabled": true}, true},
		example{"user_create", map[string]any{"username": "user_2", "userid": 1002, "password": "*", "group": 499, "login_enabled": false,
			"additional_groups": []string{"exabfsadm"}, "authorized_keys": []string{"ssh-ed25519 AAAA user_2"}, "encode_passwd": true}, true},
		example{"user_create", map[string]any{"username": "user_3", "userid": 0, "password": "x", "group": "exausers", "login_enabled": true}, false},
		example{"user_delete", map[string]any{"username": "user_1"}, false},
		example{"user_delete", map[string]any{"username": "root"}, true},
		example{"user_info", map[string]any{"username": "root"}, true},
		example{"user_info", map[string]any{"userid": 0}, true},
		example{"user_list", nil, true},
		example{"user_modify", map[string]any{"username": "user_1"}, false},
		example{"user_modify", map[string]any{"username": "root", "group": "exaadm", "login_enabled": false,
			"additional_groups": []string{"exausers"}, "authorized_keys": []string{}}, true},
		example{"user_passwd", map[string]any{"username": "user_1", "password": "new_password"}, false},
		example{"user_passwd", map[string]any{"username": "root", "password": "new_password", "encode_passwd": true}, true},
		example{"group_create", map[string]any{"groupname": "exausers", "groupid": 42}, false},
		example{"group_create", map[string]any{"groupname": "analysts", "groupid": 1200}, true},
		example{"group_delete", map[string]any{"groupname": "exausers"}, true},
		example{"group_delete", map[string]any{"groupname": "root"}, false}, // root's primary group
		example{"group_info", map[string]any{"groupname": "exaadm"}, true},
		example{"group_list", nil, true},
	)
}

// A user goes through its life; group_list shows the page's shape; the
// password is never shown.
func TestSystemUserLifecycle(t *testing.T) {
	s := fixture(t, Release8)
	ok := func(job string, p map[string]any) any {
		t.Helper()
		env := call(t, s, job, p)
		if env["result_code"] != int64(okCode) {
			t.Fatalf("%s %v: %v", job, p, env["result_desc"])
		}
		return env["result_output"]
	}
	ok("group_create", map[string]any{"groupname": "analysts", "groupid": 1200})
	ok("user_create", map[string]any{"username": "ana", "userid": 1300, "password": "Pw-Secret-1", "group": 1200, "login_enabled": true})
	ok("user_passwd", map[string]any{"username": "ana", "password": "Pw-Secret-2"})
	ok("user_modify", map[string]any{"username": "ana", "additional_groups": []string{"exausers"}, "login_enabled": false})
	info := fmt.Sprint(ok("user_info", map[string]any{"username": "ana"}))
	for _, want := range []string{"group:analysts", "login_enabled:false", "additional_groups:[exausers]", "userid:1300"} {
		if !strings.Contains(info, want) {
			t.Errorf("user_info lacks %q: %s", want, info)
		}
	}
	if strings.Contains(info, "Pw-Secret") || strings.Contains(fmt.Sprint(ok("user_list", nil)), "Pw-Secret") {
		t.Errorf("a password is shown: %s", info)
	}
	if u, _ := s.c.Snapshot().FindSysUser("ana"); u.Password != "Pw-Secret-2" {
		t.Errorf("password %q", u.Password)
	}
	if g := fmt.Sprint(ok("group_list", nil)); !strings.Contains(g, "analysts:map[id:1200]") || !strings.Contains(g, "exaadm:map[id:499]") {
		t.Errorf("group_list = %s", g)
	}
	if env := call(t, s, "group_delete", map[string]any{"groupname": "analysts"}); env["result_code"] == int64(okCode) {
		t.Error("a group that is a user's primary group was deleted")
	}
	ok("user_delete", map[string]any{"username": "ana"})
	ok("group_delete", map[string]any{"groupname": "analysts"})
}
