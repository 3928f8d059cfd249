package units

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// ExpireUnits are the units of an expiry in ConfD's notation "#m #w #d #h".
// guess: m is a month of 30 days; ConfD does not say how long a month is.
var ExpireUnits = map[byte]time.Duration{
	'm': 30 * 24 * time.Hour,
	'w': 7 * 24 * time.Hour,
	'd': 24 * time.Hour,
	'h': time.Hour,
}

// ErrExpireTooLong is wrapped by ParseExpire's error for an expiry longer
// than a time.Duration holds (about 292 years).
var ErrExpireTooLong = errors.New("too long")

// ExpireFormat describes what ParseExpire accepts, for messages.
const ExpireFormat = `one or more groups of a whole number and a unit m, w, d or h, separated by spaces (ConfD's "#m #w #d #h"), e.g. "1w 3d"`

// ParseExpire reads an expiry such as "1w 3d" (db_backup_start,
// db_backup_add_schedule) into a duration. Groups are separated by one or
// more spaces; there are no blanks around the string or inside a group. An
// expiry that adds up to zero is returned as 0 without error: whether that
// is allowed is the caller's decision.
func ParseExpire(s string) (time.Duration, error) {
	if s == "" {
		return 0, fmt.Errorf("expire is empty: write %s", ExpireFormat)
	}
	if strings.TrimSpace(s) != s {
		return 0, fmt.Errorf("expire %q has blanks around it: write %s", s, ExpireFormat)
	}
	var total time.Duration
	for _, group := range strings.Split(s, " ") {
		if group == "" {
			continue // more than one space between groups
		}
		unit, ok := ExpireUnits[group[len(group)-1]]
		digits := group[:len(group)-1]
		if !ok || digits == "" || strings.Trim(digits, "0123456789") != "" {
			return 0, fmt.Errorf("expire %q: %q is not a whole number followed by m, w, d or h; write %s", s, group, ExpireFormat)
		}
		n, err := strconv.ParseInt(digits, 10, 64)
		if err != nil || n > int64(math.MaxInt64-total)/int64(unit) {
			return 0, fmt.Errorf("expire %q is %w: at most about 292 years", s, ErrExpireTooLong)
		}
		total += time.Duration(n) * unit
	}
	return total, nil
}
