package client_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// EXAoperation's users as the client's system users: listed with their
// ids, added with a password (the login as title), the password set with
// editUser (the title kept), deleted; what they do not have, and any
// change of the user the client logs in as, is refused before a call.
func TestExaopSysUsers(t *testing.T) {
	ctx := context.Background()
	s := acctest.Start(t, acctest.Face(sim.APIEXAoperation))
	x, _ := newExaop(t, s)

	all, err := x.SysUsers(ctx)
	if err != nil || len(all) != 1 || all[s.Username()] == nil || all[s.Username()].ID != 1000 {
		t.Fatalf("users %v, %v", all, err)
	}
	if err := x.CreateSysUser(ctx, client.SysUser{Name: "ana", LoginEnabled: true}, "pw-1"); err != nil {
		t.Fatal(err)
	}
	u, err := x.SysUser(ctx, "ana")
	if err != nil || u.ID != 1001 || u.Group != "" || !u.LoginEnabled {
		t.Fatalf("ana: %+v, %v", u, err)
	}
	if title, pw, _ := s.EXAoperationUser("ana"); title != "ana" || pw != "pw-1" {
		t.Fatalf("ana has title %q, password %q", title, pw)
	}
	if err := x.SetSysUserPassword(ctx, "ana", "pw-2"); err != nil {
		t.Fatal(err)
	}
	if title, pw, _ := s.EXAoperationUser("ana"); title != "ana" || pw != "pw-2" {
		t.Fatalf("after editUser ana has title %q, password %q", title, pw)
	}
	if err := x.ChangeSysUser(ctx, "ana", client.SysUserChange{}); err != nil {
		t.Fatal(err)
	}

	unsupported := func(what string, err error, field, text string) {
		t.Helper()
		var u *client.UnsupportedError
		if !errors.As(err, &u) || u.API != "EXAoperation" || u.Field != field || !strings.Contains(err.Error(), text) {
			t.Errorf("%s: %v (field %q), want a refusal of %q mentioning %q", what, err, u.Field, field, text)
		}
	}
	group := "exaadm"
	unsupported("group", x.CreateSysUser(ctx, client.SysUser{Name: "bob", Group: group, LoginEnabled: true}, "pw"), "Group", "no groups")
	unsupported("id", x.CreateSysUser(ctx, client.SysUser{Name: "bob", ID: 7, LoginEnabled: true}, "pw"), "ID", "addUser takes no id")
	unsupported("login", x.ChangeSysUser(ctx, "ana", client.SysUserChange{LoginEnabled: new(bool)}), "LoginEnabled", "")
	unsupported("keys", x.ChangeSysUser(ctx, "ana", client.SysUserChange{AuthorizedKeys: []string{"ssh-ed25519 A"}}), "AuthorizedKeys", "")
	unsupported("no password", x.CreateSysUser(ctx, client.SysUser{Name: "bob", LoginEnabled: true}, ""), "", "requires one")
	unsupported("own password", x.SetSysUserPassword(ctx, s.Username(), "x"), "", "the user the client logs in as")
	unsupported("own user", x.DeleteSysUser(ctx, s.Username()), "", "the user the client logs in as")
	if _, err := x.SysGroups(ctx); err == nil || !strings.Contains(err.Error(), "EXAoperation has no groups") {
		t.Errorf("groups: %v", err)
	}

	if err := x.DeleteSysUser(ctx, "ana"); err != nil {
		t.Fatal(err)
	}
	if _, err := x.SysUser(ctx, "ana"); !client.IsNotFound(err) {
		t.Fatalf("ana after the delete: %v", err)
	}
	if err := x.DeleteSysUser(ctx, "ana"); err != nil {
		t.Fatalf("deleting a user that is gone: %v", err)
	}
}

// ConfD: the user the client logs in as is not changed or deleted either;
// others are (TestAccSystemUser_lifecycle).
func TestConfDSysUserSelf(t *testing.T) {
	ctx := context.Background()
	s := acctest.Start(t, acctest.Face(sim.APIConfD))
	c, _ := newClient(t, s)
	enabled := false
	for what, err := range map[string]error{
		"delete":   c.DeleteSysUser(ctx, s.Username()),
		"password": c.SetSysUserPassword(ctx, s.Username(), "x"),
		"modify":   c.ChangeSysUser(ctx, s.Username(), client.SysUserChange{LoginEnabled: &enabled}),
	} {
		var u *client.UnsupportedError
		if !errors.As(err, &u) || !strings.Contains(err.Error(), "the user the client logs in as") {
			t.Errorf("%s: %v", what, err)
		}
	}
}
