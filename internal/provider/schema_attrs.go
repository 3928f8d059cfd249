package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// The attributes and plan modifiers that recur in the resources' schemas,
// so that each schema says only what is its own.

// idAttribute is a resource's id: the cluster's, set when the object is
// created and kept from the state in every later plan.
func idAttribute(desc string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: desc, PlanModifiers: keepString()}
}

// databaseNameAttribute is db_name of a resource that belongs to one
// database: another database means another object.
func databaseNameAttribute(desc string) schema.StringAttribute {
	return schema.StringAttribute{
		Required:            true,
		MarkdownDescription: desc,
		Validators:          []validator.String{nameValidator("database")},
		PlanModifiers:       replaceString(),
	}
}

// writeOnlyAttribute is a secret sent to the cluster and never stored
// (Terraform 1.11 or later); version names its companion attribute, whose
// change sends it again (writeOnlyVersion).
func writeOnlyAttribute(desc, version string, v ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, Sensitive: true, WriteOnly: true, MarkdownDescription: desc,
		Validators: append(v, stringvalidator.AlsoRequires(path.MatchRoot(version)))}
}

// writeOnlyVersion is the version of the write-only attribute wo: Terraform
// cannot see a write-only value change, so a new number says it changed.
func writeOnlyVersion(wo, desc string) schema.Int64Attribute {
	return schema.Int64Attribute{Optional: true, MarkdownDescription: desc,
		Validators: []validator.Int64{int64validator.AlsoRequires(path.MatchRoot(wo))}}
}

// timeoutsBlock is every resource's timeouts block: create, read, update
// and delete each take their own.
func timeoutsBlock(ctx context.Context) map[string]schema.Block {
	return map[string]schema.Block{
		"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
	}
}

// keep…: a computed value the plan takes from the state (it does not
// change unless the object does); replace…: a change replaces the object.

func keepString() []planmodifier.String {
	return []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
}

func replaceString() []planmodifier.String {
	return []planmodifier.String{stringplanmodifier.RequiresReplace()}
}

func keepOrReplaceString() []planmodifier.String {
	return []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()}
}

func keepInt64() []planmodifier.Int64 {
	return []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}
}

func replaceInt64() []planmodifier.Int64 {
	return []planmodifier.Int64{int64planmodifier.RequiresReplace()}
}

func keepOrReplaceInt64() []planmodifier.Int64 {
	return []planmodifier.Int64{int64planmodifier.UseStateForUnknown(), int64planmodifier.RequiresReplace()}
}

func keepList() []planmodifier.List {
	return []planmodifier.List{listplanmodifier.UseStateForUnknown()}
}
