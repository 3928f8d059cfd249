package client

// The cluster's TLS certificate (ConfD: confd_tls_certificate.go;
// EXAoperation: exaop_tls_certificate.go).

// CertificateSpec is cert_update's parameters; an empty CA and a nil
// VerifyCert are not sent.
type CertificateSpec struct {
	Chain, Key, CA string
	VerifyCert     *bool
}
