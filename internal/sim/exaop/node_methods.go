package exaop

import (
	"maps"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

func init() {
	register(kindNode, map[string]*method{
		// fact: a dict whose 'status' is 'Running' or 'Suspended' (see nodeStatus)
		"getNodeState": {help: "Return the state of a node.",
			run: func(x *call) (any, error) { return map[string]any{"status": nodeInfo(x.st, x.obj.id)["status"]}, nil }},
		"getNodeInfo": {help: "Return node information.",
			run: func(x *call) (any, error) { return nodeInfo(x.st, x.obj.id), nil }},
		"nodeRunning": {help: "Return whether the node is running.",
			run: func(x *call) (any, error) { return nodeInfo(x.st, x.obj.id)["status"] == nodeRunning, nil }},
		"getProperties": {help: "Function returns a dictionary that describes an object.",
			run: func(x *call) (any, error) {
				if x.obj.id == LicenseServerID {
					return map[string]any{}, nil
				}
				return nodeProperties(x.st.Node(x.obj.id)), nil
			}},
		"startupNode": {change: true, help: "Power on and startup the node.",
			run: func(x *call) (any, error) { return x.power(x.obj.name, true) }},
		"shutdownNode": {change: true, help: "Shutdown the node.",
			run: func(x *call) (any, error) { return x.power(x.obj.name, false) }},
		"poweroffNode": {change: true, help: "Power off the node immediately.",
			run: func(x *call) (any, error) { return x.power(x.obj.name, false) }},
		// guess: a reboot is a shutdown and a startup, with the shutdown's refusals
		"rebootNode": {change: true, help: "Reboot the node.",
			run: func(x *call) (any, error) {
				if x.obj.id == LicenseServerID {
					return nil, usage("%s is the license server; restart it with restartLicenseServer", x.obj.name)
				}
				if err := x.s.c.ShutdownNode(x.obj.id); err != nil {
					return nil, err
				}
				return done, x.s.c.StartupNode(x.obj.id)
			}},
		"setActiveMode": {change: true, help: "Set the node to Active state.",
			run: func(x *call) (any, error) {
				return done, x.setProps(map[string]string{
					nodeModeProp: propValue(nodeActive), "to_install": propValue(false), "to_wipe": propValue(false),
				})
			}},
		"editNode": {sig: "properties:dict", change: true, help: "Edits object.", run: editNode},
	})
}

func (x *call) setProps(props map[string]string) error {
	if x.obj.id == LicenseServerID {
		return usage("%s is the license server; its properties cannot be changed here", x.obj.name)
	}
	return x.s.c.SetNodeProps(x.obj.id, props)
}

// editNode sets node properties and returns those that changed (fact).
func editNode(x *call) (any, error) {
	// EXAoperation_XMLRPC.md, Node editNode: mac_addr_eth0, mac_addr_eth1
	// and spool_disk are not optional
	spec := dictSpec{}
	maps.Copy(spec, nodeProps)
	spec["mac_addr_eth0"], spec["mac_addr_eth1"], spec["spool_disk"] = "!str", "!str", "!str"
	p, err := x.fields(x.dict(0), spec)
	if err != nil {
		return nil, err
	}
	if err := x.choice("spool_disk", strOf(p, "spool_disk"), spoolDiskList); err != nil {
		return nil, err
	}
	props := map[string]string{}
	for k, v := range p {
		props[k] = propValue(v)
	}
	var before map[string]any
	if n := x.st.Node(x.obj.id); n != nil {
		before = nodeProperties(n)
	}
	if err := x.setProps(props); err != nil {
		return nil, err
	}
	fields := map[string]string{}
	for k := range nodeProps {
		fields[k] = k
	}
	return changed(before, nodeProperties(x.s.c.Snapshot().Node(x.obj.id)), fields, p), nil
}

func init() {
	register(kindRemote, map[string]*method{
		"getProperties": {help: "Function returns a dictionary that describes an object.",
			run: func(x *call) (any, error) { return remoteProperties(x, x.st.Remote(x.obj.id)), nil }},
		"getVolumeId": {help: "Return 'virtual' volume ID of remote archive volume.",
			run: func(x *call) (any, error) { return x.obj.id, nil }},
		"state": {help: "Return connectivity state of remote archive volume.",
			run: func(x *call) (any, error) { return remoteState(x.st), nil }},
		"editRemoteVolume": {sig: "properties:dict", change: true, help: "Edits object.", run: editRemoteVolume},
	})
}

// editRemoteVolume changes a remote volume and returns the fields that
// changed (fact). vid is read-only (fact) and refused when it differs.
func editRemoteVolume(x *call) (any, error) {
	p, err := x.fields(x.dict(0), editRemoteSpec)
	if err != nil {
		return nil, err
	}
	if _, ok := p["vid"]; ok && intOf(p, "vid") != x.obj.id {
		return nil, usage("vid is read-only")
	}
	v := x.st.Remote(x.obj.id)
	var e cluster.RemoteEdit
	for k, dst := range map[string]**string{"url": &e.URL, "user": &e.Username, "password": &e.Password} {
		if _, ok := p[k]; ok {
			s := strOf(p, k)
			*dst = &s
		}
	}
	for k, dst := range map[string]**[]string{"allowed_users": &e.AllowedUsers, "readonly_users": &e.ReadOnlyUsers, "labels": &e.Labels} {
		if _, ok := p[k]; !ok {
			continue
		}
		var l []string
		if k == "labels" {
			l, err = strsOf(p, k)
		} else {
			l, err = x.users(p, k)
		}
		if err != nil {
			return nil, err
		}
		*dst = &l
	}
	if e.Labels != nil {
		// the name label names the volume (see addRemoteVolume); it cannot
		// rename it
		name, rest := nameFromLabels(*e.Labels)
		if name != "" && name != v.Name {
			return nil, usage("labels: '%s%s' would rename remote volume %s; a remote volume keeps its name", volumeNameLabel, name, x.obj.name)
		}
		e.Labels = &rest
	}
	url := v.URL
	if e.URL != nil {
		url = *e.URL
	}
	// the type as the options last shown say it (see remoteProperties)
	opts := splitOptions(remoteProperties(x, v)["options"].(string))
	if _, ok := p["options"]; ok {
		opts = splitOptions(strOf(p, "options"))
	}
	typ := remoteType(url, opts)
	opts = withoutTypeOption(url, typ, opts)
	e.Type, e.Options = &typ, &opts
	before := remoteProperties(x, v)
	if err := x.s.c.EditRemoteVolume(cluster.ByID(v.ID), e); err != nil {
		return nil, err
	}
	fields := map[string]string{}
	for k := range editRemoteSpec {
		fields[k] = k
	}
	return changed(before, remoteProperties(x, x.s.c.Snapshot().Remote(v.ID)), fields, p), nil
}
