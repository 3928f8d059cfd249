package provider

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// The acceptance suite runs on Terraform and on OpenTofu (make test). The two
// number their releases independently, so a test that needs a feature of the
// CLI is gated on the feature: cliSupports(featureX) runs it wherever the CLI
// under test (TF_ACC_TERRAFORM_PATH) has it, and skips it elsewhere.

type cliFeature int

const (
	featureWriteOnly cliFeature = iota // write-only attributes
	featureIdentity                    // resource identity, import by identity
	featureActions                     // action blocks and action_trigger
	featureQuery                       // list resources, `terraform query`
)

var cliFeatureNames = map[cliFeature]string{
	featureWriteOnly: "write-only attributes",
	featureIdentity:  "resource identities",
	featureActions:   "actions",
	featureQuery:     "list resources (query)",
}

// cliFeatureSince is the first release of each CLI with the feature; nil:
// none yet. Terraform: its changelog (1.11 write-only, 1.12 identity, 1.14
// actions and query). OpenTofu: its changelog (1.11 ephemeral resources and
// write-only attributes, 1.12 import by identity); it has no actions and no
// list resources up to 1.12.
var cliFeatureSince = map[cliFeature]struct{ terraform, opentofu *version.Version }{
	featureWriteOnly: {tfversion.Version1_11_0, tfversion.Version1_11_0},
	featureIdentity:  {tfversion.Version1_12_0, tfversion.Version1_12_0},
	featureActions:   {tfversion.Version1_14_0, nil},
	featureQuery:     {tfversion.Version1_14_0, nil},
}

var (
	cliIsOpenTofuOnce sync.Once
	cliIsOpenTofuVal  bool
)

// cliIsOpenTofu reports whether the CLI under test is OpenTofu: its
// `version` output has a line "OpenTofu v…" (Terraform's "Terraform v…"),
// first unless a warning about the CLI configuration comes before it.
func cliIsOpenTofu() bool {
	cliIsOpenTofuOnce.Do(func() {
		p := os.Getenv("TF_ACC_TERRAFORM_PATH")
		if p == "" {
			return
		}
		out, err := exec.Command(p, "version").Output()
		cliIsOpenTofuVal = err == nil && (strings.HasPrefix(string(out), "OpenTofu v") || strings.Contains(string(out), "\nOpenTofu v"))
	})
	return cliIsOpenTofuVal
}

// cliName is "OpenTofu" or "Terraform", for skip messages.
func cliName() string {
	if cliIsOpenTofu() {
		return "OpenTofu"
	}
	return "Terraform"
}

// cliHas reports whether a CLI of version v has feature f.
func cliHas(f cliFeature, v *version.Version) bool {
	since := cliFeatureSince[f].terraform
	if cliIsOpenTofu() {
		since = cliFeatureSince[f].opentofu
	}
	return since != nil && v.Core().GreaterThanOrEqual(since)
}

// cliSupports skips the test where the CLI lacks f.
func cliSupports(f cliFeature) tfversion.TerraformVersionCheck { return cliCheck{f, true} }

// cliLacks skips the test where the CLI has f (tests of the refusal on an
// older CLI).
func cliLacks(f cliFeature) tfversion.TerraformVersionCheck { return cliCheck{f, false} }

type cliCheck struct {
	f    cliFeature
	want bool
}

func (c cliCheck) CheckTerraformVersion(_ context.Context, req tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	if cliHas(c.f, req.TerraformVersion) == c.want {
		return
	}
	if c.want {
		resp.Skip = cliName() + " " + req.TerraformVersion.String() + " has no " + cliFeatureNames[c.f]
	} else {
		resp.Skip = cliName() + " " + req.TerraformVersion.String() + " supports " + cliFeatureNames[c.f]
	}
}
