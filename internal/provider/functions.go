package provider

import (
	"context"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/units"
)

// Provider-defined functions (Terraform 1.8+) for module authors who compute
// with Exasol's value formats.

var _ provider.ProviderWithFunctions = (*exasolProvider)(nil)

func (p *exasolProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{
		func() function.Function { return parseSizeFunction },
		func() function.Function { return formatSizeFunction },
		func() function.Function { return parseConnectionStringFunction },
	}
}

// functionOf is a function of one argument A: Run reads the argument and
// returns what call makes of it, or call's error.
type functionOf[A any] struct {
	name       string
	definition function.Definition
	call       func(ctx context.Context, arg A) (any, *function.FuncError)
}

func (f functionOf[A]) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = f.name
}

func (f functionOf[A]) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = f.definition
}

func (f functionOf[A]) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var arg A
	if resp.Error = req.Arguments.Get(ctx, &arg); resp.Error != nil {
		return
	}
	result, err := f.call(ctx, arg)
	if err != nil {
		resp.Error = err
		return
	}
	resp.Error = resp.Result.Set(ctx, result)
}

var parseSizeFunction = functionOf[string]{
	name: "parse_size",
	definition: function.Definition{
		Summary:             "Number of bytes in an Exasol size",
		MarkdownDescription: "Parses a size as Exasol writes it (`\"4 GiB\"`, `\"2048 MiB\"`, binary units B, KiB, MiB, GiB, TiB) into a number of bytes.",
		Parameters:          []function.Parameter{function.StringParameter{Name: "size", MarkdownDescription: "A size such as \"4 GiB\"."}},
		Return:              function.Int64Return{},
	},
	call: func(_ context.Context, s string) (any, *function.FuncError) {
		n, err := units.ParseSize(s)
		if err != nil {
			return nil, function.NewArgumentFuncError(0, err.Error())
		}
		return n, nil
	},
}

var formatSizeFunction = functionOf[int64]{
	name: "format_size",
	definition: function.Definition{
		Summary: "Exasol notation of a number of bytes",
		MarkdownDescription: "Writes a number of bytes the way Exasol does: with the largest binary unit that divides it exactly " +
			"(`4294967296` → `\"4 GiB\"`, `1610612736` → `\"1536 MiB\"`).",
		Parameters: []function.Parameter{function.Int64Parameter{Name: "bytes", MarkdownDescription: "A number of bytes, zero or more."}},
		Return:     function.StringReturn{},
	},
	call: func(_ context.Context, n int64) (any, *function.FuncError) {
		if n < 0 {
			return nil, function.NewArgumentFuncError(0, "bytes must not be negative")
		}
		return units.FormatSize(n), nil
	},
}

var connectionStringAttrs = map[string]attr.Type{"hosts": types.ListType{ElemType: types.StringType}, "port": types.NumberType}

var parseConnectionStringFunction = functionOf[string]{
	name: "parse_connection_string",
	definition: function.Definition{
		Summary: "Hosts and port of a database connection string",
		MarkdownDescription: "Splits a connection string as `exasol_database` reports it (`\"10.10.10.11..13:8563\"`, `\"host1,host2:8563\"`) " +
			"into an object with `hosts` (the range expanded) and `port`.",
		Parameters: []function.Parameter{function.StringParameter{Name: "connection_string", MarkdownDescription: "HOSTS:PORT as Exasol writes it."}},
		Return:     function.ObjectReturn{AttributeTypes: connectionStringAttrs},
	},
	call: parseConnectionString,
}

func parseConnectionString(ctx context.Context, s string) (any, *function.FuncError) {
	hosts, port, err := units.ParseConnectionString(s)
	if err != nil {
		return nil, function.NewArgumentFuncError(0, err.Error())
	}
	hostList, diags := types.ListValueFrom(ctx, types.StringType, hosts)
	if diags.HasError() {
		return nil, function.FuncErrorFromDiags(ctx, diags)
	}
	obj, diags := types.ObjectValue(connectionStringAttrs, map[string]attr.Value{
		"hosts": hostList, "port": types.NumberValue(big.NewFloat(float64(port))),
	})
	if diags.HasError() {
		return nil, function.FuncErrorFromDiags(ctx, diags)
	}
	return obj, nil
}
