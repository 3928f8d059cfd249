package cluster

import (
	"fmt"
	"math/big"
	"strings"
)

// Exasol writes sizes as "<number> <binary unit>" ("2048 MiB", "10 GiB"). The
// simulator stores bytes and renders the canonical form, so that a size a
// client sent comes back in the same spelling only if it was already canonical
// ("2048 MiB" is stored as 2 GiB and shown as "2 GiB").
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

// ParseSize reads "<number>[ ]<unit>" with a binary unit (B, KiB, MiB, GiB,
// TiB). Decimal SI units ("512 MB") are refused on purpose: Exasol documents
// binary units only and a silent factor of 1.048576 would hide a mistake. A
// fraction is accepted when it names a whole number of bytes ("1.5 GiB").
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := strings.IndexFunc(t, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	if i <= 0 {
		return 0, invalid("size %q: expected a number followed by a unit (B, KiB, MiB, GiB, TiB)", s)
	}
	num, unit := t[:i], strings.TrimSpace(t[i:])
	for _, u := range sizeUnits {
		if u.name != unit {
			continue
		}
		r, ok := new(big.Rat).SetString(num)
		if !ok {
			return 0, invalid("size %q: bad number", s)
		}
		r.Mul(r, new(big.Rat).SetInt64(u.bytes))
		if !r.IsInt() {
			return 0, invalid("size %q is not a whole number of bytes", s)
		}
		if !r.Num().IsInt64() || r.Num().Int64() > 1<<62 {
			return 0, invalid("size %q is too large", s)
		}
		n := r.Num().Int64()
		return n, nil
	}
	return 0, invalid("size %q: unknown unit %q (use B, KiB, MiB, GiB or TiB)", s, unit)
}

// FormatSize renders bytes with the largest binary unit that divides them
// exactly: 4 GiB → "4 GiB", 1.5 GiB → "1536 MiB".
func FormatSize(n int64) string {
	for _, u := range sizeUnits {
		if n != 0 && n%u.bytes == 0 {
			return fmt.Sprintf("%d %s", n/u.bytes, u.name)
		}
	}
	return "0 B"
}
