package acctest

import (
	"fmt"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// ProviderOption changes one setting of the provider block.
type ProviderOption func(*providerBlock)

// providerBlock is the provider block's settings in the order written; a
// value is an HCL expression.
type providerBlock struct {
	names  []string
	values map[string]string
	lines  []string
}

func (p *providerBlock) set(name, expr string) {
	if _, ok := p.values[name]; !ok {
		p.names = append(p.names, name)
	}
	p.values[name] = expr
}

// Provider is the provider block that reaches s: the interface under test,
// every endpoint of s, its credentials and its CA pinned by file, changed
// by opts.
func Provider(s *sim.Server, opts ...ProviderOption) string {
	p := &providerBlock{values: map[string]string{}}
	p.set("api", fmt.Sprintf("%q", API()))
	p.set("endpoints", List(s.Endpoints()...))
	p.set("username", fmt.Sprintf("%q", s.Username()))
	p.set("password", fmt.Sprintf("%q", s.Password()))
	p.set("ca_cert_file", fmt.Sprintf("%q", s.CACertFile()))
	for _, o := range opts {
		o(p)
	}
	var b strings.Builder
	b.WriteString("\nprovider \"exasol\" {\n")
	for _, n := range p.names {
		if v := p.values[n]; v != "" {
			fmt.Fprintf(&b, "  %s = %s\n", n, v)
		}
	}
	for _, l := range p.lines {
		fmt.Fprintf(&b, "  %s\n", l)
	}
	b.WriteString("}\n")
	return b.String()
}

// Set sets a provider setting to an HCL expression ("" leaves it out):
// Set("master_discovery", "false"), Set("password", "var.password").
func Set(name, expr string) ProviderOption { return func(p *providerBlock) { p.set(name, expr) } }

// Lines appends settings written out ("request_timeout = \"soon\""), for
// tests of bad or unusual settings.
func Lines(lines ...string) ProviderOption {
	return func(p *providerBlock) { p.lines = append(p.lines, lines...) }
}

// SetString sets a provider setting to a string.
func SetString(name, v string) ProviderOption { return Set(name, fmt.Sprintf("%q", v)) }

// Unset leaves a setting out.
func Unset(name string) ProviderOption { return Set(name, "") }

// WithAPI names the interface in the block; "" leaves `api` out (the
// provider's default).
func WithAPI(api string) ProviderOption {
	if api == "" {
		return Unset("api")
	}
	return SetString("api", api)
}

// Endpoints replaces the endpoints.
func Endpoints(eps ...string) ProviderOption { return Set("endpoints", List(eps...)) }

// CAFile pins the CA of the file path; CAPEM pins it inline instead.
func CAFile(path string) ProviderOption { return SetString("ca_cert_file", path) }

// CAPEM pins the CA given as PEM in ca_cert_pem (and drops ca_cert_file).
func CAPEM(pem string) ProviderOption {
	return func(p *providerBlock) { p.set("ca_cert_file", ""); p.set("ca_cert_pem", fmt.Sprintf("%q", pem)) }
}

// Credentials replaces the username and password.
func Credentials(user, password string) ProviderOption {
	return func(p *providerBlock) {
		p.set("username", fmt.Sprintf("%q", user))
		p.set("password", fmt.Sprintf("%q", password))
	}
}

// Timeouts sets request_timeout and failover_timeout ("" leaves one out).
func Timeouts(request, failover string) ProviderOption {
	return func(p *providerBlock) {
		if request != "" {
			p.set("request_timeout", fmt.Sprintf("%q", request))
		}
		if failover != "" {
			p.set("failover_timeout", fmt.Sprintf("%q", failover))
		}
	}
}

// SkipPreflight turns the preflight off.
func SkipPreflight() ProviderOption { return Set("skip_preflight", "true") }

// Alias names the block exasol.<name>.
func Alias(name string) ProviderOption {
	return func(p *providerBlock) {
		p.set("alias", fmt.Sprintf("%q", name))
		// the alias first, as Terraform's style writes it
		rest := []string{"alias"}
		for _, n := range p.names {
			if n != "alias" {
				rest = append(rest, n)
			}
		}
		p.names = rest
	}
}

// List writes strings as an HCL list.
func List(l ...string) string {
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
