package provider

import (
	"fmt"
	"net"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// The bad-input table: one invalid configuration per row and the exact
// diagnostic it gets (summary and detail, however Terraform wraps them).
// Every row fails a plan (PlanOnly): values known at plan time are checked
// by validators, provider settings by Configure, and the connection by a
// data source read at plan time. Rows complement the per-resource bad-input
// tests (TestAccDatabase_badInput, TestAccStorageVolume_badInput,
// TestAccRemoteVolume_badInput, TestAccNode_badInput,
// TestAccBackupSchedule_badInput, TestAccProvider_configErrors), which
// check other values of the same kinds.

// badInput is one row: provider returns the provider block (nil: the usual
// one), body the resources or data sources, env the EXASOL_* variables set.
type badInput struct {
	name            string
	provider        func(*badEnv) string
	body            string
	env             func(*badEnv) map[string]string
	summary, detail string
}

// badEnv is what rows build on: the simulator, one whose CA is the wrong one,
// an endpoint that accepts connections but never answers, and two that
// refuse them.
type badEnv struct {
	s, other *sim.Server
	hanging  string
	closed   [2]string // endpoints that refuse connections
}

// Resource blocks that are valid as they stand; with changes one line.
const (
	badDB = `resource "exasol_database" "bad" {
  db_name          = "DB1"
  version          = "8.29.0"
  data_volume_name = "DataVolume1"
  mem_size         = "1 GiB"
  nodes            = [11]
  num_active_nodes = 1
}`
	badVolume = `resource "exasol_storage_volume" "bad" {
  name       = "V1"
  type       = "data"
  disk       = "disk1"
  size       = "1 GiB"
  nodes      = [11]
  redundancy = 1
}`
	badRemote = `resource "exasol_remote_volume" "bad" {
  remote_volume_name = "R1"
  vol_type           = "s3"
  url                = "https://backups.s3.eu-west-1.amazonaws.com"
}`
	badNode = `resource "exasol_node" "bad" {
  id       = 14
  priv_net = "10.10.10.14/24"
}`
	badSchedule = `resource "exasol_backup_schedule" "bad" {
  db_name            = "DB1"
  backup_name        = "nightly"
  backup_volume_name = "Backups"
  level              = 0
}`
)

// with sets attribute attr of a one-resource block to the HCL expression value.
func with(block, attr, value string) string {
	line := regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(attr) + ` +=.*$`)
	if line.MatchString(block) {
		return line.ReplaceAllLiteralString(block, "  "+attr+" = "+value)
	}
	return strings.TrimSuffix(block, "}") + "  " + attr + " = " + value + "\n}"
}

// badProvider is a provider block with the given endpoints ("": the
// simulator's) and lines, in which placeholders stand for values of the run
// (badEnv.fill).
func badProvider(endpoints string, lines ...string) func(*badEnv) string {
	return func(e *badEnv) string {
		eps := "[" + endpoints + "]"
		if endpoints == "" {
			eps = acctest.List(e.s.Endpoints()...)
		}
		return e.fill(fmt.Sprintf("provider \"exasol\" {\n  endpoints = %s\n  %s\n}\n", eps, strings.Join(lines, "\n  ")), true)
	}
}

// fill replaces {creds}, {ca_file}, {ca_pem}, {other_ca_pem}, {password},
// {hanging}, {closed} and {closed2} with the simulator's credentials, CA
// file and PEM, the wrong CA, the password, the hanging endpoint and the
// two refusing ones; quoted for HCL, or as they appear in messages.
func (e *badEnv) fill(s string, quote bool) string {
	q := func(v string) string {
		if quote {
			return fmt.Sprintf("%q", v)
		}
		return v
	}
	return strings.NewReplacer(
		"{creds}", fmt.Sprintf("username = %q\n  password = %q", e.s.Username(), e.s.Password()),
		"{ca_file}", q(e.s.CACertFile()),
		"{ca_pem}", q(string(e.s.CACertPEM())),
		"{other_ca_pem}", q(string(e.other.CACertPEM())),
		"{password}", q(e.s.Password()),
		"{hanging}", q(e.hanging),
		"{closed}", q(e.closed[0]),
		"{closed2}", q(e.closed[1]),
	).Replace(s)
}

// fixedEnv is an env of a row: variable names and values, alternating.
func fixedEnv(kv ...string) func(*badEnv) map[string]string {
	return func(*badEnv) map[string]string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
}

// badInputs is the table. The categories follow the issue: names, sizes,
// cron fields, expire strings, URLs, node ids, contradictory provider
// settings, unreachable endpoints, wrong credentials, wrong CA.
var badInputs = []badInput{
	// names
	{name: "names/database name too long", body: with(badDB, "db_name", `"D234567890123456789012345678901X"`),
		summary: "Invalid Attribute Value Match", detail: "Attribute db_name must be a valid database name: a letter followed by up to 30 letters, digits or underscores, got: D234567890123456789012345678901X"},
	{name: "names/storage volume name with a hyphen", body: with(badVolume, "name", `"Data-1"`),
		summary: "Invalid Attribute Value Match", detail: "Attribute name must be a valid storage volume name: a letter followed by up to 30 letters, digits or underscores, got: Data-1"},
	{name: "names/remote volume name with a blank", body: with(badRemote, "remote_volume_name", `"Remote Volume"`),
		summary: "Invalid Attribute Value Match", detail: "Attribute remote_volume_name must be a valid remote volume name: a letter followed by up to 30 letters, digits or underscores, got: Remote Volume"},
	{name: "names/node name with punctuation", body: with(badNode, "name", `"n14!"`),
		summary: "Invalid Attribute Value Match", detail: "Attribute name must be a valid node name: a letter followed by up to 30 letters, digits or underscores, got: n14!"},
	{name: "names/schedule name ending in a blank", body: with(badSchedule, "backup_name", `"nightly "`),
		summary: "Invalid Attribute Value Match", detail: "Attribute backup_name must not be empty or begin or end with blanks, got: nightly"},

	// sizes
	{name: "sizes/zero memory", body: with(badDB, "mem_size", `"0 GiB"`),
		summary: "Invalid size", detail: "The size must be greater than zero."},
	{name: "sizes/unit in lower case", body: with(badDB, "mem_size", `"4 gib"`),
		summary: "Invalid size", detail: `size "4 gib" has unit "gib": use one of B, KiB, MiB, GiB, TiB, spelled so (e.g. "4 GiB")`},
	{name: "sizes/negative", body: with(badVolume, "size", `"-1 GiB"`),
		summary: "Invalid size", detail: `size "-1 GiB": write a number and a unit, e.g. "4 GiB"`},
	{name: "sizes/fraction of a byte", body: with(badVolume, "size", `"1.3 B"`),
		summary: "Invalid size", detail: `size "1.3 B" is not a whole number of bytes`},
	{name: "sizes/too large", body: with(badVolume, "size", `"99999999999 TiB"`),
		summary: "Invalid size", detail: `size "99999999999 TiB" is too large`},
	{name: "sizes/block size without a unit", body: with(badVolume, "block_size", `"64"`),
		summary: "Invalid size", detail: `size "64" has no unit: use one of B, KiB, MiB, GiB, TiB (e.g. "4 GiB")`},

	// cron fields
	{name: "cron/weekday range over the week end", body: with(badSchedule, "weekday", `"mon-sun"`),
		summary: "Invalid weekday", detail: `"mon-sun" is not valid: the range "mon-sun" runs backwards. The value must be a cron weekday field: "*", a value 0-7, a range "a-b", a step "*/n" or "a-b/n", or a comma-separated list of these (days may also be named: "mon", "Monday", …; 0 and 7 are Sunday).`},
	{name: "cron/month by name", body: with(badSchedule, "month", `"jan"`),
		summary: "Invalid month", detail: `"jan" is not valid: "jan" is not a number. The value must be a cron month field: "*", a value 1-12, a range "a-b", a step "*/n" or "a-b/n", or a comma-separated list of these.`},
	{name: "cron/two dashes", body: with(badSchedule, "hour", `"1-2-3"`),
		summary: "Invalid hour", detail: `"1-2-3" is not valid: "2-3" is not a number.`},
	{name: "cron/step not a number", body: with(badSchedule, "minute", `"*/x"`),
		summary: "Invalid minute", detail: `"*/x" is not valid: the step "x" must be a whole number of at least 1.`},
	{name: "cron/day 32", body: with(badSchedule, "day", `"1,15,32"`),
		summary: "Invalid day", detail: `"1,15,32" is not valid: 32 is outside 1-31.`},

	// expire strings
	{name: "expire/blank inside a group", body: with(badSchedule, "expire", `"1 w"`),
		summary: "Invalid expire", detail: `"1 w" is not valid: the value must be one or more "<number><unit>" groups separated by spaces, with units m, w, d and h (ConfD's "#m #w #d #h"), e.g. "1w 3d".`},
	{name: "expire/leading blank", body: with(badSchedule, "expire", `" 1w"`),
		summary: "Invalid expire", detail: `" 1w" is not valid: the value must be one or more`},
	{name: "expire/bare seconds", body: with(badSchedule, "expire", `"3600"`),
		summary: "Invalid expire", detail: `"3600" is not valid: the value must be one or more`},
	{name: "expire/fraction", body: with(badSchedule, "expire", `"1.5d"`),
		summary: "Invalid expire", detail: `"1.5d" is not valid: the value must be one or more`},
	{name: "expire/longer than a duration holds", body: with(badSchedule, "expire", `"99999999999999999999d"`),
		summary: "Invalid expire", detail: `"99999999999999999999d" is too long: an expiry can be at most about 292 years. Omit expire for backups that never expire.`},

	// URLs and endpoints
	{name: "urls/remote volume URL with a blank", body: with(badRemote, "url", `"https://backups .s3.amazonaws.com"`),
		summary: "Invalid remote volume URL", detail: `"https://backups .s3.amazonaws.com" contains white space.`},
	{name: "urls/port out of range", body: with(with(badRemote, "vol_type", `"ftp"`), "url", `"ftp://backup.example.com:70000/exa"`),
		summary: "Invalid remote volume URL", detail: `"ftp://backup.example.com:70000/exa" has an invalid port "70000".`},
	{name: "urls/scheme of another vol_type", body: with(with(badRemote, "vol_type", `"smb"`), "url", `"https://files.example.com/share"`),
		summary: "Invalid remote volume URL", detail: `vol_type smb takes a URL with scheme smb, not "https".`},
	{name: "urls/password in the query of an ftp URL", body: with(with(badRemote, "vol_type", `"ftp"`), "url", `"ftp://backup.example.com/exa?password=Query-Secret-1"`),
		summary: "Invalid remote volume URL", detail: `ftp://… carries a secret in its query (password=…). Set username and password (or password_wo) instead, so that it stays out of logs and the plain-text state.`},
	{name: "urls/signature in the query of an https URL", body: with(badRemote, "url", `"https://backups.blob.core.windows.net/exa?sv=2022&sig=Query-Secret-2"`),
		summary: "Invalid remote volume URL", detail: `https://… carries a secret in its query (sig=…).`},
	{name: "urls/no host", body: with(with(badRemote, "vol_type", `"ftp"`), "url", `"ftp://"`),
		summary: "Invalid remote volume URL", detail: `"ftp://" names no host.`},
	{name: "urls/endpoint without host", provider: badProvider(`"https://"`, "{creds}"), body: listDBs,
		summary: "Invalid endpoint", detail: `endpoint "https://" has no host`},
	{name: "urls/endpoint with credentials", provider: badProvider(`"https://admin:Endpoint-Secret-3@10.0.0.1"`, `auth_token = "t"`), body: listDBs,
		summary: "Invalid endpoint", detail: `endpoint "https://admin:xxxxx@10.0.0.1" contains credentials: set username and password instead, so they stay out of logs and state`},
	{name: "urls/endpoint with credentials and a bad host", provider: badProvider(`"https://admin:Endpoint-Secret-4@[::1"`, `auth_token = "t"`), body: listDBs,
		summary: "Invalid endpoint", detail: `an endpoint is not a valid address: missing ']' in host`},
	{name: "urls/endpoint with credentials over http", provider: badProvider(`"http://admin:Endpoint-Secret-5@10.0.0.1"`, `auth_token = "t"`), body: listDBs,
		summary: "Invalid endpoint", detail: `endpoint "http://admin:xxxxx@10.0.0.1" contains credentials`},
	{name: "urls/no endpoints", provider: badProvider(" ", "{creds}"), body: listDBs,
		summary: "Invalid Attribute Value", detail: "Attribute endpoints list must contain at least 1 elements, got: 0"},

	// node ids
	{name: "node ids/reserved id in a database", body: with(badDB, "nodes", `[5]`),
		summary: "Invalid Attribute Value", detail: "Attribute nodes[0] value must be between 11 and 9999, got: 5"},
	{name: "node ids/reserved id in a storage volume", body: with(badVolume, "nodes", `[11, 10]`),
		summary: "Invalid Attribute Value", detail: "Attribute nodes[1] value must be between 11 and 9999, got: 10"},
	{name: "node ids/no nodes", body: with(badDB, "nodes", `[]`),
		summary: "Invalid Attribute Value", detail: "Attribute nodes list must contain at least 1 elements, got: 0"},
	{name: "node ids/fraction in a database", body: with(badDB, "nodes", `[11.5]`),
		summary: "Invalid node id", detail: "nodes[0] is 11.5: a node id is a whole number from 11 to 9999, e.g. 11."},
	{name: "node ids/fraction in a storage volume", body: with(badVolume, "nodes", `[11, 12.25]`),
		summary: "Invalid node id", detail: "nodes[1] is 12.25: a node id is a whole number from 11 to 9999, e.g. 11."},
	{name: "node ids/beyond 64 bits in a database", body: with(badDB, "nodes", `[99999999999999999999]`),
		summary: "Invalid node id", detail: "nodes[0] is 99999999999999999999: a node id is a whole number from 11 to 9999, e.g. 11."},
	{name: "node ids/largest integer", body: with(badNode, "id", `9223372036854775807`),
		summary: "Invalid Attribute Value", detail: "Attribute id value must be between 11 and 9999, got: 9223372036854775807"},
	{name: "node ids/node id 0", body: with(badNode, "id", `0`),
		summary: "Invalid Attribute Value", detail: "Attribute id value must be between 11 and 9999, got: 0"},
	{name: "node ids/network prefix too long", body: with(badNode, "priv_net", `"10.10.10.14/33"`),
		summary: "Invalid network address", detail: `"10.10.10.14/33" is not an address in CIDR notation, e.g. 10.10.10.14/24.`},
	{name: "node ids/node that does not exist", body: `data "exasol_node" "bad" {
  id = 42
}`, summary: "Cannot read node 42", detail: "node 42 does not exist"},

	// contradictory provider settings
	{name: "provider/auth_token and a password from the environment",
		provider: badProvider("", `auth_token = "t"`), env: fixedEnv("EXASOL_PASSWORD", "x", "EXASOL_USERNAME", "admin"), body: listDBs,
		summary: "Contradictory credentials", detail: "Both auth_token and username/password are set (in the provider block or EXASOL_* variables). Use one way of authenticating."},
	{name: "provider/insecure and an inline CA",
		provider: badProvider("", "{creds}", "insecure = true", "ca_cert_pem = {ca_pem}"), body: listDBs,
		summary: "Contradictory TLS settings", detail: "insecure = true turns certificate verification off, which makes the pinned CA pointless. Remove one of them."},
	{name: "provider/insecure in the environment and a CA file",
		provider: badProvider("", "{creds}", "ca_cert_file = {ca_file}"), env: fixedEnv("EXASOL_INSECURE", "true"), body: listDBs,
		summary: "Contradictory TLS settings", detail: "insecure = true turns certificate verification off, which makes the pinned CA pointless. Remove one of them."},
	{name: "provider/EXASOL_INSECURE not a boolean",
		provider: badProvider("", "{creds}"), env: fixedEnv("EXASOL_INSECURE", "yes"), body: listDBs,
		summary: "Invalid EXASOL_INSECURE", detail: `EXASOL_INSECURE must be true or false, not "yes".`},
	{name: "provider/username without password", provider: badProvider("", `username = "admin"`), body: listDBs,
		summary: "Missing credentials", detail: "Set username and password (or EXASOL_USERNAME and EXASOL_PASSWORD), or auth_token (EXASOL_AUTH_TOKEN)."},
	{name: "provider/CA file missing",
		provider: badProvider("", "{creds}", `ca_cert_file = "/nonexistent/exasol-ca.pem"`), body: listDBs,
		summary: "Cannot read the CA certificate", detail: "open /nonexistent/exasol-ca.pem: no such file or directory"},
	{name: "provider/CA file empty setting",
		provider: badProvider("", "{creds}", `ca_cert_file = ""`), body: listDBs,
		summary: "Empty CA setting", detail: "ca_cert_file is set but empty. Name the PEM file of the cluster's CA, or remove the setting to trust the system's CAs."},
	{name: "provider/CA PEM empty",
		provider: badProvider("", "{creds}", `ca_cert_pem = ""`), body: listDBs,
		summary: "Empty CA setting", detail: "ca_cert_pem is set but empty. Give the cluster's CA certificate in PEM, or remove the setting to trust the system's CAs."},
	{name: "provider/CA file endless",
		provider: badProvider("", "{creds}", `ca_cert_file = "/dev/zero"`), body: listDBs,
		summary: "Cannot read the CA certificate", detail: `"/dev/zero" is larger than 1024 KiB: it is not a CA certificate in PEM`},
	{name: "provider/negative request_timeout",
		provider: badProvider("", "{creds}", `request_timeout = "-5s"`), body: listDBs,
		summary: "Invalid duration", detail: `"-5s" is not a positive duration: write it like 30s, 2m or 1m30s`},
	{name: "provider/failover_timeout of a nanosecond",
		provider: badProvider("", "{creds}", `failover_timeout = "1ns"`), body: listDBs,
		summary: "Invalid duration", detail: `"1ns" is too short: a timeout must be at least 1s`},
	{name: "provider/request_timeout below a second from the environment",
		provider: badProvider("", "{creds}"), env: fixedEnv("EXASOL_REQUEST_TIMEOUT", "500ms"), body: listDBs,
		summary: "Invalid request_timeout", detail: `request_timeout (from EXASOL_REQUEST_TIMEOUT): "500ms" is too short: a timeout must be at least 1s`},
	{name: "provider/EXASOL_MASTER_DISCOVERY not a boolean",
		provider: badProvider("", "{creds}"), env: fixedEnv("EXASOL_MASTER_DISCOVERY", "off"), body: listDBs,
		summary: "Invalid EXASOL_MASTER_DISCOVERY", detail: `EXASOL_MASTER_DISCOVERY must be true or false, not "off".`},
	{name: "provider/CA not PEM",
		provider: badProvider("", "{creds}", `ca_cert_pem = "MIIBkTCB+wIJAL"`), body: listDBs,
		summary: "Invalid Exasol provider configuration", detail: `the CA certificate is not valid PEM: expected one or more "-----BEGIN CERTIFICATE-----" blocks`},

	// unreachable endpoints
	{name: "unreachable/every endpoint refuses",
		provider: badProvider("{closed}, {closed2}", "{creds}", `request_timeout = "1s"`, `failover_timeout = "1s"`), body: listDBs,
		summary: "Cannot list databases", detail: "master discovery: cannot reach {closed}, {closed2}: no endpoint named the master: {closed}: Get \"https://{closed}/master\": dial tcp {closed}: connect: connection refused; {closed2}:"},
	{name: "unreachable/default port refused",
		provider: badProvider(`"127.0.0.1"`, "{creds}", `request_timeout = "1s"`, `failover_timeout = "1s"`), body: listDBs,
		summary: "Cannot list databases", detail: "the endpoint was given without a port, so port 443 was tried: the cluster may serve ConfD on another port (the cluster setting XMLRPCPort, e.g. 20003); give it with the address as host:port"},
	{name: "unreachable/endpoint that never answers",
		provider: badProvider("{hanging}", "{creds}", `request_timeout = "1s"`, `failover_timeout = "1s"`), body: listDBs,
		summary: "Cannot list databases", detail: "no endpoint named the master"},

	// wrong credentials
	{name: "credentials/wrong user",
		provider: badProvider("", `username = "root"`, "password = {password}", "ca_cert_file = {ca_file}"), body: listDBs,
		summary: "Cannot list databases", detail: "rejected the credentials (HTTP 401); check username/password or auth_token"},

	// wrong CA
	{name: "tls/CA of another cluster",
		provider: badProvider("", "{creds}", "ca_cert_pem = {other_ca_pem}"), body: listDBs,
		summary: "Cannot list databases", detail: "the server's certificate is not signed by a trusted CA; pin the cluster's CA with ca_cert_file or ca_cert_pem"},
	{name: "tls/CA of another cluster from the environment",
		provider: badProvider("", "{creds}"), body: listDBs,
		env: func(e *badEnv) map[string]string {
			return map[string]string{"EXASOL_CA_CERT_FILE": e.other.CACertFile()}
		},
		summary: "Cannot list databases", detail: "the server's certificate is not signed by a trusted CA; pin the cluster's CA with ca_cert_file or ca_cert_pem"},
}

// hangingEndpoint accepts connections and never answers, like a node whose
// ConfD is stuck.
func hangingEndpoint(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var conns []net.Conn
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				close(done)
				return
			}
			conns = append(conns, c)
		}
	}()
	t.Cleanup(func() {
		_ = l.Close()
		<-done
		for _, c := range conns {
			_ = c.Close()
		}
	})
	return l.Addr().String()
}

// closedEndpoint is an address where nothing listens: it was free a moment ago.
func closedEndpoint(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}

func TestAccBadInput_table(t *testing.T) {
	e := &badEnv{s: acctest.Start(t), other: acctest.Start(t), hanging: hangingEndpoint(t),
		closed: [2]string{closedEndpoint(t), closedEndpoint(t)}}
	for _, c := range badInputs {
		t.Run(c.name, func(t *testing.T) {
			if c.env != nil {
				for k, v := range c.env(e) {
					t.Setenv(k, v)
				}
			}
			p := acctest.Provider(e.s)
			if c.provider != nil {
				p = c.provider(e)
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: p + c.body, PlanOnly: true, ExpectError: pfRE(c.summary, e.fill(c.detail, false)),
				}},
			})
		})
	}
	if jobs := acctest.Log(e.s).Changes(); len(jobs) != 0 {
		t.Errorf("plans with bad input sent jobs that change the cluster: %v", jobs)
	}
}
