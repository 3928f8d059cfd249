package confd

import "slices"

// Declaration is a served job as one release takes it, for checks outside
// the simulator (the client's job table is tested against it).
type Declaration struct {
	Page      string     // the official page; "" for jobs in guessedJobs
	Guess     string     // what a job without page rests on
	Mandatory [][]string // each: a parameter and its substitutes
	Optional  []string
	Types     map[string]string // by parameter; syntax of param in params.go
	Change    bool              // the job changes the cluster (IsChange)
}

// Declared returns a job's declaration for a release ("" = Release8).
func Declared(release, name string) (Declaration, bool) {
	j, ok := jobTable[name]
	if !ok {
		return Declaration{}, false
	}
	if release == "" {
		release = Release8
	}
	s := j.spec(release)
	d := Declaration{Page: j.page, Guess: guessedJobs[name], Types: map[string]string{}, Change: IsChange(name)}
	for _, g := range s.mandatory {
		var names []string
		for _, p := range g {
			names = append(names, p.name)
			d.Types[p.name] = p.typ
		}
		d.Mandatory = append(d.Mandatory, names)
	}
	for _, p := range s.optional {
		d.Optional = append(d.Optional, p.name)
		d.Types[p.name] = p.typ
	}
	return d, true
}

// Jobs lists the served jobs, sorted.
func Jobs() []string { return slices.Clone(jobNames()) }
