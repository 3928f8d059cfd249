package client

import (
	"context"

	"github.com/exacluster/terraform-provider-exasol/internal/client/transport"
	"github.com/exacluster/terraform-provider-exasol/internal/wait"
)

// session is one cluster's connection and the run-scoped cache of its
// answers (readcache.go): what both dialects send through, and what the
// runner's change step (asChange) and verify loop (untilTookEffect) use.
// ConfD embeds it; EXAoperation names it (x.t), because its runner's call,
// change and send are its own (runner.go).
type session struct {
	conn *transport.Conn
	// reads is the run-scoped cache of Read answers (readcache.go).
	reads readCache
}

// call sends one XML-RPC call to the master (object "" for ConfD and for
// EXAoperation's cluster object).
func (s *session) call(ctx context.Context, read bool, object, method string, args ...any) (any, error) {
	return s.conn.Call(ctx, read, object, method, args...)
}

func (s *session) log(ctx context.Context, msg string, fields map[string]any) {
	s.conn.Log(ctx, msg, fields)
}

// waiter is the one poller, logging through the connection.
func (s *session) waiter() wait.Waiter { return logWaiter(s.log) }

// MasterName asks the master for its host name; "" when the front does not say.
func (s *session) MasterName(ctx context.Context) (string, error) { return s.conn.MasterName(ctx) }

func (s *session) forgetMaster() { s.conn.ForgetMaster() }
