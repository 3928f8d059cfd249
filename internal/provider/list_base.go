package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// List resources (Terraform 1.14 `terraform query`) let an operator discover
// what a cluster has, as identities ready for import blocks and, on request,
// as whole resources. One implementation serves every type; a listSpec says
// how to enumerate a type and how to read one of its objects.

var _ provider.ProviderWithListResources = (*exasolProvider)(nil)

func (p *exasolProvider) ListResources(context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		func() list.ListResource { return &clusterList{spec: databaseList} },
		func() list.ListResource { return &clusterList{spec: storageVolumeList} },
		func() list.ListResource { return &clusterList{spec: remoteVolumeList} },
		func() list.ListResource { return &clusterList{spec: nodeList} },
	}
}

// listed is one object found: its display name, identity, and how to read it whole.
type listed struct {
	name     string
	identity any
	read     func(ctx context.Context, nullTimeouts timeouts.Value, diags *diag.Diagnostics) any
}

type listSpec struct {
	typeName string
	list     func(ctx context.Context, c client.Backend) ([]listed, error)
}

type clusterList struct {
	spec   listSpec
	client client.Backend
}

var _ list.ListResourceWithConfigure = (*clusterList)(nil)

func (l *clusterList) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = l.spec.typeName
}

func (l *clusterList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{MarkdownDescription: "Every " + l.spec.typeName + " of the cluster; takes no arguments."}
}

func (l *clusterList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (l *clusterList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	if l.client == nil {
		var diags diag.Diagnostics
		diags.AddError("The exasol provider is not configured", "Listing "+l.spec.typeName+" needs a configured provider block.")
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	found, err := l.spec.list(ctx, l.client)
	if err != nil {
		var diags diag.Diagnostics
		diags.AddError("Cannot list "+l.spec.typeName, clientErrorDetail(err))
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		for i, f := range found {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			r := req.NewListResult(ctx)
			r.DisplayName = f.name
			r.Diagnostics.Append(r.Identity.Set(ctx, f.identity)...)
			if req.IncludeResource && !r.Diagnostics.HasError() {
				m := f.read(ctx, nullTimeouts(ctx, req, &r.Diagnostics), &r.Diagnostics)
				if !r.Diagnostics.HasError() {
					r.Diagnostics.Append(r.Resource.Set(ctx, m)...)
				}
			}
			if !push(r) {
				return
			}
		}
	}
}

// nullTimeouts is an unset timeouts block of the listed resource's own shape.
func nullTimeouts(ctx context.Context, req list.ListRequest, diags *diag.Diagnostics) timeouts.Value {
	t, ds := req.ResourceSchema.TypeAtPath(ctx, path.Root("timeouts"))
	diags.Append(ds...)
	switch tt := t.(type) {
	case timeouts.Type:
		return timeouts.Value{Object: types.ObjectNull(tt.AttrTypes)}
	case basetypes.ObjectType:
		return timeouts.Value{Object: types.ObjectNull(tt.AttrTypes)}
	}
	return timeouts.Value{}
}

// namedList is the list resource typeName of the objects that names
// enumerates, each read whole by the object's reader; seed names the object
// in a model with the listed resource's unset timeouts. The identity is the
// reader's.
func namedList[M, O any](typeName string, r object[M, O], names func(client.Backend, context.Context) ([]string, error),
	seed func(m *M, name string, to timeouts.Value)) listSpec {
	return listSpec{typeName: typeName, list: func(ctx context.Context, c client.Backend) ([]listed, error) {
		found, err := names(c, ctx)
		var out []listed
		for _, n := range found {
			named := new(M)
			seed(named, n, timeouts.Value{})
			out = append(out, listed{name: n, identity: r.identity(named), read: func(ctx context.Context, to timeouts.Value, diags *diag.Diagnostics) any {
				m := new(M)
				seed(m, n, to)
				r.read(ctx, c, m, diags)
				return m
			}})
		}
		return out, err
	}}
}
