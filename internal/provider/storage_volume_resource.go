package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var (
	_ resource.ResourceWithImportState    = (*storageVolumeResource)(nil)
	_ resource.ResourceWithValidateConfig = (*storageVolumeResource)(nil)
)

// NewStorageVolumeResource is exasol_storage_volume.
func NewStorageVolumeResource() resource.Resource {
	return newResource(&storageVolumeResource{}, "_storage_volume", storageVolumeReader)
}

type storageVolumeResource struct {
	resourceBase[storageVolumeModel, *client.Volume]
}

func (r *storageVolumeResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replaceSize := []planmodifier.String{sizeKeepState{}, stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()}
	replaceList := []planmodifier.List{listplanmodifier.UseStateForUnknown(), listplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An EXAStorage volume (ConfD `st_volume_create`): a data volume that holds a database's persistent data, " +
			"or a local archive volume for backups. `size` grows in place (`st_volume_enlarge`); a data volume also shrinks in place " +
			"(`st_volume_shrink`), an archive volume cannot be shrunk and is replaced (the plan says so). `labels` and the I/O status " +
			"change in place; every other attribute replaces the volume. Destroy fails while a database uses the volume: the cluster " +
			"names the database, which has to be destroyed (or moved to another data volume) first.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("ConfD's volume id, e.g. `\"0\"` for DataVolume1."),
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Name of the volume, e.g. `DataVolume2`; a database names it in `data_volume_name`. Import uses it too.",
				Validators:          []validator.String{nameValidator("storage volume")},
				PlanModifiers:       replaceString(),
			},
			"type": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "`data` (a database's persistent data) or `archive` (local backups).",
				Validators:          []validator.String{stringvalidator.OneOf(client.VolumeTypeData, client.VolumeTypeArchive)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIf(
					func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
						// A cluster that does not report the type leaves it null after import; recording it replaces nothing.
						resp.RequiresReplace = !req.StateValue.IsNull()
					}, "Changing the type replaces the volume.", "Changing the type replaces the volume.")},
			},
			"disk": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Storage disk of the nodes that holds the volume (`disk`, the `hdd_type` of the volume), e.g. `disk1`.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       replaceString(),
			},
			"size": schema.StringAttribute{
				CustomType: SizeType{},
				Required:   true,
				MarkdownDescription: "Size as ConfD takes and reports it (`size`), e.g. `\"10 GiB\"`; a whole number of blocks. " +
					"Growing it runs `st_volume_enlarge` with the difference in blocks per node; shrinking runs `st_volume_shrink` on a data " +
					"volume and replaces an archive volume, which Exasol cannot shrink. EXAoperation shrinks no volume: there shrinking replaces it, " +
					"and sizes are whole GiB. Equal sizes in other units plan no change.",
				Validators:    []validator.String{sizeValidator},
				PlanModifiers: []planmodifier.String{sizeKeepState{}},
			},
			"nodes": schema.ListAttribute{
				ElementType:         wholeInt64Type{},
				Required:            true,
				MarkdownDescription: "Node ids of the volume, e.g. `[11, 12]`; the first `num_master_nodes` hold the master segments.",
				Validators: []validator.List{
					nodeIDsValidator{}, listvalidator.SizeAtLeast(1), listvalidator.UniqueValues(),
					listvalidator.ValueInt64sAre(int64validator.Between(minNodeID, maxNodeID)),
				},
				PlanModifiers: []planmodifier.List{listplanmodifier.RequiresReplace()},
			},
			"redundancy": schema.Int64Attribute{
				Required:            true,
				MarkdownDescription: "Number of copies of each segment, on different nodes; at most the number of `nodes`. Usually 2.",
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers:       replaceInt64(),
			},
			"num_master_nodes": schema.Int64Attribute{
				Optional: true, Computed: true,
				MarkdownDescription: "How many of `nodes` hold master segments; the cluster's default (all of them) when unset. " +
					"The data volume of a database needs exactly the database's number of active nodes.",
				Validators:    []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers: keepOrReplaceInt64(),
			},
			"block_size": schema.StringAttribute{
				CustomType: SizeType{}, Optional: true, Computed: true,
				MarkdownDescription: "Block size, e.g. `\"4 KiB\"` (a power of two); the cluster's default when unset.",
				Validators:          []validator.String{sizeValidator},
				PlanModifiers:       replaceSize,
			},
			"stripe_size": schema.StringAttribute{
				CustomType: SizeType{}, Optional: true, Computed: true,
				MarkdownDescription: "Stripe size, a multiple of the block size, e.g. `\"256 KiB\"`; the cluster's default when unset.",
				Validators:          []validator.String{sizeValidator},
				PlanModifiers:       replaceSize,
			},
			"owner": schema.ListAttribute{
				ElementType: types.Int64Type, Optional: true, Computed: true,
				MarkdownDescription: "Owning user and group id, `[uid, gid]`; the cluster's default (exadefusr/exausers, `[500, 500]`) when unset.",
				Validators:          []validator.List{listvalidator.SizeBetween(2, 2), listvalidator.ValueInt64sAre(int64validator.AtLeast(0))},
				PlanModifiers:       replaceList,
			},
			"permissions": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Access permissions like a file's, e.g. `\"rwx------\"`; the cluster's default when unset.",
				Validators:          []validator.String{stringvalidator.RegexMatches(volPermissionsRE, "must look like rwx------: r, w, x or - for owner, group and others")},
				PlanModifiers:       keepOrReplaceString(),
			},
			"priority": schema.Int64Attribute{
				Optional: true, Computed: true,
				MarkdownDescription: "I/O priority of the volume; the cluster's default (10) when unset.",
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers:       keepOrReplaceInt64(),
			},
			"shared": schema.BoolAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Whether the volume is shared; the cluster's default when unset.",
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown(), boolplanmodifier.RequiresReplace()},
			},
			"labels": schema.SetAttribute{
				ElementType: types.StringType, Optional: true, Computed: true,
				Default: setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
				MarkdownDescription: "Labels this resource manages (`st_volume_add_label` / `st_volume_remove_label`, in place). " +
					"Exasol's own labels (`#Name#…`, `pub:…`, `temporary`) cannot be listed, and labels added by others are left alone: " +
					"only the listed ones are added or removed, so a label removed out of band shows as drift and is added again. " +
					"After an import every label that is not Exasol's own counts as managed. `all_labels` shows every label.",
				Validators: []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1), volumeLabelValidator)},
			},
			"all_labels": schema.SetAttribute{
				ElementType: types.StringType, Computed: true,
				MarkdownDescription: "Every label of the volume, Exasol's own included (e.g. `#Name#DataVolume1`), except those a database sets on the volumes it uses " +
					"(`pub:DB1_persistent`, `pub:DB1_temporary`, `temporary`): they come and go with the database, and would show as drift of the volume " +
					"right after the apply that created the database. The `exasol_storage_volume` data source shows them.",
			},
			"app_io_enabled": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether application I/O is enabled (`st_volume_set_io_status`, in place). Default true.",
			},
			"int_io_enabled": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether internal I/O is enabled (`st_volume_set_io_status`, in place). Default true.",
			},
			"state": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "State the cluster reports, `ONLINE` when the volume is usable.",
			},
			"volume_nodes": schema.ListAttribute{
				ElementType: types.Int64Type, Computed: true,
				MarkdownDescription: "Node ids the cluster reports for the volume (`volume_nodes`), master nodes first.",
				PlanModifiers:       keepList(),
			},
			"segments": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "The volume's segments as the cluster reports them: part `index` of the volume lies on node `node` " +
					"as a `MASTER` copy or a mirror (`type`), in `state` (e.g. `ONLINE`). Every part has `redundancy` entries.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"index": schema.Int64Attribute{Computed: true, MarkdownDescription: "Which part of the volume."},
					"node":  schema.Int64Attribute{Computed: true, MarkdownDescription: "Node id that holds this copy (`phys_nid`)."},
					"type":  schema.StringAttribute{Computed: true, MarkdownDescription: "`MASTER` for the primary copy, otherwise a mirror."},
					"state": schema.StringAttribute{Computed: true, MarkdownDescription: "State of this copy, e.g. `ONLINE`."},
				}},
			},
		},
		Blocks: timeoutsBlock(ctx),
	}
}

func (r *storageVolumeResource) create(ctx context.Context, req resource.CreateRequest, plan *storageVolumeModel, resp *resource.CreateResponse) {
	spec := client.VolumeSpec{
		Name: plan.Name.ValueString(), Type: plan.Type.ValueString(), Disk: plan.Disk.ValueString(),
		Size: plan.Size.ValueString(), Nodes: int64List(ctx, plan.Nodes, &resp.Diagnostics),
		Redundancy: plan.Redundancy.ValueInt64(), NumMasterNodes: optInt64(plan.NumMasterNodes),
		BlockSize: optString(plan.BlockSize.StringValue), StripeSize: optString(plan.StripeSize.StringValue),
		Owner: int64List(ctx, plan.Owner, &resp.Diagnostics), Permissions: optString(plan.Permissions),
		Priority: optInt64(plan.Priority), Shared: optBool(plan.Shared),
	}
	after := client.VolumeChange{AddLabels: volLabelList(ctx, plan.Labels, &resp.Diagnostics)}
	if !plan.AppIOEnabled.ValueBool() || !plan.IntIOEnabled.ValueBool() {
		after.IO = &[2]bool{plan.AppIOEnabled.ValueBool(), plan.IntIOEnabled.ValueBool()}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := r.client.CreateVolume(ctx, spec, after)
	if !created {
		_, lookErr := r.client.VolumeInfo(lookupCtx(ctx), spec.Name)
		resp.Diagnostics.AddError("Cannot create storage volume "+spec.Name,
			clientErrorDetail(err)+importHint("exasol_storage_volume", "storage volume", spec.Name, lookErr == nil))
		return
	}
	// The volume exists: record what the cluster has, also when labels or
	// the I/O status failed, so that it is tainted in the state, not orphaned.
	r.readBack(ctx, plan, &resp.Diagnostics)
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
	if err != nil {
		resp.Diagnostics.AddError("Storage volume "+spec.Name+" was created but not completely set up", clientErrorDetail(err))
	}
}

func (r *storageVolumeResource) update(ctx context.Context, req resource.UpdateRequest, plan, prior *storageVolumeModel, resp *resource.UpdateResponse) {
	name := plan.Name.ValueString()
	change := storageVolumeChange(ctx, *prior, *plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.ChangeVolume(ctx, name, change); err != nil {
		resp.Diagnostics.AddError("Cannot update storage volume "+name, clientErrorDetail(err))
	}
	// Report what the cluster has now, also after a failure midway.
	r.readBack(ctx, plan, &resp.Diagnostics)
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
}

func (r *storageVolumeResource) delete(ctx context.Context, state *storageVolumeModel, resp *resource.DeleteResponse) {
	name := state.Name.ValueString()
	if err := r.client.DeleteVolume(ctx, name); err != nil {
		resp.Diagnostics.AddError("Cannot delete storage volume "+name, explainVolumeDelete(err))
	}
}

// explainVolumeDelete adds what to do when the cluster refuses to delete a
// volume. The refusal itself (which names the database) is the cluster's.
func explainVolumeDelete(err error) string {
	if client.IsTransport(err) {
		return clientErrorDetail(err)
	}
	return clientErrorDetail(err) + "\n\nThe cluster does not delete a storage volume that a database still uses (as its data or temporary volume, " +
		"or as the target of a backup or schedule); the message above names it. Destroy that database first (its exasol_database, " +
		"or point its data_volume_name at another volume), or remove its backup schedule, then destroy the volume again. " +
		"When the database is managed in the same configuration, refer to this volume's name " +
		"(data_volume_name = exasol_storage_volume.<name>.name) so that Terraform destroys the database first."
}

func (r *storageVolumeResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	storageVolumeIdentity.importID(ctx, &req, &resp.Diagnostics)
	if !nameRE.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("Import an exasol_storage_volume by its name, e.g. DataVolume1; %q is not a volume name.", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), req.ID)...)
}
