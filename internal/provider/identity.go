package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Resource identity (Terraform 1.12+): every resource is identified by what an
// operator imports it by. The identities live here together, so that they
// stay consistent with each other and with the import ids; an import by
// identity becomes the import id each resource already understands.

var (
	_ resource.ResourceWithIdentity = (*databaseResource)(nil)
	_ resource.ResourceWithIdentity = (*storageVolumeResource)(nil)
	_ resource.ResourceWithIdentity = (*remoteVolumeResource)(nil)
	_ resource.ResourceWithIdentity = (*nodeResource)(nil)
	_ resource.ResourceWithIdentity = (*backupScheduleResource)(nil)
)

// nameIdentity is the identity of an object that its name identifies, the
// name being its import id too: the one string attribute attr.
type nameIdentity struct{ attr, desc string }

var (
	databaseIdentity      = nameIdentity{"db_name", "Name of the database."}
	storageVolumeIdentity = nameIdentity{"name", "Name of the storage volume."}
	remoteVolumeIdentity  = nameIdentity{"remote_volume_name", "Name of the remote volume."}
)

func (n nameIdentity) schema() identityschema.Schema {
	return identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		n.attr: identityschema.StringAttribute{RequiredForImport: true, Description: n.desc},
	}}
}

// of is the identity of the object named name.
func (n nameIdentity) of(name types.String) any {
	return types.ObjectValueMust(map[string]attr.Type{n.attr: types.StringType}, map[string]attr.Value{n.attr: name})
}

// importID turns an import by identity into the import id, the name.
func (n nameIdentity) importID(ctx context.Context, req *resource.ImportStateRequest, diags *diag.Diagnostics) {
	importIDFromIdentity(ctx, req, diags, func(o types.Object) string {
		name, _ := o.Attributes()[n.attr].(types.String)
		return name.ValueString()
	})
}

func (r *databaseResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = databaseIdentity.schema()
}

func (r *storageVolumeResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = storageVolumeIdentity.schema()
}

func (r *remoteVolumeResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = remoteVolumeIdentity.schema()
}

type nodeIdentity struct {
	ID types.Int64 `tfsdk:"id"`
}

func (r *nodeResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"id": identityschema.Int64Attribute{RequiredForImport: true, Description: "Node id, the number in the node's name (14 for n14)."},
	}}
}

func (m nodeModel) identity() any { return nodeIdentity{ID: m.ID} }

// schedules: scheduleIdentity (schedule.go)

func (r *backupScheduleResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = scheduleIdentitySchema("Name of the schedule, unique per database.")
}

// setIdentity records a resource's identity after Create, Read and Update;
// Terraform before 1.12 does not ask for identities, and then there is none.
func setIdentity(ctx context.Context, id *tfsdk.ResourceIdentity, v any, diags *diag.Diagnostics) {
	if id != nil {
		diags.Append(id.Set(ctx, v)...)
	}
}

// importIDFromIdentity turns an import by identity (an import block with
// `identity = {…}`) into the import id the resource parses anyway.
func importIDFromIdentity[T any](ctx context.Context, req *resource.ImportStateRequest, diags *diag.Diagnostics, toID func(T) string) {
	if req.ID != "" || req.Identity == nil {
		return
	}
	var v T
	diags.Append(req.Identity.Get(ctx, &v)...)
	if !diags.HasError() {
		req.ID = toID(v)
	}
}

func (i nodeIdentity) importID() string { return strconv.FormatInt(i.ID.ValueInt64(), 10) }
