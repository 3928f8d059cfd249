package confd

import (
	"fmt"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
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
	chain, err := cluster.ParseChain(x.p.str("cert"))
	if err != nil {
		return nil, err
	}
	if len(chain) < 2 {
		return nil, fmt.Errorf("the certificate chain must consist of more than one certificate, got %d", len(chain))
	}
	key, err := cluster.ParseKey(x.p.str("key"))
	if err != nil {
		return nil, err
	}
	if !cluster.SameKey(chain[0].PublicKey, key) {
		return nil, fmt.Errorf("the private key does not belong to the first certificate of the chain")
	}
	if x.p.has("ca") && x.p.str("ca") != "" {
		if _, err := cluster.ParseChain(x.p.str("ca")); err != nil {
			return nil, fmt.Errorf("ca: %w", err)
		}
	}
	return noOutput, x.c.SetCertificate(x.p.str("cert"), x.p.str("ca"))
}
