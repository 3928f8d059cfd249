package client

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/exacluster/terraform-provider-exasol/internal/client/exaop"
)

// Remote volumes over EXAoperation: the cluster object adds one
// (addRemoteVolume → 'r0001') and deletes it (deleteSubObject); the
// remote volume object reads it (getProperties, getVolumeId, state). A
// remote volume's name is its name label, else its object name
// (exaoperation.go).

// remoteObjects lists the remote volumes' object names: the entries of
// getAllArchiveVolumes (fact: "a list of all archive volumes (local and
// remote)") that are not storage volumes (getVolumeList). No pattern of
// the names is assumed (fact: an example names one 'remote1'; guess: an
// entry is the object name, or a dict with it under 'name').
func (x *EXAoperation) remoteObjects(ctx context.Context) ([]string, error) {
	v, err := x.call(ctx, "", "getAllArchiveVolumes")
	if err != nil {
		return nil, err
	}
	vols, err := x.volumeIndex(ctx)
	if err != nil {
		return nil, err
	}
	out := []string{}
	for _, it := range anyList(v) {
		o := asString(it)
		if f := asFields(it); f != nil {
			o = f.str("name")
		}
		if _, local := vols.byID[o]; o != "" && !local {
			out = append(out, o)
		}
	}
	return out, nil
}

// remoteObjectOf is the object name of the remote volume with virtual id
// id, as last read; unknown ids are looked up by reading all.
func (x *EXAoperation) remoteObjectOf(ctx context.Context, id int64) (string, error) {
	if o, ok := x.remoteObjs.Load(id); ok {
		return o.(string), nil
	}
	if _, err := x.readRemoteVolumes(Fresh(ctx)); err != nil {
		return "", err
	}
	if o, ok := x.remoteObjs.Load(id); ok {
		return o.(string), nil
	}
	return "", notFound("getAllArchiveVolumes", "remote volume with id %d does not exist", id)
}

// remoteVolume reads one remote volume object (getProperties; the id from
// its vid, else getVolumeId).
func (x *EXAoperation) remoteVolume(ctx context.Context, obj string) (*RemoteVolume, error) {
	v, err := x.call(ctx, obj, "getProperties")
	if err != nil {
		return nil, notFoundAs(err, "remote volume "+obj)
	}
	f := asFields(v)
	if f == nil {
		return nil, decodeErr(exaop.CallLabel(obj, "getProperties"), "expected a dict, got %T", v)
	}
	rv := &RemoteVolume{ID: f.num("vid"), URL: f.str("url"), Username: f.str("user"), Password: f.str("password"),
		Options: splitComma(f.str("options")), AllowedUsers: []string{}}
	if rv.ID == 0 {
		id, err := x.call(ctx, obj, "getVolumeId")
		if err != nil {
			return nil, err
		}
		rv.ID = asInt(id)
	}
	x.remoteObjs.Store(rv.ID, obj)
	// the provider's own user is the owner (it adds itself, see
	// CreateRemoteVolume); the others are the allowed users, by login
	id, login, err := x.self(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range f.list("allowed_users") {
		switch {
		case asString(u) == asString(id) || asString(u) == login:
			rv.Owner = login
		default:
			l, err := x.loginOf(ctx, u)
			if err != nil {
				return nil, err
			}
			rv.AllowedUsers = append(rv.AllowedUsers, l)
		}
	}
	labels := f.strs("labels")
	rv.Name = exaop.NameFromLabels(labels, obj)
	if n := f.str("name"); rv.Name == obj && n != "" { // guess: a name of its own, should one be shown
		rv.Name = n
	}
	rv.Labels = slices.DeleteFunc(labels, func(l string) bool { return strings.HasPrefix(l, exaop.NameLabel) })
	rv.Type = remoteType(rv.URL, rv.Options)
	rv.Options = slices.DeleteFunc(rv.Options, func(o string) bool { return o == rv.Type && impliedOption(rv.URL, o) })
	return rv, nil
}

func splitComma(s string) []string {
	out := []string{}
	for _, o := range strings.Split(s, ",") {
		if o = strings.TrimSpace(o); o != "" {
			out = append(out, o)
		}
	}
	return out
}

// remoteType is the type EXAoperation gives a remote volume: it takes no
// type but derives it from the URL and the options (fact: 'ftp://…',
// 'smb://…', options 's3', 'webdav', 'webhdfs'). guess (the simulator's):
// a scheme that is a type is the type; an http(s) URL is s3, webdav or
// webhdfs after the options, else webdav; ftps is ftp.
func remoteType(url string, options []string) string {
	scheme, _, _ := strings.Cut(url, "://")
	scheme = strings.ToLower(scheme)
	if slices.Contains(RemoteVolumeTypes, scheme) {
		return scheme
	}
	for _, o := range options {
		if o == "s3" || o == "webdav" || o == "webhdfs" {
			return o
		}
	}
	if scheme == "ftps" {
		return "ftp"
	}
	return "webdav"
}

// impliedOption: the option that only says the type of an http(s) volume
// (added by CreateRemoteVolume for vol_type), left out of Options.
func impliedOption(url, o string) bool {
	scheme, _, _ := strings.Cut(strings.ToLower(url), "://")
	return (scheme == "http" || scheme == "https") && (o == "s3" || o == "webdav" || o == "webhdfs")
}

// remoteIndex reads every remote volume. EXAoperation finds a remote volume
// by its name label only by reading them all, so a refresh of many remote
// volumes shares one reading through the read cache (readcache.go), which
// every change and every fresh read (waits, read-backs) renews.
func (x *EXAoperation) remoteIndex(ctx context.Context) (map[string]*RemoteVolume, []*RemoteVolume, error) {
	all, err := shareCall(ctx, x, "", "getAllArchiveVolumes", x.readRemoteVolumes)
	if err != nil {
		return nil, nil, err
	}
	byName := map[string]*RemoteVolume{}
	list := make([]*RemoteVolume, 0, len(all))
	for _, cached := range all {
		rv := cached.clone()
		list = append(list, rv)
		if _, taken := byName[rv.Name]; !taken || x.objectName(rv.ID) != rv.Name {
			byName[rv.Name] = rv
		}
	}
	return byName, list, nil
}

func (x *EXAoperation) readRemoteVolumes(ctx context.Context) ([]*RemoteVolume, error) {
	objs, err := x.remoteObjects(ctx)
	if err != nil {
		return nil, err
	}
	// One object at a time would cost a round trip each in a row: a few
	// are read at once (EXAoperation has no call that describes them all).
	vols := make([]*RemoteVolume, len(objs))
	errs := make([]error, len(objs))
	sem := make(chan struct{}, remoteReadsAtOnce)
	var wg sync.WaitGroup
	for i, o := range objs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			vols[i], errs[i] = x.remoteVolumeMemo(ctx, o) // exaop_remote_memo.go
		}()
	}
	wg.Wait()
	var list []*RemoteVolume
	for i, rv := range vols {
		if IsNotFound(errs[i]) {
			continue
		}
		if errs[i] != nil {
			return nil, errs[i]
		}
		list = append(list, rv)
	}
	return list, nil
}

// remoteReadsAtOnce bounds the remote volume objects read at once. (Our
// choice: a handful, like a browser's connections per host.)
const remoteReadsAtOnce = 6

// RemoteVolumeList lists the names of all remote volumes.
func (x *EXAoperation) RemoteVolumeList(ctx context.Context) ([]string, error) {
	_, list, err := x.remoteIndex(ctx)
	if err != nil {
		return nil, err
	}
	out := []string{}
	for _, rv := range list {
		out = append(out, rv.Name)
	}
	return out, nil
}

// RemoteVolumeInfo reads one remote volume by name or id.
func (x *EXAoperation) RemoteVolumeInfo(ctx context.Context, ref RemoteVolumeRef) (*RemoteVolume, error) {
	byName, list, err := x.remoteIndex(ctx)
	if err != nil {
		return nil, err
	}
	if ref.Name == "" {
		for _, rv := range list {
			if rv.ID == ref.ID {
				return rv, nil
			}
		}
		return nil, notFound("getAllArchiveVolumes", "remote volume with id %d does not exist", ref.ID)
	}
	rv, ok := byName[ref.Name]
	if !ok {
		return nil, notFound("getAllArchiveVolumes", "remote volume '%s' does not exist", ref.Name)
	}
	return rv, nil
}

// RemoteVolumeState is the connectivity of a remote volume (state(); guess:
// one value for the cluster, or a list of one per node).
func (x *EXAoperation) RemoteVolumeState(ctx context.Context, ref RemoteVolumeRef) ([]string, error) {
	rv, err := x.RemoteVolumeInfo(ctx, ref)
	if err != nil {
		return nil, err
	}
	obj, err := x.remoteObjectOf(ctx, rv.ID)
	if err != nil {
		return nil, err
	}
	v, err := x.call(ctx, obj, "state")
	if err != nil {
		return nil, err
	}
	return strList(v), nil
}

// CreateRemoteVolume adds a remote volume (addRemoteVolume) and returns its
// name. The type is not sent but must be the one EXAoperation derives from
// the URL: for an http(s) URL, the type's option (s3, webdav, webhdfs) is
// added. A lost answer is read back (a volume with the name, or the one new
// volume with the URL) before anything is sent again.
func (x *EXAoperation) CreateRemoteVolume(ctx context.Context, s RemoteVolumeSpec) (string, error) {
	if s.Owner != "" {
		return "", x.refuse(ObjectRemoteVolume, "Owner")
	}

	opts := slices.Clone(s.Options)
	if impliedOption(s.URL, s.Type) && !slices.Contains(opts, s.Type) {
		opts = append(opts, s.Type)
	}
	if got := remoteType(s.URL, opts); got != s.Type {
		return "", unsupportedErr(fmt.Sprintf("add a remote volume of type %s with URL %s", s.Type, s.URL),
			"EXAoperation derives the type from the URL ("+got+" here); use a URL of that type")
	}
	before, list, err := x.remoteIndex(ctx)
	if err != nil {
		return "", err
	}
	if _, taken := before[s.Name]; s.Name != "" && taken {
		return "", &Error{Kind: KindJob, API: APIEXAoperation, Job: "addRemoteVolume", Message: fmt.Sprintf("remote volume '%s' already exists", s.Name)}
	}
	if s.ID != 0 && slices.ContainsFunc(list, func(rv *RemoteVolume) bool { return rv.ID == s.ID }) {
		return "", &Error{Kind: KindJob, API: APIEXAoperation, Job: "addRemoteVolume", Message: fmt.Sprintf("remote volume with id %d already exists", s.ID)}
	}
	// allowed_users is required (fact): the provider's own user first, as
	// the owner, then the ones asked for
	users, err := x.allowedUsers(ctx)
	if err != nil {
		return "", err
	}
	_, self, err := x.self(ctx)
	if err != nil {
		return "", err
	}
	for _, u := range s.AllowedUsers {
		if u == self {
			continue
		}
		id, err := x.userIDOf(ctx, u)
		if err != nil {
			return "", err
		}
		users = append(users, id)
	}
	labels := slices.Clone(s.Labels)
	if s.Name != "" {
		labels = append([]string{exaop.NameLabel + s.Name}, labels...)
	}
	p := map[string]any{"url": s.URL, "allowed_users": users, "readonly_users": []any{}, "labels": labels,
		"options": strings.Join(opts, ",")}
	if s.Username != "" {
		p["user"] = s.Username
	}
	if s.Password != "" {
		p["password"] = s.Password
	}
	known := map[int64]bool{}
	for _, rv := range list {
		known[rv.ID] = true
	}
	rb := &readBack{what: "getAllArchiveVolumes and the remote volumes' properties", check: func(ctx context.Context) (bool, any, error) {
		_, now, err := x.remoteIndex(ctx)
		if err != nil {
			return false, nil, err
		}
		for _, rv := range now {
			if !known[rv.ID] && rv.URL == s.URL {
				return true, x.objectName(rv.ID), nil
			}
		}
		return false, nil, nil
	}}
	v, err := x.change(ctx, rb, "", "addRemoteVolume", p)
	if err != nil {
		return "", err
	}
	obj := asString(v)
	x.remoteMemo.forget(obj)
	if s.ID != 0 {
		if err := x.checkRemoteID(ctx, obj, s.ID); err != nil {
			return "", err
		}
	}
	if s.Name != "" {
		return s.Name, nil
	}
	if obj == "" {
		return "", decodeErr("addRemoteVolume", "the answer names no remote volume: %v", v)
	}
	return obj, nil
}

// checkRemoteID: a wanted id is never sent (fact: addRemoteVolume's vid is
// "optional, readonly"); the volume EXAoperation numbered otherwise is
// deleted again, so that a refused create leaves the cluster as it was.
func (x *EXAoperation) checkRemoteID(ctx context.Context, obj string, want int64) error {
	rv, err := x.remoteVolume(ctx, obj)
	if err != nil {
		return err
	}
	if rv.ID == want {
		return nil
	}
	refusal := unsupportedErr(fmt.Sprintf("give a remote volume the id %d", want),
		fmt.Sprintf("EXAoperation numbers remote volumes itself (addRemoteVolume's vid is read-only) and gave %d; leave the id out or give %d", rv.ID, rv.ID))
	refusal.Object, refusal.Field = ObjectRemoteVolume, "ID"
	x.remoteMemo.forget(obj)
	defer x.remoteMemo.forget(obj)
	if _, err := x.change(ctx, x.remoteGone(obj), "", "deleteSubObject", obj); err != nil {
		return errors.Join(refusal, fmt.Errorf("the volume %s it added could not be deleted again: %w", obj, err))
	}
	return refusal
}

// remoteVolumeRemove deletes a remote volume (deleteSubObject); one the
// list no longer shows counts as deleted.
func (x *EXAoperation) remoteVolumeRemove(ctx context.Context, ref RemoteVolumeRef) error {
	rv, err := x.RemoteVolumeInfo(ctx, ref)
	if IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	obj, err := x.remoteObjectOf(ctx, rv.ID)
	if err != nil {
		return err
	}
	x.remoteMemo.forget(obj)
	defer x.remoteMemo.forget(obj)
	if _, err := x.change(ctx, x.remoteGone(obj), "", "deleteSubObject", obj); err != nil && !IsNotFound(err) {
		return err
	}
	return nil
}

// remoteGone reads back whether getAllArchiveVolumes no longer lists the
// remote volume object obj.
func (x *EXAoperation) remoteGone(obj string) *readBack {
	return &readBack{what: "getAllArchiveVolumes", check: func(ctx context.Context) (bool, any, error) {
		objs, err := x.remoteObjects(ctx)
		return !slices.Contains(objs, obj), nil, err
	}}
}

// archiveObject is the object name of an archive volume given by name: a
// storage volume ('v0002') or a remote volume ('r0001').
func (x *EXAoperation) archiveObject(ctx context.Context, name string) (string, error) {
	_, vid, err := x.volumeByName(ctx, name)
	if err == nil || !IsNotFound(err) {
		return vid, err
	}
	rv, err := x.RemoteVolumeInfo(ctx, RemoteVolumeRef{Name: name})
	if err != nil {
		return "", err
	}
	return x.remoteObjectOf(ctx, rv.ID)
}

// archiveNames maps archive volumes' object names to names and ids (for
// backups and schedules, which name the object).
func (x *EXAoperation) archiveNames(ctx context.Context) (map[string]archiveVolume, error) {
	out := map[string]archiveVolume{}
	idx, err := x.volumeIndex(ctx)
	if err != nil {
		return nil, err
	}
	for obj, v := range idx.byID {
		id, _ := strconv.ParseInt(v.ID, 10, 64)
		out[obj] = archiveVolume{v.Name, id}
	}
	_, list, err := x.remoteIndex(ctx)
	if err != nil {
		return nil, err
	}
	for _, rv := range list {
		out[x.objectName(rv.ID)] = archiveVolume{rv.Name, rv.ID}
	}
	return out, nil
}

// objectName is the object name of a remote volume just read (remoteVolume
// records it).
func (x *EXAoperation) objectName(id int64) string {
	o, _ := x.remoteObjs.Load(id)
	s, _ := o.(string)
	return s
}

type archiveVolume struct {
	name string
	id   int64
}
