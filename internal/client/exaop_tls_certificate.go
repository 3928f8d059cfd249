package client

import "context"

// UpdateCertificate uploads the chain and its key with uploadTlsFiles
// (EXAoperation_XMLRPC.md, NodeCluster: cert and private_key in PEM). The
// method takes no CA and no verification setting: the capability table
// refuses both (capabilities.go). EXAoperation serves the new certificate
// after its next restart ("To use the new cert/key you have to restart
// ExaOperation"), which this client does not trigger: a restart moves
// EXAoperation and interrupts every caller.
func (x *EXAoperation) UpdateCertificate(ctx context.Context, s CertificateSpec) error {
	if s.CA != "" {
		return x.refuse(ObjectTLSCertificate, "CA")
	}
	if s.VerifyCert != nil {
		return x.refuse(ObjectTLSCertificate, "VerifyCert")
	}
	_, err := x.change(ctx, nil, "", "uploadTlsFiles", s.Chain, s.Key)
	return err
}
