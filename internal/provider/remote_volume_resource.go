package provider

import (
	"context"
	"fmt"
	"regexp"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var _ resource.ResourceWithImportState = (*remoteVolumeResource)(nil)

// NewRemoteVolumeResource is exasol_remote_volume.
func NewRemoteVolumeResource() resource.Resource {
	return newResource(&remoteVolumeResource{}, "_remote_volume", remoteVolumeReader)
}

type remoteVolumeResource struct {
	resourceBase[remoteVolumeModel, *remoteVolumeRead]
}

var rvDigitsRE = regexp.MustCompile(`^\d+$`)

func (r *remoteVolumeResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	emptySet := types.SetValueMust(types.StringType, []attr.Value{})
	stringSet := func(desc string, v ...validator.String) schema.SetAttribute {
		return schema.SetAttribute{
			ElementType: types.StringType,
			Optional:    true, Computed: true,
			Default:             setdefault.StaticValue(emptySet),
			MarkdownDescription: desc + " Changing it replaces the volume.",
			Validators:          []validator.Set{setvalidator.ValueStringsAre(append(v, stringvalidator.LengthAtLeast(1))...)},
			PlanModifiers:       []planmodifier.Set{setplanmodifier.RequiresReplace()},
		}
	}
	woVersion := writeOnlyVersion("password_wo", "Version of `password_wo`. Terraform cannot see a write-only value change, so change this "+
		"number to rotate the password; that replaces the volume.")
	woVersion.PlanModifiers = []planmodifier.Int64{passwordWOVersionReplace}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A remote archive volume (ConfD `remote_volume_add`): storage outside the cluster, such as an S3 bucket or an FTP " +
			"server, that backups are written to. ConfD has no job that edits a remote volume, so every change replaces it " +
			"(`remote_volume_remove`, then `remote_volume_add`); set `remote_volume_name` and `remote_volume_id` to keep them " +
			"across a replacement. Backups and schedules refer to the volume by name or id.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("The volume id (`vid`) as text, e.g. `10001`."),
			"remote_volume_name": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Name of the volume (`remote_volume_name`), e.g. `RemoteVolume1`. The cluster names it `r0001`, `r0002`, … " +
					"(after its id) when unset. Changing it replaces the volume.",
				Validators:    []validator.String{nameValidator("remote volume")},
				PlanModifiers: keepOrReplaceString(),
			},
			"remote_volume_id": schema.Int64Attribute{
				Optional: true, Computed: true,
				MarkdownDescription: fmt.Sprintf("Id of the volume (`remote_volume_id`), above %d. The cluster picks %d + the next free number when unset. "+
					"Changing it replaces the volume. EXAoperation numbers remote volumes itself (`addRemoteVolume`'s `vid` is read-only): "+
					"there the id is never sent, only checked against the one EXAoperation gives; a volume that got another id is "+
					"deleted again and the error names the id it got.", client.RemoteVolumeIDBase, client.RemoteVolumeIDBase),
				Validators:    []validator.Int64{int64validator.AtLeast(client.RemoteVolumeIDBase + 1)},
				PlanModifiers: keepOrReplaceInt64(),
			},
			"vol_type": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Kind of storage (`vol_type`): one of `smb`, `ftp`, `sftp`, `webhdfs`, `webdav`, `file`, `s3`, `gs`, `azure`. Changing it replaces the volume.",
				Validators:          []validator.String{stringvalidator.OneOf(client.RemoteVolumeTypes...)},
				PlanModifiers:       replaceString(),
			},
			"url": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Where the volume is, e.g. `https://my-bucket.s3.eu-west-1.amazonaws.com` (s3), `ftp://backup.example.com/exasol` (ftp) " +
					"or `file:///exa/backups` (file). The scheme must suit `vol_type`; credentials belong in `username` and `password`, not in the URL. " +
					"Changing it replaces the volume.",
				Validators:    []validator.String{remoteURLCheck},
				PlanModifiers: replaceString(),
			},
			"username": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "User name for the remote service (for S3: the access key id). Changing it replaces the volume.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       replaceString(),
			},
			"password": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "Password for the remote service (for S3: the secret key). It is stored in the state (marked sensitive); with " +
					"Terraform 1.11 or later prefer `password_wo`, which never is. Changing it replaces the volume.",
				Validators: []validator.String{
					stringvalidator.LengthAtLeast(1),
					stringvalidator.ConflictsWith(path.MatchRoot("password_wo")),
				},
				PlanModifiers: []planmodifier.String{passwordReplace},
			},
			"password_wo": writeOnlyAttribute("Write-only password for the remote service (Terraform 1.11 or later): sent to the cluster when the volume is "+
				"created and never stored in the plan or state. Set `password_wo_version` with it, and change that version to send a new password "+
				"(which replaces the volume).", "password_wo_version",
				stringvalidator.LengthAtLeast(1), stringvalidator.ConflictsWith(path.MatchRoot("password"))),
			"password_wo_version": woVersion,
			"labels":              stringSet("Labels of the volume (`labels`)."),
			"options": stringSet("Options (`options`): any of `cleanvolume`, `verbose`, `noverifypeer`, `nocompression`, `noresume`, "+
				"`forcessl`, `earlytls`, `webdav`, `webhdfs`, `timeout=<seconds>`, `proxy=<proxy>`, `user=<user>`.", remoteOptionValidator),
			"owner": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Owner (`owner`). On ConfD the owning user and group as `user:group`, e.g. `exadefusr:exausers` " +
					"(`remote_volume_add` takes the pair); the cluster reports the user. The user the provider logs in as when unset. " +
					"Changing it replaces the volume.",
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: keepOrReplaceString(),
			},
			"allowed_users": stringSet("Users besides the owner that may use the volume (`allowed_users`). ConfD's current " +
				"`remote_volume_add` takes none: with ConfD the plan refuses it."),
			"state": schema.ListAttribute{
				ElementType:         types.StringType,
				Computed:            true,
				MarkdownDescription: "Connection states of the volume, as `remote_volume_state` reports them for the nodes, each state once and sorted: `[\"Online\"]` when every node reaches it; `Unmounted` or `Connection problem` besides when some node does not.",
			},
		},
		Blocks: timeoutsBlock(ctx),
	}
}

func (r *remoteVolumeResource) create(ctx context.Context, req resource.CreateRequest, plan *remoteVolumeModel, resp *resource.CreateResponse) {
	// A write-only value is only in the configuration, never in the plan.
	wo := configString(ctx, req.Config, "password_wo", &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	spec := client.RemoteVolumeSpec{
		Type:         plan.VolType.ValueString(),
		URL:          plan.URL.ValueString(),
		Name:         rvKnownString(plan.Name),
		Username:     rvKnownString(plan.Username),
		Password:     rvKnownString(plan.Password),
		Owner:        rvKnownString(plan.Owner),
		Labels:       rvSortedStrings(ctx, plan.Labels, &resp.Diagnostics),
		Options:      rvSortedStrings(ctx, plan.Options, &resp.Diagnostics),
		AllowedUsers: rvSortedStrings(ctx, plan.AllowedUsers, &resp.Diagnostics),
	}
	if spec.Password == "" {
		spec.Password = rvKnownString(wo)
	}
	if v := optInt64(plan.VolumeID); v != nil {
		spec.ID = *v
	}
	if resp.Diagnostics.HasError() {
		return
	}
	name, err := r.client.CreateRemoteVolume(ctx, spec)
	if err != nil {
		hint := ""
		if n := plan.Name.ValueString(); known(plan.Name) && n != "" {
			_, lookErr := r.client.RemoteVolumeInfo(lookupCtx(ctx), client.RemoteVolumeRef{Name: n})
			hint = importHint("exasol_remote_volume", "remote volume", n, lookErr == nil)
		}
		resp.Diagnostics.AddError("Cannot create remote volume "+remoteDescribeSpec(spec), clientErrorDetail(err)+hint)
		return
	}
	// The volume exists from here on: record it before anything else can
	// fail, so that a failed read leaves it in the state (tainted), not orphaned.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("remote_volume_name"), name)...)
	plan.Name = types.StringValue(name)
	r.readBack(ctx, plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
}

func remoteDescribeSpec(s client.RemoteVolumeSpec) string {
	if s.Name != "" {
		return s.Name
	}
	return fmt.Sprintf("(%s at %s)", s.Type, s.URL)
}

// Update only sees changes that need no job: every attribute the cluster
// stores forces a replacement. It records the plan (timeouts, a move from
// password to password_wo with the same secret) and what the cluster has.
func (r *remoteVolumeResource) update(ctx context.Context, req resource.UpdateRequest, plan, _ *remoteVolumeModel, resp *resource.UpdateResponse) {
	r.readBack(ctx, plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
}

func (r *remoteVolumeResource) delete(ctx context.Context, state *remoteVolumeModel, resp *resource.DeleteResponse) {
	if err := r.client.DeleteRemoteVolume(ctx, state.ref()); err != nil {
		resp.Diagnostics.AddError("Cannot delete remote volume "+state.ref().String(), explain(err))
	}
}

// ImportState takes the name an operator sees (remote_volume_list), or the
// numeric id.
func (r *remoteVolumeResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	remoteVolumeIdentity.importID(ctx, &req, &resp.Diagnostics)
	switch {
	case rvDigitsRE.MatchString(req.ID):
		id, err := strconv.ParseInt(req.ID, 10, 64)
		if err != nil || id <= client.RemoteVolumeIDBase {
			resp.Diagnostics.AddError("Invalid import id", fmt.Sprintf("%q is not a remote volume id (ids are above %d).", req.ID, client.RemoteVolumeIDBase))
			return
		}
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("remote_volume_id"), id)...)
	case req.ID != "":
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("remote_volume_name"), req.ID)...)
	default:
		resp.Diagnostics.AddError("Invalid import id", "Import an exasol_remote_volume by its name, e.g. RemoteVolume1 or r0001.")
	}
}
