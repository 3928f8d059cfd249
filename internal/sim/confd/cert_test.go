package confd

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"
)

// testChain makes a CA and a leaf it signs: the leaf's chain (leaf, CA),
// the leaf's key, and the CA alone, as PEM.
func testChain() (chain, key, ca string) {
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	leafKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"}, IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour)}
	caDER, _ := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	leafTmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "cluster"}, DNSNames: []string{"cluster"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(12 * time.Hour)}
	leafDER, _ := x509.CreateCertificate(rand.Reader, leafTmpl, caTmpl, &leafKey.PublicKey, caKey)
	keyDER, _ := x509.MarshalPKCS8PrivateKey(leafKey)
	enc := func(t string, b []byte) string { return string(pem.EncodeToMemory(&pem.Block{Type: t, Bytes: b})) }
	return enc("CERTIFICATE", leafDER) + enc("CERTIFICATE", caDER), enc("PRIVATE KEY", keyDER), enc("CERTIFICATE", caDER)
}

func init() {
	chain, key, ca := testChain()
	_, otherKey, _ := testChain()
	leaf := chain[:strings.Index(chain, "-----END CERTIFICATE-----")+len("-----END CERTIFICATE-----\n")]
	examples = append(examples,
		example{"cert_update", map[string]any{"key": key, "cert": chain}, true},
		example{"cert_update", map[string]any{"key": key, "cert": chain, "ca": ca, "verify_cert": true}, true},
		example{"cert_update", map[string]any{"key": key, "cert": leaf}, false},       // one certificate only
		example{"cert_update", map[string]any{"key": otherKey, "cert": chain}, false}, // another certificate's key
		example{"cert_update", map[string]any{"key": key, "cert": "not PEM"}, false},
		example{"license_upload", map[string]any{"license": "[License]\nLicenseType = Enterprise\n"}, true},
		example{"license_upload", map[string]any{"license": ""}, false},
		example{"license_download", nil, true},
	)
}

// cert_update keeps the chain and CA, checks the key, and refuses a chain
// of one certificate with the changelog's reason.
func TestCertUpdate(t *testing.T) {
	s := fixture(t, Release8)
	chain, key, ca := testChain()
	if env := call(t, s, "cert_update", map[string]any{"key": key, "cert": chain, "ca": ca}); env["result_code"] != int64(okCode) {
		t.Fatalf("cert_update: %v", env["result_desc"])
	}
	if st := s.c.Snapshot(); st.TLSCertChain != chain || st.TLSCA != ca {
		t.Fatal("the chain was not kept")
	}
	leaf := chain[:strings.Index(chain, "-----END CERTIFICATE-----")+len("-----END CERTIFICATE-----\n")]
	env := call(t, s, "cert_update", map[string]any{"key": key, "cert": leaf})
	if !strings.Contains(fmt.Sprint(env["result_desc"]), "more than one certificate") {
		t.Fatalf("a one-certificate chain: %v", env["result_desc"])
	}
}
