package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// licenseDataSource is data.exasol_license: the license's fields.
var licenseDataSource = dataSource("_license", licenseDataSchema, readLicenseInfo)

type licenseModel struct {
	ID             types.String `tfsdk:"id"`
	Fields         types.Map    `tfsdk:"fields"`
	ExpirationDate types.String `tfsdk:"expiration_date"`
	RawDataLimit   types.String `tfsdk:"raw_data_limit"`
	DBRAMLimit     types.String `tfsdk:"dbram_limit"`
}

func licenseDataSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "The cluster's license, as ConfD's `license_info` reports it (on EXAoperation: `getLicenseProperties`, " +
			"`getLicenseFeatures` and `getLicenseLimits`, merged): its limits and its expiry, for checks and alerts (e.g. a `check` " +
			"block that fails as the expiry comes near). No page lists the fields, so all of them are in `fields`, as text; the " +
			"common ones also have attributes of their own.",
		Attributes: map[string]schema.Attribute{
			"id":              computedString("Always `license`."),
			"fields":          schema.MapAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: "Every field the cluster returns, as text (lists joined by `, `)."},
			"expiration_date": computedString("When the license expires (field `expiration_date`), as the cluster writes it (`unlimited` for none); null when not reported."),
			"raw_data_limit":  computedString("Limit of raw data (field `raw_data_limit`), e.g. `10 GiB`; null when not reported."),
			"dbram_limit":     computedString("Limit of database memory (field `dbram_limit`); null when not reported."),
		},
	}
}

// readLicenseInfo fills m with the license's fields (client LicenseInfo:
// ConfD's license_info, EXAoperation's three reads).
func readLicenseInfo(ctx context.Context, c client.Backend, m *licenseModel, diags *diag.Diagnostics) {
	f, err := c.LicenseInfo(ctx)
	if err != nil {
		diags.AddError("Cannot read the license", clientErrorDetail(err))
		return
	}
	field := func(k string) types.String {
		if v, ok := f[k]; ok {
			return types.StringValue(v)
		}
		return types.StringNull()
	}
	*m = licenseModel{ID: types.StringValue("license"), Fields: stringMap(ctx, f, diags),
		ExpirationDate: field("expiration_date"), RawDataLimit: field("raw_data_limit"), DBRAMLimit: field("dbram_limit")}
}
