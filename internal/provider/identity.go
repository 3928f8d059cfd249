package provider

import (
	"context"
	"strconv"

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

func stringIdentity(name, desc string) identityschema.Schema {
	return identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		name: identityschema.StringAttribute{RequiredForImport: true, Description: desc},
	}}
}

type databaseIdentity struct {
	DBName types.String `tfsdk:"db_name"`
}

func (r *databaseResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = stringIdentity("db_name", "Name of the database.")
}

func (m databaseModel) identity() any { return databaseIdentity{DBName: m.DBName} }

type storageVolumeIdentity struct {
	Name types.String `tfsdk:"name"`
}

func (r *storageVolumeResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = stringIdentity("name", "Name of the storage volume.")
}

func (m storageVolumeModel) identity() any { return storageVolumeIdentity{Name: m.Name} }

type remoteVolumeIdentity struct {
	Name types.String `tfsdk:"remote_volume_name"`
}

func (r *remoteVolumeResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = stringIdentity("remote_volume_name", "Name of the remote volume.")
}

func (m remoteVolumeModel) identity() any { return remoteVolumeIdentity{Name: m.Name} }

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

func (i databaseIdentity) importID() string      { return i.DBName.ValueString() }
func (i storageVolumeIdentity) importID() string { return i.Name.ValueString() }
func (i remoteVolumeIdentity) importID() string  { return i.Name.ValueString() }
func (i nodeIdentity) importID() string          { return strconv.FormatInt(i.ID.ValueInt64(), 10) }
