package client

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Cluster settings: the EXAConf entries ConfD's general_settings may change
// (https://docs.exasol.com/db/latest/confd/jobs/general_settings.htm; the
// list of allowed entries is on
// https://docs.exasol.com/db/latest/confd/overview_other_jobs.htm), read with
// settings_list (https://docs.exasol.com/db/latest/confd/jobs/settings_list.htm).
// Settings are keyed "Section.Entry" and valued as EXAConf text.

// ClusterSettings reads the entries of SettingKeys the cluster has, as
// text. It asks settings_list for everything (no sections): a section or an
// entry a cluster's EXAConf lacks is then simply absent, where asking for it
// by name would fail the whole read. Values that are not text (a number, a
// list) are written as EXAConf writes them (lists comma-separated).
func (c *ConfD) ClusterSettings(ctx context.Context) (map[string]string, error) {
	res, err := c.exec(ctx, "settings_list", nil)
	if err != nil {
		return nil, err
	}
	all := asFields(res.Output)
	if all == nil {
		return nil, &Error{Kind: KindDecode, Job: "settings_list", Message: fmt.Sprintf("expected a dict of sections, got %T", res.Output)}
	}
	out := map[string]string{}
	for _, key := range SettingKeys {
		section, entry, _ := strings.Cut(key, ".")
		s := all.sub(section)
		if s == nil || !s.has(entry) {
			continue
		}
		out[key] = settingText(s[entry])
	}
	return out, nil
}

func settingText(v any) string {
	if l, ok := v.([]any); ok {
		parts := make([]string, len(l))
		for i, it := range l {
			parts[i] = asString(it)
		}
		return strings.Join(parts, ", ")
	}
	return asString(v)
}

// ChangeClusterSettings sends changes ("Section.Entry" → value: text, int64
// or bool) in one general_settings job, grouped by section as the page's
// example {'Global': {'NameServers': '4.4.4.4', 'XMLRPCPort': 20003}}. Keys
// outside SettingKeys are refused before anything is sent.
func (c *ConfD) ChangeClusterSettings(ctx context.Context, changes map[string]any) error {
	if len(changes) == 0 {
		return nil
	}
	grouped := map[string]any{}
	for _, key := range slices.Sorted(maps.Keys(changes)) {
		if !slices.Contains(SettingKeys, key) {
			return &Error{Kind: KindDecode, Job: "general_settings", Message: fmt.Sprintf("%s is no entry general_settings may change", key)}
		}
		section, entry, _ := strings.Cut(key, ".")
		m, _ := grouped[section].(map[string]any)
		if m == nil {
			m = map[string]any{}
			grouped[section] = m
		}
		m[entry] = changes[key]
	}
	_, err := c.exec(ctx, "general_settings", Params{"changes": grouped})
	return err
}
