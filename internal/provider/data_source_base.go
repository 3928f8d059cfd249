package provider

import (
	"context"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// dataSourceOf is a data source whose Read is the part every data source
// shares: read the configuration M, let read fill it from the cluster, and
// record it unless that failed. Reads of objects a resource manages go
// through the resource's reader (<object>_model.go).
type dataSourceOf[M any] struct {
	client client.Backend
	name   string // after the provider's name, e.g. "_database"
	schema schema.Schema
	read   func(ctx context.Context, c client.Backend, m *M, diags *diag.Diagnostics)
}

// readAs is the read of a data source that shows one object as its
// resource does: with the resource's reader, so that both report the
// cluster the same way. The data source's model A is the part of the
// resource's model M that attrs points at.
func readAs[M, O, A any](r object[M, O], attrs func(m *M) *A) func(context.Context, client.Backend, *A, *diag.Diagnostics) {
	return func(ctx context.Context, c client.Backend, a *A, diags *diag.Diagnostics) {
		var full M
		*attrs(&full) = *a
		if r.read(ctx, c, &full, diags); !diags.HasError() {
			*a = *attrs(&full)
		}
	}
}

// dataSource is the constructor of the data source called name (after the
// provider's name, e.g. "_database") with its schema and read.
func dataSource[M any](name string, schema func() schema.Schema, read func(context.Context, client.Backend, *M, *diag.Diagnostics)) func() datasource.DataSource {
	return func() datasource.DataSource { return &dataSourceOf[M]{name: name, schema: schema(), read: read} }
}

var _ datasource.DataSourceWithConfigure = (*dataSourceOf[struct{}])(nil)

func (d *dataSourceOf[M]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.name
}

func (d *dataSourceOf[M]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.schema
}

func (d *dataSourceOf[M]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *dataSourceOf[M]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	m := new(M)
	if resp.Diagnostics.Append(req.Config.Get(ctx, m)...); resp.Diagnostics.HasError() {
		return
	}
	if d.read(ctx, d.client, m, &resp.Diagnostics); !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
	}
}

// The attributes a data source reports, with their description: the same
// kinds recur in every data source.

func computedString(desc string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
}

func computedInt64(desc string) schema.Int64Attribute {
	return schema.Int64Attribute{Computed: true, MarkdownDescription: desc}
}

func computedBool(desc string) schema.BoolAttribute {
	return schema.BoolAttribute{Computed: true, MarkdownDescription: desc}
}

func computedStringList(desc string) schema.ListAttribute {
	return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: desc}
}

func computedInt64List(desc string) schema.ListAttribute {
	return schema.ListAttribute{Computed: true, ElementType: types.Int64Type, MarkdownDescription: desc}
}

func computedStringSet(desc string) schema.SetAttribute {
	return schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: desc}
}

// computedObjects is a list of objects with the attributes attrs.
func computedObjects(desc string, attrs map[string]schema.Attribute) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{Computed: true, MarkdownDescription: desc, NestedObject: schema.NestedAttributeObject{Attributes: attrs}}
}

// objectType is the type of one object with the attributes attrs: what a
// list of computedObjects holds.
func objectType(attrs map[string]schema.Attribute) types.ObjectType {
	t := types.ObjectType{AttrTypes: map[string]attr.Type{}}
	for k, a := range attrs {
		t.AttrTypes[k] = a.GetType()
	}
	return t
}

// objectList is the value of computedObjects(…, attrs): one object an item,
// items being structs whose tfsdk tags are the attributes' names.
func objectList[T any](ctx context.Context, attrs map[string]schema.Attribute, items []T, diags *diag.Diagnostics) types.List {
	return listValue(ctx, objectType(attrs), items, diags)
}

// objectsOf is what a plural data source shows of objects: their names,
// sorted, and the value of computedObjects(…, attrs) in the objects'
// order, item showing one object (through its resource's reader) and
// naming it.
func objectsOf[O, A any](ctx context.Context, objects []O, attrs map[string]schema.Attribute, item func(o O) (string, A),
	diags *diag.Diagnostics) (names, list types.List) {
	keys, items := make([]string, 0, len(objects)), make([]A, 0, len(objects))
	for _, o := range objects {
		n, a := item(o)
		keys, items = append(keys, n), append(items, a)
	}
	slices.Sort(keys)
	return stringListValue(ctx, keys, diags), objectList(ctx, attrs, items, diags)
}

// sortedObjects is objectsOf the objects of all, sorted by name.
func sortedObjects[O, A any](ctx context.Context, all map[string]O, attrs map[string]schema.Attribute, item func(name string, o O) A,
	diags *diag.Diagnostics) (names, list types.List) {
	return objectsOf(ctx, slices.Sorted(maps.Keys(all)), attrs, func(n string) (string, A) { return n, item(n, all[n]) }, diags)
}

// databaseKeyed are the attributes of a data source about one database:
// attrs, its id and db_name (both the database's name).
func databaseKeyed(attrs map[string]schema.Attribute) map[string]schema.Attribute {
	attrs["id"] = computedString("The database name.")
	attrs["db_name"] = schema.StringAttribute{
		Required: true, MarkdownDescription: "Name of the database.",
		Validators: []validator.String{nameValidator("database")},
	}
	return attrs
}
