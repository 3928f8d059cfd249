package client

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/client/exaop"
)

// EXAoperation is a ClusterBackend that carries every step out itself, as
// the seed's runbook does (exaoperation-cluster-start-stop.txt):
// startupNode and getHardwareInformation for the nodes, startEXAStorage and
// getServiceState for the storage, callPlugin for plugin services,
// shutdownNode on the way down.

// Node statuses of getNodeState()['status'] (fact: 'Running', 'Suspended').
const (
	exaopNodeRunning   = "Running"
	exaopNodeSuspended = "Suspended"
)

// nodeState maps getNodeState's answer ({'status': 'Running'} or the bare
// status, fact) to the provider's node states. guess: every status but
// Running and Suspended ('Booting', 'Shutdown', …) is offline.
func nodeState(v any) string {
	s := nodeStatusText(v)
	switch {
	case strings.EqualFold(s, exaopNodeRunning):
		return NodeStateOnline
	case strings.EqualFold(s, exaopNodeSuspended):
		return NodeStateSuspended
	case strings.EqualFold(s, NodeStateDeactivated):
		return NodeStateDeactivated
	}
	return NodeStateOffline
}

// nodeStatusText is the status of getNodeState's answer, a dict or bare.
func nodeStatusText(v any) string {
	if f := asFields(v); f != nil {
		return f.str("status")
	}
	return asString(v)
}

// NodeNames lists the nodes but the license servers (getNodeList).
func (x *EXAoperation) NodeNames(ctx context.Context) ([]string, error) {
	v, err := x.call(ctx, "", "getNodeList")
	if err != nil {
		return nil, err
	}
	return strList(v), nil
}

// ClusterNodes lists every node with its state (getNodeList, each node's
// getNodeState) and the license server (getCurrentLicenseServer), flagged
// LicenseServer: it answers, so it is online.
func (x *EXAoperation) ClusterNodes(ctx context.Context) ([]NodeStatus, error) {
	names, err := x.NodeNames(ctx)
	if err != nil {
		return nil, err
	}
	out := []NodeStatus{}
	for _, name := range names {
		v, err := x.call(ctx, name, "getNodeState")
		if IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, NodeStatus{ID: exaop.NodeID(name), Name: name, State: nodeState(v)})
	}
	ls, err := x.call(ctx, "", "getCurrentLicenseServer")
	if err != nil {
		return nil, err
	}
	if id := exaop.NodeID(ls); id > 0 {
		out = append(out, NodeStatus{ID: id, Name: ExaopNodeName(id), State: NodeStateOnline, LicenseServer: true})
	}
	slices.SortFunc(out, func(a, b NodeStatus) int { return int(a.ID - b.ID) })
	return out, nil
}

// PowerOnNodes cold-starts the nodes (startupNode).
func (x *EXAoperation) PowerOnNodes(ctx context.Context, nodes []NodeStatus) error {
	for _, n := range nodes {
		rb := &readBack{what: "the node's state (getNodeState)", check: func(ctx context.Context) (bool, any, error) {
			v, err := x.call(ctx, n.Name, "getNodeState")
			// guess: a node powering on leaves 'Shutdown' at once
			s := nodeStatusText(v)
			return err == nil && s != "" && !strings.EqualFold(s, "Shutdown"), nil, err
		}}
		if _, err := x.change(ctx, rb, "", "startupNode", n.Name); err != nil {
			return err
		}
	}
	return nil
}

// WaitNodesOnline waits until each node's hardware information answers
// (getHardwareInformation contains 'dmidecode', fact: the seed's check).
func (x *EXAoperation) WaitNodesOnline(ctx context.Context, nodes []NodeStatus) error {
	pending := slices.Clone(nodes)
	return x.waiter().Until(ctx, fmt.Sprintf("nodes %s to be online", names(nodes)), func(ctx context.Context) (bool, string, error) {
		var still []NodeStatus
		for _, n := range pending {
			up, err := x.hardwareUp(ctx, n.Name)
			if err != nil {
				return false, "", err
			}
			if !up {
				still = append(still, n)
			}
		}
		pending = still
		return len(pending) == 0, "not online: " + names(pending), nil
	})
}

// hardwareUp asks getHardwareInformation; a refusal (a node that is not
// up) counts as not online.
func (x *EXAoperation) hardwareUp(ctx context.Context, node string) (bool, error) {
	v, err := x.call(ctx, "", "getHardwareInformation", node)
	var e *Error
	if errors.As(err, &e) && e.Kind == KindJob {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return strings.Contains(asString(v), "dmidecode"), nil
}

// PowerOffNodes shuts the nodes down (shutdownNode) and waits until each
// is down. The runbook never asks for the node that runs EXAoperation.
func (x *EXAoperation) PowerOffNodes(ctx context.Context, nodes []NodeStatus) error {
	for _, n := range nodes {
		rb := &readBack{what: "the node's state (getNodeState)", check: func(ctx context.Context) (bool, any, error) {
			v, err := x.call(ctx, n.Name, "getNodeState")
			return err == nil && nodeState(v) != NodeStateOnline, nil, err
		}}
		if _, err := x.change(ctx, rb, "", "shutdownNode", n.Name); err != nil {
			return err
		}
	}
	return x.waiter().Until(ctx, fmt.Sprintf("nodes %s to be down", names(nodes)), func(ctx context.Context) (bool, string, error) {
		var up []string
		for _, n := range nodes {
			v, err := x.call(ctx, n.Name, "getNodeState")
			if err != nil {
				return false, "", err
			}
			if nodeState(v) == NodeStateOnline {
				up = append(up, n.Name)
			}
		}
		return len(up) == 0, "still running: " + strings.Join(up, ", "), nil
	})
}

// serviceStates reads getServiceState (fact: [['Loggingd', 'OK'], …]).
func (x *EXAoperation) serviceStates(ctx context.Context) ([][2]string, error) {
	v, err := x.call(ctx, "", "getServiceState")
	if err != nil {
		return nil, err
	}
	var out [][2]string
	rows, _ := v.([]any)
	for _, r := range rows {
		if cols, ok := r.([]any); ok && len(cols) >= 2 {
			out = append(out, [2]string{asString(cols[0]), asString(cols[1])})
		}
	}
	return out, nil
}

// storageService is the row of the storage daemon (fact: 'Storaged').
const storageService = "Storaged"

// StartStorage starts EXAStorage (startEXAStorage, fact: 'OK') unless
// serviceIsOnline says it runs, and waits until every service of
// getServiceState is 'OK'.
func (x *EXAoperation) StartStorage(ctx context.Context) (bool, error) {
	on, err := x.call(ctx, exaop.Storage, "serviceIsOnline")
	if err != nil {
		return false, err
	}
	if !asBool(on) {
		rb := &readBack{what: "serviceIsOnline", check: func(ctx context.Context) (bool, any, error) {
			on, err := x.call(ctx, exaop.Storage, "serviceIsOnline")
			return asBool(on), nil, err
		}}
		if _, err := x.change(ctx, rb, exaop.Storage, "startEXAStorage"); err != nil {
			return false, err
		}
	}
	return !asBool(on), x.waitServices(ctx, "every service to be OK", func(name, state string) bool { return state == "OK" })
}

// StopStorage stops EXAStorage (stopEXAStorage) unless serviceIsOnline
// says it is stopped, and waits until Storaged is no longer 'OK' (fact:
// 'not running').
func (x *EXAoperation) StopStorage(ctx context.Context) (bool, error) {
	on, err := x.call(ctx, exaop.Storage, "serviceIsOnline")
	if err != nil || !asBool(on) {
		return false, err
	}
	rb := &readBack{what: "serviceIsOnline", check: func(ctx context.Context) (bool, any, error) {
		on, err := x.call(ctx, exaop.Storage, "serviceIsOnline")
		return !asBool(on), nil, err
	}}
	if _, err := x.change(ctx, rb, exaop.Storage, "stopEXAStorage"); err != nil {
		return false, err
	}
	return true, x.waitServices(ctx, "Storaged to stop", func(name, state string) bool { return name != storageService || state != "OK" })
}

func (x *EXAoperation) waitServices(ctx context.Context, what string, ok func(name, state string) bool) error {
	return x.waiter().Until(ctx, what+" (getServiceState)", func(ctx context.Context) (bool, string, error) {
		rows, err := x.serviceStates(ctx)
		if err != nil {
			return false, "", err
		}
		var bad []string
		for _, r := range rows {
			if !ok(r[0], r[1]) {
				bad = append(bad, r[0]+" "+r[1])
			}
		}
		return len(rows) > 0 && len(bad) == 0, strings.Join(bad, ", "), nil
	})
}

// Plugins lists the installed plugins (showPluginList).
func (x *EXAoperation) Plugins(ctx context.Context) ([]Plugin, error) {
	v, err := x.call(ctx, "", "showPluginList")
	if err != nil {
		return nil, err
	}
	out := []Plugin{}
	for _, it := range anyList(v) {
		name := asString(it)
		info := map[string]string{}
		if f := asFields(it); f != nil { // guess: a dict entry names the plugin under "name"
			name = f.str("name")
			for k, val := range f {
				info[k] = asString(val)
			}
		}
		out = append(out, Plugin{Name: name, Info: info})
	}
	return out, nil
}

func anyList(v any) []any { l, _ := v.([]any); return l }

// PluginOutput is callPlugin's answer: [1] is the output text (fact).
func pluginOutput(v any) string {
	if l := anyList(v); len(l) > 1 {
		return asString(l[1])
	}
	return asString(v)
}

// PluginRunning reads a STATUS output. fact: the seed looks for
// 'vmtoolsd is running'; guess: every plugin says '<daemon> is running'
// and '… is not running' otherwise.
func pluginRunning(out string) bool {
	o := strings.ToLower(out)
	return strings.Contains(o, "is running") && !strings.Contains(o, "not running")
}

// StartPlugins is the seed's step 5 for every plugin: its service is
// restarted on the license server (STOP, then START, fact: "to bring it
// into the correct PID namespace"; guess: every plugin, as the seed does
// for vmware-tools), then started on every online node where STATUS does
// not say it runs (callPlugin STATUS / START).
func (x *EXAoperation) StartPlugins(ctx context.Context, plugins []Plugin) error {
	nodes, err := x.ClusterNodes(ctx)
	if err != nil {
		return err
	}
	var errs []error
	for _, p := range plugins {
		for _, n := range nodes {
			if !n.LicenseServer {
				continue
			}
			// a STOP or START whose answer is lost is not repeated: the next start restarts it again
			for _, cmd := range []string{"STOP", "START"} {
				if _, err := x.change(ctx, nil, "", "callPlugin", p.Name, n.Name, cmd); err != nil {
					errs = append(errs, err)
					break
				}
			}
		}
		for _, n := range nodes {
			if n.LicenseServer || n.State != NodeStateOnline {
				continue
			}
			v, err := x.call(ctx, "", "callPlugin", p.Name, n.Name, "STATUS")
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if pluginRunning(pluginOutput(v)) {
				continue
			}
			// a START whose answer is lost is not repeated: STATUS tells next time
			if _, err := x.change(ctx, nil, "", "callPlugin", p.Name, n.Name, "START"); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// PluginCommand runs a plugin command on a node (callPlugin) and returns
// the output text; STATUS is a read, every other command a change that is
// not repeated when its answer is lost.
func (x *EXAoperation) PluginCommand(ctx context.Context, plugin, node, command string) (string, error) {
	v, err := x.change(ctx, nil, "", "callPlugin", plugin, node, command)
	return pluginOutput(v), err
}
