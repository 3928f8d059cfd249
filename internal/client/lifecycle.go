package client

import (
	"context"
	"fmt"

	"github.com/exacluster/terraform-provider-exasol/internal/client/transport"

	"github.com/exacluster/terraform-provider-exasol/internal/wait"
)

// The ordered operations of ../shared/reference/lifecycle.md for one database:
// a database counts as started when it is connectible, as stopped when it is
// in setup, and it is never stopped under a running operation unless forced.

// dbPrimitives are what the ordered lifecycle needs of a management
// interface: ConfD (db_info, db_start, …) and EXAoperation
// (getDatabaseInfo, startDatabase, …) each provide them, and the order
// below is written once for both.
type dbPrimitives interface {
	// DBInfo reads the whole database; DBStatus what a wait looks at
	// (state, operation, connectible); both are not-found errors for a
	// missing database.
	DBInfo(ctx context.Context, name string) (*Database, error)
	DBStatus(ctx context.Context, name string) (*Database, error)
	DBStart(ctx context.Context, name string) error
	DBStop(ctx context.Context, name string, force bool) error
	DBConfigure(ctx context.Context, name string, ch DatabaseChange) error
	DBDelete(ctx context.Context, name string) error
	DBAddReserveNodes(ctx context.Context, db string, ids []int64) error
	DBRemoveReserveNodes(ctx context.Context, db string, ids []int64) error
	DBEnlarge(ctx context.Context, db string, n int64) error
	waiter() wait.Waiter
}

// logWaiter logs the progress of every wait through log.
func logWaiter(log func(ctx context.Context, msg string, fields map[string]any)) wait.Waiter {
	return transport.LogWaiter(log)
}

// DBStatus is db_info: one job says everything a wait looks at.
func (c *ConfD) DBStatus(ctx context.Context, name string) (*Database, error) {
	return c.DBInfo(ctx, name)
}

// The ordered operations are the Backend's through orchestration.go, which
// makes them read fresh.

func waitDatabase(ctx context.Context, p dbPrimitives, name, what string, cond func(*Database) bool) (*Database, error) {
	var last *Database
	err := p.waiter().Until(ctx, fmt.Sprintf("database %s to %s", name, what), func(ctx context.Context) (bool, string, error) {
		d, err := p.DBStatus(ctx, name)
		if err != nil {
			return false, "", err
		}
		last = d
		return cond(d), fmt.Sprintf("state %s, operation %s, connectible %v", d.State, d.Operation, d.Connectible), nil
	})
	return last, err
}

func startDatabase(ctx context.Context, p dbPrimitives, name string) (*Database, error) {
	d, err := p.DBInfo(ctx, name)
	if err != nil {
		return nil, err
	}
	if d.State != DBStateRunning && d.State != DBStateStartup {
		if d.State == DBStateShutdown {
			if _, err := waitDatabase(ctx, p, name, "finish shutting down", func(d *Database) bool { return d.State == DBStateSetup }); err != nil {
				return nil, err
			}
		}
		if err := p.DBStart(ctx, name); err != nil {
			return nil, err
		}
	}
	return waitDatabase(ctx, p, name, "become connectible", func(d *Database) bool {
		return d.State == DBStateRunning && d.Connectible
	})
}

func stopDatabase(ctx context.Context, p dbPrimitives, name string, force bool) (*Database, error) {
	d, err := p.DBInfo(ctx, name)
	if err != nil {
		return nil, err
	}
	if d.State == DBStateSetup {
		return d, nil
	}
	if !force && !d.Idle() {
		d, err = waitDatabase(ctx, p, name, fmt.Sprintf("finish its operation %q before it is stopped", d.Operation), (*Database).Idle)
		if err != nil {
			if wait.IsTimeout(err) {
				return d, &BusyError{Database: name, Operation: d.Operation, Err: err}
			}
			return d, err
		}
	}
	if d.State != DBStateShutdown {
		if err := p.DBStop(ctx, name, force); err != nil {
			return nil, err
		}
	}
	return waitDatabase(ctx, p, name, "stop (state setup)", func(d *Database) bool { return d.State == DBStateSetup })
}

func reconfigureDatabase(ctx context.Context, p dbPrimitives, name string, ch DatabaseChange, force, runAfter bool) error {
	if ch.needsStop() {
		if _, err := stopDatabase(ctx, p, name, force); err != nil {
			return err
		}
	}
	if len(ch.RemoveReserve) > 0 {
		if err := p.DBRemoveReserveNodes(ctx, name, ch.RemoveReserve); err != nil {
			return err
		}
	}
	if len(ch.AddReserve) > 0 {
		if err := p.DBAddReserveNodes(ctx, name, ch.AddReserve); err != nil {
			return err
		}
	}
	if ch.Enlarge > 0 {
		// before db_configure, which checks the configuration against the
		// data volume, already given its new master nodes
		if err := p.DBEnlarge(ctx, name, ch.Enlarge); err != nil {
			return err
		}
	}
	if len(ch.params()) > 0 {
		if ch.Enlarge > 0 {
			// ConfD's db_enlarge starts the database itself (its page)
			if _, err := stopDatabase(ctx, p, name, force); err != nil {
				return err
			}
		}
		if err := p.DBConfigure(ctx, name, ch); err != nil {
			return err
		}
	}
	return setDatabaseRunning(ctx, p, name, runAfter, force)
}

func setDatabaseRunning(ctx context.Context, p dbPrimitives, name string, running, force bool) error {
	var err error
	if running {
		_, err = startDatabase(ctx, p, name)
	} else {
		_, err = stopDatabase(ctx, p, name, force)
	}
	return err
}

func deleteDatabase(ctx context.Context, p dbPrimitives, name string, force bool) error {
	if _, err := stopDatabase(ctx, p, name, force); err != nil {
		if IsNotFound(err) {
			return nil
		}
		return err
	}
	if err := p.DBDelete(ctx, name); err != nil {
		// Gone only when the interface's list says so (lookup.go).
		if _, ierr := p.DBInfo(ctx, name); IsNotFound(ierr) {
			return nil
		}
		return err
	}
	return nil
}

// BusyError says that a database was not stopped because an operation (a
// backup, a restore) was still running when the wait for it ran out.
type BusyError struct {
	Database  string
	Operation string
	Err       error
}

func (e *BusyError) Error() string {
	return fmt.Sprintf("database %s is still running operation %q and was not stopped, so that the operation is not cut off: %v",
		e.Database, e.Operation, e.Err)
}

func (e *BusyError) Unwrap() error { return e.Err }
