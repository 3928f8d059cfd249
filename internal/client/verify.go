package client

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/units"
)

// When the answer to a change job is lost (the master failed while the job
// was in flight), the job may or may not have taken effect. The job runner
// then reads back with the job's verifier below, and repeats the job only if
// it did not take effect: nothing is created twice, nothing is lost from the
// state. A job without a verifier is not repeated; it fails with an
// OutcomeUnknownError that says what to check. THE one table of read-backs:
// the typed methods (CreateDatabase, CreateRemoteVolume, …) rely on it.

// verifier reads back whether a change job took effect.
type verifier struct {
	what string // what is read back, for the error when that fails
	// prepare, if set, reads what check compares with, before the job runs.
	prepare func(ctx context.Context, c *Client, p Params) (any, error)
	// check reports whether the job took effect and, if so, the output the
	// job would have returned (nil when it has none, or none is needed).
	check func(ctx context.Context, c *Client, p Params, before any) (done bool, output any, err error)
}

// maxChangeTries bounds how often one change job is sent when every answer
// is lost and every read-back shows that it did not take effect.
const maxChangeTries = 3

// change runs a change job; after a lost answer it reads back, and repeats
// the job only if it did not take effect.
func (c *Client) change(ctx context.Context, job string, params Params, args []any) (any, error) {
	v, known := verifiers[job]
	var before any
	if known && v.prepare != nil {
		var err error
		if before, err = v.prepare(ctx, c, params); err != nil {
			return nil, err
		}
	}
	for try := 1; ; try++ {
		env, unknown, err := c.execAsync(ctx, job, args)
		if err == nil || !unknown || ctx.Err() != nil {
			return env, err
		}
		err = relabel(err, job)
		if !known {
			return nil, &OutcomeUnknownError{Job: job, What: "in EXAoperation or with ConfD's job_list whether it ran", Err: err}
		}
		c.log(ctx, "ConfD job outcome unknown; reading back", map[string]any{"job": job, "error": err.Error(), "try": try})
		done, out, verr := v.check(ctx, c, params, before)
		switch {
		case verr != nil:
			return nil, &OutcomeUnknownError{Job: job, What: v.what, Err: err, ReadErr: verr}
		case done:
			c.log(ctx, "ConfD job took effect before its answer was lost", map[string]any{"job": job})
			env := map[string]any{"result_code": int64(0), "result_name": "OK", "result_desc": "Success (read back after a lost answer)"}
			if out != nil {
				env["result_output"] = out
			}
			return env, nil
		case try >= maxChangeTries:
			return nil, &OutcomeUnknownError{Job: job, What: v.what, Err: err,
				ReadErr: fmt.Errorf("the job was sent %d times, every answer was lost and it never took effect", try)}
		}
		c.log(ctx, "ConfD job did not take effect; repeating it", map[string]any{"job": job})
	}
}

// OutcomeUnknownError says that a change job may or may not have taken
// effect: its answer was lost and reading back could not tell.
type OutcomeUnknownError struct {
	API     string // "" (ConfD) or APIEXAoperation
	Job     string
	What    string // what the user can check
	Err     error  // the failure that lost the answer
	ReadErr error  // why reading back failed, if it did
}

func (e *OutcomeUnknownError) Error() string {
	what := "ConfD job"
	if e.API == APIEXAoperation {
		what = "EXAoperation call"
	}
	msg := fmt.Sprintf("%s %s: the answer was lost (%s), so whether the job took effect is unknown", what, e.Job, messageOf(e.Err))
	if e.ReadErr != nil {
		msg += "; reading back failed: " + e.ReadErr.Error()
	}
	return msg + ". It was not repeated, so that it is not applied twice: check " + e.What +
		", then apply again (import the object if the job did create it)"
}

func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// IsOutcomeUnknown reports whether err says that a change may or may not
// have taken effect.
func IsOutcomeUnknown(err error) bool {
	var e *OutcomeUnknownError
	return errors.As(err, &e)
}

// verifiers is filled by init: its checks call the typed reads, which run
// through the job runner that consults it.
var verifiers map[string]verifier

func init() { verifiers = verifierTable() }

func verifierTable() map[string]verifier {
	return map[string]verifier{
		"db_create": {what: "db_info of the database", check: func(ctx context.Context, c *Client, p Params, _ any) (bool, any, error) {
			return exists(c.DBInfo(ctx, pstr(p, "db_name")))
		}},
		"db_delete": {what: "db_info of the database", check: func(ctx context.Context, c *Client, p Params, _ any) (bool, any, error) {
			return gone(c.DBInfo(ctx, pstr(p, "db_name")))
		}},
		"db_start": {what: "the database's state (db_info)", check: dbCheck(func(d *Database, _ Params) (bool, error) {
			return d.Running(), nil
		})},
		"db_stop": {what: "the database's state (db_info)", check: dbCheck(func(d *Database, _ Params) (bool, error) {
			return d.State == DBStateSetup || d.State == DBStateShutdown, nil
		})},
		"db_configure":              {what: "the database's configuration (db_info)", check: dbCheck(configTookEffect)},
		"db_backup_add_schedule":    {what: "the database's backup schedules (db_info)", check: scheduleCheck(true)},
		"db_backup_remove_schedule": {what: "the database's backup schedules (db_info)", check: scheduleCheck(false)},
		"db_backup_modify_schedule": {what: "the database's backup schedules (db_info)", check: scheduleModified},
		"st_volume_create": {what: "st_volume_info of the volume", check: func(ctx context.Context, c *Client, p Params, _ any) (bool, any, error) {
			v, err := c.VolumeInfo(ctx, pstr(p, "name"))
			if ok, _, err := exists(v, err); !ok || err != nil {
				return false, nil, err
			}
			return true, v.ID, nil
		}},
		"st_volume_delete": {what: "st_volume_info of the volume", check: func(ctx context.Context, c *Client, p Params, _ any) (bool, any, error) {
			return gone(c.VolumeInfo(ctx, pstr(p, "vname")))
		}},
		"st_volume_enlarge":       volumeResize(1),
		"st_volume_shrink":        volumeResize(-1),
		"st_volume_add_label":     {what: "the volume's labels (st_volume_info)", check: volumeCheck(func(v *Volume, p Params) bool { return slices.Contains(v.Labels, pstr(p, "label")) })},
		"st_volume_remove_label":  {what: "the volume's labels (st_volume_info)", check: volumeCheck(func(v *Volume, p Params) bool { return !slices.Contains(v.Labels, pstr(p, "label")) })},
		"st_volume_set_io_status": {what: "the volume's I/O status (st_volume_info)", check: volumeCheck(func(v *Volume, p Params) bool { return v.AppIO == pbool(p, "app_io") && v.IntIO == pbool(p, "int_io") })},
		"node_add":                {what: "node_list", prepare: nodeIDs, check: nodeAdded},
		"node_remove": {what: "node_list", check: func(ctx context.Context, c *Client, p Params, _ any) (bool, any, error) {
			return gone(c.NodeGet(ctx, pint(p, nodeIDParam)))
		}},
		"node_suspend":         {what: "the node's state (node_state)", check: nodeCheck((*Node).Suspended)},
		"node_resume":          {what: "the node's state (node_state)", check: nodeCheck(func(n *Node) bool { return !n.Suspended() })},
		"remote_volume_add":    {what: "remote_volume_list and remote_volume_info", prepare: remoteNames, check: remoteAdded},
		"remote_volume_remove": {what: "remote_volume_info of the volume", check: remoteRemoved},
		"master_change":        {what: "GET /master?info_type=name", prepare: masterName, check: masterChanged},
	}
}

// exists and gone turn a read into a verdict: found / not found / cannot tell.
func exists[T any](_ T, err error) (bool, any, error) {
	if IsNotFound(err) {
		return false, nil, nil
	}
	return err == nil, nil, err
}

func gone[T any](_ T, err error) (bool, any, error) {
	if IsNotFound(err) {
		return true, nil, nil
	}
	return false, nil, err
}

func pstr(p Params, k string) string { return asString(p[k]) }
func pint(p Params, k string) int64  { return asInt(p[k]) }
func pbool(p Params, k string) bool  { return asBool(p[k]) }

func dbCheck(ok func(*Database, Params) (bool, error)) func(context.Context, *Client, Params, any) (bool, any, error) {
	return func(ctx context.Context, c *Client, p Params, _ any) (bool, any, error) {
		d, err := c.DBInfo(ctx, pstr(p, "db_name"))
		if err != nil {
			return false, nil, err
		}
		done, err := ok(d, p)
		return done, nil, err
	}
}

// configTookEffect compares what db_configure sent with db_info's config.
// A repeat of db_configure is harmless, so a value that reads differently
// (a release that normalises it) only costs one more db_configure.
func configTookEffect(d *Database, p Params) (bool, error) {
	cfg := d.Config
	reported := map[string]any{
		"version": cfg.Version, "port": cfg.Port, "owner": cfg.Owner, "params": cfg.Params, "auto_start": cfg.AutoStart,
		"data_volume_name": cfg.DataVolumeName, "enable_auditing": cfg.EnableAuditing, "volume_quota": cfg.VolumeQuota,
		"volume_move_delay": cfg.VolumeMoveDelay, "ldap_server": cfg.LDAPServer, "interfaces": cfg.Interfaces,
	}
	for k, want := range p {
		switch k {
		case "db_name":
			continue
		case "mem_size":
			if !units.SameSize(cfg.MemSize, asString(want)) {
				return false, nil
			}
			continue
		}
		got, ok := reported[k]
		if !ok {
			return false, fmt.Errorf("db_info does not show %s", k)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			return false, nil
		}
	}
	return true, nil
}

func scheduleCheck(wantExists bool) func(context.Context, *Client, Params, any) (bool, any, error) {
	return func(ctx context.Context, c *Client, p Params, _ any) (bool, any, error) {
		s, err := c.BackupSchedule(ctx, pstr(p, "db_name"), pstr(p, "backup_name"))
		if wantExists {
			return exists(s, err)
		}
		return gone(s, err)
	}
}

func scheduleModified(ctx context.Context, c *Client, p Params, _ any) (bool, any, error) {
	s, err := c.BackupSchedule(ctx, pstr(p, "db_name"), pstr(p, "backup_name"))
	if err != nil {
		return false, nil, err
	}
	reported := map[string]any{"expire": s.Expire, "minute": s.Minute, "hour": s.Hour, "day": s.Day,
		"month": s.Month, "weekday": s.Weekday, "enabled": s.Enabled}
	for k, want := range p {
		if got, ok := reported[k]; ok && fmt.Sprint(got) != fmt.Sprint(want) {
			return false, nil, nil
		}
	}
	return true, nil, nil
}

func volumeCheck(ok func(*Volume, Params) bool) func(context.Context, *Client, Params, any) (bool, any, error) {
	return func(ctx context.Context, c *Client, p Params, _ any) (bool, any, error) {
		v, err := c.VolumeInfo(ctx, pstr(p, "vname"))
		if err != nil {
			return false, nil, err
		}
		return ok(v, p), nil, nil
	}
}

// volumeResize compares the size with the one before the job.
func volumeResize(sign int64) verifier {
	return verifier{what: "the volume's size (st_volume_info)",
		prepare: func(ctx context.Context, c *Client, p Params) (any, error) {
			v, err := c.VolumeInfo(ctx, pstr(p, "vname"))
			if err != nil {
				return nil, err
			}
			return v.SizeBytes, nil
		},
		check: func(ctx context.Context, c *Client, p Params, before any) (bool, any, error) {
			v, err := c.VolumeInfo(ctx, pstr(p, "vname"))
			if err != nil {
				return false, nil, err
			}
			return (v.SizeBytes-asInt(before))*sign > 0, nil, nil
		}}
}

func nodeCheck(ok func(*Node) bool) func(context.Context, *Client, Params, any) (bool, any, error) {
	return func(ctx context.Context, c *Client, p Params, _ any) (bool, any, error) {
		n, err := c.NodeGet(ctx, pint(p, nodeIDParam))
		if err != nil {
			return false, nil, err
		}
		return ok(n), nil, nil
	}
}

// nodeIDs lists the node ids before a node_add that lets the cluster pick one.
func nodeIDs(ctx context.Context, c *Client, p Params) (any, error) {
	if _, given := p["id"]; given {
		return nil, nil
	}
	nodes, err := c.NodeList(ctx)
	if err != nil {
		return nil, err
	}
	ids := []int64{}
	for _, n := range nodes {
		ids = append(ids, n.ID)
	}
	return ids, nil
}

// nodeAdded finds the node node_add created: by id when one was given,
// else as the one new node with the private address given.
func nodeAdded(ctx context.Context, c *Client, p Params, before any) (bool, any, error) {
	nodes, err := c.NodeList(ctx)
	if err != nil {
		return false, nil, err
	}
	ip, _, _ := strings.Cut(pstr(p, "priv_net"), "/")
	old, _ := before.([]int64)
	_, idGiven := p["id"]
	var found []int64
	for _, n := range nodes {
		switch {
		case n.PrivateIP != ip:
		case idGiven && n.ID == pint(p, "id"), !idGiven && !slices.Contains(old, n.ID):
			found = append(found, n.ID)
		}
	}
	switch len(found) {
	case 0:
		return false, nil, nil
	case 1:
		return true, found[0], nil
	}
	return false, nil, fmt.Errorf("nodes %v all have private address %s", found, ip)
}

func remoteRef(p Params) RemoteVolumeRef {
	return RemoteVolumeRef{Name: pstr(p, "remote_volume_name"), ID: pint(p, "remote_volume_id")}
}

// remoteNames lists the remote volumes before a remote_volume_add that lets
// the cluster pick the name and id.
func remoteNames(ctx context.Context, c *Client, p Params) (any, error) {
	if ref := remoteRef(p); ref.Name != "" || ref.ID != 0 {
		return nil, nil
	}
	return c.RemoteVolumeList(ctx)
}

// remoteAdded finds the volume remote_volume_add created: by name or id
// when the job gave one, else as the one new volume with its type and URL.
func remoteAdded(ctx context.Context, c *Client, p Params, before any) (bool, any, error) {
	row := func(v *RemoteVolume) any { return []any{[]any{v.Name, v.Owner, ""}} }
	if ref := remoteRef(p); ref.Name != "" || ref.ID != 0 {
		v, err := c.RemoteVolumeInfo(ctx, ref)
		if ok, _, err := exists(v, err); !ok || err != nil {
			return false, nil, err
		}
		if v.URL != pstr(p, "url") {
			return false, nil, fmt.Errorf("remote volume %s exists with another URL (%s)", ref, v.URL)
		}
		return true, row(v), nil
	}
	names, err := c.RemoteVolumeList(ctx)
	if err != nil {
		return false, nil, err
	}
	old, _ := before.([]string)
	var found *RemoteVolume
	for _, n := range names {
		if slices.Contains(old, n) {
			continue
		}
		v, err := c.RemoteVolumeInfo(ctx, RemoteVolumeRef{Name: n})
		if IsNotFound(err) {
			continue
		}
		if err != nil {
			return false, nil, err
		}
		if v.Type != pstr(p, "vol_type") || v.URL != pstr(p, "url") {
			continue
		}
		if found != nil {
			return false, nil, fmt.Errorf("remote volumes %s and %s were both added with URL %s meanwhile", found.Name, v.Name, v.URL)
		}
		found = v
	}
	if found == nil {
		return false, nil, nil
	}
	return true, row(found), nil
}

func remoteRemoved(ctx context.Context, c *Client, p Params, _ any) (bool, any, error) {
	return gone(c.RemoteVolumeInfo(ctx, remoteRef(p)))
}

func masterName(ctx context.Context, c *Client, _ Params) (any, error) { return c.MasterName(ctx) }

func masterChanged(ctx context.Context, c *Client, p Params, before any) (bool, any, error) {
	c.forgetMaster()
	name, err := c.MasterName(ctx)
	if err != nil {
		return false, nil, err
	}
	if _, given := p[nodeIDParam]; given {
		return name == NodeName(pint(p, nodeIDParam)), nil, nil
	}
	return name != before, nil, nil
}
