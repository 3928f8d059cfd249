package client

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
)

// Releases of Exasol name some job parameters differently. The job table
// (jobtable.go) spells every parameter as the current pages do
// (https://docs.exasol.com/db/latest/confd/jobs/<job>.htm, Exasol 8); what
// an older release calls otherwise, requires or does not take is written
// here, and only here.
//
// guess (the only evidence is the 6.2.7 community job_help in
// ../shared/seeds/confd-xmlrpc-examples.txt, taken to hold for 7.1 as the
// simulator's --release 7.1 does): node_add names the node id `id`,
// node_remove, node_suspend, node_resume and node_info `node_id`; the
// current pages name it `nid` everywhere. `port` was mandatory for db_create on older releases
// (../shared/reference/confd.md, "Parameter drift").
type Release string

const (
	Release71 Release = "7.1"
	Release8  Release = "8"
)

// releaseNames renames parameters for a release: job → current name → its name there.
var releaseNames = map[Release]map[string]map[string]string{
	Release71: {
		"node_add":     {"nid": "id"},
		"node_remove":  {"nid": "node_id"},
		"node_suspend": {"nid": "node_id"},
		"node_resume":  {"nid": "node_id"},
		"node_info":    {"nid": "node_id"},
	},
}

// releaseOnly lists parameters only some releases take: job → parameter →
// the releases that take it. A parameter not listed is taken by every
// release that has the job.
//
// allowed_users: the 6.2.7 community job_help lists it for
// remote_volume_add; neither the current page nor what is known of 7.1
// (the simulator's 7.1 declaration) has it, so no release the provider
// serves takes it.
var releaseOnly = map[string]map[string][]Release{
	"remote_volume_add": {"allowed_users": {}},
}

// releaseMandatory lists parameters a release requires although the
// current pages make them optional, with the value sent when the caller
// gives none (the documented default).
var releaseMandatory = map[Release]map[string]map[string]any{
	Release71: {"db_create": {"port": int64(DefaultDBPort)}},
}

// releaseDependent reports whether what the client sends for job depends
// on the release, so that the release must be known before it is sent.
func releaseDependent(job string, p Params) bool {
	for _, byJob := range releaseNames {
		if _, ok := byJob[job]; ok {
			return true
		}
	}
	for _, byJob := range releaseMandatory {
		if _, ok := byJob[job]; ok {
			return true
		}
	}
	for name := range releaseOnly[job] {
		if _, ok := p[name]; ok {
			return true
		}
	}
	return false
}

// forRelease turns parameters spelled as the current pages do into what
// release r takes. A parameter r does not take is an error naming it.
func forRelease(r Release, job string, p Params) (Params, error) {
	out := make(Params, len(p))
	for k, v := range p {
		if rels, limited := releaseOnly[job][k]; limited && !containsRelease(rels, r) {
			return nil, &Error{Kind: KindJob, Job: job, Message: "Exasol " + string(r) + " does not take the parameter " + k + " for this job"}
		}
		if n, ok := releaseNames[r][job][k]; ok {
			k = n
		}
		out[k] = v
	}
	for k, def := range releaseMandatory[r][job] {
		if _, ok := out[k]; !ok {
			out[k] = def
		}
	}
	return out, nil
}

func containsRelease(l []Release, r Release) bool { return slices.Contains(l, r) }

// Takes reports whether the cluster's release takes parameter param of
// job, for checks made before anything is sent (plans).
func (c *Client) Takes(ctx context.Context, job, param string) (bool, error) {
	rels, limited := releaseOnly[job][param]
	if !limited {
		return true, nil
	}
	r, err := c.Release(ctx)
	if err != nil {
		return false, err
	}
	return containsRelease(rels, r), nil
}

// releaseState is the release of the cluster, found once per Client (one
// provider run).
type releaseState struct {
	mu  sync.Mutex
	rel Release
}

// Release finds the cluster's release once, by trial: node_info of a node
// under the current name `nid`. It only reads, so a refusal costs nothing;
// a refusal naming the parameter as unknown proves an older release, which
// calls it `node_id`. Any other answer (success, a cluster without nodes or
// without the job) is taken as the current release.
func (c *Client) Release(ctx context.Context) (Release, error) {
	st := &c.reads.release
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.rel != "" {
		return st.rel, nil
	}
	nodes, err := c.NodeList(ctx)
	if err != nil {
		return "", err
	}
	rel := Release8
	if len(nodes) > 0 {
		p := Params{"nid": nodes[0].ID}
		_, err := c.sendAs(ctx, "node_info", p, p)
		switch {
		case err == nil:
		case unknownParameter(err, "nid"):
			rel = Release71
		case Unreachable(err):
			return "", err
		}
	}
	c.log(ctx, "ConfD release", map[string]any{"release": string(rel)})
	st.rel = rel
	return rel, nil
}

// unknownParameter reports whether err is ConfD's refusal of a job because
// it does not know parameter name: the job did not run. guess: no public
// example of the refusal exists; the simulator words it "unknown parameter
// '<name>' for job '<job>'", Python's own TypeError "unexpected keyword
// argument '<name>'".
func unknownParameter(err error, name string) bool {
	var e *Error
	if !errors.As(err, &e) || (e.Kind != KindJob && e.Kind != KindFault) {
		return false
	}
	m := strings.ToLower(e.Message)
	return strings.Contains(m, "'"+name+"'") && (strings.Contains(m, "unknown") || strings.Contains(m, "unexpected"))
}
