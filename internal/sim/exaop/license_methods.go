package exaop

import (
	"maps"
	"slices"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// The license and the TLS certificate on the cluster object (NodeCluster
// in EXAoperation_XMLRPC.md, exasol/exaoperation-xmlrpc): licenseUpdate
// (license_data, "license data as xml-formatted string"),
// getLicenseFeatures ("list of current license features and expiration
// date"), getLicenseLimits, getLicenseProperties, and uploadTlsFiles(cert,
// private_key) ("The new certificate encoded as PEM", "The new private key
// encoded as PEM"; README.md "Upload certificate to license node"). Both
// keep their state in the model ConfD's license_upload / license_download
// and cert_update use, so that either face shows the other's upload. What
// the pages leave open is in guesses.go ("License and TLS certificate").
func init() {
	register(kindCluster, map[string]*method{
		"licenseUpdate": {sig: "license_data:str", change: true, help: "Check and update the license aggreenments.",
			run: licenseUpdate},
		"getLicenseFeatures": {help: "Get list of current license features and expiration date.",
			run: func(x *call) (any, error) { return licenseAnswer(x.st.License, licenseFeatures), nil }},
		"getLicenseLimits": {help: "Get list of current license limits.",
			run: func(x *call) (any, error) { return licenseAnswer(x.st.License, licenseLimits), nil }},
		"getLicenseProperties": {help: "Get current license properties",
			run: func(x *call) (any, error) { return licenseAnswer(x.st.License, licenseProperties), nil }},
		"uploadTlsFiles": {sig: "cert:str private_key:str", change: true,
			help: "Upload and update TLS files(cert & private key)", run: uploadTLSFiles},
	})
}

// licenseUpdate stores the license as sent, once it reads as XML. The
// refusal never quotes the license.
func licenseUpdate(x *call) (any, error) {
	data := x.str(0)
	if _, err := cluster.LicenseLeaves(data); err != nil {
		return nil, usage("licenseUpdate: the license data is no xml-formatted license: %v", err)
	}
	return done, x.s.c.SetLicense(data)
}

// licenseAnswer is one of the three reads: the defaults for group,
// overridden by the uploaded license's leaves of the group.
func licenseAnswer(license string, group int) map[string]any {
	out := map[string]any{}
	leaves, err := cluster.LicenseLeaves(license)
	if err != nil || license == "" {
		leaves = nil // the simulator's own license, or a file ConfD took that is no XML
	}
	values := maps.Clone(licenseDefaults)
	maps.Copy(values, leaves)
	var features []string
	for k, v := range values {
		if name, ok := strings.CutPrefix(k, cluster.LicenseFeatures+"/"); ok {
			if group == licenseFeatures {
				features = append(features, name+"="+v)
			}
			continue
		}
		if licenseGroup(k) == group {
			out[k] = v
		}
	}
	if group == licenseFeatures {
		slices.Sort(features)
		out[cluster.LicenseFeatures] = features
	}
	return out
}

// uploadTLSFiles checks the pair as cert_update does and stores the chain;
// the CA ConfD keeps (cert_update's ca) is left as it is.
func uploadTLSFiles(x *call) (any, error) {
	if err := checkTLSPair(x.str(0), x.str(1)); err != nil {
		return nil, usage("uploadTlsFiles: %v", err)
	}
	return done, x.s.c.SetCertificate(x.str(0), x.st.TLSCA)
}
