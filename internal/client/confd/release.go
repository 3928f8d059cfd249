package confd

import (
	"slices"

	"github.com/exacluster/terraform-provider-exasol/internal/client/transport"
)

// Releases of Exasol name some job parameters differently. The job table
// (jobs.go) spells every parameter as the current pages do
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

// Dependent reports whether what the client sends for job depends
// on the release, so that the release must be known before it is sent.
func Dependent(job string, p Params) bool {
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

// For turns parameters spelled as the current pages do into what
// release r takes. A parameter r does not take is an error naming it.
func For(r Release, job string, p Params) (Params, error) {
	out := make(Params, len(p))
	for k, v := range p {
		if rels, limited := releaseOnly[job][k]; limited && !containsRelease(rels, r) {
			return nil, &transport.Error{Kind: transport.KindJob, Job: job, Message: "Exasol " + string(r) + " does not take the parameter " + k + " for this job"}
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

// TakenBy reports the releases that take parameter param of job; limited
// is false when every release that has the job takes it.
func TakenBy(job, param string) (rels []Release, limited bool) {
	rels, limited = releaseOnly[job][param]
	return rels, limited
}

// Takes reports whether release r takes parameter param of job.
func Takes(r Release, job, param string) bool {
	rels, limited := TakenBy(job, param)
	return !limited || containsRelease(rels, r)
}

// DefaultDBPort is the database port a release that requires one gets when
// none is given (the documented default).
const DefaultDBPort = 8563
