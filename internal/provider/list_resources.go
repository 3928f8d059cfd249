package provider

import (
	"context"
	"slices"

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
		diags.AddError("Cannot list "+l.spec.typeName, err.Error())
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

var databaseList = listSpec{typeName: "exasol_database", list: func(ctx context.Context, c client.Backend) ([]listed, error) {
	names, err := c.DBList(ctx)
	var out []listed
	for _, n := range names {
		out = append(out, listed{name: n, identity: databaseIdentity{DBName: types.StringValue(n)},
			read: func(ctx context.Context, to timeouts.Value, diags *diag.Diagnostics) any {
				m := databaseModel{Timeouts: to}
				d, err := c.DBInfo(ctx, n)
				if err != nil {
					diags.AddError("Cannot read database "+n, err.Error())
					return m
				}
				m.fill(ctx, d, diags)
				return m
			}})
	}
	return out, err
}}

var storageVolumeList = listSpec{typeName: "exasol_storage_volume", list: func(ctx context.Context, c client.Backend) ([]listed, error) {
	vols, err := c.VolumeList(ctx)
	if err != nil {
		return nil, err
	}
	temp, err := temporaryVolumes(ctx, c)
	var out []listed
	for _, v := range vols {
		if temp[v.Name] || slices.Contains(v.Labels, "temporary") {
			continue // the database's to make and remove: not one to manage
		}
		out = append(out, listed{name: v.Name, identity: storageVolumeIdentity{Name: types.StringValue(v.Name)},
			read: func(ctx context.Context, to timeouts.Value, diags *diag.Diagnostics) any {
				m := storageVolumeModel{Timeouts: to}
				m.fill(ctx, v, diags)
				return m
			}})
	}
	return out, err
}}

var remoteVolumeList = listSpec{typeName: "exasol_remote_volume", list: func(ctx context.Context, c client.Backend) ([]listed, error) {
	names, err := c.RemoteVolumeList(ctx)
	var out []listed
	for _, n := range names {
		out = append(out, listed{name: n, identity: remoteVolumeIdentity{Name: types.StringValue(n)},
			read: func(ctx context.Context, to timeouts.Value, diags *diag.Diagnostics) any {
				m := remoteVolumeModel{Timeouts: to}
				ref := client.RemoteVolumeRef{Name: n}
				v, err := c.RemoteVolumeInfo(ctx, ref)
				if err != nil {
					diags.AddError("Cannot read remote volume "+n, err.Error())
					return m
				}
				states, err := c.RemoteVolumeState(ctx, ref)
				if err != nil {
					diags.AddError("Cannot read the state of remote volume "+n, err.Error())
					return m
				}
				m.fill(ctx, v, states, false, diags) // a listing never carries the password
				return m
			}})
	}
	return out, err
}}

var nodeList = listSpec{typeName: "exasol_node", list: func(ctx context.Context, c client.Backend) ([]listed, error) {
	nodes, err := c.NodeList(ctx)
	var out []listed
	for _, n := range nodes {
		out = append(out, listed{name: n.Name, identity: nodeIdentity{ID: types.Int64Value(n.ID)},
			read: func(ctx context.Context, to timeouts.Value, diags *diag.Diagnostics) any {
				m := nodeModel{Timeouts: to}
				full, err := c.NodeGet(ctx, n.ID)
				if err != nil {
					diags.AddError("Cannot read node "+n.Name, err.Error())
					return m
				}
				m.fill(ctx, full, diags)
				return m
			}})
	}
	return out, err
}}

// temporaryVolumes names the databases' temporary volumes, which a database
// creates when it starts and Exasol does not let anyone else delete: they
// are no objects to manage. ConfD labels them "temporary" (fact: seen in the
// seed; database_preflight.go reads it the same way); EXAoperation shows no
// such label, so the databases name them (temporary volume of db_info).
func temporaryVolumes(ctx context.Context, c client.Backend) (map[string]bool, error) {
	names, err := c.DBList(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, n := range names {
		d, err := c.DBInfo(ctx, n)
		if err != nil {
			return nil, err
		}
		if d.TemporaryVolume != "" {
			out[d.TemporaryVolume] = true
		}
	}
	return out, nil
}
