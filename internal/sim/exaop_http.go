package sim

import (
	"context"
	"net/http"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/confd"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/exaop"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

// The EXAoperation face (Options.API = APIEXAoperation): XML-RPC objects
// under /cluster1 on the same doors, the same model and the same job log
// as the ConfD face. EXAoperation runs on one license server, so there is
// no master to find (GET /master is 404) and no failover.

// startEXAoperation makes the face when Options.API asks for it. Every call
// goes to the job log: Object the object, Name the method, Params
// {"args": [...]}, Code 0 or 1 for a fault, Source "rpc".
func (s *Server) startEXAoperation() {
	if s.opts.API != APIEXAoperation {
		return
	}
	s.exaop = exaop.New(s.cluster, exaop.Config{Username: s.opts.Username, OnCall: func(r exaop.Record) {
		code := 0
		if r.Err != nil {
			code = 1
		}
		args := r.Args
		if args == nil {
			args = []any{}
		}
		s.confd.Record(JobRecord{ID: r.ID, Object: r.Object, Name: r.Method, Params: map[string]any{"args": args},
			Code: code, Source: confd.SourceRPC, At: r.At})
	}})
}

// exaopHandler serves POST /cluster1 and the paths below it with HTTP
// Basic authentication (fact: bad credentials are 401 "unauthorized"),
// and 404 elsewhere. Once the license server is shut down every request is
// refused with 503.
func (s *Server) exaopHandler() http.Handler {
	root := "/" + exaop.ClusterObject
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := r.URL.Path
		if path != root && !strings.HasPrefix(path, root+"/") {
			http.NotFound(w, r)
			return
		}
		if s.exaop.Down() {
			http.Error(w, exaop.ErrDown.Error(), http.StatusServiceUnavailable)
			return
		}
		if _, ok := s.authenticate(r); !ok {
			w.Header().Set("WWW-Authenticate", `Basic realm="EXAoperation"`)
			http.Error(w, "401 Unauthorized: unauthorized (wrong user name or password)", http.StatusUnauthorized)
			return
		}
		s.calls.Add(1)
		rpc.Handler(func(ctx context.Context, method string, params []any) (any, error) {
			return s.exaop.Call(ctx, path, method, params)
		}).ServeHTTP(w, r)
	})
}
