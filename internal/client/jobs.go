package client

import (
	"sort"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/client/confd"
)

// Params are a job's parameters, as ConfD names them.
type Params = confd.Params

// result is a decoded ConfD envelope of a successful job (confd.Result).
type result = confd.Result

// relabel names the job rather than the XML-RPC method (job_exec, job_start)
// in errors, since the job is what the user can act on.
func relabel(err error, job string) error {
	if e, ok := err.(*Error); ok && strings.HasPrefix(e.Job, "job_") {
		e.Job = job
	}
	return err
}

func parseEnvelope(job string, v any) (*result, error) { return confd.ParseEnvelope(job, v) }

// secretParam reports whether a parameter or argument of this name holds a
// secret: passwords, tokens, cert_update's key, bucketfs_add's sync_key,
// uploadTlsFiles' private_key, the license (license_upload's license,
// licenseUpdate's license_data).
func secretParam(name string) bool {
	lk := strings.ToLower(name)
	return strings.Contains(lk, "password") || strings.Contains(lk, "token") || strings.Contains(lk, "secret") ||
		lk == "key" || lk == "license" || lk == "license_data" || strings.HasSuffix(lk, "_key")
}

// redact keeps secrets out of every log line.
func redact(p Params) map[string]any {
	if p == nil {
		return nil
	}
	out := make(map[string]any, len(p))
	for k, v := range p {
		if secretParam(k) {
			out[k] = "***"
			continue
		}
		if m, ok := v.(map[string]any); ok {
			v = redact(m) // general_settings' changes nest entries in sections
		}
		out[k] = v
	}
	return out
}

// sortedKeys is used where ConfD returns dicts keyed by id and callers want a stable order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
