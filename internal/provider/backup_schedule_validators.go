package provider

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/exacluster/terraform-provider-exasol/internal/units"
)

// Plan-time checks of a backup schedule's cron fields and expiry, so that a
// typo fails at plan with the allowed values, not at apply with a cluster
// message. They accept what ConfD documents and the simulator enforces.

// cronField describes one cron field of db_backup_add_schedule. The ranges
// are ConfD's (docs: minute 0-59, hour 0-23, day 1-31, month 1-12, weekday
// 0-7 "or the english name of the day").
type cronField struct {
	name   string
	lo, hi int
	names  map[string]int // words accepted in place of numbers (weekday only)
}

// guess: "the english name of the day" is read as the full name or its
// three-letter abbreviation, in any case, usable wherever a number is
// (also in ranges such as "mon-fri"). Keep in step with the simulator's
// WeekdayNames.
var weekdayNames = map[string]int{
	"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6,
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
}

var (
	cronMinute  = cronField{name: "minute", lo: 0, hi: 59}
	cronHour    = cronField{name: "hour", lo: 0, hi: 23}
	cronDay     = cronField{name: "day", lo: 1, hi: 31}
	cronMonth   = cronField{name: "month", lo: 1, hi: 12}
	cronWeekday = cronField{name: "weekday", lo: 0, hi: 7, names: weekdayNames}
)

func (f cronField) Description(context.Context) string {
	d := fmt.Sprintf(`must be a cron %s field: "*", a value %d-%d, a range "a-b", a step "*/n" or "a-b/n", or a comma-separated list of these`,
		f.name, f.lo, f.hi)
	if f.names != nil {
		d += ` (days may also be named: "mon", "Monday", …; 0 and 7 are Sunday)`
	}
	return d
}

func (f cronField) MarkdownDescription(ctx context.Context) string { return f.Description(ctx) }

func (f cronField) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	v := req.ConfigValue.ValueString()
	if problem := f.check(v); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+f.name,
			fmt.Sprintf("%q is not valid: %s. The value %s.", v, problem, f.Description(ctx)))
	}
}

// check returns what is wrong with v, or "".
func (f cronField) check(v string) string {
	if v == "" {
		return "it is empty"
	}
	for _, part := range strings.Split(v, ",") {
		rng, step, hasStep := strings.Cut(part, "/")
		if hasStep {
			if n, err := strconv.Atoi(step); err != nil || n < 1 {
				return fmt.Sprintf("the step %q must be a whole number of at least 1", step)
			}
		}
		if rng == "*" {
			continue
		}
		a, b, isRange := strings.Cut(rng, "-")
		x, msg := f.value(a)
		if msg != "" {
			return msg
		}
		switch {
		case isRange:
			y, msg := f.value(b)
			if msg != "" {
				return msg
			}
			if y < x {
				return fmt.Sprintf("the range %q runs backwards", rng)
			}
		case hasStep:
			return fmt.Sprintf("a step needs \"*\" or a range before it, not %q", part)
		}
	}
	return ""
}

func (f cronField) value(s string) (int, string) {
	if n, ok := f.names[strings.ToLower(s)]; ok {
		return n, ""
	}
	n, err := strconv.Atoi(s)
	if err != nil || strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") {
		if f.names != nil {
			return 0, fmt.Sprintf("%q is neither a number nor a day name", s)
		}
		return 0, fmt.Sprintf("%q is not a number", s)
	}
	if n < f.lo || n > f.hi {
		return 0, fmt.Sprintf("%d is outside %d-%d", n, f.lo, f.hi)
	}
	return n, ""
}

// expireValidator checks ConfD's expiry notation "#m #w #d #h" with the
// parser the simulator uses (units.ParseExpire), so that what passes the
// plan is what the cluster accepts.
type expireValidator struct{}

func (expireValidator) Description(context.Context) string {
	return `must be one or more "<number><unit>" groups separated by spaces, with units m, w, d and h (ConfD's "#m #w #d #h"), e.g. "1w 3d"`
}

func (v expireValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v expireValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if s == "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid expire",
			"expire is empty. Omit expire for backups that never expire, or give a time such as \"1w 3d\".")
		return
	}
	d, err := units.ParseExpire(s)
	switch {
	case errors.Is(err, units.ErrExpireTooLong):
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid expire",
			fmt.Sprintf("%q is too long: an expiry can be at most about 292 years. Omit expire for backups that never expire.", s))
	case err != nil:
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid expire", fmt.Sprintf("%q is not valid: the value %s.", s, v.Description(ctx)))
	case d == 0:
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid expire",
			fmt.Sprintf("%q adds up to zero, so every backup would expire at once. Omit expire for backups that never expire.", s))
	}
}
