package client

import (
	"reflect"
	"testing"
)

// No page shows the answers of getLicenseProperties, getLicenseFeatures and
// getLicenseLimits: the client reads a dict, a list of [name, value] pairs,
// a list of dicts and a list of names, and refuses any other shape.
func TestLicenseFieldsShapes(t *testing.T) {
	for name, c := range map[string]struct {
		in   any
		want map[string]string
		ok   bool
	}{
		"dict":          {map[string]any{"dbram_limit": "1 TiB", "features": []any{"a", "b"}}, map[string]string{"dbram_limit": "1 TiB", "features": "a, b"}, true},
		"pairs":         {[]any{[]any{"expiration_date", "2030-01-01"}, []any{"valid", true}}, map[string]string{"expiration_date": "2030-01-01", "valid": "true"}, true},
		"list of dicts": {[]any{map[string]any{"raw_data_limit": int64(5)}}, map[string]string{"raw_data_limit": "5"}, true},
		"names":         {[]any{"udf", "backup"}, map[string]string{"udf": "true", "backup": "true"}, true},
		"empty list":    {[]any{}, map[string]string{}, true},
		"text":          {"unlimited", map[string]string{}, false},
		"triple":        {[]any{[]any{"a", "b", "c"}}, map[string]string{}, false},
		"number entry":  {[]any{int64(1)}, map[string]string{}, false},
	} {
		out := map[string]string{}
		ok := licenseFields(c.in, out)
		if ok != c.ok || (ok && !reflect.DeepEqual(out, c.want)) {
			t.Errorf("%s: got %v %v, want %v %v", name, out, ok, c.want, c.ok)
		}
	}
}
