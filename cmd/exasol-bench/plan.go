package main

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// planResult is scenario 1, 2 and 4 for one N.
type planResult struct {
	API        string         `json:"api"` // sim.APIConfD or sim.APIEXAoperation
	N          int            `json:"n"`
	Mix        mix            `json:"mix"`
	Apply      tfRun          `json:"apply"`
	ApplyCalls int64          `json:"apply_calls"`
	ApplyJobs  map[string]int `json:"apply_jobs"`
	// Samples of the timed plans per variant (see variants).
	Samples map[string][]planSample `json:"samples"`
	// Median wall time per variant.
	Median         map[string]time.Duration `json:"median_ns"`
	Ratio          float64                  `json:"ratio"` // exasol / terraform_data
	CallsPerRes    float64                  `json:"calls_per_resource"`
	JobsByName     map[string]int           `json:"jobs_by_name"`
	ProviderPeakKB int64                    `json:"provider_peak_kb"` // over the apply and the plans
	Changes        bool                     `json:"changes"`          // a plan after apply was not empty
	Attribution    []typeAttr               `json:"attribution,omitempty"`
}

// The plan variants, timed alternately.
const (
	vFloor  = "terraform_data" // built into the CLI
	vNull   = "benchnull"      // a do-nothing plugin on the same framework
	vExasol = "exasol"
	// vQuiet: exasol with the SDK's and the provider's logs off, as Terraform
	// discards them anyway unless TF_LOG asks for them (see quietEnv).
	vQuiet = "exasol, SDK logs off"
	// vLatency: exasol with the simulator holding every call for
	// planOpts.latency, as a real cluster's round trip would.
	vLatency = "exasol, latency per call"
)

var variants = []string{vFloor, vNull, vExasol, vQuiet, vLatency}

// ownVariants are the variants timed for an interface whose floors come
// from another interface's plans.
var ownVariants = []string{vExasol, vQuiet, vLatency}

// quietEnv turns off the trace logs that terraform-plugin-go and the
// framework write to the plugin's stderr by default: Terraform reads and
// parses every line and, without TF_LOG, throws it away.
var quietEnv = []string{"TF_LOG_SDK=off", "TF_LOG_SDK_PROTO=off", "TF_LOG_SDK_FRAMEWORK=off", "TF_LOG_PROVIDER=off"}

type planSample struct {
	Wall       time.Duration `json:"wall_ns"`
	CPU        time.Duration `json:"cpu_ns"`        // terraform + provider processes
	PluginCPU  time.Duration `json:"plugin_cpu_ns"` // the provider processes alone (sampled)
	SimCPU     time.Duration `json:"sim_cpu_ns"`    // the in-process simulator (and this harness)
	Calls      int64         `json:"calls"`
	ProviderKB int64         `json:"provider_kb"`
	Exit       int           `json:"exit"`
}

// typeAttr is one resource block's share of a refresh, from a targeted plan.
type typeAttr struct {
	Label    string         `json:"type"`
	Count    int            `json:"count"`
	Calls    int64          `json:"calls"` // of the targeted plan, dependencies included
	PerRes   float64        `json:"calls_per_resource"`
	Jobs     map[string]int `json:"jobs"` // job → calls, dependencies included
	Excludes string         `json:"excludes,omitempty"`
}

type planOpts struct {
	api                                     string
	runs, applyParallelism, planParallelism int
	attribute                               bool
	latency                                 time.Duration // of vLatency; 0 = not timed
	// floors, when set, is a plan of the same N whose terraform_data and
	// benchnull timings are taken instead of timing them again.
	floors *planResult
	// profile, when set, is the directory under which the provider writes
	// pprof profiles of the apply and of the exasol plans (profile.go of the
	// provider), one subdirectory per interface and N.
	profile string
}

// benchPlan applies the mixed configuration of n resources and the floors,
// then times refresh plans of each, alternating.
func benchPlan(ctx context.Context, b *bench, n int, o planOpts) (*planResult, error) {
	m, err := mixFor(n)
	if err != nil {
		return nil, err
	}
	m = m.sizedFor(o.api)
	s, err := sim.Start(sim.Options{Nodes: 3, API: o.api})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	res := &planResult{API: o.api, N: n, Mix: m, Samples: map[string][]planSample{}, Median: map[string]time.Duration{}}
	ex := b.tfAPI(filepath.Join(b.work, fmt.Sprintf("mixed-%s-%d", o.api, n)), s, o.api)
	quiet := *ex
	quiet.env = append(slices.Clone(ex.env), quietEnv...)
	fl := b.tf(filepath.Join(b.work, fmt.Sprintf("floor-%d", n)), nil)
	nu := b.tf(filepath.Join(b.work, fmt.Sprintf("null-%d", n)), nil)
	nu.provider = b.self // the benchnull plugin is this executable: sample its memory too
	runners := map[string]*tf{vFloor: fl, vNull: nu, vExasol: ex, vQuiet: &quiet, vLatency: ex}
	applier := ex
	if o.profile != "" {
		applier = ex.profiled(filepath.Join(o.profile, fmt.Sprintf("%s-%d-apply", o.api, n)))
		runners[vExasol] = ex.profiled(filepath.Join(o.profile, fmt.Sprintf("%s-%d-plan", o.api, n)))
		b.logf("%s, N=%d: profiles of the provider in %s-%d-{apply,plan} under %s (go tool pprof -top <file>)", o.api, n, o.api, n, o.profile)
	}
	timed := variants
	if o.floors != nil {
		timed = ownVariants
		for _, v := range []string{vFloor, vNull} {
			res.Samples[v] = o.floors.Samples[v]
		}
	}
	if o.latency <= 0 {
		timed = slices.DeleteFunc(slices.Clone(timed), func(v string) bool { return v == vLatency })
	}
	for _, c := range []struct {
		t   *tf
		tpl *template.Template
	}{{ex, mixedTemplate}, {fl, floorTemplate}, {nu, nullTemplate}} {
		if err := writeConfig(c.t.dir, c.tpl, m); err != nil {
			return nil, err
		}
	}

	b.logf("%s, N=%d: apply %d resources (%d nodes, %d databases + data volumes, %d schedules, %d archive volumes, %d+1 remote volumes), -parallelism=%d",
		o.api, n, n, m.Nodes, m.DBs, m.Schedules, m.Archives, m.Remotes, o.applyParallelism)
	s.ResetJobLog()
	c0 := s.Calls()
	applyArgs := []string{"apply", "-input=false", "-no-color", "-auto-approve", "-parallelism=" + strconv.Itoa(o.applyParallelism)}
	if res.Apply, err = applier.run(ctx, true, nil, applyArgs...); err != nil {
		return nil, err
	}
	res.ApplyCalls = s.Calls() - c0
	res.ApplyJobs = jobsByName(s.JobLog())
	res.ProviderPeakKB = res.Apply.ProviderKB
	b.logf("%s, N=%d: applied in %s (%d calls, provider peak RSS %.1f MiB, plugin CPU %s): %s", o.api, n, res.Apply.Wall.Round(time.Millisecond),
		res.ApplyCalls, mib(res.Apply.ProviderKB), res.Apply.ProviderCPU.Round(time.Millisecond), formatJobs(res.ApplyJobs))
	if o.floors == nil {
		for _, t := range []*tf{fl, nu} {
			if _, err = t.run(ctx, false, nil, applyArgs...); err != nil {
				return nil, err
			}
		}
	}

	planArgs := []string{"plan", "-refresh=true", "-input=false", "-no-color", "-detailed-exitcode", "-parallelism=" + strconv.Itoa(o.planParallelism)}
	for i := range o.runs {
		line := []string{}
		for _, v := range timed {
			s.ResetJobLog()
			if v == vLatency {
				s.SetLatency(o.latency, nil)
			}
			c0, cpu0 := s.Calls(), selfCPU()
			r, err := runners[v].run(ctx, v != vFloor, []int{2}, planArgs...)
			s.SetLatency(0, nil)
			if err != nil {
				return nil, err
			}
			p := planSample{Wall: r.Wall, CPU: r.CPU, PluginCPU: r.ProviderCPU, SimCPU: selfCPU() - cpu0, Calls: s.Calls() - c0, ProviderKB: r.ProviderKB, Exit: r.ExitCode}
			res.Samples[v] = append(res.Samples[v], p)
			line = append(line, fmt.Sprintf("%s %s", v, r.Wall.Round(time.Millisecond)))
			if r.ExitCode == 2 {
				res.Changes = true
				b.logf("N=%d: the %s plan after apply is NOT empty:\n%s", n, v, tail(r.Output, 30))
			}
			if v != vExasol {
				continue
			}
			res.ProviderPeakKB = max(res.ProviderPeakKB, r.ProviderKB)
			res.CallsPerRes = max(res.CallsPerRes, float64(p.Calls)/float64(n))
			res.JobsByName = jobsByName(s.JobLog())
			line = append(line, fmt.Sprintf("%d calls, provider peak RSS %.1f MiB", p.Calls, mib(r.ProviderKB)))
		}
		b.logf("%s, N=%d: plan %d/%d: %s", o.api, n, i+1, o.runs, strings.Join(line, ", "))
	}
	for _, v := range variants {
		res.Median[v] = median(res.Samples[v], func(p planSample) time.Duration { return p.Wall })
	}
	res.Ratio = float64(res.Median[vExasol]) / float64(res.Median[vFloor])

	if o.attribute {
		b.logf("%s, N=%d: attributing calls to resource types (targeted plans)", o.api, n)
		if res.Attribution, err = attribute(ctx, ex, s, m, planArgs); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// attribute plans each resource block alone (-target), which refreshes it
// and the blocks it depends on, and subtracts the dependencies' share
// measured before it.
func attribute(ctx context.Context, ex *tf, s *sim.Server, m mix, planArgs []string) ([]typeAttr, error) {
	rate := map[string]float64{}
	count := map[string]int{}
	var out []typeAttr
	for _, t := range m.Types() {
		s.ResetJobLog()
		c0 := s.Calls()
		if _, err := ex.run(ctx, false, []int{2}, append(slices.Clone(planArgs), "-target="+t.Address)...); err != nil {
			return nil, err
		}
		a := typeAttr{Label: t.Label, Count: t.Count, Calls: s.Calls() - c0, Jobs: jobsByName(s.JobLog())}
		own := float64(a.Calls)
		var ex []string
		for _, d := range deps[t.Address] {
			own -= rate[d] * float64(count[d])
			ex = append(ex, d)
		}
		a.Excludes = strings.Join(ex, ", ")
		a.PerRes = own / float64(t.Count)
		rate[t.Address], count[t.Address] = a.PerRes, t.Count
		out = append(out, a)
	}
	return out, nil
}

func jobsByName(log []sim.JobRecord) map[string]int {
	out := map[string]int{}
	for _, r := range log {
		if r.Source == "rpc" {
			out[r.Name]++
		}
	}
	return out
}

func formatJobs(j map[string]int) string {
	names := make([]string, 0, len(j))
	for k := range j {
		names = append(names, k)
	}
	sort.Slice(names, func(a, b int) bool {
		if j[names[a]] != j[names[b]] {
			return j[names[a]] > j[names[b]]
		}
		return names[a] < names[b]
	})
	parts := make([]string, len(names))
	for i, k := range names {
		parts[i] = fmt.Sprintf("%s ×%d", k, j[k])
	}
	return strings.Join(parts, ", ")
}

func median[T any](xs []T, key func(T) time.Duration) time.Duration {
	if len(xs) == 0 {
		return 0
	}
	ds := make([]time.Duration, len(xs))
	for i, x := range xs {
		ds[i] = key(x)
	}
	slices.Sort(ds)
	if len(ds)%2 == 1 {
		return ds[len(ds)/2]
	}
	return (ds[len(ds)/2-1] + ds[len(ds)/2]) / 2
}

func mib(kb int64) float64 { return float64(kb) / 1024 }
