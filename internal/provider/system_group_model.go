package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// sysNameRE is a system user's or group's name (a Unix name).
var sysNameRE = regexp.MustCompile(`^[a-z_][a-z0-9_-]*$`)

// systemGroupModel is exasol_system_group.
type systemGroupModel struct {
	ID types.String `tfsdk:"id"`
	systemGroupAttrs
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// systemGroupAttrs are the attributes the resource and each entry of
// data.exasol_system_groups share.
type systemGroupAttrs struct {
	Name    types.String `tfsdk:"groupname"`
	GroupID types.Int64  `tfsdk:"groupid"`
}

// systemGroupReader reads a system group's id from group_list, which alone
// says whether the group exists.
var systemGroupReader = byName("system group", func(m *systemGroupModel) types.String { return m.Name },
	func(c client.Backend, ctx context.Context, name string) (int64, error) {
		all, err := c.SysGroups(ctx)
		if err != nil {
			return 0, err
		}
		id, ok := all[name]
		if !ok {
			return 0, &client.Error{Kind: client.KindNotFound, Job: "group_list",
				Message: fmt.Sprintf("group %s does not exist (group_list does not list it)", name)}
		}
		return id, nil
	}, (*systemGroupModel).fill)

// fill is the one reader: group_list's entry into m (m names the group).
func (m *systemGroupModel) fill(_ context.Context, id int64, _ *diag.Diagnostics) {
	m.ID, m.GroupID = m.Name, types.Int64Value(id)
}
