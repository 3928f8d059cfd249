package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// licenseID is the id of the one license of a cluster.
const licenseID = "license"

// licenseResourceModel is exasol_license. The license itself is in the
// state only when given as license (not license_wo); license_sha256 is what
// a refresh compares (license_download).
type licenseResourceModel struct {
	ID               types.String   `tfsdk:"id"`
	License          types.String   `tfsdk:"license"`
	LicenseWO        types.String   `tfsdk:"license_wo"`
	LicenseWOVersion types.Int64    `tfsdk:"license_wo_version"`
	SHA256           types.String   `tfsdk:"license_sha256"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

// licenseReader reads the cluster's license file (license_download) for
// Read: a refresh compares its hash with the one planned. Where the
// interface cannot return the file, Read compares the fields
// (license_read.go).
var licenseReader = object[licenseResourceModel, string]{kind: "license",
	name: func(*licenseResourceModel) string { return licenseID },
	get: func(ctx context.Context, c client.Backend, _ *licenseResourceModel) (string, error) {
		return c.DownloadLicense(ctx)
	},
	fill: func(m *licenseResourceModel, _ context.Context, contents string, _ *diag.Diagnostics) {
		m.fill(contents)
	}}

func licenseHash(contents string) string {
	sum := sha256.Sum256([]byte(contents))
	return hex.EncodeToString(sum[:])
}

// fill is the one reader: the cluster's license file into m.
func (m *licenseResourceModel) fill(contents string) {
	m.ID, m.SHA256, m.LicenseWO = types.StringValue(licenseID), types.StringValue(licenseHash(contents)), types.StringNull()
}
