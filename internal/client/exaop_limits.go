package client

import (
	"context"

	"github.com/exacluster/terraform-provider-exasol/internal/client/exaop"
)

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
		return nil, decodeErr(exaop.CallLabel(svc, "logEntries"), "expected [code, count, entries], got %v", v)
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
