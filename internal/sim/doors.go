package sim

import (
	"bytes"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// A door is one HTTPS listener. Without Options.NodeAddresses there is one,
// node 0, which answers for whichever node is the master (a virtual IP that
// moves). With it every node has its own door, bound to its id; a door
// whose node is not the master redirects job calls to the master's door.
//
// A door can fail (FailMaster): it then refuses connections or hangs, and
// later comes back with a new server on the same address.
type door struct {
	node    int    // node id; 0 = follows the master
	addr    string // where it listens, to listen again after a failure
	url     string
	host    string // what GET /master answers when this door is the master's
	handler http.Handler

	// gate orders a failure against answers: an answer is written under
	// the read lock, the failure is set under the write lock, so every job
	// is either answered or marked lost in the job log, never both.
	gate sync.RWMutex
	srv  *http.Server
	down bool          // failed: refusing connections or hanging
	hang bool          // how it failed
	back chan struct{} // closed when the door comes back (releases hung requests)
}

// maxLoopbackNodes bounds the 127.0.0.x plan (127.0.0.1 … 127.0.0.254).
const maxLoopbackNodes = 254

// openDoors opens the listeners: one that follows the master, or one per
// node when NodeAddresses is set.
func (s *Server) openDoors() error {
	if !s.opts.NodeAddresses {
		ln, err := net.Listen("tcp", s.opts.Listen)
		if err != nil {
			return err
		}
		s.addDoor(0, ln, false)
		return nil
	}
	ids := []int{}
	for _, n := range s.cluster.Snapshot().Nodes {
		ids = append(ids, n.ID)
	}
	host, port, _ := net.SplitHostPort(s.opts.Listen)
	if host == "127.0.0.1" && len(ids) <= maxLoopbackNodes {
		// One port on 127.0.0.1, .2, …: like a real cluster, where every
		// node serves ConfD on port 443 of its own address. A port free on
		// 127.0.0.1 may be taken on another address: pick again a few times.
		for try := 0; try < 5; try++ {
			lns, err := listenLoopback(port, len(ids))
			if err == nil {
				for i, ln := range lns {
					s.addDoor(ids[i], ln, false)
				}
				return nil
			}
			if port != "0" {
				break
			}
		}
	}
	// guess (simulator only): where distinct addresses are not available
	// (macOS has only 127.0.0.1), nodes share the host on different ports
	// and GET /master answers "host:port", which the client accepts.
	for i, id := range ids {
		addr := s.opts.Listen
		if i > 0 {
			addr = net.JoinHostPort(host, "0")
		}
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			s.closeListeners()
			return err
		}
		s.addDoor(id, ln, true)
	}
	return nil
}

// listenLoopback listens on 127.0.0.1:port and then on 127.0.0.2 … with the
// port the first listener got.
func listenLoopback(port string, n int) ([]net.Listener, error) {
	var lns []net.Listener
	for i := 0; i < n; i++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(fmt.Sprintf("127.0.0.%d", i+1), port))
		if err != nil {
			for _, l := range lns {
				_ = l.Close()
			}
			return nil, err
		}
		if i == 0 {
			port = strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
		}
		lns = append(lns, ln)
	}
	return lns, nil
}

// loopbackHosts are the addresses the certificate must name for n nodes.
func loopbackHosts(n int) []string {
	var out []string
	for i := 1; i <= min(n, maxLoopbackNodes); i++ {
		out = append(out, fmt.Sprintf("127.0.0.%d", i))
	}
	return out
}

func (s *Server) addDoor(node int, ln net.Listener, withPort bool) {
	tcp := ln.Addr().(*net.TCPAddr)
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	hp := net.JoinHostPort(host, strconv.Itoa(tcp.Port))
	d := &door{node: node, addr: ln.Addr().String(), url: "https://" + hp, host: host}
	if withPort {
		d.host = hp
	}
	d.handler = s.handler(d)
	s.doors = append(s.doors, d)
	d.serve(ln, s.certs.server)
}

func (d *door) serve(ln net.Listener, cert tls.Certificate) {
	srv := &http.Server{
		Handler:           d.handler,
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          quietLog(),
	}
	d.srv = srv
	go func() { _ = srv.ServeTLS(ln, "", "") }()
}

func (s *Server) closeListeners() {
	for _, d := range s.doors {
		_ = d.srv.Close()
	}
	s.doors = nil
}

// state reports whether the door is down, how, and what ends a hang.
func (d *door) state() (down, hang bool, back chan struct{}) {
	d.gate.RLock()
	defer d.gate.RUnlock()
	return d.down, d.hang, d.back
}

// fail takes the door down (false if it is down already). A refusing door closes its listener and every
// connection; a hanging one keeps accepting and never answers.
func (d *door) fail(hang bool) bool {
	d.gate.Lock()
	if d.down {
		d.gate.Unlock()
		return false
	}
	d.down, d.hang, d.back = true, hang, make(chan struct{})
	srv := d.srv
	d.gate.Unlock()
	if !hang {
		_ = srv.Close()
	}
	return true
}

// revive brings the door back on its address with a new server.
func (d *door) revive(cert tls.Certificate) error {
	d.gate.Lock()
	defer d.gate.Unlock()
	if !d.down {
		return nil
	}
	if !d.hang {
		ln, err := net.Listen("tcp", d.addr)
		if err != nil {
			return fmt.Errorf("node %d cannot listen on %s again: %w", d.node, d.addr, err)
		}
		d.serve(ln, cert)
	}
	d.down, d.hang = false, false
	close(d.back)
	return nil
}

// shutdown stops the door for good.
func (d *door) shutdown(stop func(*http.Server) error) error {
	d.gate.Lock()
	srv, closed := d.srv, d.down && !d.hang
	if d.down {
		close(d.back)
		d.down = false
	}
	d.gate.Unlock()
	if closed {
		return nil // its server was closed when it failed
	}
	if err := stop(srv); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// bufferedResponse holds an answer until the door has decided whether it
// is still up to send it.
type bufferedResponse struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header         { return b.header }
func (b *bufferedResponse) Write(p []byte) (int, error) { return b.body.Write(p) }
func (b *bufferedResponse) WriteHeader(code int) {
	if b.code == 0 {
		b.code = code
	}
}

func (b *bufferedResponse) sendTo(w http.ResponseWriter) {
	for k, v := range b.header {
		w.Header()[k] = v
	}
	if b.code == 0 {
		b.code = http.StatusOK
	}
	w.WriteHeader(b.code)
	_, _ = w.Write(b.body.Bytes())
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
}
