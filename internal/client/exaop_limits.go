package client

import (
	"context"
)

// Limits lists what EXAoperation cannot do that the provider's resources
// offer: settings with no EXAoperation parameter, refused at plan time.
// The methods refuse them too (*UnsupportedError), should a caller skip
// the plan check. Shrinking a storage volume (EXAoperation only enlarges)
// depends on the values, not on an attribute being set: ChangeVolume
// refuses it.
func (x *EXAoperation) Limits() []Limit {
	return append([]Limit{
		{Resource: "exasol_database", Attribute: "owner", Why: "addDatabase and editDatabase take no owner."},
		{Resource: "exasol_database", Attribute: "auto_start", Value: "true", Why: "addDatabase and editDatabase have no auto-start setting; EXAoperation databases start only by startDatabase."},
		{Resource: "exasol_database", Attribute: "db_uuid", Why: "addDatabase takes no UUID."},
		{Resource: "exasol_database", Attribute: "max_system_heap_memory", Why: "addDatabase and editDatabase have no system heap setting."},
		{Resource: "exasol_storage_volume", Attribute: "stripe_size", Why: "addStorageVolume takes no stripe size."},
		{Resource: "exasol_storage_volume", Attribute: "owner", Why: "addStorageVolume grants access by allowed_users, not by owner; the provider grants its own user."},
		{Resource: "exasol_storage_volume", Attribute: "permissions", Why: "addStorageVolume grants access by allowed_users, not by permissions."},
		{Resource: "exasol_storage_volume", Attribute: "shared", Value: "true", Why: "addStorageVolume has no shared setting."},
		{Resource: "exasol_remote_volume", Attribute: "owner", Why: "addRemoteVolume takes no owner; the volume belongs to the user who adds it."},
		{Resource: "exasol_node", Attribute: "name", Why: "EXAoperation names every node by its number (n0011 for 11)."},
		{Resource: "exasol_node", Attribute: "pub_net", Why: "addNode takes no public address."},
		{Resource: "exasol_node", Attribute: "space_warn_threshold", Why: "addNode takes no disk space warning threshold."},
		{Resource: "exasol_node", Attribute: "bg_rec_limit", Why: "addNode takes no background recovery limit."},
		{Resource: "exasol_cluster_state", Attribute: "master_node", Why: "EXAoperation runs on the license server and moves only by a restart of EXAoperation (restartEXAoperation), which a plan cannot follow."},
	}, snapshotLimits...)
}

// ShrinksInPlace reports whether a storage volume of type typ shrinks in
// place through the interface api: only a data volume, and not through
// EXAoperation, which only enlarges (resizeVolume). Exasol cannot shrink
// archive volumes at all. The provider replaces a volume that cannot.
func ShrinksInPlace(api, typ string) bool {
	return typ != VolumeTypeArchive && api != APIEXAoperation
}

// logService is the object name of the first logservice getAllLogServices
// lists: an entry is a dict with 'name' (fact, help.py), or the name itself.
func (x *EXAoperation) logService(ctx context.Context) (string, error) {
	v, err := x.call(ctx, "", "getAllLogServices")
	if err != nil {
		return "", err
	}
	for _, it := range anyList(v) {
		name := asString(it)
		if f := asFields(it); f != nil {
			name = f.str("name")
		}
		if name != "" {
			return name, nil
		}
	}
	return "", notFound("getAllLogServices", "the cluster has no logservice (add one in EXAoperation)")
}

// LogEntry is one message of an EXAoperation logservice.
type LogEntry struct {
	Time    string // strtime, as EXAoperation writes it
	System  string
	Node    string // '' for the whole cluster
	Message string
}

// LogEntries fetches the messages of the cluster's first logservice
// (getAllLogServices; fact: Exasol's help.py reads its [0]['name']) by its
// logEntries (fact: element [2] is a list of {strtime, system, node,
// message}), as EXAoperation orders them.
func (x *EXAoperation) LogEntries(ctx context.Context) ([]LogEntry, error) {
	svc, err := x.logService(ctx)
	if err != nil {
		return nil, err
	}
	v, err := x.call(ctx, svc, "logEntries")
	if err != nil {
		return nil, err
	}
	l := anyList(v)
	if len(l) < 3 {
		return nil, decodeErr(callLabel(svc, "logEntries"), "expected [code, count, entries], got %v", v)
	}
	out := []LogEntry{}
	for _, it := range anyList(l[2]) {
		f := asFields(it)
		if f == nil {
			continue
		}
		out = append(out, LogEntry{Time: f.str("strtime"), System: f.str("system"), Node: f.str("node"), Message: f.str("message")})
	}
	return out, nil
}
