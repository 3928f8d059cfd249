// Package docschema exports the provider's schema in the format of
// `terraform providers schema -json` (terraform-json's ProviderSchemas), in
// process and offline, for tfplugindocs.
//
// It exists because the Terraform CLI the project pins (1.8.5) predates
// actions (1.14), list resources (1.14), resource identity (1.12) and
// write-only attributes (1.11): its schema export leaves them out, so
// tfplugindocs could not document them. The conversion follows Terraform's
// own (internal/command/jsonprovider); TestMatchesTerraform compares the two
// on everything 1.8.5 knows.
package docschema

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/zclconf/go-cty/cty"
)

// FormatVersion is the format_version Terraform writes.
const FormatVersion = "1.0"

// Export asks srv for its schemas (GetProviderSchema and
// GetResourceIdentitySchemas) and returns them keyed by name, the key
// tfplugindocs looks the provider up by.
func Export(ctx context.Context, srv tfprotov6.ProviderServer, name string) (*tfjson.ProviderSchemas, error) {
	resp, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		return nil, err
	}
	if err := diagnostics("GetProviderSchema", resp.Diagnostics); err != nil {
		return nil, err
	}
	ids, err := srv.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		return nil, err
	}
	if err := diagnostics("GetResourceIdentitySchemas", ids.Diagnostics); err != nil {
		return nil, err
	}
	var c converter
	ps := &tfjson.ProviderSchema{
		ConfigSchema:             c.schema(resp.Provider),
		ResourceSchemas:          convertAll(resp.ResourceSchemas, c.schema),
		DataSourceSchemas:        convertAll(resp.DataSourceSchemas, c.schema),
		EphemeralResourceSchemas: convertAll(resp.EphemeralResourceSchemas, c.schema),
		ListResourceSchemas:      convertAll(resp.ListResourceSchemas, c.schema),
		ActionSchemas: convertAll(resp.ActionSchemas, func(a *tfprotov6.ActionSchema) *tfjson.ActionSchema {
			return &tfjson.ActionSchema{Block: c.schema(a.Schema).Block}
		}),
		Functions:               convertAll(resp.Functions, c.function),
		ResourceIdentitySchemas: convertAll(ids.IdentitySchemas, c.identity),
	}
	if c.err != nil {
		return nil, c.err
	}
	return &tfjson.ProviderSchemas{FormatVersion: FormatVersion, Schemas: map[string]*tfjson.ProviderSchema{name: ps}}, nil
}

func diagnostics(call string, diags []*tfprotov6.Diagnostic) error {
	var msgs []string
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			msgs = append(msgs, d.Summary+": "+d.Detail)
		}
	}
	if len(msgs) > 0 {
		return fmt.Errorf("%s: %s", call, strings.Join(msgs, "; "))
	}
	return nil
}

// convertAll converts a map, leaving it nil when empty (Terraform omits
// empty sections).
func convertAll[T, U any](in map[string]T, f func(T) U) map[string]U {
	if len(in) == 0 {
		return nil
	}
	out := make(map[string]U, len(in))
	for k, v := range in {
		out[k] = f(v)
	}
	return out
}

// converter keeps the first type that would not convert, so that the
// conversion functions stay plain.
type converter struct{ err error }

func (c *converter) schema(s *tfprotov6.Schema) *tfjson.Schema {
	if s == nil {
		return &tfjson.Schema{Block: &tfjson.SchemaBlock{DescriptionKind: tfjson.SchemaDescriptionKindPlain}}
	}
	return &tfjson.Schema{Version: uint64(s.Version), Block: c.block(s.Block)}
}

func (c *converter) block(b *tfprotov6.SchemaBlock) *tfjson.SchemaBlock {
	if b == nil {
		return &tfjson.SchemaBlock{DescriptionKind: tfjson.SchemaDescriptionKindPlain}
	}
	out := &tfjson.SchemaBlock{
		Description: b.Description, DescriptionKind: kind(b.DescriptionKind), Deprecated: b.Deprecated,
	}
	if len(b.Attributes) > 0 {
		out.Attributes = map[string]*tfjson.SchemaAttribute{}
		for _, a := range b.Attributes {
			out.Attributes[a.Name] = c.attribute(a)
		}
	}
	if len(b.BlockTypes) > 0 {
		out.NestedBlocks = map[string]*tfjson.SchemaBlockType{}
		for _, nb := range b.BlockTypes {
			out.NestedBlocks[nb.TypeName] = &tfjson.SchemaBlockType{
				NestingMode: blockNesting[nb.Nesting], Block: c.block(nb.Block),
				MinItems: uint64(nb.MinItems), MaxItems: uint64(nb.MaxItems),
			}
		}
	}
	return out
}

func (c *converter) attribute(a *tfprotov6.SchemaAttribute) *tfjson.SchemaAttribute {
	out := &tfjson.SchemaAttribute{
		Description: a.Description, DescriptionKind: kind(a.DescriptionKind), Deprecated: a.Deprecated,
		Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive,
		WriteOnly: a.WriteOnly,
	}
	if a.NestedType != nil {
		nt := &tfjson.SchemaNestedAttributeType{
			NestingMode: objectNesting[a.NestedType.Nesting], Attributes: map[string]*tfjson.SchemaAttribute{},
		}
		for _, na := range a.NestedType.Attributes {
			nt.Attributes[na.Name] = c.attribute(na)
		}
		out.AttributeNestedType = nt
	} else {
		out.AttributeType = c.typ(a.Type)
	}
	return out
}

func (c *converter) function(f *tfprotov6.Function) *tfjson.FunctionSignature {
	out := &tfjson.FunctionSignature{
		Description: f.Description, Summary: f.Summary, DeprecationMessage: f.DeprecationMessage,
	}
	if f.Return != nil {
		out.ReturnType = c.typ(f.Return.Type)
	}
	for _, p := range f.Parameters {
		out.Parameters = append(out.Parameters, c.parameter(p))
	}
	if f.VariadicParameter != nil {
		out.VariadicParameter = c.parameter(f.VariadicParameter)
	}
	return out
}

func (c *converter) parameter(p *tfprotov6.FunctionParameter) *tfjson.FunctionParameter {
	return &tfjson.FunctionParameter{Name: p.Name, Description: p.Description, IsNullable: p.AllowNullValue, Type: c.typ(p.Type)}
}

func (c *converter) identity(s *tfprotov6.ResourceIdentitySchema) *tfjson.IdentitySchema {
	out := &tfjson.IdentitySchema{Version: uint64(s.Version), Attributes: map[string]*tfjson.IdentityAttribute{}}
	for _, a := range s.IdentityAttributes {
		out.Attributes[a.Name] = &tfjson.IdentityAttribute{
			IdentityType: c.typ(a.Type), Description: a.Description,
			RequiredForImport: a.RequiredForImport, OptionalForImport: a.OptionalForImport,
		}
	}
	return out
}

// typ converts through JSON: tftypes and cty share the type notation
// ("string", ["list","string"], ["object",{…}]).
func (c *converter) typ(t tftypes.Type) cty.Type {
	if t == nil {
		return cty.NilType
	}
	data, err := json.Marshal(t)
	var out cty.Type
	if err == nil {
		err = out.UnmarshalJSON(data)
	}
	if err != nil && c.err == nil {
		c.err = fmt.Errorf("type %s: %w", t, err)
	}
	return out
}

// kind is Terraform's marshalStringKind: anything but markdown is plain.
func kind(k tfprotov6.StringKind) tfjson.SchemaDescriptionKind {
	if k == tfprotov6.StringKindMarkdown {
		return tfjson.SchemaDescriptionKindMarkdown
	}
	return tfjson.SchemaDescriptionKindPlain
}

var blockNesting = map[tfprotov6.SchemaNestedBlockNestingMode]tfjson.SchemaNestingMode{
	tfprotov6.SchemaNestedBlockNestingModeSingle: tfjson.SchemaNestingModeSingle,
	tfprotov6.SchemaNestedBlockNestingModeGroup:  tfjson.SchemaNestingModeGroup,
	tfprotov6.SchemaNestedBlockNestingModeList:   tfjson.SchemaNestingModeList,
	tfprotov6.SchemaNestedBlockNestingModeSet:    tfjson.SchemaNestingModeSet,
	tfprotov6.SchemaNestedBlockNestingModeMap:    tfjson.SchemaNestingModeMap,
}

var objectNesting = map[tfprotov6.SchemaObjectNestingMode]tfjson.SchemaNestingMode{
	tfprotov6.SchemaObjectNestingModeSingle: tfjson.SchemaNestingModeSingle,
	tfprotov6.SchemaObjectNestingModeList:   tfjson.SchemaNestingModeList,
	tfprotov6.SchemaObjectNestingModeSet:    tfjson.SchemaNestingModeSet,
	tfprotov6.SchemaObjectNestingModeMap:    tfjson.SchemaNestingModeMap,
}
