package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// expiryWarning is how long before its end a certificate is reported.
const expiryWarning = 30 * 24 * time.Hour

// checkPlan shows the new certificate's expiry, subject and fingerprint in
// the plan (what the interface cannot take, checkLimits refused before: ca
// and verify_cert on EXAoperation).
func (r *tlsCertificateResource) checkPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan tlsCertificateModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !known(plan.Certificate) {
		return
	}
	if err := plan.fill(); err != nil {
		return // the validator reports it
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// certificateValidator checks that certificate starts with a PEM certificate.
type certificateValidator struct{}

func (certificateValidator) Description(context.Context) string {
	return "must be a PEM certificate chain, the server's certificate first"
}
func (v certificateValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (certificateValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) {
		return
	}
	if _, err := leafCertificate(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("certificate"), "Invalid certificate", err.Error())
	}
}

// expiryDiagnostic warns of a certificate that ends within expiryWarning.
func expiryDiagnostic(notAfter string, now time.Time) (string, bool) {
	t, err := time.Parse(time.RFC3339, notAfter)
	if err != nil {
		return "", false
	}
	switch left := t.Sub(now); {
	case left <= 0:
		return fmt.Sprintf("The cluster's TLS certificate expired at %s. Upload a new one.", notAfter), true
	case left < expiryWarning:
		return fmt.Sprintf("The cluster's TLS certificate expires at %s, in %d days. Upload a new one.", notAfter, int(left.Hours()/24)), true
	}
	return "", false
}
