package provider

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// checkPlan decides about a password the state does not record
// (comparePassword).
func (r *remoteVolumeResource) checkPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.comparePassword(ctx, req, resp)
}

// checkCluster checks a remote volume to be added against the cluster (see
// preflight.go): its name and its id are free (prior, on a create, is the
// volume it replaces, removed first). Its options are checked without the
// cluster (remoteOptionValidator).
func (r *remoteVolumeResource) checkCluster(ctx context.Context, plan, prior *remoteVolumeModel, replacement bool, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !req.State.Raw.IsNull() {
		// Every change that reaches the cluster replaces the volume, and is
		// checked as the create of the replacement.
		return
	}
	pf := r.preflight
	// A replacement removes the old volume first: only a name or id other
	// than its own can collide.
	var name string
	var id int64
	if known(plan.Name) && (prior == nil || !plan.Name.Equal(prior.Name)) {
		name = plan.Name.ValueString()
	}
	if known(plan.VolumeID) && (prior == nil || !plan.VolumeID.Equal(prior.VolumeID)) {
		id = plan.VolumeID.ValueInt64()
	}
	if known(plan.Name) || known(plan.VolumeID) {
		pf.planned.addRemote(plan.Name.ValueString(), plan.VolumeID.ValueInt64())
	}
	// allowed_users is not in the current remote_volume_add page's table: a
	// release that does not take it refuses it here, not at apply.
	if t, ok := client.DialectAs[interface {
		Takes(ctx context.Context, job, param string) (bool, error)
	}](r.client); ok && len(plan.AllowedUsers.Elements()) > 0 {
		pf.check(ctx, &resp.Diagnostics, "remote volume allowed_users", func(ctx context.Context) (diag.Diagnostics, error) {
			var ds diag.Diagnostics
			takes, err := t.Takes(ctx, "remote_volume_add", "allowed_users")
			if err == nil && !takes {
				ds.AddAttributeError(path.Root("allowed_users"), "allowed_users not taken by this cluster",
					"This cluster's Exasol release does not take allowed_users for remote_volume_add "+
						"(https://docs.exasol.com/db/latest/confd/jobs/remote_volume_add.htm lists no such parameter). Remove allowed_users.")
			}
			return ds, err
		})
	}
	if name == "" && id == 0 {
		return
	}
	what := "remote volume"
	if known(plan.Name) {
		what += " " + plan.Name.ValueString()
	}
	pf.check(ctx, &resp.Diagnostics, what, func(ctx context.Context) (diag.Diagnostics, error) {
		var ds diag.Diagnostics
		names, err := pf.view.RemoteVolumeNames(ctx)
		if err != nil {
			return nil, err
		}
		if name != "" && slices.Contains(names, name) {
			vols, err := pf.view.RemoteVolumes(ctx)
			if err != nil {
				return nil, err
			}
			own := slices.ContainsFunc(vols, func(v *client.RemoteVolume) bool { // ownObject in preflight.go
				return v.Name == name && v.URL == plan.URL.ValueString()
			})
			if !own {
				ds.AddAttributeError(path.Root("remote_volume_name"), "Remote volume exists",
					fmt.Sprintf("A remote volume named %s already exists. Choose another name, or import it.", name))
			}
		}
		if id == 0 {
			return ds, nil
		}
		vols, err := pf.view.RemoteVolumes(ctx)
		if err != nil {
			return nil, err
		}
		for _, v := range vols {
			if v.ID == id && v.Name != name {
				ds.AddAttributeError(path.Root("remote_volume_id"), "Remote volume id in use",
					fmt.Sprintf("Remote volume id %d is already used by %s. Choose another id, or leave it unset for the next free one.", id, v.Name))
			}
		}
		return ds, nil
	})
}

// comparePassword decides about a password given for a volume whose state
// records none: an imported volume (an import reads no password, so that no
// secret reaches the state or a plan file), or one created without. The
// cluster's password is read for the comparison only, never kept: the same
// password adopts the volume in place, another one (or none on the cluster)
// replaces it, since only remote_volume_add sends a password.
func (r *remoteVolumeResource) comparePassword(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.client == nil || req.State.Raw.IsNull() || resp.Plan.Raw.IsNull() {
		return
	}
	var state remoteVolumeModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !state.Password.IsNull() || !state.PasswordWOVersion.IsNull() {
		return
	}
	var planned, wo types.String
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("password"), &planned)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("password_wo"), &wo)...)
	at, given := path.Root("password"), planned
	if planned.IsNull() {
		at, given = path.Root("password_wo_version"), wo
	}
	switch {
	case resp.Diagnostics.HasError() || given.IsNull():
		return
	case given.IsUnknown(): // cannot be compared: sent with a new volume
		resp.RequiresReplace = append(resp.RequiresReplace, at)
		return
	}
	v, err := r.client.RemoteVolumeInfo(ctx, state.ref())
	if err != nil {
		resp.Diagnostics.AddAttributeWarning(at, "Remote volume password not compared",
			"The state records no password for remote volume "+state.ref().String()+" (it was imported, or created without one), "+
				"and the cluster could not be read to compare the configured one with the volume's: "+explain(err)+
				"\n\nThe plan takes the configured password as the volume's. If it is not, replace the volume (-replace).")
		return
	}
	if v.Password != given.ValueString() {
		resp.RequiresReplace = append(resp.RequiresReplace, at)
	}
}

// Plan-time checks of remote volumes: the URL against its vol_type, the
// option list, and when a password change has to replace the volume.

// guess: the URL schemes each vol_type takes. Exasol's docs show
// "http://bucket.s3.amazonaws.com" for s3 and name the types; the schemes of
// the others follow their protocols and Exasol's backup how-tos. Keep this
// table the only place that knows them.
var remoteVolumeSchemes = map[string][]string{
	"smb":     {"smb"},
	"ftp":     {"ftp", "ftps"},
	"sftp":    {"sftp"},
	"webhdfs": {"http", "https", "webhdfs", "swebhdfs"},
	"webdav":  {"http", "https", "webdav", "webdavs"},
	"file":    {"file"},
	"s3":      {"http", "https", "s3"},
	"gs":      {"http", "https", "gs"},
	"azure":   {"http", "https"},
}

// Options of remote_volume_add (fact: Exasol's docs list cleanvolume,
// verbose, noverifypeer, nocompression, noresume, forcessl, earlytls, webdav,
// webhdfs, delegation_token=, user=, timeout=, proxy=).
var (
	remoteVolumeFlagOptions  = []string{"cleanvolume", "verbose", "noverifypeer", "nocompression", "noresume", "forcessl", "earlytls", "webdav", "webhdfs"}
	remoteVolumeValueOptions = []string{"timeout", "proxy", "user"}
	// delegation_token= is refused: options are neither sensitive in the
	// state nor redacted from logs, so a token there would leak.
	remoteVolumeSecretOptions = []string{"delegation_token"}
)

// remoteURLValidator checks the URL's shape and that its scheme suits vol_type.
type remoteURLValidator struct{ described }

var remoteURLCheck = remoteURLValidator{"must be an absolute URL whose scheme suits vol_type, without credentials"}

func (remoteURLValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var volType types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("vol_type"), &volType)...)
	if msg := checkRemoteURL(volType.ValueString(), req.ConfigValue.ValueString()); msg != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid remote volume URL", msg)
	}
}

// checkRemoteURL returns what is wrong with raw for vol_type ("" if nothing).
// An unknown or invalid vol_type only gets the general checks; its own
// validator reports it.
func checkRemoteURL(volType, raw string) string {
	if strings.TrimSpace(raw) != raw || strings.ContainsAny(raw, " \t\n") {
		return fmt.Sprintf("%q contains white space.", raw)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Sprintf("%q is not a URL: %v.", raw, err)
	}
	if u.Scheme == "" {
		return fmt.Sprintf("%q has no scheme; write it like ftp://host/path or https://bucket.s3.amazonaws.com.", raw)
	}
	if u.User != nil {
		return fmt.Sprintf("%s://… contains credentials. Set username and password (or password_wo) instead, so that they stay out of logs and the plain-text state.", u.Scheme)
	}
	if k := secretQueryKey(u.Query()); k != "" {
		return fmt.Sprintf("%s://… carries a secret in its query (%s=…). Set username and password (or password_wo) instead, so that it stays out of logs and the plain-text state.", u.Scheme, k)
	}
	if schemes, ok := remoteVolumeSchemes[volType]; ok && !slices.Contains(schemes, strings.ToLower(u.Scheme)) {
		return fmt.Sprintf("vol_type %s takes a URL with scheme %s, not %q.", volType, strings.Join(schemes, ", "), u.Scheme)
	}
	if strings.EqualFold(u.Scheme, "file") {
		if u.Path == "" || u.Path == "/" {
			return fmt.Sprintf("%q names no directory; write it like file:///exa/backups.", raw)
		}
		return ""
	}
	if u.Host == "" || u.Hostname() == "" {
		return fmt.Sprintf("%q names no host.", raw)
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return fmt.Sprintf("%q has an invalid port %q.", raw, p)
		}
	}
	return ""
}

func checkRemoteOption(opt string) string {
	key, value, hasValue := strings.Cut(opt, "=")
	switch {
	case slices.Contains(remoteVolumeFlagOptions, key):
		if hasValue {
			return fmt.Sprintf("%q: %s takes no value.", opt, key)
		}
	case slices.Contains(remoteVolumeValueOptions, key):
		if !hasValue || value == "" {
			return fmt.Sprintf("%q: write %s=<value>.", opt, key)
		}
		if key == "timeout" {
			if n, err := strconv.Atoi(value); err != nil || n <= 0 {
				return fmt.Sprintf("%q: the timeout is a whole number of seconds above 0.", opt)
			}
		}
	case slices.Contains(remoteVolumeSecretOptions, key):
		return fmt.Sprintf("%s is not accepted in options: options are stored in the state in plain text and logged, so the token would leak.", key)
	default:
		return fmt.Sprintf("%q is not an option of remote_volume_add; the options are %s, and %s=<value>.", opt,
			strings.Join(remoteVolumeFlagOptions, ", "), strings.Join(remoteVolumeValueOptions, "=<value>, "))
	}
	return ""
}

// remotePasswordReplace replaces the volume when the plain password changes: there
// is no job that edits a remote volume. Dropping password in favor of
// password_wo is left to password_wo_version's modifier, which knows whether
// the cluster already has that password, and a password for a volume whose
// state records none (an import) to comparePassword, which asks the cluster.
type remotePasswordReplace struct{ described }

var passwordReplace = remotePasswordReplace{"a changed password replaces the remote volume"}

func (remotePasswordReplace) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || req.PlanValue.Equal(req.StateValue) {
		return
	}
	if req.StateValue.IsNull() && !statePasswordOnRecord(ctx, req.State, &resp.Diagnostics) {
		return
	}
	if req.PlanValue.IsNull() {
		var wo types.String
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("password_wo"), &wo)...)
		if !wo.IsNull() {
			return
		}
	}
	resp.RequiresReplace = true
	explainPasswordReplace(&resp.Diagnostics)
}

// explainPasswordReplace says at plan time why a new password replaces the
// remote volume, and what can stand in the way. ConfD's remote volume jobs
// are add, info, list, list_details, remove and state
// (https://docs.exasol.com/db/latest/confd/overview_remote_volume_jobs.htm):
// none edits a volume, so the password can only change with a new volume.
func explainPasswordReplace(diags *diag.Diagnostics) {
	diags.AddAttributeWarning(path.Root("password"), "A new password replaces the remote volume",
		"ConfD has no job that edits a remote volume, so the volume is removed and added again with the new password "+
			"(the backups on the remote storage stay where they are). A backup schedule that writes to this volume keeps the "+
			"cluster from removing it: remove or change that schedule in the same apply (or first), then rotate the password.")
}

// remotePasswordWOVersionReplace replaces the volume when password_wo_version
// changes (the rotation of a write-only password). When the state has no
// version yet but a password (a move from password to password_wo), the
// volume is only replaced if that password differs from password_wo; with
// neither (an import), comparePassword asks the cluster.
type remotePasswordWOVersionReplace struct{ described }

var passwordWOVersionReplace = remotePasswordWOVersionReplace{"a changed password_wo_version replaces the remote volume, sending password_wo"}

func (remotePasswordWOVersionReplace) PlanModifyInt64(ctx context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || req.PlanValue.Equal(req.StateValue) {
		return
	}
	if !req.StateValue.IsNull() || req.PlanValue.IsNull() {
		resp.RequiresReplace = true
		explainPasswordReplace(&resp.Diagnostics)
		return
	}
	var wo, prior types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("password_wo"), &wo)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("password"), &prior)...)
	if prior.IsNull() && !wo.IsNull() {
		return // nothing on record: comparePassword decides
	}
	if wo.IsUnknown() || wo.IsNull() || prior.IsNull() || wo.ValueString() != prior.ValueString() {
		resp.RequiresReplace = true
		explainPasswordReplace(&resp.Diagnostics)
	}
}

// urlSecretKeys are query parameters that carry a secret in URLs of any
// scheme: passwords, tokens, keys and signatures (an Azure SAS's sig, an S3
// presigned URL's X-Amz-Signature and X-Amz-Credential). The URL is stored
// in the state in plain text, so none of them may be in it.
var urlSecretKeys = []string{"password", "passwd", "pwd", "pass", "secret", "token", "sig", "signature", "key", "credential", "auth"}

// secretQueryKey returns the first query parameter that looks like a secret, or "".
func secretQueryKey(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		norm := strings.ToLower(strings.NewReplacer("-", "_", ".", "_").Replace(k))
		for _, part := range strings.Split(norm, "_") {
			if slices.Contains(urlSecretKeys, part) {
				return k
			}
		}
		for _, s := range urlSecretKeys {
			if len(s) > 4 && strings.Contains(norm, s) { // accesskey, sastoken, …
				return k
			}
		}
	}
	return ""
}

// statePasswordOnRecord reports whether the state records the volume's
// password: a plain one, or the version of a write-only one.
func statePasswordOnRecord(ctx context.Context, st tfsdk.State, diags *diag.Diagnostics) bool {
	var pw types.String
	var version types.Int64
	diags.Append(st.GetAttribute(ctx, path.Root("password"), &pw)...)
	diags.Append(st.GetAttribute(ctx, path.Root("password_wo_version"), &version)...)
	return !pw.IsNull() || !version.IsNull()
}

// remoteOptionValidator checks one entry of options.
var remoteOptionValidator = stringCheck{
	desc: "must be one of " + strings.Join(remoteVolumeFlagOptions, ", ") + ", or " + strings.Join(remoteVolumeValueOptions, "=…, ") + "=…",
	problem: func(opt string) (string, string) {
		if msg := checkRemoteOption(opt); msg != "" {
			return "Invalid remote volume option", msg
		}
		return "", ""
	},
}
