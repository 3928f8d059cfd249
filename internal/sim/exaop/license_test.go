package exaop_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

const licXML = `<?xml version="1.0"?>
<license><customer>ACME</customer><license_type>Enterprise</license_type>
  <expiration_date>2030-12-31</expiration_date><raw_data_limit>5 TiB</raw_data_limit>
  <features><udf>yes</udf><backup>no</backup></features></license>`

// licenseUpdate keeps the license in the model ConfD reads (license_download,
// license_info),
// the three reads show its leaves over the defaults, a license ConfD took
// shows here too, and what is no XML or has the wrong arguments is refused.
func TestLicenseMethods(t *testing.T) {
	f := start(t, sim.Options{})
	same(t, "default limits", f.call("", "getLicenseLimits"), map[string]any{"raw_data_limit": "10 GiB", "dbram_limit": "unlimited"})
	same(t, "default features", f.call("", "getLicenseFeatures"), map[string]any{"expiration_date": "unlimited", "features": []any{}})
	f.call("", "licenseUpdate", licXML)
	same(t, "properties", f.call("", "getLicenseProperties"),
		map[string]any{"customer": "ACME", "license_type": "Enterprise", "valid": "true"})
	same(t, "features", f.call("", "getLicenseFeatures"),
		map[string]any{"expiration_date": "2030-12-31", "features": []any{"backup=no", "udf=yes"}})
	same(t, "limits", f.call("", "getLicenseLimits"), map[string]any{"raw_data_limit": "5 TiB", "dbram_limit": "unlimited"})
	env, err := f.s.Exec("license_download", nil)
	if err != nil || env["result_output"] != licXML {
		t.Fatalf("ConfD's license_download does not show the license licenseUpdate took: %v %v", env, err)
	}
	env, err = f.s.Exec("license_info", nil)
	if info, _ := env["result_output"].(map[string]any); err != nil || info["customer"] != "ACME" || info["expiration_date"] != "2030-12-31" {
		t.Fatalf("ConfD's license_info does not show the fields of the license licenseUpdate took: %v %v", env, err)
	}
	other := strings.Replace(licXML, "ACME", "Other", 1)
	if _, err := f.s.Exec("license_upload", map[string]any{"license": other}); err != nil {
		t.Fatal(err)
	}
	same(t, "after ConfD's upload", f.call("", "getLicenseProperties").(map[string]any)["customer"], "Other")

	for _, bad := range []string{"[License]\nSecret-Serial = 123\n", "<a><b></a>", "<a/><b/>", "", "text <a/>"} {
		if msg := f.fault("UsageError", "", "licenseUpdate", bad); strings.Contains(msg, "Secret-Serial") {
			t.Fatalf("the refusal quotes the license: %s", msg)
		}
	}
	f.fault("UsageError", "", "licenseUpdate")
	f.fault("UsageError", "", "licenseUpdate", licXML, "extra")
	f.fault("UsageError", "", "licenseUpdate", []any{licXML})
	f.fault("UsageError", "", "getLicenseLimits", "x")
	if f.s.Cluster().Snapshot().License != other {
		t.Fatal("a refused licenseUpdate changed the license")
	}
}

// pair makes a self-signed certificate and its key, as PEM.
func pair(t *testing.T) (cert, key string) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "cluster"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	kd, _ := x509.MarshalPKCS8PrivateKey(k)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kd}))
}

// uploadTlsFiles keeps the certificate in the model cert_update writes,
// ConfD's CA left, and refuses a key of another certificate, no PEM and
// wrong arguments.
func TestUploadTLSFiles(t *testing.T) {
	f := start(t, sim.Options{})
	cert, key := pair(t)
	_, otherKey := pair(t)
	if err := f.s.Cluster().SetCertificate("", "ca-from-confd"); err != nil {
		t.Fatal(err)
	}
	f.call("", "uploadTlsFiles", cert, key)
	if st := f.s.Cluster().Snapshot(); st.TLSCertChain != cert || st.TLSCA != "ca-from-confd" {
		t.Fatalf("model: chain kept %v, CA %q", st.TLSCertChain == cert, st.TLSCA)
	}
	for _, args := range [][]any{{cert, otherKey}, {"not PEM", key}, {cert, "not PEM"}, {cert}, {cert, key, "x"}, {cert, 1.5}} {
		msg := f.fault("UsageError", "", "uploadTlsFiles", args...)
		if strings.Contains(msg, "PRIVATE KEY") {
			t.Fatalf("the refusal quotes the key: %s", msg)
		}
	}
	if f.s.Cluster().Snapshot().TLSCertChain != cert {
		t.Fatal("a refused upload changed the certificate")
	}
}
