package confd

import (
	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// System users and groups (issue 22), each job as its page declares it
// (overviews: https://docs.exasol.com/db/latest/confd/overview_user_jobs.htm,
// https://docs.exasol.com/db/latest/confd/overview_group_jobs.htm).
// group_info's page was not found: its parameter is the overview's
// ("identified by groupname"). The info and list outputs are guesses
// (guesses.go) but group_list's, which follows the page's example output.
func init() {
	register(
		&job{name: "user_create", desc: "Create a new user and sync the change on all nodes.", page: docPage("user_create"), commits: true,
			mandatory: "username:str userid:int password:str group:str/int login_enabled:bool",
			optional:  "additional_groups:list authorized_keys:list encode_passwd:bool", run: userCreate},
		&job{name: "user_delete", desc: "Delete a user and sync the change on all nodes.", page: docPage("user_delete"), commits: true,
			mandatory: "username:str",
			run:       func(x *execution) (any, error) { return noOutput, x.c.RemoveSysUser(x.p.str("username")) }},
		&job{name: "user_info", desc: "Return information about a user.", page: docPage("user_info"),
			mandatory: "username:str|userid:int", run: userInfo},
		&job{name: "user_list", desc: "List all users with their details.", page: docPage("user_list"),
			run: func(x *execution) (any, error) { return userListOutput(x.c.Snapshot()), nil }},
		&job{name: "user_modify", desc: "Modify a user and sync the change on all nodes.", page: docPage("user_modify"), commits: true,
			mandatory: "username:str", optional: "group:str/int login_enabled:bool additional_groups:list authorized_keys:list",
			run: userModify},
		&job{name: "user_passwd", desc: "Change a user's password and sync the change on all nodes.", page: docPage("user_passwd"), commits: true,
			mandatory: "username:str password:str", optional: "encode_passwd:bool",
			run: func(x *execution) (any, error) {
				pw := x.p.str("password")
				return noOutput, x.c.EditSysUser(x.p.str("username"), cluster.SysUserEdit{Password: &pw}, nil)
			}},
		&job{name: "group_create", desc: "Create a new group and sync the change on all nodes.", page: docPage("group_create"), commits: true,
			mandatory: "groupname:str groupid:int",
			run: func(x *execution) (any, error) {
				return noOutput, x.c.AddSysGroup(cluster.SysGroup{Name: x.p.str("groupname"), ID: x.p.int("groupid")})
			}},
		&job{name: "group_delete", desc: "Delete a group and sync the change on all nodes.", page: docPage("group_delete"), commits: true,
			mandatory: "groupname:str",
			run:       func(x *execution) (any, error) { return noOutput, x.c.RemoveSysGroup(x.p.str("groupname")) }},
		&job{name: "group_info", desc: "Return details about a group.", page: docPage("group_info"),
			mandatory: "groupname:str", run: groupInfo},
		&job{name: "group_list", desc: "List all groups of the configuration.", page: docPage("group_list"),
			run: func(x *execution) (any, error) { return groupListOutput(x.c.Snapshot()), nil }},
	)
	for _, j := range []string{"user_info", "user_list", "group_info", "group_list"} {
		readJobs[j] = true
	}
}

// groupParam reads "group" (string, integer): a name, or an id.
func groupParam(p params) (string, *int) {
	if id, ok := p["group"].(int64); ok {
		i := int(id)
		return "", &i
	}
	return p.str("group"), nil
}

// encode_passwd: guess: the simulator keeps the password as sent either way.
func userCreate(x *execution) (any, error) {
	p := x.p
	name, id := groupParam(p)
	u := cluster.SysUser{Name: p.str("username"), ID: p.int("userid"), Password: p.str("password"), Group: name,
		LoginEnabled: p.bool("login_enabled", false), AdditionalGroups: p.strs("additional_groups"), AuthorizedKeys: p.strs("authorized_keys")}
	return noOutput, x.c.AddSysUser(u, id)
}

func userModify(x *execution) (any, error) {
	p := x.p
	var e cluster.SysUserEdit
	var id *int
	if p.has("group") {
		var name string
		name, id = groupParam(p)
		if id == nil {
			e.Group = &name
		}
	}
	if p.has("login_enabled") {
		b := p.bool("login_enabled", false)
		e.LoginEnabled = &b
	}
	if p.has("additional_groups") {
		l := p.strs("additional_groups")
		e.AdditionalGroups = &l
	}
	if p.has("authorized_keys") {
		l := p.strs("authorized_keys")
		e.AuthorizedKeys = &l
	}
	return noOutput, x.c.EditSysUser(p.str("username"), e, id)
}

func userInfo(x *execution) (any, error) {
	st := x.c.Snapshot()
	if x.p.has("userid") {
		for _, u := range st.SysUsers {
			if u.ID == x.p.int("userid") {
				return userOutput(u), nil
			}
		}
		return nil, cluster.NotFoundError("user with id %d", x.p.int("userid"))
	}
	u, err := st.FindSysUser(x.p.str("username"))
	if err != nil {
		return nil, err
	}
	return userOutput(u), nil
}

func groupInfo(x *execution) (any, error) {
	g, err := x.c.Snapshot().FindSysGroup(x.p.str("groupname"))
	if err != nil {
		return nil, err
	}
	return map[string]any{"name": g.Name, "id": int64(g.ID)}, nil
}
