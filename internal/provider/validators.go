package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/exacluster/terraform-provider-exasol/internal/units"
)

// Exasol object names: a letter, then letters, digits or underscores. guess:
// the 31-character limit is ours; ConfD's own limit is not documented.
var nameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{0,30}$`)

func nameValidator(what string) validator.String {
	return stringvalidator.RegexMatches(nameRE,
		fmt.Sprintf("must be a valid %s name: a letter followed by up to 30 letters, digits or underscores", what))
}

// described gives a validator or plan modifier its description, the same
// as text and as Markdown.
type described string

func (d described) Description(context.Context) string         { return string(d) }
func (d described) MarkdownDescription(context.Context) string { return string(d) }

// maxSystemHeap is the largest max_system_heap_memory db_configure takes
// ("The supported maximum is 128 GiB",
// https://docs.exasol.com/db/latest/confd/jobs/db_configure.htm).
const maxSystemHeap = 128 << 30

var heapRE = regexp.MustCompile(`^\d+ ?(MiB|GiB)$`)

// sizeValidator checks Exasol's size notation at plan time.
var sizeValidator = stringCheck{
	desc: "must be a size in Exasol notation, a whole number and a binary unit such as \"4 GiB\" or \"2048 MiB\"",
	problem: func(s string) (string, string) {
		n, err := units.ParseSize(s)
		switch {
		case err != nil:
			return "Invalid size", err.Error()
		case n == 0:
			return "Invalid size", "The size must be greater than zero."
		}
		return "", ""
	},
}

// heapValidator checks max_system_heap_memory at plan time: a whole number
// of MiB or GiB up to 128 GiB, or "default".
var heapValidator = stringCheck{desc: heapDesc, problem: func(s string) (string, string) {
	if s == "default" {
		return "", ""
	}
	n, err := units.ParseSize(s)
	switch {
	case !heapRE.MatchString(s) || err != nil || n == 0:
		return "Invalid system heap size", fmt.Sprintf("%q %s.", s, heapDesc)
	case n > maxSystemHeap:
		return "System heap too large", fmt.Sprintf("%q is more than the supported maximum of 128 GiB; write at most \"128 GiB\", or \"default\".", s)
	}
	return "", ""
}}

const heapDesc = "must be a size in MiB or GiB up to \"128 GiB\", such as \"64 GiB\", or \"default\""

// stringCheck is a plan-time check of one string attribute. problem says
// what is wrong with a known value (a diagnostic's summary and detail), or
// returns "" when nothing is.
type stringCheck struct {
	desc    string
	problem func(s string) (summary, detail string)
}

func (c stringCheck) Description(context.Context) string { return c.desc }

func (c stringCheck) MarkdownDescription(context.Context) string { return c.desc }

func (c stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if summary, detail := c.problem(req.ConfigValue.ValueString()); summary != "" {
		resp.Diagnostics.AddAttributeError(req.Path, summary, detail)
	}
}
