package units

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestParseExpire(t *testing.T) {
	const day = 24 * time.Hour
	for in, want := range map[string]time.Duration{
		"1w": 7 * day, "1w 3d": 10 * day, "2m": 60 * day, "12h": 12 * time.Hour, "1m 1w 1d 1h": 38*day + time.Hour,
		"0d": 0, "3d  4h": 3*day + 4*time.Hour, "007d": 7 * day, "1d 1d": 2 * day,
	} {
		got, err := ParseExpire(in)
		if err != nil || got != want {
			t.Errorf("ParseExpire(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for bad, msg := range map[string]string{
		"":                      "expire is empty",
		"1y":                    `"1y" is not a whole number followed by m, w, d or h`,
		"1w3d":                  `"1w3d" is not a whole number`,
		"w":                     `"w" is not a whole number`,
		"-1d":                   `"-1d" is not`,
		"+1d":                   `"+1d" is not`,
		"1.5d":                  `"1.5d" is not`,
		"1 d":                   `"1" is not`,
		" 1d":                   "has blanks around it",
		"1d ":                   "has blanks around it",
		"1d\t2h":                `"1d\t2h" is not`,
		"3600":                  `"3600" is not`,
		"1W":                    `"1W" is not`,
		"99999999999999999999d": "is too long",
		"15250w 1000000d":       "is too long",
	} {
		_, err := ParseExpire(bad)
		if err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("ParseExpire(%q) = %v; want an error containing %s", bad, err, msg)
		}
	}
}

// expireShape is the notation without the arithmetic: what ParseExpire
// must accept unless the total overflows.
var expireShape = regexp.MustCompile(`^[0-9]+[mwdh]( +[0-9]+[mwdh])*$`)

func FuzzParseExpire(f *testing.F) {
	for _, s := range []string{"1w 3d", "2m", "0h", "1m 1w 1d 1h", "", " 1d", "1y", "1w3d", "99999999999999999999d", "3d  4h", "-1d", "1\x00d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseExpire(s)
		if err != nil {
			if expireShape.MatchString(s) && !strings.Contains(err.Error(), "too long") {
				t.Fatalf("ParseExpire(%q) refused a well-formed expiry: %v", s, err)
			}
			return
		}
		if !expireShape.MatchString(s) {
			t.Fatalf("ParseExpire(%q) = %v, but it is not in the notation", s, d)
		}
		if d < 0 {
			t.Fatalf("ParseExpire(%q) = %v", s, d)
		}
		// The total does not depend on the order of the groups.
		groups := strings.Fields(s)
		for i, j := 0, len(groups)-1; i < j; i, j = i+1, j-1 {
			groups[i], groups[j] = groups[j], groups[i]
		}
		if back, err := ParseExpire(strings.Join(groups, " ")); err != nil || back != d {
			t.Fatalf("ParseExpire(%q) = %v, reversed %v, %v", s, d, back, err)
		}
	})
}
