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
		func() function.Function { return parseSizeFunction{} },
		func() function.Function { return formatSizeFunction{} },
		func() function.Function { return parseConnectionStringFunction{} },
	}
}

type parseSizeFunction struct{}

func (parseSizeFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "parse_size"
}

func (parseSizeFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary:             "Number of bytes in an Exasol size",
		MarkdownDescription: "Parses a size as Exasol writes it (`\"4 GiB\"`, `\"2048 MiB\"`, binary units B, KiB, MiB, GiB, TiB) into a number of bytes.",
		Parameters:          []function.Parameter{function.StringParameter{Name: "size", MarkdownDescription: "A size such as \"4 GiB\"."}},
		Return:              function.Int64Return{},
	}
}

func (parseSizeFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var s string
	resp.Error = req.Arguments.Get(ctx, &s)
	if resp.Error != nil {
		return
	}
	n, err := units.ParseSize(s)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, err.Error())
		return
	}
	resp.Error = resp.Result.Set(ctx, n)
}

type formatSizeFunction struct{}

func (formatSizeFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "format_size"
}

func (formatSizeFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Exasol notation of a number of bytes",
		MarkdownDescription: "Writes a number of bytes the way Exasol does: with the largest binary unit that divides it exactly " +
			"(`4294967296` → `\"4 GiB\"`, `1610612736` → `\"1536 MiB\"`).",
		Parameters: []function.Parameter{function.Int64Parameter{Name: "bytes", MarkdownDescription: "A number of bytes, zero or more."}},
		Return:     function.StringReturn{},
	}
}

func (formatSizeFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var n int64
	resp.Error = req.Arguments.Get(ctx, &n)
	if resp.Error != nil {
		return
	}
	if n < 0 {
		resp.Error = function.NewArgumentFuncError(0, "bytes must not be negative")
		return
	}
	resp.Error = resp.Result.Set(ctx, units.FormatSize(n))
}

type parseConnectionStringFunction struct{}

var connectionStringAttrs = map[string]attr.Type{"hosts": types.ListType{ElemType: types.StringType}, "port": types.NumberType}

func (parseConnectionStringFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "parse_connection_string"
}

func (parseConnectionStringFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Hosts and port of a database connection string",
		MarkdownDescription: "Splits a connection string as `exasol_database` reports it (`\"10.10.10.11..13:8563\"`, `\"host1,host2:8563\"`) " +
			"into an object with `hosts` (the range expanded) and `port`.",
		Parameters: []function.Parameter{function.StringParameter{Name: "connection_string", MarkdownDescription: "HOSTS:PORT as Exasol writes it."}},
		Return:     function.ObjectReturn{AttributeTypes: connectionStringAttrs},
	}
}

func (parseConnectionStringFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var s string
	resp.Error = req.Arguments.Get(ctx, &s)
	if resp.Error != nil {
		return
	}
	hosts, port, err := units.ParseConnectionString(s)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, err.Error())
		return
	}
	hostList, diags := types.ListValueFrom(ctx, types.StringType, hosts)
	if diags.HasError() {
		resp.Error = function.FuncErrorFromDiags(ctx, diags)
		return
	}
	obj, diags := types.ObjectValue(connectionStringAttrs, map[string]attr.Value{
		"hosts": hostList, "port": types.NumberValue(big.NewFloat(float64(port))),
	})
	if diags.HasError() {
		resp.Error = function.FuncErrorFromDiags(ctx, diags)
		return
	}
	resp.Error = resp.Result.Set(ctx, obj)
}
