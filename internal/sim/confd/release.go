package confd

import (
	"fmt"
	"strings"
)

// The Exasol releases the ConfD face can be: the job pages describe 8.x
// (Release8); Release71 renames a few parameters (see the release notes in
// guesses.go). A Service is one release and refuses the other's names.
const (
	Release8  = "8"
	Release71 = "7.1"
)

// Releases lists the releases a Service can be, the default first.
var Releases = []string{Release8, Release71}

// CheckRelease refuses a release the simulator does not know.
func CheckRelease(r string) error {
	for _, k := range Releases {
		if r == k {
			return nil
		}
	}
	return fmt.Errorf("release must be one of %s, got %q", strings.Join(Releases, ", "), r)
}

// SetRelease makes the service answer as the given release ("" = Release8).
// Call it before serving.
func (s *Service) SetRelease(r string) error {
	if r == "" {
		r = Release8
	}
	if err := CheckRelease(r); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.release = r
	return nil
}

// Release is the release the service answers as.
func (s *Service) Release() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.release
}

// nodeParam is the name of the node id parameter of node_remove,
// node_suspend, node_resume and node_info in a release (fact for 8.x: the
// pages say nid; 7.1: see release71NodeParam).
func nodeParam(release string) string {
	if release == Release71 {
		return release71NodeParam
	}
	return "nid"
}
