package acctest

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// ProviderOption changes one setting of the provider block.
type ProviderOption func(*providerBlock)

// providerBlock is the provider block's settings in the order written. A
// value is a string, []string, bool or Expr (see Value); nil leaves the
// setting out.
type providerBlock struct {
	names  []string
	values map[string]any
	lines  []string // written out verbatim (HCL only)
}

func (p *providerBlock) set(name string, v any) {
	if _, ok := p.values[name]; !ok {
		p.names = append(p.names, name)
	}
	p.values[name] = v
}

// settings are the provider settings that reach s: the interface under
// test, every endpoint of s, its credentials and its CA pinned by file,
// changed by opts.
func settings(s *sim.Server, opts []ProviderOption) *providerBlock {
	p := &providerBlock{values: map[string]any{}}
	p.set("api", API())
	p.set("endpoints", s.Endpoints())
	p.set("username", s.Username())
	p.set("password", s.Password())
	p.set("ca_cert_file", s.CACertFile())
	for _, o := range opts {
		o(p)
	}
	return p
}

// Provider is the provider block that reaches s: the interface under test,
// every endpoint of s, its credentials and its CA pinned by file, changed
// by opts.
func Provider(s *sim.Server, opts ...ProviderOption) string {
	p := settings(s, opts)
	var b strings.Builder
	b.WriteString("\nprovider \"exasol\" {\n")
	for _, n := range p.names {
		if v := p.values[n]; v != nil {
			fmt.Fprintf(&b, "  %s = %s\n", n, Value(v))
		}
	}
	for _, l := range p.lines {
		fmt.Fprintf(&b, "  %s\n", l)
	}
	b.WriteString("}\n")
	return b.String()
}

// ProviderValues are the same settings as Provider's, as the protocol
// values of a provider configuration (for tests that drive the provider
// server directly). Expr and Lines have no protocol form.
func ProviderValues(s *sim.Server, opts ...ProviderOption) map[string]tftypes.Value {
	p := settings(s, opts)
	if len(p.lines) > 0 {
		panic("acctest: Lines has no protocol form")
	}
	out := map[string]tftypes.Value{}
	for _, n := range p.names {
		switch v := p.values[n].(type) {
		case nil:
		case string:
			out[n] = tftypes.NewValue(tftypes.String, v)
		case bool:
			out[n] = tftypes.NewValue(tftypes.Bool, v)
		case []string:
			l := []tftypes.Value{}
			for _, e := range v {
				l = append(l, tftypes.NewValue(tftypes.String, e))
			}
			out[n] = tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, l)
		default:
			panic(fmt.Sprintf("acctest: setting %s = %v has no protocol form", n, v))
		}
	}
	return out
}

// Set sets a provider setting to an HCL expression ("" leaves it out):
// Set("master_discovery", "false"), Set("password", "var.password").
func Set(name, expr string) ProviderOption {
	if expr == "" {
		return Unset(name)
	}
	return func(p *providerBlock) { p.set(name, Expr(expr)) }
}

// SetString sets a provider setting to a string.
func SetString(name, v string) ProviderOption { return func(p *providerBlock) { p.set(name, v) } }

// SetBool sets a provider setting to a bool.
func SetBool(name string, v bool) ProviderOption { return func(p *providerBlock) { p.set(name, v) } }

// Unset leaves a setting out.
func Unset(name string) ProviderOption { return func(p *providerBlock) { p.set(name, nil) } }

// Lines appends settings written out ("request_timeout = \"soon\""), for
// tests of bad or unusual settings (HCL only).
func Lines(lines ...string) ProviderOption {
	return func(p *providerBlock) { p.lines = append(p.lines, lines...) }
}

// WithAPI names the interface in the block; "" leaves `api` out (the
// provider then detects it).
func WithAPI(api string) ProviderOption {
	if api == "" {
		return Unset("api")
	}
	return SetString("api", api)
}

// Endpoints replaces the endpoints.
func Endpoints(eps ...string) ProviderOption {
	return func(p *providerBlock) { p.set("endpoints", eps) }
}

// CAFile pins the CA of the file path.
func CAFile(path string) ProviderOption { return SetString("ca_cert_file", path) }

// CAPEM pins the CA given as PEM in ca_cert_pem (and drops ca_cert_file).
func CAPEM(pem string) ProviderOption {
	return func(p *providerBlock) { p.set("ca_cert_file", nil); p.set("ca_cert_pem", pem) }
}

// Credentials replaces the username and password.
func Credentials(user, password string) ProviderOption {
	return func(p *providerBlock) { p.set("username", user); p.set("password", password) }
}

// Timeouts sets request_timeout and failover_timeout ("" leaves one out).
func Timeouts(request, failover string) ProviderOption {
	return func(p *providerBlock) {
		if request != "" {
			p.set("request_timeout", request)
		}
		if failover != "" {
			p.set("failover_timeout", failover)
		}
	}
}

// SkipPreflight turns the preflight off.
func SkipPreflight() ProviderOption { return SetBool("skip_preflight", true) }

// Alias names the block exasol.<name>.
func Alias(name string) ProviderOption {
	return func(p *providerBlock) {
		p.set("alias", name)
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
