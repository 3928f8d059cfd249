package client

// ConfD's system users and groups (confd_system_users.go; EXAoperation
// refuses them: exaop_system_users.go).

// SysUser is a system user as user_list shows it (never its password).
type SysUser struct {
	Name             string
	ID               int64
	Group            string // the primary group, by name
	LoginEnabled     bool
	AdditionalGroups []string
	AuthorizedKeys   []string
}

// SysUserChange is user_modify's parameters; nil fields are not sent.
type SysUserChange struct {
	Group                            *string
	LoginEnabled                     *bool
	AdditionalGroups, AuthorizedKeys []string // nil: not sent
}
