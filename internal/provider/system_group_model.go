package provider

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// sysNameRE is a system user's or group's name (a Unix name).
var sysNameRE = regexp.MustCompile(`^[a-z_][a-z0-9_-]*$`)

// systemGroupModel is exasol_system_group.
type systemGroupModel struct {
	ID      types.String `tfsdk:"id"`
	Name    types.String `tfsdk:"groupname"`
	GroupID types.Int64  `tfsdk:"groupid"`
}

// fill is the one reader: group_list's entry into m.
func (m *systemGroupModel) fill(name string, id int64) {
	m.ID, m.Name, m.GroupID = types.StringValue(name), types.StringValue(name), types.Int64Value(id)
}
