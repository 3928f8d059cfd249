package provider

import (
	"fmt"
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
// that only ConfD serves (issue 22): the monitoring password of the cluster
// settings, a BucketFS service's sync key, the TLS certificate's key and
// the license. Each reaches the cluster (checks) and no TRACE log line.
type clusterSecrets struct {
	hcl                    string
	vars                   config.Variables
	secrets                []string
	applyJobs, destroyJobs []string
	checks                 []resource.TestCheckFunc
}

func clusterSecretsOf(t *testing.T, s *sim.Server) clusterSecrets {
	if acctest.API() != client.APIConfD {
		return clusterSecrets{vars: config.Variables{}}
	}
	const monitor, syncKey, license = "Tr4ce-Monitor-5e09a1", "U3luYy1LZXktU2VjcmV0LTk5", "[License]\nSerial = Tr4ce-Lic-0a91\n"
	chain, key := tlsChain(t, "cluster-1", 90*24*time.Hour)
	keyLine := strings.Split(key, "\n")[1]
	return clusterSecrets{
		hcl: `
variable "monitor_password" {
  type      = string
  sensitive = true
}
variable "sync_key" {
  type      = string
  sensitive = true
}
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

resource "exasol_tls_certificate" "cluster" {
  certificate = var.tls_chain
  private_key = var.tls_key
}

resource "exasol_license" "cluster" {
  license = var.license_file
}
`,
		vars: config.Variables{"monitor_password": config.StringVariable(monitor), "sync_key": config.StringVariable(syncKey),
			"tls_chain": config.StringVariable(chain), "tls_key": config.StringVariable(key), "license_file": config.StringVariable(license)},
		secrets:     []string{monitor, syncKey, keyLine, "Tr4ce-Lic-0a91"},
		applyJobs:   []string{"general_settings", "settings_list", "bucketfs_add", "cert_update", "license_upload"},
		destroyJobs: []string{"bucketfs_delete", "license_download"},
		checks: []resource.TestCheckFunc{
			simSetting(s, "Global.ExaMonitorUserPassword", monitor),
			simBucketFS(s, "udfs", func(b *simcluster.BucketFS) error {
				if b.SyncKey != syncKey {
					return fmt.Errorf("the service has sync key %q", b.SyncKey)
				}
				return nil
			}),
			func(*terraform.State) error {
				if st := s.Cluster().Snapshot(); st.TLSCertChain != chain || st.License != license {
					return fmt.Errorf("the cluster has another certificate chain or license")
				}
				return nil
			},
		},
	}
}
