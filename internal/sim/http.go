package sim

import (
	"context"
	"crypto/subtle"
	"io"
	"log"
	"net/http"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

type userKey struct{}

// handler serves one door: GET /master without authentication, XML-RPC on
// "/" and "/rpc2" with it. A failed door refuses or hangs (stopIfDown); an
// answer is only sent while the door is up, else the job it belongs to is
// marked lost in the job log (answer).
func (s *Server) handler(d *door) http.Handler {
	if s.exaop != nil {
		return s.withLatency(s.withFaults(d, s.exaopHandler()))
	}
	xmlrpc := rpc.Handler(func(ctx context.Context, method string, params []any) (any, error) {
		user, _ := ctx.Value(userKey{}).(string)
		call, _ := ctx.Value(callKey{}).(*inflight)
		if o := s.strike(d, method, params); o != nil {
			return s.strikeCall(ctx, d, *o, user, method, params, call)
		}
		v, err := s.confd.Call(ctx, user, method, params)
		call.noteJob(method, v)
		return v, err
	})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /master", func(w http.ResponseWriter, r *http.Request) {
		s.stopIfDown(d, r)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		m := s.masterDoor()
		if r.URL.Query().Get("info_type") == "name" {
			st := s.cluster.Snapshot()
			_, _ = io.WriteString(w, st.NodeName(st.Master))
			return
		}
		if a := s.opts.MasterAnswer; a != "" {
			_, _ = io.WriteString(w, a) // a port forward's view (Options.MasterAnswer)
			return
		}
		_, _ = io.WriteString(w, m.host)
	})
	rpcHandler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.stopIfDown(d, r)
		user, ok := s.authenticate(r)
		if !ok {
			w.Header().Add("WWW-Authenticate", `Basic realm="ConfD"`)
			if s.opts.AuthToken != "" {
				w.Header().Add("WWW-Authenticate", `Bearer realm="ConfD"`)
			}
			http.Error(w, "401 Unauthorized", http.StatusUnauthorized)
			return
		}
		// Only the master executes jobs; other nodes send clients there.
		if m := s.masterDoor(); m != d {
			http.Redirect(w, r, m.url+r.URL.Path, http.StatusFound)
			return
		}
		s.calls.Add(1)
		call := &inflight{}
		ctx := context.WithValue(context.WithValue(r.Context(), userKey{}, user), callKey{}, call)
		buf := &bufferedResponse{header: http.Header{}}
		xmlrpc.ServeHTTP(buf, r.WithContext(ctx))
		s.answer(d, w, r, buf, call)
	})
	mux.Handle("/", rpcPaths(rpcHandler))
	return s.withLatency(s.withFaults(d, mux))
}

// rpcPaths serves XML-RPC on "/" and "/rpc2" (any case: Python's
// ServerProxy uses "/RPC2" when the URL has no path) and 404 elsewhere.
func rpcPaths(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch p := strings.ToLower(strings.TrimSuffix(r.URL.Path, "/")); p {
		case "", "/rpc2":
			h.ServeHTTP(w, r)
		default:
			http.NotFound(w, r)
		}
	})
}

// masterDoor is the door that answers for the master node: a door bound to
// it, or else the door that follows the master (node 0), or else (a node
// added later has no door) the first door.
func (s *Server) masterDoor() *door {
	master := s.cluster.Master()
	var follower *door
	for _, d := range s.doors {
		if d.node == master {
			return d
		}
		if d.node == 0 {
			follower = d
		}
	}
	if follower == nil {
		return s.doors[0]
	}
	return follower
}

// authenticate accepts HTTP Basic with the configured credentials, or the
// bearer token when one is configured. It returns the user name.
func (s *Server) authenticate(r *http.Request) (string, bool) {
	if s.opts.AuthToken != "" {
		if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			return s.opts.Username, equal(strings.TrimSpace(tok), s.opts.AuthToken)
		}
	}
	u, p, ok := r.BasicAuth()
	if !ok {
		return "", false
	}
	// evaluate both comparisons so that timing does not tell which failed
	uok, pok := equal(u, s.opts.Username), equal(p, s.opts.Password)
	return u, uok && pok
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// quietLog drops net/http's per-connection errors (TLS handshakes aborted by
// clients that do not trust the CA are expected in tests).
func quietLog() *log.Logger { return log.New(io.Discard, "", 0) }
