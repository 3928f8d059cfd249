package client

import "testing"

// The cluster writes free space rounded; the slack covers what rounding
// may have taken off.
func TestRoundedSize(t *testing.T) {
	for _, c := range []struct {
		in          string
		free, slack int64
		ok          bool
	}{
		{"90.0000 GiB", 90 << 30, 53687 + 1, true}, // half of 0.0001 GiB is 53687.09 bytes
		{"0.0000 GiB", 0, 53687 + 1, true},
		{"12 GiB", 12 << 30, 1, true},
		{"1.5 MiB", 3 << 19, 52428 + 1, true},
		{"93.5566GiB", 100455634331, 53687 + 1, true}, // the docs' example, floor(93.5566 × 2^30)
		{"12 GB", 0, 0, false},
		{"GiB", 0, 0, false},
		{"x GiB", 0, 0, false},
	} {
		got, ok := roundedSize(c.in)
		if ok != c.ok || (ok && (got.Free != c.free || got.Slack != c.slack)) {
			t.Errorf("roundedSize(%q) = %+v, %v; want {Free:%d Slack:%d}, %v", c.in, got, ok, c.free, c.slack, c.ok)
		}
	}
}
