package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/exacluster/terraform-provider-exasol/internal/units"
)

// SizeType is a string in Exasol's size notation ("4 GiB"). Its values are
// semantically equal when they denote the same number of bytes, so a
// configuration that says "4096 MiB" plans quietly against a cluster that
// reports "4 GiB".
type SizeType struct{ basetypes.StringType }

var (
	_ basetypes.StringTypable                    = SizeType{}
	_ basetypes.StringValuableWithSemanticEquals = SizeValue{}
)

func (t SizeType) String() string { return "SizeType" }

func (t SizeType) Equal(o attr.Type) bool {
	_, ok := o.(SizeType)
	return ok
}

func (t SizeType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return SizeValue{StringValue: in}, nil
}

func (t SizeType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return SizeValue{StringValue: s}, nil
}

func (t SizeType) ValueType(context.Context) attr.Value { return SizeValue{} }

// SizeValue is a value of SizeType.
type SizeValue struct{ basetypes.StringValue }

// NewSizeValue wraps a size reported by the cluster.
func NewSizeValue(s string) SizeValue { return SizeValue{StringValue: basetypes.NewStringValue(s)} }

func (v SizeValue) Type(context.Context) attr.Type { return SizeType{} }

func (v SizeValue) Equal(o attr.Value) bool {
	other, ok := o.(SizeValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

func (v SizeValue) StringSemanticEquals(_ context.Context, newValuable basetypes.StringValuable) (bool, diag.Diagnostics) {
	n, ok := newValuable.(SizeValue)
	if !ok {
		return false, nil
	}
	return units.SameSize(v.ValueString(), n.ValueString()), nil
}
