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
	for _, at := range r.at(targetN) {
		md := at.Median
		cpu := func(v string) time.Duration {
			return median(at.Samples[v], func(s planSample) time.Duration { return s.CPU })
		}
		pluginCPU := func(v string) time.Duration {
			return median(at.Samples[v], func(s planSample) time.Duration { return s.PluginCPU })
		}
		simCPU := median(at.Samples[vExasol], func(s planSample) time.Duration { return s.SimCPU })
		if q := ratio(md[vExasol], md[vNull]); q > targetPlanRatio {
			out = append(out, fmt.Sprintf("plan at N=%d on %s (%.2f× benchnull, which itself costs %.2f× terraform_data): the provider's "+
				"%d calls to the cluster (the simulator spent %s CPU answering them on the same %s) and CPU (%s for "+
				"Terraform and plugin, benchnull %s; of it the plugin %s, benchnull's %s, and Terraform %s, with benchnull %s: "+
				"Terraform too works more for larger resources); with the SDK's logs off %.2f×.",
				targetN, at.API, q, ratio(md[vNull], md[vFloor]), callsOf(at), sec(simCPU), cores(), sec(cpu(vExasol)), sec(cpu(vNull)),
				sec(pluginCPU(vExasol)), sec(pluginCPU(vNull)), sec(cpu(vExasol)-pluginCPU(vExasol)), sec(cpu(vNull)-pluginCPU(vNull)),
				ratio(md[vQuiet], md[vNull])))
		}
		if l := ratio(md[vLatency], md[vNull]); md[vLatency] > 0 && l > targetLatencyRatio {
			out = append(out, fmt.Sprintf("plan at N=%d on %s at %s per call (%.2f× benchnull): %d calls, %s more than at 0 ms.",
				targetN, at.API, r.Latency, l, callsOf(at), sec(md[vLatency]-md[vExasol])))
		}
		if at.CallsPerRes > targetCalls {
			if rs := at.JobsByName["remote_volume_state"]; rs > 0 {
				out = append(out, fmt.Sprintf("calls per resource at N=%d on %s (%.3f): remote_volume_state, %d of the refresh's %d calls "+
					"for %d remote volumes. Their details come from one remote_volume_list_details, but the state (per node) has no "+
					"documented form for all volumes: the job's page takes one remote_volume_name or remote_volume_id.",
					targetN, at.API, at.CallsPerRes, rs, callsOf(at), at.Mix.Remotes+1))
			} else if st := at.JobsByName["state"]; st > 0 {
				out = append(out, fmt.Sprintf("calls per resource at N=%d on %s (%.3f): a remote volume object answers for itself only "+
					"(EXAoperation's RemoteVolume service has getProperties and state per object; getAllArchiveVolumes lists names): "+
					"getProperties ×%d and state ×%d of the refresh's %d calls.", targetN, at.API, at.CallsPerRes,
					at.JobsByName["getProperties"], st, callsOf(at)))
			} else {
				out = append(out, fmt.Sprintf("calls per resource at N=%d on %s (%.3f): %s.", targetN, at.API, at.CallsPerRes, formatJobs(at.JobsByName)))
			}
		}
		if m := mib(at.ProviderPeakKB); m >= targetPeakRSSMiB {
			null := mib(peakKB(at.Samples[vNull]))
			out = append(out, fmt.Sprintf("provider peak RSS at N=%d on %s (%.1f MiB; the apply %.1f MiB, the plans %.1f MiB): benchnull, "+
				"the same framework doing nothing, peaks at %.1f MiB in the same plans; exasol is %+.1f MiB from it.",
				targetN, at.API, m, mib(at.Apply.ProviderKB), mib(peakKB(at.Samples[vExasol])), null, m-null))
		}
	}
	if l, c := r.Lifecycle, r.Cold; l != nil && len(l.Steps) > 0 && c != nil {
		s := l.Steps[0]
		if ratio(s.Wall, s.Bound) > targetStartK {
			rest := s.Wall - l.NoopPlan - s.MaxLag
			out = append(out, fmt.Sprintf("%d databases started together (%.2f×): the apply's wall time holds Terraform's refresh "+
				"and plan (%s) and the waiter noticing the last database %s after it was up; "+
				"without both, %.2f× the lower bound.", l.K, ratio(s.Wall, s.Bound), sec(l.NoopPlan), sec(s.MaxLag), ratio(rest, s.Bound)))
		}
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
