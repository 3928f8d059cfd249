package cluster

import "time"

// The cluster's TLS certificate (ConfD cert_update, issue 22): the chain
// "used for all databases, buckets and configuration APIs"
// (https://docs.exasol.com/db/latest/confd/jobs/cert_update.htm). The
// simulator keeps the chain and CA as sent; its own listeners keep serving
// the simulator's certificate (tls.go), so that clients pinned to the
// simulator's CA go on working. The key is checked, never kept.

// SetCertificate stores an uploaded chain and CA.
func (c *Cluster) SetCertificate(chain, ca string) error {
	return c.do(true, func(st *State, now time.Time) error {
		st.TLSCertChain, st.TLSCA = chain, ca
		return nil
	})
}

// SetLicense stores an uploaded license file.
func (c *Cluster) SetLicense(contents string) error {
	return c.do(true, func(st *State, now time.Time) error {
		if contents == "" {
			return invalid("the license must not be empty")
		}
		st.License = contents
		return nil
	})
}
