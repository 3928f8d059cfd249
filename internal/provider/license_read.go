package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// Reading exasol_license back where the interface cannot return the license
// file (EXAoperation: client limit LicenseDownload). Its fields
// (LicenseInfo) are read instead: their digest, kept in the resource's
// private state after each upload, shows a license changed out of band.
// license_sha256 then becomes null (what the cluster holds is unknown), and
// the plan uploads the configured license again.

// licenseFieldsKey is the private state key of the fields' digest.
const licenseFieldsKey = "license_fields"

// canDownloadLicense reports whether the interface returns the license file.
func canDownloadLicense(c client.Backend) bool {
	for _, l := range c.Limits() {
		if l.Object == client.ObjectLicense && l.Field == client.LicenseDownload {
			return false
		}
	}
	return true
}

// licenseFieldsDigest is a digest of the license's fields, in a stable order.
func licenseFieldsDigest(f map[string]string) string {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	h := sha256.New()
	for _, k := range keys {
		b, _ := json.Marshal([2]string{k, f[k]})
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// privateSetter is the private state of a Create, Update or Read response.
type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// recordFields keeps the digest of the fields after an upload where the
// license cannot be read back. A failed read leaves no digest: the next
// refresh takes its own as the reference (a warning says so).
func (r *licenseResource) recordFields(ctx context.Context, private privateSetter, diags *diag.Diagnostics) {
	if canDownloadLicense(r.client) {
		return
	}
	f, err := r.client.LicenseInfo(ctx)
	if err != nil {
		diags.AddWarning("Cannot read the license's fields after the upload",
			"The license was uploaded, but its fields could not be read ("+clientErrorDetail(err)+"): a change of the "+
				"license out of band before the next refresh goes unnoticed.")
		return
	}
	b, _ := json.Marshal(licenseFieldsDigest(f))
	diags.Append(private.SetKey(ctx, licenseFieldsKey, b)...)
}

// Read refreshes the license: its file's hash where the interface returns
// the file (the shared reader), else the digest of its fields.
func (r *licenseResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if canDownloadLicense(r.client) {
		r.resourceBase.Read(ctx, req, resp)
		return
	}
	state, ctx, cancel, ok := begin[licenseResourceModel](ctx, req.State, onRead, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	f, err := r.client.LicenseInfo(ctx)
	if readFailed(ctx, resp, "license", licenseID, err) {
		return
	}
	b, _ := json.Marshal(licenseFieldsDigest(f))
	prior, d := req.Private.GetKey(ctx, licenseFieldsKey)
	resp.Diagnostics.Append(d...)
	if prior != nil && string(prior) != string(b) {
		state.SHA256 = types.StringNull() // changed out of band: the plan uploads the configured license
	}
	state.ID, state.LicenseWO = types.StringValue(licenseID), types.StringNull()
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, licenseFieldsKey, b)...)
	r.setIdentity(ctx, resp.Identity, state, &resp.Diagnostics)
}
