package client

import "context"

// EXAoperation has its own users (addUser, editUser, deleteUserByLogin in
// EXAoperation_XMLRPC.md) and no groups; the client does not map them.
// Every call is the capability table's refusal (capabilities.go).

func (x *EXAoperation) SysUsers(context.Context) (map[string]*SysUser, error) {
	return nil, x.refuse(ObjectSystemUser, "")
}
func (x *EXAoperation) SysUser(context.Context, string) (*SysUser, error) {
	return nil, x.refuse(ObjectSystemUser, "")
}
func (x *EXAoperation) CreateSysUser(context.Context, SysUser, string) error {
	return x.refuse(ObjectSystemUser, "")
}
func (x *EXAoperation) ChangeSysUser(context.Context, string, SysUserChange) error {
	return x.refuse(ObjectSystemUser, "")
}
func (x *EXAoperation) SetSysUserPassword(context.Context, string, string) error {
	return x.refuse(ObjectSystemUser, "")
}
func (x *EXAoperation) DeleteSysUser(context.Context, string) error {
	return x.refuse(ObjectSystemUser, "")
}
func (x *EXAoperation) SysGroups(context.Context) (map[string]int64, error) {
	return nil, x.refuse(ObjectSystemGroup, "")
}
func (x *EXAoperation) CreateSysGroup(context.Context, string, int64) error {
	return x.refuse(ObjectSystemGroup, "")
}
func (x *EXAoperation) DeleteSysGroup(context.Context, string) error {
	return x.refuse(ObjectSystemGroup, "")
}
