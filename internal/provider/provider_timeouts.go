package provider

import (
	"cmp"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// The provider block's timeouts for management failover: request_timeout
// bounds one request (a hanging master is noticed after it), failover_timeout
// bounds the search for a new master. Both are Go durations ("30s", "5m").

// minTimeout: a request or a search for the master cannot complete in less
// than a second, so a shorter timeout would only be blamed on the network.
const minTimeout = time.Second

func parsePositiveDuration(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s is not a positive duration: write it like 30s, 2m or 1m30s", strconv.Quote(s))
	}
	if d < minTimeout {
		return 0, fmt.Errorf("%s is too short: a timeout must be at least %s (write it like 30s, 2m or 1m30s)", strconv.Quote(s), minTimeout)
	}
	return d, nil
}

// failoverTimeouts reads request_timeout and failover_timeout from the block
// or EXASOL_REQUEST_TIMEOUT / EXASOL_FAILOVER_TIMEOUT; 0 leaves the client's default.
func failoverTimeouts(m providerModel, diags *diag.Diagnostics) (request, failover time.Duration) {
	read := func(attr string, v types.String, env string) time.Duration {
		s := stringOr(v, os.Getenv(env))
		if s == "" {
			return 0
		}
		d, err := parsePositiveDuration(s)
		if err != nil {
			diags.AddAttributeError(path.Root(attr), "Invalid "+attr, fmt.Sprintf("%s (from %s): %v", attr, sourceOf(v, env), err))
		}
		return d
	}
	request = read("request_timeout", m.RequestTimeout, "EXASOL_REQUEST_TIMEOUT")
	failover = read("failover_timeout", m.FailoverTimeout, "EXASOL_FAILOVER_TIMEOUT")
	effRequest, effFailover := cmp.Or(request, client.DefaultRequestTimeout), cmp.Or(failover, client.DefaultFailoverTimeout)
	if effFailover < effRequest {
		diags.AddAttributeError(path.Root("failover_timeout"), "failover_timeout is shorter than request_timeout",
			fmt.Sprintf("failover_timeout (%s) must be at least request_timeout (%s): a master that hangs is only given up after request_timeout, "+
				"so a shorter failover_timeout leaves no time to find the new master.", effFailover, effRequest))
	}
	return request, failover
}

func sourceOf(v types.String, env string) string {
	if v.IsNull() {
		return env
	}
	return "the provider block"
}

// durationValidator checks a duration at plan time.
var durationValidator = stringCheck{desc: "a duration of at least 1s such as 30s, 2m or 1m30s", problem: func(s string) (string, string) {
	if _, err := parsePositiveDuration(s); err != nil {
		return "Invalid duration", err.Error()
	}
	return "", ""
}}
