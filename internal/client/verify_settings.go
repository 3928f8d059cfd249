package client

import (
	"context"
	"strconv"
	"strings"
)

// settingsChanged reads back general_settings: it took effect when
// settings_list reports every entry it sent with the value sent. An entry
// read as other text (or not reported) counts as not taken: the job is
// sent again, which does no harm, as general_settings only sets values.
var settingsChanged = verifier{what: "the EXAConf entries (settings_list)", check: func(ctx context.Context, c readBacker, p Params, _ any) (bool, any, error) {
	got, err := c.ClusterSettings(ctx)
	if err != nil {
		return false, nil, err
	}
	sections, _ := p["changes"].(map[string]any)
	for section, entries := range sections {
		m, _ := entries.(map[string]any)
		for entry, v := range m {
			text, ok := got[section+"."+entry]
			if !ok || !sameSetting(text, v) {
				return false, nil, nil
			}
		}
	}
	return true, nil, nil
}}

// sameSetting compares an entry's EXAConf text with the value sent.
func sameSetting(text string, v any) bool {
	norm := func(s string) string {
		return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }), ",")
	}
	switch x := v.(type) {
	case bool:
		b, err := strconv.ParseBool(strings.ToLower(strings.TrimSpace(text)))
		return err == nil && b == x
	case int64:
		return strings.TrimSpace(text) == strconv.FormatInt(x, 10)
	case int:
		return strings.TrimSpace(text) == strconv.Itoa(x)
	default:
		return norm(text) == norm(asString(v))
	}
}
