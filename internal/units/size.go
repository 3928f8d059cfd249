// Package units parses and formats the values Exasol writes in its own
// notation: sizes such as "2048 MiB" or "10 GiB".
package units

import (
	"fmt"
	"math/big"
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
// Only binary units, spelled as Exasol spells them, are accepted: Exasol writes
// no decimal ones, and guessing whether "GB" means 10^9 or 2^30 would silently
// change a volume's size. A fraction is accepted when it names a whole number
// of bytes ("1.5 GiB").
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := strings.IndexFunc(t, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	if t == "" || i == 0 {
		return 0, fmt.Errorf("size %q: write a number and a unit, e.g. \"4 GiB\"", s)
	}
	if i < 0 {
		return 0, fmt.Errorf("size %q has no unit: use one of B, KiB, MiB, GiB, TiB (e.g. \"4 GiB\")", s)
	}
	num, unit := t[:i], strings.TrimSpace(t[i:])
	for _, u := range sizeUnits {
		if unit != u.name {
			continue
		}
		r, ok := new(big.Rat).SetString(num)
		if !ok {
			return 0, fmt.Errorf("size %q: %q is not a number", s, num)
		}
		r.Mul(r, new(big.Rat).SetInt64(u.bytes))
		switch {
		case !r.IsInt():
			return 0, fmt.Errorf("size %q is not a whole number of bytes", s)
		case !r.Num().IsInt64() || r.Num().Int64() > 1<<62:
			return 0, fmt.Errorf("size %q is too large", s)
		}
		return r.Num().Int64(), nil
	}
	return 0, fmt.Errorf("size %q has unit %q: use one of B, KiB, MiB, GiB, TiB, spelled so (e.g. \"4 GiB\")", s, unit)
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
