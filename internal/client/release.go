package client

import (
	"context"
	"errors"
	"strings"
	"sync"

	"github.com/exacluster/terraform-provider-exasol/internal/client/confd"
)

// Takes reports whether the cluster's release takes parameter param of
// job, for checks made before anything is sent (plans).
func (c *ConfD) Takes(ctx context.Context, job, param string) (bool, error) {
	if _, limited := confd.TakenBy(job, param); !limited {
		return true, nil
	}
	r, err := c.Release(ctx)
	if err != nil {
		return false, err
	}
	return confd.Takes(r, job, param), nil
}

// Release is an Exasol release as far as ConfD's job forms differ
// (confd/release.go holds the rules).
type Release = confd.Release

// The releases the client tells apart.
const (
	Release71 = confd.Release71
	Release8  = confd.Release8
)

// releaseState is the release of the cluster, found once per Cluster (one
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
func (c *ConfD) Release(ctx context.Context) (Release, error) {
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
