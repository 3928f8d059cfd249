package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// clusterSettingsID is the id of the one exasol_cluster_settings per cluster.
const clusterSettingsID = "cluster"

// clusterSettingsModel is exasol_cluster_settings: one attribute per EXAConf
// entry general_settings may change (client.SettingKeys).
type clusterSettingsModel struct {
	ID                         types.String   `tfsdk:"id"`
	SSHPort                    types.Int64    `tfsdk:"ssh_port"`
	XMLRPCPort                 types.Int64    `tfsdk:"xmlrpc_port"`
	WebUIBackendPort           types.Int64    `tfsdk:"webui_backend_port"`
	WebUIDomain                types.String   `tfsdk:"webui_domain"`
	EnableLoadBalancer         types.Bool     `tfsdk:"enable_load_balancer"`
	Networks                   types.String   `tfsdk:"networks"`
	NameServers                types.List     `tfsdk:"name_servers"`
	SearchDomains              types.List     `tfsdk:"search_domains"`
	LicenseRAWMEMWarnThreshold types.Int64    `tfsdk:"license_rawmem_warn_threshold"`
	Hugepages                  types.String   `tfsdk:"hugepages"`
	IssueTracker               types.String   `tfsdk:"issue_tracker"`
	StorageConnectionThreads   types.Int64    `tfsdk:"storage_connection_threads"`
	StorageMaxConnections      types.Int64    `tfsdk:"storage_max_connections"`
	ExaMonitorUserName         types.String   `tfsdk:"exa_monitor_user_name"`
	ExaMonitorUserPassword     types.String   `tfsdk:"exa_monitor_user_password"`
	LogRotationTypes           types.String   `tfsdk:"log_rotation_types"`
	RemoteLogRotationVolume    types.String   `tfsdk:"remote_log_rotation_volume"`
	RemoteLogRotationPrefix    types.String   `tfsdk:"remote_log_rotation_prefix"`
	Timeouts                   timeouts.Value `tfsdk:"timeouts"`
}

// settingKind is how an EXAConf entry's text is typed in Terraform.
type settingKind int

const (
	settingText settingKind = iota
	settingInt
	settingBool
	settingList // comma-separated in EXAConf
)

// settingField ties an attribute to its EXAConf entry. Exactly one accessor
// matches kind.
type settingField struct {
	attr, key, desc string
	kind            settingKind
	secret          bool // never read back, never shown
	str             func(m *clusterSettingsModel) *types.String
	num             func(m *clusterSettingsModel) *types.Int64
	flag            func(m *clusterSettingsModel) *types.Bool
	list            func(m *clusterSettingsModel) *types.List
}

func textSetting(a, key, desc string, f func(m *clusterSettingsModel) *types.String) settingField {
	return settingField{attr: a, key: key, desc: desc, kind: settingText, str: f}
}

func intSetting(a, key, desc string, f func(m *clusterSettingsModel) *types.Int64) settingField {
	return settingField{attr: a, key: key, desc: desc, kind: settingInt, num: f}
}

func listSetting(a, key, desc string, f func(m *clusterSettingsModel) *types.List) settingField {
	return settingField{attr: a, key: key, desc: desc, kind: settingList, list: f}
}

// settingFields lists every attribute in the order of the page's list.
var settingFields = []settingField{
	intSetting("ssh_port", "Global.SSHPort", "Port of the nodes' SSH service.", func(m *clusterSettingsModel) *types.Int64 { return &m.SSHPort }),
	intSetting("xmlrpc_port", "Global.XMLRPCPort", "Port of ConfD's XML-RPC interface, e.g. `20003`. The provider reaches the cluster "+
		"through its `endpoints`: after changing the port, change them too.", func(m *clusterSettingsModel) *types.Int64 { return &m.XMLRPCPort }),
	intSetting("webui_backend_port", "Global.WebUIBackendPort", "Port of the web UI's backend.", func(m *clusterSettingsModel) *types.Int64 { return &m.WebUIBackendPort }),
	textSetting("webui_domain", "Global.WebUIDomain", "Domain of the web UI.", func(m *clusterSettingsModel) *types.String { return &m.WebUIDomain }),
	{attr: "enable_load_balancer", key: "Global.EnableLoadBalancer", desc: "Whether the load balancer is enabled.", kind: settingBool,
		flag: func(m *clusterSettingsModel) *types.Bool { return &m.EnableLoadBalancer }},
	textSetting("networks", "Global.Networks", "The cluster's networks, as EXAConf writes them (e.g. `private`).", func(m *clusterSettingsModel) *types.String { return &m.Networks }),
	listSetting("name_servers", "Global.NameServers", "DNS servers, e.g. `[\"4.4.4.4\"]`.", func(m *clusterSettingsModel) *types.List { return &m.NameServers }),
	listSetting("search_domains", "Global.SearchDomains", "DNS search domains.", func(m *clusterSettingsModel) *types.List { return &m.SearchDomains }),
	intSetting("license_rawmem_warn_threshold", "Global.LicenseRAWMEMWarnThreshold", "Threshold of the licensed raw memory "+
		"above which the cluster warns.", func(m *clusterSettingsModel) *types.Int64 { return &m.LicenseRAWMEMWarnThreshold }),
	textSetting("hugepages", "Global.Hugepages", "Huge pages setting, as EXAConf writes it (e.g. `auto`).", func(m *clusterSettingsModel) *types.String { return &m.Hugepages }),
	textSetting("issue_tracker", "Global.IssueTracker", "Issue tracker setting, as EXAConf writes it.", func(m *clusterSettingsModel) *types.String { return &m.IssueTracker }),
	intSetting("storage_connection_threads", "Global.StorageConnectionThreads", "Threads of the storage service's connections.",
		func(m *clusterSettingsModel) *types.Int64 { return &m.StorageConnectionThreads }),
	intSetting("storage_max_connections", "Global.StorageMaxConnections", "Most connections of the storage service.",
		func(m *clusterSettingsModel) *types.Int64 { return &m.StorageMaxConnections }),
	textSetting("exa_monitor_user_name", "Global.ExaMonitorUserName", "User of the monitoring service.", func(m *clusterSettingsModel) *types.String { return &m.ExaMonitorUserName }),
	{attr: "exa_monitor_user_password", key: "Global.ExaMonitorUserPassword", kind: settingText, secret: true,
		desc: "Password of the monitoring service's user. Sensitive; sent when it changes in the configuration and never read from the " +
			"cluster, so a change made outside Terraform is not seen.",
		str: func(m *clusterSettingsModel) *types.String { return &m.ExaMonitorUserPassword }},
	textSetting("log_rotation_types", "Logging.LogRotationTypes", "Kinds of logs that are rotated, as EXAConf writes them.",
		func(m *clusterSettingsModel) *types.String { return &m.LogRotationTypes }),
	textSetting("remote_log_rotation_volume", "Logging.RemoteLogRotationVolume", "Remote volume that rotated logs are moved to.",
		func(m *clusterSettingsModel) *types.String { return &m.RemoteLogRotationVolume }),
	textSetting("remote_log_rotation_prefix", "Logging.RemoteLogRotationPrefix", "Prefix of the rotated logs on that volume.",
		func(m *clusterSettingsModel) *types.String { return &m.RemoteLogRotationPrefix }),
}

// value is the field's attribute in m.
func (f settingField) value(m *clusterSettingsModel) attr.Value {
	switch f.kind {
	case settingInt:
		return *f.num(m)
	case settingBool:
		return *f.flag(m)
	case settingList:
		return *f.list(m)
	}
	return *f.str(m)
}

// clusterSettingsReader reads the settings (settings_list) for Read, the
// read-back after a change and the data source.
var clusterSettingsReader = object[clusterSettingsModel, map[string]string]{kind: "cluster settings",
	fill: (*clusterSettingsModel).fill,
	name: func(*clusterSettingsModel) string { return "(EXAConf)" },
	get: func(ctx context.Context, c client.Backend, _ *clusterSettingsModel) (map[string]string, error) {
		return c.ClusterSettings(ctx)
	}}

// fill is the one reader: the cluster's settings (client.ClusterSettings)
// into m. An entry the cluster lacks, or holds empty, is null. The secret
// keeps what m has: it is never read.
func (m *clusterSettingsModel) fill(ctx context.Context, got map[string]string, diags *diag.Diagnostics) {
	m.ID = types.StringValue(clusterSettingsID)
	for _, f := range settingFields {
		if f.secret {
			continue
		}
		text, ok := got[f.key]
		text = strings.TrimSpace(text)
		empty := !ok || text == ""
		switch f.kind {
		case settingText:
			*f.str(m) = types.StringNull()
			if !empty {
				*f.str(m) = types.StringValue(text)
			}
		case settingInt:
			*f.num(m) = types.Int64Null()
			if !empty {
				n, err := strconv.ParseInt(text, 10, 64)
				if err != nil {
					diags.AddError("Unexpected cluster setting", fmt.Sprintf("settings_list reports %s = %q, which is no whole number.", f.key, text))
					continue
				}
				*f.num(m) = types.Int64Value(n)
			}
		case settingBool:
			*f.flag(m) = types.BoolNull()
			if !empty {
				b, err := parseSettingBool(text)
				if err != nil {
					diags.AddError("Unexpected cluster setting", fmt.Sprintf("settings_list reports %s = %q, which is no boolean.", f.key, text))
					continue
				}
				*f.flag(m) = types.BoolValue(b)
			}
		case settingList:
			items := strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ' ' })
			*f.list(m) = types.ListNull(types.StringType)
			if !empty {
				*f.list(m) = stringListValue(ctx, items, diags)
			}
		}
	}
}

// parseSettingBool reads EXAConf's booleans (Python's True/False), and the
// other spellings a cluster might write.
func parseSettingBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "true", "yes", "1", "on":
		return true, nil
	case "false", "no", "0", "off":
		return false, nil
	}
	return false, fmt.Errorf("not a boolean: %q", s)
}

// settingValue is what general_settings is sent for v: text, a number or a
// boolean (the page's example sends text and a number); a list is
// comma-separated text, as EXAConf writes its lists.
func settingValue(ctx context.Context, f settingField, v attr.Value, diags *diag.Diagnostics) any {
	switch f.kind {
	case settingInt:
		return v.(types.Int64).ValueInt64()
	case settingBool:
		return v.(types.Bool).ValueBool()
	case settingList:
		var items []string
		diags.Append(v.(types.List).ElementsAs(ctx, &items, false)...)
		return strings.Join(items, ", ")
	}
	return v.(types.String).ValueString()
}

// changes are the settings of plan that differ from prior (nil: a create),
// as general_settings takes them; null or unknown values are not managed.
func (m *clusterSettingsModel) changes(ctx context.Context, prior *clusterSettingsModel, diags *diag.Diagnostics) map[string]any {
	out := map[string]any{}
	for _, f := range settingFields {
		v := f.value(m)
		if !known(v) || (prior != nil && f.value(prior).Equal(v)) {
			continue
		}
		out[f.key] = settingValue(ctx, f, v, diags)
	}
	return out
}
