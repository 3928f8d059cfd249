package units

import (
	"slices"
	"testing"
)

func TestParseConnectionString(t *testing.T) {
	for in, want := range map[string]struct {
		hosts []string
		port  int
	}{
		"192.168.31.171:8888":         {[]string{"192.168.31.171"}, 8888},
		"10.10.10.11..13:8563":        {[]string{"10.10.10.11", "10.10.10.12", "10.10.10.13"}, 8563},
		"n11.example.com,n12:8563":    {[]string{"n11.example.com", "n12"}, 8563},
		" 10.0.0.1..1,10.0.0.9:8563 ": {[]string{"10.0.0.1", "10.0.0.9"}, 8563},
	} {
		hosts, port, err := ParseConnectionString(in)
		if err != nil || port != want.port || !slices.Equal(hosts, want.hosts) {
			t.Errorf("ParseConnectionString(%q) = %v, %d, %v; want %v, %d", in, hosts, port, err, want.hosts, want.port)
		}
	}
	for _, bad := range []string{"", "host", ":8563", "host:", "host:99999", "h1,,h2:1", "10.0.0.5..3:1", "host..3:1", "a b:1"} {
		if _, _, err := ParseConnectionString(bad); err == nil {
			t.Errorf("ParseConnectionString(%q) accepted", bad)
		}
	}
}

func FuzzParseConnectionString(f *testing.F) {
	for _, s := range []string{"10.10.10.11..13:8563", "h:1", "a,b:2", "1.2.3.4..255:65535", ":"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		hosts, port, err := ParseConnectionString(s)
		if err != nil {
			return
		}
		if len(hosts) == 0 || len(hosts) > 256 || port < 1 || port > 65535 {
			t.Fatalf("ParseConnectionString(%q) = %d hosts, port %d", s, len(hosts), port)
		}
	})
}
