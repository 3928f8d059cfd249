// Package units parses and formats the values Exasol writes in its own
// notation: sizes such as "2048 MiB" or "10 GiB".
package units

import (
	"fmt"
	"strconv"
	"strings"
)

// Binary units as Exasol writes them, largest first.
var sizeUnits = []struct {
	name  string
	bytes int64
}{
	{"TiB", 1 << 40},
	{"GiB", 1 << 30},
	{"MiB", 1 << 20},
	{"KiB", 1 << 10},
	{"B", 1},
}

// ParseSize reads an Exasol size ("2048 MiB", "10 GiB", "4GiB") into bytes.
// Only binary units are accepted: Exasol writes no decimal ones, and guessing
// whether "GB" means 10^9 or 2^30 would silently change a volume's size.
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, fmt.Errorf("empty size: write a number and a unit, e.g. \"4 GiB\"")
	}
	i := 0
	for i < len(t) && (t[i] >= '0' && t[i] <= '9' || t[i] == '.') {
		i++
	}
	num, unit := t[:i], strings.TrimSpace(t[i:])
	if num == "" {
		return 0, fmt.Errorf("size %q has no number: write e.g. \"4 GiB\"", s)
	}
	for _, u := range sizeUnits {
		if !strings.EqualFold(unit, u.name) {
			continue
		}
		if n, err := strconv.ParseInt(num, 10, 64); err == nil {
			if n <= 0 {
				return 0, fmt.Errorf("size %q must be greater than zero", s)
			}
			if n > (1<<62)/u.bytes {
				return 0, fmt.Errorf("size %q is too large", s)
			}
			return n * u.bytes, nil
		}
		f, err := strconv.ParseFloat(num, 64)
		if err != nil {
			return 0, fmt.Errorf("size %q: %q is not a number", s, num)
		}
		b := f * float64(u.bytes)
		if b != float64(int64(b)) || b <= 0 {
			return 0, fmt.Errorf("size %q is not a whole number of bytes greater than zero", s)
		}
		return int64(b), nil
	}
	return 0, fmt.Errorf("size %q has unit %q: use one of B, KiB, MiB, GiB, TiB (e.g. \"4 GiB\")", s, unit)
}

// FormatSize writes bytes the way Exasol does: the largest binary unit that
// divides the value exactly ("4 GiB", "1536 MiB").
func FormatSize(b int64) string {
	for _, u := range sizeUnits {
		if b != 0 && b%u.bytes == 0 {
			return fmt.Sprintf("%d %s", b/u.bytes, u.name)
		}
	}
	return fmt.Sprintf("%d B", b)
}

// SameSize reports whether two size strings denote the same number of bytes.
// Strings that do not parse are compared literally.
func SameSize(a, b string) bool {
	x, errA := ParseSize(a)
	y, errB := ParseSize(b)
	if errA != nil || errB != nil {
		return strings.TrimSpace(a) == strings.TrimSpace(b)
	}
	return x == y
}
