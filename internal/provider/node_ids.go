package provider

import (
	"context"
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Node id lists (nodes = [11, 12]). Terraform's numbers may have fractions;
// the framework's Int64 elements turn `nodes = [11.5]` into a conversion
// error that blames the provider. wholeInt64Type reads such a number as an
// unknown value that remembers what was written, and nodeIDsValidator
// refuses it with a plain message. Whole numbers behave as Int64 elements;
// the Terraform type is the same (a number), so states stay compatible.

type wholeInt64Type struct{ basetypes.Int64Type }

var (
	_ basetypes.Int64Typable  = wholeInt64Type{}
	_ basetypes.Int64Valuable = wholeInt64Value{}
)

func (t wholeInt64Type) Equal(o attr.Type) bool { _, ok := o.(wholeInt64Type); return ok }

func (t wholeInt64Type) String() string { return "wholeInt64Type" }

func (t wholeInt64Type) ValueType(context.Context) attr.Value { return wholeInt64Value{} }

// Validate replaces Int64Type's, whose message nodeIDsValidator words better.
func (t wholeInt64Type) Validate(context.Context, tftypes.Value, path.Path) diag.Diagnostics {
	return nil
}

func (t wholeInt64Type) ValueFromInt64(_ context.Context, v basetypes.Int64Value) (basetypes.Int64Valuable, diag.Diagnostics) {
	return wholeInt64Value{Int64Value: v}, nil
}

func (t wholeInt64Type) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	if in.IsKnown() && !in.IsNull() {
		var f *big.Float
		if err := in.As(&f); err != nil {
			return nil, err
		}
		if _, acc := f.Int64(); !f.IsInt() || acc != big.Exact {
			written := f.Text('g', -1)
			if f.IsInt() {
				written = f.Text('f', 0) // too large for 64 bits: shown in full
			}
			return wholeInt64Value{Int64Value: basetypes.NewInt64Unknown(), written: written}, nil
		}
	}
	v, err := t.Int64Type.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	return wholeInt64Value{Int64Value: v.(basetypes.Int64Value)}, nil
}

// wholeInt64Value is an Int64 element; written holds a number that is not
// a whole 64-bit one, as written in the configuration (the value is then
// unknown to everything else).
type wholeInt64Value struct {
	basetypes.Int64Value
	written string
}

func (v wholeInt64Value) Type(context.Context) attr.Type { return wholeInt64Type{} }

func (v wholeInt64Value) Equal(o attr.Value) bool {
	ov, ok := o.(wholeInt64Value)
	return ok && v.written == ov.written && v.Int64Value.Equal(ov.Int64Value)
}

func (v wholeInt64Value) ToTerraformValue(ctx context.Context) (tftypes.Value, error) {
	if v.written != "" {
		f, _, err := big.ParseFloat(v.written, 10, 512, big.ToNearestEven)
		if err != nil {
			return tftypes.Value{}, err
		}
		return tftypes.NewValue(tftypes.Number, f), nil
	}
	return v.Int64Value.ToTerraformValue(ctx)
}

func (v wholeInt64Value) ToInt64Value(context.Context) (basetypes.Int64Value, diag.Diagnostics) {
	return v.Int64Value, nil
}

// nodeIDsValidator refuses node ids that are not whole numbers.
type nodeIDsValidator struct{}

func (nodeIDsValidator) Description(context.Context) string { return "node ids are whole numbers" }

func (v nodeIDsValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (nodeIDsValidator) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	for i, e := range req.ConfigValue.Elements() {
		if w, ok := e.(wholeInt64Value); ok && w.written != "" {
			resp.Diagnostics.AddAttributeError(req.Path.AtListIndex(i), "Invalid node id",
				fmt.Sprintf("%s[%d] is %s: a node id is a whole number from %d to %d, e.g. 11.", req.Path, i, w.written, minNodeID, maxNodeID))
		}
	}
}
