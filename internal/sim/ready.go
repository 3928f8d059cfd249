package sim

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Ready is what a running simulator tells the tools that started it (the
// command's --ready-file). The JSON keys are a contract.
type Ready struct {
	Endpoints  []string `json:"endpoints"`
	Username   string   `json:"username"`
	Password   string   `json:"password"`
	CACertFile string   `json:"ca_cert_file"`
}

// Ready describes the running server.
func (s *Server) Ready() Ready {
	return Ready{Endpoints: s.Endpoints(), Username: s.Username(), Password: s.Password(), CACertFile: s.CACertFile()}
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
	} {
		fmt.Fprintf(&b, "export %s=%s\n", kv[0], shellQuote(kv[1]))
	}
	return writeFileAtomic(path, []byte(b.String()), 0o600)
}

// shellQuote single-quotes v for POSIX shells.
func shellQuote(v string) string {
	return "'" + strings.ReplaceAll(v, "'", `'\''`) + "'"
}
