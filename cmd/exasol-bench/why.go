package main

import (
	"fmt"
	"runtime"
	"time"
)

// whyNot explains each target that this run did not meet, from this run's
// own numbers: what the floors below the provider already cost, and where
// the rest goes.
func (r *report) whyNot() []string {
	var out []string
	var at *planResult
	for _, p := range r.Plans {
		if p.N == targetN {
			at = p
		}
	}
	if at != nil && at.Ratio > targetPlanRatio {
		md := at.Median
		cpu := func(v string) time.Duration {
			return median(at.Samples[v], func(s planSample) time.Duration { return s.CPU })
		}
		simCPU := median(at.Samples[vExasol], func(s planSample) time.Duration { return s.SimCPU })
		out = append(out, fmt.Sprintf("plan at N=%d (%.2f×): benchnull, a plugin on the same framework that does nothing, already costs "+
			"%.2f× terraform_data: a plugin process and a gRPC round trip with msgpack state per resource, which the built-in "+
			"terraform_data does not pay. exasol costs %.2f× benchnull: its %d calls to the cluster (the simulator spent %s CPU "+
			"answering them on the same %s) and its own CPU (%s for Terraform and plugin, benchnull %s).",
			targetN, at.Ratio, ratio(md[vNull], md[vFloor]), ratio(md[vExasol], md[vNull]), callsOf(at), sec(simCPU), cores(),
			sec(cpu(vExasol)), sec(cpu(vNull))))
	}
	for _, p := range r.Plans {
		if p.CallsPerRes <= targetCalls {
			continue
		}
		rv := p.JobsByName["remote_volume_info"] + p.JobsByName["remote_volume_state"]
		out = append(out, fmt.Sprintf("calls per resource at N=%d (%.2f): a remote volume needs remote_volume_info and remote_volume_state "+
			"(ConfD has no job that reports either for all volumes), %d of the refresh's calls for %d remote volumes.",
			p.N, p.CallsPerRes, rv, p.Mix.Remotes+1))
	}
	if l, c := r.Lifecycle, r.Cold; l != nil && len(l.Steps) > 0 && c != nil {
		s := l.Steps[0]
		if ratio(s.Wall, s.Bound) > targetColdStart {
			rest := s.Wall - l.NoopPlan - s.MaxLag
			out = append(out, fmt.Sprintf("%d databases started together (%.2f×, context): the apply's wall time holds Terraform's refresh "+
				"and plan (%s) and the waiter noticing the last database %s after it was up (a backoff step at that age); "+
				"without both, %.2f× the lower bound.", l.K, ratio(s.Wall, s.Bound), sec(l.NoopPlan), sec(s.MaxLag), ratio(rest, s.Bound)))
		}
	}
	if at != nil && mib(at.ProviderPeakKB) >= targetPeakRSSMiB {
		null := mib(peakKB(at.Samples[vNull]))
		out = append(out, fmt.Sprintf("provider peak RSS at N=%d (%.1f MiB): benchnull, the same framework doing nothing, peaks at %.1f MiB "+
			"(%.2f× the %.0f MiB target) in the same plans. What is live in a plan of %d resources is mostly the framework's and "+
			"gRPC's per-request state (terraform-plugin-log copies its logger options for every field it sets on every request, "+
			"logs on or off); exasol is %+.1f MiB from benchnull.",
			targetN, mib(at.ProviderPeakKB), null, null/targetPeakRSSMiB, targetPeakRSSMiB, targetN, mib(at.ProviderPeakKB)-null))
	}
	return out
}

func callsOf(p *planResult) int64 {
	ss := p.Samples[vExasol]
	if len(ss) == 0 {
		return 0
	}
	return ss[len(ss)-1].Calls
}

func cores() string { return fmt.Sprintf("%d CPUs", runtime.NumCPU()) }
