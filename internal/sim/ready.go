package sim

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/exaop"
)

// Ready is what a running simulator tells the tools that started it (the
// command's --ready-file). The JSON keys are a contract.
type Ready struct {
	Endpoints  []string `json:"endpoints"`
	Username   string   `json:"username"`
	Password   string   `json:"password"`
	CACertFile string   `json:"ca_cert_file"`
	// API is the interface served ("confd" or "exaoperation") and URL where
	// a client starts: the first endpoint, and for EXAoperation its
	// /cluster1 object (https://127.0.0.1:PORT/cluster1).
	API string `json:"api"`
	URL string `json:"url"`
}

// Ready describes the running server.
func (s *Server) Ready() Ready {
	r := Ready{Endpoints: s.Endpoints(), Username: s.Username(), Password: s.Password(), CACertFile: s.CACertFile(),
		API: APIConfD, URL: s.Endpoints()[0]}
	if s.exaop != nil {
		r.API, r.URL = APIEXAoperation, r.URL+"/"+exaop.ClusterObject
	}
	return r
}

// WriteReadyFile writes Ready as JSON, atomically (temporary file and
// rename), so that a watcher never reads a half-written file.
func (s *Server) WriteReadyFile(path string) error {
	data, err := json.MarshalIndent(s.Ready(), "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(path, append(data, '\n'), 0o600)
}

// WriteEnvFile writes the provider's EXASOL_* variables as shell exports
// (`. file` then `terraform apply`), atomically like the ready file.
func (s *Server) WriteEnvFile(path string) error {
	r := s.Ready()
	var b strings.Builder
	for _, kv := range [][2]string{
		{"EXASOL_ENDPOINTS", strings.Join(r.Endpoints, ",")},
		{"EXASOL_USERNAME", r.Username},
		{"EXASOL_PASSWORD", r.Password},
		{"EXASOL_CA_CERT_FILE", r.CACertFile},
		{"EXASOL_API", r.API},
	} {
		fmt.Fprintf(&b, "export %s=%s\n", kv[0], shellQuote(kv[1]))
	}
	return writeFileAtomic(path, []byte(b.String()), 0o600)
}

// shellQuote single-quotes v for POSIX shells.
func shellQuote(v string) string {
	return "'" + strings.ReplaceAll(v, "'", `'\''`) + "'"
}
