package client_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// The license through EXAoperation: licenseUpdate uploads it (ConfD's
// license_download then shows it: one cluster), LicenseInfo merges the
// three reads, DownloadLicense is the table's refusal, and neither the
// license nor the key reaches the log.
func TestExaopLicense(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation))
	x, sink := newExaop(t, s)
	const lic = "<license><customer>Lic-Secret-Customer-9d</customer><expiration_date>2031-01-01</expiration_date>" +
		"<dbram_limit>2 TiB</dbram_limit></license>"
	if err := x.UploadLicense(ctx(t), lic); err != nil {
		t.Fatal(err)
	}
	if got := s.Cluster().Snapshot().License; got != lic {
		t.Fatalf("the cluster has license %q", got)
	}
	f, err := x.LicenseInfo(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{"customer": "Lic-Secret-Customer-9d", "expiration_date": "2031-01-01",
		"dbram_limit": "2 TiB", "raw_data_limit": "10 GiB", "features": ""} {
		if f[k] != want {
			t.Errorf("field %s = %q, want %q (%v)", k, f[k], want, f)
		}
	}
	var u *client.UnsupportedError
	if _, err := x.DownloadLicense(ctx(t)); !errors.As(err, &u) || !strings.Contains(err.Error(), "getLicenseProperties") {
		t.Fatalf("DownloadLicense: want the table's refusal, got %v", err)
	}
	err = x.UploadLicense(ctx(t), "[License]\nSerial = 1\n")
	var e *client.Error
	if !errors.As(err, &e) || !strings.Contains(err.Error(), "xml") {
		t.Fatalf("a license that is no XML: want EXAoperation's refusal, got %v", err)
	}

	cert, key := testPair(t)
	if err := x.UpdateCertificate(ctx(t), client.CertificateSpec{Chain: cert, Key: key}); err != nil {
		t.Fatal(err)
	}
	if s.Cluster().Snapshot().TLSCertChain != cert {
		t.Fatal("the certificate did not reach the cluster")
	}
	acctest.Log(s).Reset()
	yes := true
	for name, spec := range map[string]client.CertificateSpec{"ca": {Chain: cert, Key: key, CA: cert}, "verify_cert": {Chain: cert, Key: key, VerifyCert: &yes}} {
		if err := x.UpdateCertificate(ctx(t), spec); !errors.As(err, &u) || u.Field == "" {
			t.Errorf("%s: want the table's refusal of the field, got %v", name, err)
		}
	}
	if calls := acctest.Log(s).Calls(); len(calls) != 0 {
		t.Errorf("a refused setting was sent: %v", calls)
	}
	log := sink.all()
	if !strings.Contains(log, "uploadTlsFiles") || !strings.Contains(log, "licenseUpdate") {
		t.Fatalf("the log lacks the uploads, so it proves nothing:\n%s", log)
	}
	if strings.Contains(log, "Lic-Secret-Customer-9d") || strings.Contains(log, "PRIVATE KEY") || strings.Contains(log, "Serial = 1") {
		t.Fatalf("a secret reached the log:\n%s", log)
	}
}

// testPair is a self-signed certificate and its key, as PEM.
func testPair(t *testing.T) (cert, key string) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(3), Subject: pkix.Name{CommonName: "cluster"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	kd, _ := x509.MarshalPKCS8PrivateKey(k)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kd}))
}
