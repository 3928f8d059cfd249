package provider

import (
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
	simcluster "github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// clusterSecrets is the part of TestAccSecrets_traceLogOfApplyAndDestroy
// of issue 22: the monitoring password of the cluster settings and a
// BucketFS service's sync key (ConfD only), the TLS certificate's key and
// the license (both interfaces). Each reaches the cluster (checks) and no
// TRACE log line.
type clusterSecrets struct {
	hcl                    string
	vars                   config.Variables
	secrets                []string
	applyJobs, destroyJobs []string
	checks                 []resource.TestCheckFunc
}

func clusterSecretsOf(t *testing.T, s *sim.Server) clusterSecrets {
	chain, key := tlsChain(t, "cluster-1", 90*24*time.Hour)
	license := testLicense("Tr4ce-Lic-0a91")
	both := certificateAndLicenseSecrets(s, chain, key, license)
	if acctest.API() != client.APIConfD {
		return both
	}
	const monitor, syncKey = "Tr4ce-Monitor-5e09a1", "U3luYy1LZXktU2VjcmV0LTk5"
	confd := clusterSecrets{
		hcl: `
variable "monitor_password" {
  type      = string
  sensitive = true
}
variable "sync_key" {
  type      = string
  sensitive = true
}
resource "exasol_cluster_settings" "c" {
  exa_monitor_user_name     = "monitor"
  exa_monitor_user_password = var.monitor_password
}

resource "exasol_bucketfs" "udfs" {
  bucketfs_name = "udfs"
  http_port     = 0
  https_port    = 2600
  owner         = [500, 500]
  sync_key      = var.sync_key
}
`,
		vars:        config.Variables{"monitor_password": config.StringVariable(monitor), "sync_key": config.StringVariable(syncKey)},
		secrets:     []string{monitor, syncKey},
		applyJobs:   []string{"general_settings", "settings_list", "bucketfs_add"},
		destroyJobs: []string{"bucketfs_delete"},
		checks: []resource.TestCheckFunc{
			simSetting(s, "Global.ExaMonitorUserPassword", monitor),
			simBucketFS(s, "udfs", func(b *simcluster.BucketFS) error {
				if b.SyncKey != syncKey {
					return fmt.Errorf("the service has sync key %q", b.SyncKey)
				}
				return nil
			}),
		},
	}
	confd.hcl += both.hcl
	maps.Copy(confd.vars, both.vars)
	confd.secrets = append(confd.secrets, both.secrets...)
	confd.applyJobs = append(confd.applyJobs, both.applyJobs...)
	confd.destroyJobs = append(confd.destroyJobs, both.destroyJobs...)
	confd.checks = append(confd.checks, both.checks...)
	return confd
}

// certificateAndLicenseSecrets is the part both interfaces serve: the TLS
// certificate's key (cert_update / uploadTlsFiles) and the license
// (license_upload / licenseUpdate; read back by license_download or, on
// EXAoperation, by its fields).
func certificateAndLicenseSecrets(s *sim.Server, chain, key, license string) clusterSecrets {
	apply, destroy := []string{"cert_update", "license_upload"}, []string{"license_download"}
	if acctest.API() == client.APIEXAoperation {
		apply, destroy = []string{"uploadTlsFiles", "licenseUpdate"}, []string{"getLicenseProperties"}
	}
	return clusterSecrets{
		hcl: `
variable "tls_chain" {
  type = string
}
variable "tls_key" {
  type      = string
  sensitive = true
}
variable "license_file" {
  type      = string
  sensitive = true
}

resource "exasol_tls_certificate" "cluster" {
  certificate = var.tls_chain
  private_key = var.tls_key
}

resource "exasol_license" "cluster" {
  license = var.license_file
}
`,
		vars: config.Variables{"tls_chain": config.StringVariable(chain), "tls_key": config.StringVariable(key),
			"license_file": config.StringVariable(license)},
		secrets:     []string{strings.Split(key, "\n")[1], "Tr4ce-Lic-0a91"},
		applyJobs:   apply,
		destroyJobs: destroy,
		checks: []resource.TestCheckFunc{func(*terraform.State) error {
			if st := s.Cluster().Snapshot(); st.TLSCertChain != chain || st.License != license {
				return fmt.Errorf("the cluster has another certificate chain or license")
			}
			return nil
		}},
	}
}
