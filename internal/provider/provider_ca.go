package provider

import (
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// maxCACertSize bounds the read of ca_cert_file: a CA bundle is a few
// hundred KiB at most, and a path such as /dev/zero must fail at once
// rather than fill the plugin's memory.
const maxCACertSize = 1 << 20

// caCert reads the pinned CA from ca_cert_file or ca_cert_pem (or their
// EXASOL_* variables). A setting that is present but empty is refused: an
// empty pin would silently mean "trust the system roots".
func caCert(m providerModel, diags *diag.Diagnostics) []byte {
	file, fileSet := setting(m.CACertFile, "EXASOL_CA_CERT_FILE")
	pem, pemSet := setting(m.CACertPEM, "EXASOL_CA_CERT_PEM")
	switch {
	case fileSet && pemSet:
		diags.AddAttributeError(path.Root("ca_cert_pem"), "Contradictory CA settings",
			"Both ca_cert_file and ca_cert_pem (or their EXASOL_* variables) are set. Set one of them.")
	case fileSet && file == "":
		diags.AddAttributeError(path.Root("ca_cert_file"), "Empty CA setting",
			"ca_cert_file is set but empty. Name the PEM file of the cluster's CA, or remove the setting to trust the system's CAs.")
	case pemSet && pem == "":
		diags.AddAttributeError(path.Root("ca_cert_pem"), "Empty CA setting",
			"ca_cert_pem is set but empty. Give the cluster's CA certificate in PEM, or remove the setting to trust the system's CAs.")
	case fileSet:
		b, err := readBounded(file, maxCACertSize)
		if err != nil {
			diags.AddAttributeError(path.Root("ca_cert_file"), "Cannot read the CA certificate", err.Error())
			return nil
		}
		if len(b) == 0 {
			diags.AddAttributeError(path.Root("ca_cert_file"), "Empty CA setting",
				fmt.Sprintf("The CA file %s is empty. It must hold the cluster's CA certificate in PEM.", strconv.Quote(file)))
			return nil
		}
		return b
	case pemSet:
		return []byte(pem)
	}
	return nil
}

// setting is a string from the provider block, else from the environment;
// set says that either holds it. An empty value in the block counts (and is
// refused); an empty variable is taken as unset, as shells and CI systems
// leave variables empty to unset them.
func setting(v types.String, env string) (value string, set bool) {
	if !v.IsNull() && !v.IsUnknown() {
		return v.ValueString(), true
	}
	s := os.Getenv(env)
	return s, s != ""
}

// readBounded reads at most limit bytes of a file and fails on more.
func readBounded(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s is larger than %d KiB: it is not a CA certificate in PEM", strconv.Quote(name), limit>>10)
	}
	return b, nil
}

// boolSetting is a boolean from the provider block, else from the
// environment, else def.
func boolSetting(v types.Bool, env string, def bool, diags *diag.Diagnostics) bool {
	if !v.IsNull() && !v.IsUnknown() {
		return v.ValueBool()
	}
	s, ok := os.LookupEnv(env)
	if !ok || s == "" {
		return def
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		diags.AddError("Invalid "+env, env+" must be true or false, not "+strconv.Quote(s)+".")
		return def
	}
	return b
}
