package provider

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// tlsChain makes a CA and a server certificate it signs, valid for
// validity: the chain (server, CA) and the server's key, in PEM.
func tlsChain(t *testing.T, cn string, validity time.Duration) (chain, key string) {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	leafKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	now := time.Now()
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"}, IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign, NotBefore: now.Add(-time.Hour), NotAfter: now.Add(validity + time.Hour)}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	leafTmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: cn}, DNSNames: []string{cn},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(validity).Truncate(time.Second)}
	leafDER, err := x509.CreateCertificate(rand.Reader, leafTmpl, caTmpl, &leafKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, _ := x509.MarshalPKCS8PrivateKey(leafKey)
	enc := func(typ string, b []byte) string { return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: b})) }
	return enc("CERTIFICATE", leafDER) + enc("CERTIFICATE", caDER), enc("PRIVATE KEY", keyDER)
}

func tlsVars(chain, key string) config.Variables {
	return config.Variables{"tls_chain": config.StringVariable(chain), "tls_key": config.StringVariable(key)}
}

// The example uploads a chain, a new chain is uploaded in place, the plan
// shows the expiry, the cluster's refusals name the job or method, and a
// destroy leaves the certificate (the key in no TRACE log line:
// TestAccSecrets_traceLogOfApplyAndDestroy); on either interface (ConfD's
// cert_update, EXAoperation's uploadTlsFiles).
func TestAccTLSCertificate_lifecycle(t *testing.T) {
	s := acctest.Start(t)
	upload := "cert_update"
	if acctest.API() == client.APIEXAoperation {
		upload = "uploadTlsFiles"
	}
	_, otherKey := tlsChain(t, "other", 90*24*time.Hour)
	chain1, key1 := tlsChain(t, "cluster-1", 90*24*time.Hour)
	chain2, key2 := tlsChain(t, "cluster-2", 10*24*time.Hour)
	cfg := acctest.Provider(s) + readExample(t, "resources/exasol_tls_certificate/resource.tf")
	const addr = "exasol_tls_certificate.cluster"
	simChain := func(want string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if s.Cluster().Snapshot().TLSCertChain != want {
				return fmt.Errorf("the cluster has another chain")
			}
			return nil
		}
	}
	leaf1 := chain1[:strings.Index(chain1, "-----END CERTIFICATE-----")+len("-----END CERTIFICATE-----\n")]
	steps := []resource.TestStep{
		{
			Config: cfg, ConfigVariables: tlsVars(chain1, key1),
			Check: resource.ComposeTestCheckFunc(
				simChain(chain1),
				resource.TestCheckResourceAttr(addr, "subject", "CN=cluster-1"),
				resource.TestMatchResourceAttr(addr, "not_after", regexp.MustCompile(`^\d{4}-\d\d-\d\dT`)),
				resource.TestMatchResourceAttr(addr, "fingerprint_sha256", regexp.MustCompile(`^[0-9a-f]{64}$`)),
			),
		},
		{ // a new chain, in place; the plan shows its subject; it ends within 30 days: a refresh warns
			Config: cfg, ConfigVariables: tlsVars(chain2, key2),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(addr, tfjsonpath.New("subject"), knownvalue.StringExact("CN=cluster-2")),
			}},
			Check: resource.ComposeTestCheckFunc(simChain(chain2), resource.TestCheckResourceAttr(addr, "subject", "CN=cluster-2")),
		},
		{ // the key of another certificate: the cluster refuses, naming why
			Config: cfg, ConfigVariables: tlsVars(chain1, otherKey),
			ExpectError: regexp.MustCompile(`(?s)Cannot upload the TLS certificate.*` + upload + `.*does not\s+belong`),
		},
		{ // not PEM: refused at plan time
			Config: cfg, ConfigVariables: tlsVars("garbage", key1), PlanOnly: true,
			ExpectError: regexp.MustCompile(`(?s)Invalid certificate.*no PEM certificate`),
		},
	}
	if acctest.API() == client.APIConfD {
		steps = append(steps, resource.TestStep{ // Exasol 8: one certificate alone is refused, naming why
			Config: cfg, ConfigVariables: tlsVars(leaf1, key1),
			ExpectError: regexp.MustCompile(`(?s)Cannot upload the TLS certificate.*cert_update.*more than one\s+certificate`),
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
		CheckDestroy:             simChain(chain2),
	})
}

// A refresh warns of a certificate that ends within 30 days.
func TestTLSCertificate_expiryWarning(t *testing.T) {
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	for notAfter, want := range map[string]string{
		"2027-03-01T00:00:00Z": "",
		"2027-01-11T00:00:00Z": "in 10 days",
		"2026-12-31T00:00:00Z": "expired",
	} {
		msg, ok := expiryDiagnostic(notAfter, now)
		if ok != (want != "") || !strings.Contains(msg, want) {
			t.Errorf("%s: %q, %v; want %q", notAfter, msg, ok, want)
		}
	}
}

// On EXAoperation the plan refuses ca and verify_cert, naming the
// interface and uploadTlsFiles, which takes neither; nothing is sent.
func TestAccTLSCertificate_caRefusedOnEXAoperation(t *testing.T) {
	s := acctest.Start(t, func(o *sim.Options) { o.API = sim.APIEXAoperation })
	chain, key := tlsChain(t, "cluster", 90*24*time.Hour)
	p := acctest.Provider(s, acctest.SetString("api", "exaoperation"))
	res := func(extra string) string {
		return p + `
resource "exasol_tls_certificate" "cluster" {
  certificate = var.tls_chain
  private_key = var.tls_key
  ` + extra + `
}
variable "tls_chain" { type = string }
variable "tls_key" {
  type      = string
  sensitive = true
}
`
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: res("ca = var.tls_chain"), ConfigVariables: tlsVars(chain, key), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)ca is not supported by EXAoperation.*uploadTlsFiles`)},
			{Config: res("verify_cert = true"), ConfigVariables: tlsVars(chain, key), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)verify_cert is not supported by EXAoperation.*uploadTlsFiles`)},
		},
		CheckDestroy: func(*terraform.State) error {
			if s.Cluster().Snapshot().TLSCertChain != "" {
				return fmt.Errorf("a refused certificate reached the cluster")
			}
			return nil
		},
	})
}
