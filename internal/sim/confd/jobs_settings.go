package confd

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// settingsAllowed are the EXAConf entries general_settings may change, by
// section (fact: "Only the following entries are allowed", docs,
// https://docs.exasol.com/db/latest/confd/overview_other_jobs.htm).
var settingsAllowed = map[string][]string{
	"Global": {"SSHPort", "XMLRPCPort", "WebUIBackendPort", "WebUIDomain", "EnableLoadBalancer", "Networks",
		"NameServers", "SearchDomains", "LicenseRAWMEMWarnThreshold", "Hugepages", "IssueTracker",
		"StorageConnectionThreads", "StorageMaxConnections", "ExaMonitorUserName", "ExaMonitorUserPassword"},
	"Logging": {"LogRotationTypes", "RemoteLogRotationVolume", "RemoteLogRotationPrefix"},
}

// generalSettings applies changes: {section: {entry: value}} (fact: the
// page's example {'Global': {'NameServers': '4.4.4.4', 'XMLRPCPort': 20003}}).
// guess: a value is text, a number or a boolean, stored as EXAConf text.
func generalSettings(x *execution) (any, error) {
	changes := map[string]string{}
	raw, _ := x.p["changes"].(map[string]any)
	if len(raw) == 0 {
		return nil, fmt.Errorf("parameter 'changes' names no setting")
	}
	for _, section := range slices.Sorted(maps.Keys(raw)) {
		allowed, ok := settingsAllowed[section]
		if !ok {
			return nil, fmt.Errorf("section '%s' cannot be changed by general_settings; allowed: %s", section, allowedSettings())
		}
		entries, ok := raw[section].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("changes of section '%s' must be a dict of entries, got %s", section, pyType(raw[section]))
		}
		for _, key := range slices.Sorted(maps.Keys(entries)) {
			if !slices.Contains(allowed, key) {
				return nil, fmt.Errorf("entry '%s' of section '%s' cannot be changed by general_settings; allowed: %s", key, section, allowedSettings())
			}
			text, err := settingText(entries[key])
			if err != nil {
				return nil, fmt.Errorf("entry '%s' of section '%s': %w", key, section, err)
			}
			changes[section+"."+key] = text
		}
	}
	return noOutput, x.c.ChangeSettings(changes)
}

func allowedSettings() string {
	var parts []string
	for _, s := range slices.Sorted(maps.Keys(settingsAllowed)) {
		parts = append(parts, fmt.Sprintf("%s: %s", s, strings.Join(settingsAllowed[s], ", ")))
	}
	return strings.Join(parts, "; ")
}

func settingText(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case bool:
		if v {
			return "True", nil
		}
		return "False", nil
	}
	return "", fmt.Errorf("a value must be text, a number or a boolean, got %s", pyType(v))
}

// settingsList renders the settings as {section: {entry: value}}, all of
// them or the sections (and entries) asked for: {'Global': ['NameServers']}
// (fact: the page's example). See settingsListOutput for what is guessed.
func settingsList(x *execution) (any, error) {
	all := settingsListOutput(x.c.Snapshot(), x.release)
	if !x.p.has("sections") {
		return all, nil
	}
	out := map[string]any{}
	want, _ := x.p["sections"].(map[string]any)
	for _, section := range slices.Sorted(maps.Keys(want)) {
		entries, ok := all[section].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("section '%s' does not exist", section)
		}
		switch keys := want[section].(type) {
		case nil:
			out[section] = entries
		case []any:
			if len(keys) == 0 {
				out[section] = entries
				continue
			}
			picked := map[string]any{}
			for _, k := range keys {
				name, _ := k.(string)
				v, ok := entries[name]
				if !ok {
					return nil, fmt.Errorf("entry '%v' of section '%s' does not exist", k, section)
				}
				picked[name] = v
			}
			out[section] = picked
		default:
			return nil, fmt.Errorf("the entries of section '%s' must be a list of names, got %s", section, pyType(want[section]))
		}
	}
	return out, nil
}

// settings groups the model's "Section.Key" settings by section.
func settings(st *cluster.State) map[string]any {
	out := map[string]any{}
	for k, v := range st.Settings {
		section, key, _ := strings.Cut(k, ".")
		m, ok := out[section].(map[string]any)
		if !ok {
			m = map[string]any{}
			out[section] = m
		}
		m[key] = v
	}
	return out
}
