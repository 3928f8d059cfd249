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

// sizeValidator checks Exasol's size notation at plan time.
type sizeValidator struct{}

func (sizeValidator) Description(context.Context) string {
	return "must be a size in Exasol notation, a whole number and a binary unit such as \"4 GiB\" or \"2048 MiB\""
}

func (v sizeValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (sizeValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	n, err := units.ParseSize(req.ConfigValue.ValueString())
	switch {
	case err != nil:
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid size", err.Error())
	case n == 0:
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid size", "The size must be greater than zero.")
	}
}

// maxSystemHeap is the largest max_system_heap_memory db_configure takes
// ("The supported maximum is 128 GiB",
// https://docs.exasol.com/db/latest/confd/jobs/db_configure.htm).
const maxSystemHeap = 128 << 30

var heapRE = regexp.MustCompile(`^\d+ ?(MiB|GiB)$`)

// heapValidator checks max_system_heap_memory at plan time: a whole number
// of MiB or GiB up to 128 GiB, or "default".
type heapValidator struct{}

func (heapValidator) Description(context.Context) string {
	return "must be a size in MiB or GiB up to \"128 GiB\", such as \"64 GiB\", or \"default\""
}

func (v heapValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v heapValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueString() == "default" {
		return
	}
	s := req.ConfigValue.ValueString()
	n, err := units.ParseSize(s)
	switch {
	case !heapRE.MatchString(s) || err != nil || n == 0:
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid system heap size", fmt.Sprintf("%q %s.", s, v.Description(ctx)))
	case n > maxSystemHeap:
		resp.Diagnostics.AddAttributeError(req.Path, "System heap too large",
			fmt.Sprintf("%q is more than the supported maximum of 128 GiB; write at most \"128 GiB\", or \"default\".", s))
	}
}
