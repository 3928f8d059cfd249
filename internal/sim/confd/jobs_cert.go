package confd

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"strings"
)

// cert_update (https://docs.exasol.com/db/latest/confd/jobs/cert_update.htm):
// key and cert mandatory, ca and verify_cert optional. fact: the job
// "requires a certificate chain consisting of more than one certificate"
// (https://docs.exasol.com/db/latest/changelogs/21276.htm). guesses
// (guesses.go, certChecks): what else it checks.
func init() {
	register(&job{name: "cert_update", desc: "Upload a new TLS certificate for all databases, buckets and configuration APIs.",
		page: docPage("cert_update"), commits: true, mandatory: "key:str cert:str", optional: "ca:str verify_cert:bool",
		run: certUpdate})
}

func certUpdate(x *execution) (any, error) {
	chain, err := parseChain(x.p.str("cert"))
	if err != nil {
		return nil, err
	}
	if len(chain) < 2 {
		return nil, fmt.Errorf("the certificate chain must consist of more than one certificate, got %d", len(chain))
	}
	key, err := parseKey(x.p.str("key"))
	if err != nil {
		return nil, err
	}
	if !sameKey(chain[0].PublicKey, key) {
		return nil, fmt.Errorf("the private key does not belong to the first certificate of the chain")
	}
	if x.p.has("ca") && x.p.str("ca") != "" {
		if _, err := parseChain(x.p.str("ca")); err != nil {
			return nil, fmt.Errorf("ca: %w", err)
		}
	}
	return noOutput, x.c.SetCertificate(x.p.str("cert"), x.p.str("ca"))
}

func parseChain(s string) ([]*x509.Certificate, error) {
	var out []*x509.Certificate
	rest := []byte(strings.TrimSpace(s))
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		if b.Type != "CERTIFICATE" {
			return nil, fmt.Errorf("unexpected PEM block %q in the certificate chain", b.Type)
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("cannot parse a certificate of the chain: %v", err)
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no PEM certificate found")
	}
	return out, nil
}

func parseKey(s string) (crypto.PublicKey, error) {
	b, _ := pem.Decode([]byte(strings.TrimSpace(s)))
	if b == nil {
		return nil, fmt.Errorf("the key is no PEM private key")
	}
	var k any
	var err error
	switch b.Type {
	case "RSA PRIVATE KEY":
		k, err = x509.ParsePKCS1PrivateKey(b.Bytes)
	case "EC PRIVATE KEY":
		k, err = x509.ParseECPrivateKey(b.Bytes)
	default:
		k, err = x509.ParsePKCS8PrivateKey(b.Bytes)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot parse the private key: %v", err)
	}
	if s, ok := k.(crypto.Signer); ok {
		return s.Public(), nil
	}
	return nil, fmt.Errorf("unsupported private key type %T", k)
}

func sameKey(a, b crypto.PublicKey) bool {
	type equaler interface{ Equal(crypto.PublicKey) bool }
	switch k := a.(type) {
	case *rsa.PublicKey, *ecdsa.PublicKey, ed25519.PublicKey:
		return k.(equaler).Equal(b)
	}
	return false
}
