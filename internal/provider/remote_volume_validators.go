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
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

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
type remoteURLValidator struct{}

func (remoteURLValidator) Description(context.Context) string {
	return "must be an absolute URL whose scheme suits vol_type, without credentials"
}

func (v remoteURLValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

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

// remoteOptionValidator checks one entry of options.
type remoteOptionValidator struct{}

func (remoteOptionValidator) Description(context.Context) string {
	return "must be one of " + strings.Join(remoteVolumeFlagOptions, ", ") + ", or " +
		strings.Join(remoteVolumeValueOptions, "=…, ") + "=…"
}

func (v remoteOptionValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v remoteOptionValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if msg := checkRemoteOption(req.ConfigValue.ValueString()); msg != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid remote volume option", msg)
	}
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
type remotePasswordReplace struct{}

func (remotePasswordReplace) Description(context.Context) string {
	return "a changed password replaces the remote volume"
}

func (m remotePasswordReplace) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

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
type remotePasswordWOVersionReplace struct{}

func (remotePasswordWOVersionReplace) Description(context.Context) string {
	return "a changed password_wo_version replaces the remote volume, sending password_wo"
}

func (m remotePasswordWOVersionReplace) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

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
