package provider

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// fill sets every attribute from what the cluster reports; it never copies
// the plan, so that a volume re-added out of band with other values shows up
// as drift.
//
// The password is taken from the cluster only on a refresh (refreshPassword)
// of a volume whose state records a plain password: that shows a password
// changed out of band as drift. A write-only password must never reach the
// state, and neither may one an import reads (the state, and the plan files
// made from it, would hold a secret the configuration never gave); a
// password given after an import is compared with the cluster's at plan
// time (remoteVolumeResource.comparePassword). guess: remote_volume_info
// reports the stored password as it was given (Exasol lists the key but
// shows no value).
func (m *remoteVolumeModel) fill(ctx context.Context, r *remoteVolumeRead, diags *diag.Diagnostics) {
	v := r.info
	m.ID = types.StringValue(strconv.FormatInt(v.ID, 10))
	m.Name = types.StringValue(v.Name)
	m.VolumeID = types.Int64Value(v.ID)
	m.VolType = types.StringValue(v.Type)
	m.URL = types.StringValue(v.URL)
	m.Username = rvNullIfEmpty(v.Username)
	// owner is given as user:group (ConfD's remote_volume_add takes the
	// pair); the cluster reports the user: a configured pair of that user stays.
	if u, _, pair := strings.Cut(m.Owner.ValueString(), ":"); !pair || !known(m.Owner) || u != v.Owner {
		m.Owner = rvNullIfEmpty(v.Owner)
	}
	m.PasswordWO = types.StringNull()
	// Lists the cluster does not report keep what the state has (nil), and
	// what the cluster does report replaces it.
	m.Labels = rvReportedSet(ctx, v.Labels, m.Labels, diags)
	m.Options = rvReportedSet(ctx, v.Options, m.Options, diags)
	m.AllowedUsers = rvReportedSet(ctx, v.AllowedUsers, m.AllowedUsers, diags)
	m.State = stringListValue(ctx, distinctStates(r.states), diags)
}

// refreshPassword takes the password from the cluster on a refresh (see fill).
func (m *remoteVolumeModel) refreshPassword(r *remoteVolumeRead) {
	if m.PasswordWOVersion.IsNull() && !m.Password.IsNull() {
		m.Password = rvNullIfEmpty(r.info.Password)
	}
}

func rvReportedSet(ctx context.Context, reported []string, prior types.Set, diags *diag.Diagnostics) types.Set {
	if reported == nil && !prior.IsNull() && !prior.IsUnknown() {
		return prior
	}
	return rvSetValue(ctx, reported, diags)
}

func rvSetValue(ctx context.Context, v []string, diags *diag.Diagnostics) basetypes.SetValue {
	if v == nil {
		v = []string{}
	}
	s, ds := types.SetValueFrom(ctx, types.StringType, v)
	diags.Append(ds...)
	return s
}

func rvNullIfEmpty(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// rvKnownString is the value, or "" for null and unknown (not sent).
func rvKnownString(v types.String) string {
	if v.IsNull() || v.IsUnknown() {
		return ""
	}
	return v.ValueString()
}

// rvSortedStrings reads a set in a stable order, so that the same
// configuration always sends the same job.
func rvSortedStrings(ctx context.Context, s types.Set, diags *diag.Diagnostics) []string {
	if s.IsNull() || s.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(s.ElementsAs(ctx, &out, false)...)
	slices.Sort(out)
	return out
}

// distinctStates are the connection states the nodes report, each once and
// sorted: "Online" on a healthy cluster however many nodes it has, so that a
// node added beside the volume (in the same apply) is no drift of the
// volume, and a problem shows as a second state. EXAoperation reports one
// state for the cluster anyway.
func distinctStates(perNode []string) []string {
	out := slices.Clone(perNode)
	slices.Sort(out)
	return slices.Compact(out)
}

// remoteVolumeAttrs are the attributes the resource exasol_remote_volume
// and its data sources share: no password, which a data source would copy
// into the state of every reader.
type remoteVolumeAttrs struct {
	ID           types.String `tfsdk:"id"`
	Name         types.String `tfsdk:"remote_volume_name"`
	VolumeID     types.Int64  `tfsdk:"remote_volume_id"`
	VolType      types.String `tfsdk:"vol_type"`
	URL          types.String `tfsdk:"url"`
	Username     types.String `tfsdk:"username"`
	Owner        types.String `tfsdk:"owner"`
	Labels       types.Set    `tfsdk:"labels"`
	Options      types.Set    `tfsdk:"options"`
	AllowedUsers types.Set    `tfsdk:"allowed_users"`
	State        types.List   `tfsdk:"state"`
}

// remoteVolumeModel is exasol_remote_volume.
type remoteVolumeModel struct {
	remoteVolumeAttrs
	Password          types.String   `tfsdk:"password"`
	PasswordWO        types.String   `tfsdk:"password_wo"`
	PasswordWOVersion types.Int64    `tfsdk:"password_wo_version"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
}

// remoteVolumeDataModel is a remote volume as the data sources show it.
type remoteVolumeDataModel struct{ remoteVolumeAttrs }

// ref names the volume by name (what import and operators use), else by id.
func (m *remoteVolumeModel) ref() client.RemoteVolumeRef {
	return client.RemoteVolumeRef{Name: m.Name.ValueString(), ID: m.VolumeID.ValueInt64()}
}

// remoteVolumeRead is what the reader reads of a remote volume: its info
// and its connection state on each node.
type remoteVolumeRead struct {
	info   *client.RemoteVolume
	states []string
}

// remoteVolumeReader reads a remote volume (remote_volume_info, then
// remote_volume_state) for Read, the read-back after a change, the data
// source and the list resource. Only a refresh reads the password (see fill).
var remoteVolumeReader = object[remoteVolumeModel, *remoteVolumeRead]{
	kind: "remote volume",
	name: func(m *remoteVolumeModel) string { return m.ref().String() },
	get: func(ctx context.Context, c client.Backend, m *remoteVolumeModel) (*remoteVolumeRead, error) {
		v, err := c.RemoteVolumeInfo(ctx, m.ref())
		if err != nil {
			return nil, err
		}
		states, err := c.RemoteVolumeState(ctx, client.RemoteVolumeRef{Name: v.Name})
		if err != nil {
			return nil, &readStepError{what: "the state of remote volume " + v.Name, err: err}
		}
		return &remoteVolumeRead{info: v, states: states}, nil
	},
	fill:     (*remoteVolumeModel).fill,
	refresh:  (*remoteVolumeModel).refreshPassword,
	identity: func(m *remoteVolumeModel) any { return remoteVolumeIdentity.of(m.Name) },
}

// listed is the model of one object a listing names, with the listed
// resource's timeouts.
func (m *remoteVolumeModel) listed(name string, to timeouts.Value) {
	m.Name, m.Timeouts = types.StringValue(name), to
}
