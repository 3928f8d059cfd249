package sim

import "encoding/json"

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
