package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"
)

type report struct {
	Started   time.Time        `json:"started"`
	Runtime   time.Duration    `json:"runtime_ns"`
	Command   string           `json:"command"`
	Settings  string           `json:"settings"`
	Machine   string           `json:"machine"`
	Plans     []*planResult    `json:"plans"`
	Lifecycle *lifecycleResult `json:"lifecycle"`
	Cold      *coldResult      `json:"cluster_cold_start,omitempty"`
	Micro     []string         `json:"micro_benchmarks,omitempty"` // go test -bench result lines
	// Failed are the plans of an interface that failed (the others stand).
	Failed []string `json:"failed,omitempty"`
	// Latency is what the simulator held each call in the vLatency plans.
	Latency time.Duration `json:"latency_ns"`
	// Load averages: other work on the machine makes every number worse.
	LoadStart string `json:"load_start"`
	LoadEnd   string `json:"load_end"`
}

// loadAvg is the 1-minute load average.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b) + " ?")[0]
}

// Targets of issue 19 (plan ratios against benchnull, a do-nothing plugin
// on the same framework).
const (
	targetPlanRatio    = 1.15 // at 0 ms per call
	targetLatencyRatio = 1.3  // at Latency per call
	targetCalls        = 0.1  // per refreshed resource, on each interface
	targetStartK       = 1.2  // K databases started together ÷ lower bound
	targetShutdown     = 1.2  // cluster shutdown ÷ lower bound
	targetColdStart    = 1.1  // cluster cold start ÷ lower bound
	targetPeakRSSMiB   = 50.0
	targetN            = 1000
)

func (r *report) markdown() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# Benchmarks\n\n")
	w("What the provider costs Terraform, measured by `make bench` ([cmd/exasol-bench](cmd/exasol-bench/main.go)) against the\n")
	w("simulator, with the Terraform CLI running the built provider as a plugin. Generated; do not edit: run `make bench`.\n")
	w("Where the plugin's time and memory go: `make bench BENCH_ARGS='-n 1000 -runs 1 -out= -profile .tools/bench/pprof'` writes pprof\n")
	w("profiles of the plugin (CPU, allocations, peak heap; [profile.go](profile.go)) for `go tool pprof`.\n\n")
	w("- Run: %s, %s in all (%s)\n", r.Started.UTC().Format("2006-01-02 15:04 UTC"), r.Runtime.Round(time.Second), r.Settings)
	w("- Machine: %s; load average (1 min) %s at the start, %s at the end\n", r.Machine, r.LoadStart, r.LoadEnd)
	w("- Simulator: in the harness's process, 3 nodes, instant transitions (scenario 3: realistic ones); its CPU competes with Terraform's\n\n")

	w("## Targets\n\n| Target | Goal | Measured | Met |\n|---|---|---|---|\n")
	for _, t := range r.targets() {
		w("| %s | %s | %s | %s |\n", t[0], t[1], t[2], t[3])
	}

	if why := r.whyNot(); len(why) > 0 {
		w("\nWhy a target is not met (ratios from this run):\n\n")
		for _, l := range why {
			w("- %s\n", l)
		}
	}

	w("\n## Refresh plan: N resources beside N `terraform_data`\n\n")
	w("Each configuration is applied first; then `terraform plan -refresh=true` runs %d times for each variant, alternating, and\n", len(r.Plans[0].Samples[vExasol]))
	w("the median wall time is reported. Variants: `terraform_data` (built into the CLI: the floor of the target); `benchnull`\n")
	w("(a do-nothing resource of a provider on the same plugin framework, served by the harness: what the plugin protocol alone\n")
	w("costs); `exasol`; `exasol` with the SDK's trace logs off (`%s`), which Terraform\n", strings.Join(quietEnv, " "))
	w("reads and, without `TF_LOG`, discards; and `exasol` with the simulator holding every call %s (`exasol-sim --latency`), as\n", r.Latency)
	w("a real cluster's round trip and job scheduler would. Each interface (ConfD, EXAoperation) has its own simulator and\n")
	w("apply; the floors are timed once per N and shared.\n\n")
	w("| interface | N | terraform_data | benchnull | exasol | ÷ benchnull | SDK logs off | ÷ benchnull | exasol at %s per call | ÷ benchnull |\n", r.Latency)
	w("|---|---|---|---|---|---|---|---|---|---|\n")
	for _, p := range r.Plans {
		md := p.Median
		w("| %s | %d | %s | %s | %s | %.2f× | %s | %.2f× | %s | %.2f× |\n", p.API, p.N, sec(md[vFloor]), sec(md[vNull]), sec(md[vExasol]),
			ratio(md[vExasol], md[vNull]), sec(md[vQuiet]), ratio(md[vQuiet], md[vNull]), sec(md[vLatency]), ratio(md[vLatency], md[vNull]))
	}
	for _, f := range r.Failed {
		w("\n**Failed**: `%s`\n", f)
	}
	w("\nCosts of the same runs (medians). CPU: user+sys of Terraform and the plugin processes it waited for; plugin CPU: the plugin\n")
	w("processes' share of it (sampled from /proc every 10 ms). Simulator CPU: what\n")
	w("answering the exasol plan cost in the harness's process (a real cluster spends it elsewhere). Peak RSS: the plugin\n")
	w("process's VmHWM (exasol: over the apply and the plans; the others: over their plans). benchnull is served by the framework as\n")
	w("it is, which keeps every request's context until the plugin stops; exasol lets go of them when a request is answered ([release.go](release.go)).\n\n")
	w("| interface | N | calls / resource | CPU terraform_data / benchnull / exasol / logs off | plugin CPU benchnull / exasol | simulator CPU | peak RSS: exasol / logs off / benchnull | apply -parallelism (calls) |\n")
	w("|---|---|---|---|---|---|---|---|\n")
	for _, p := range r.Plans {
		cpu := func(v string) string {
			return sec(median(p.Samples[v], func(s planSample) time.Duration { return s.CPU }))
		}
		plugin := func(v string) string {
			return sec(median(p.Samples[v], func(s planSample) time.Duration { return s.PluginCPU }))
		}
		w("| %s | %d | %.3f | %s / %s / %s / %s | %s / %s | %s | %.1f / %.1f / %.1f MiB | %s (%d) |\n", p.API, p.N, p.CallsPerRes, cpu(vFloor), cpu(vNull), cpu(vExasol), cpu(vQuiet),
			plugin(vNull), plugin(vExasol),
			sec(median(p.Samples[vExasol], func(s planSample) time.Duration { return s.SimCPU })),
			mib(p.ProviderPeakKB), mib(peakKB(p.Samples[vQuiet])), mib(peakKB(p.Samples[vNull])), sec(p.Apply.Wall), p.ApplyCalls)
	}
	w("\nMix per N: ")
	for i, p := range r.Plans {
		if p.API != r.Plans[0].API {
			break
		}
		if i > 0 {
			w("; ")
		}
		m := p.Mix
		w("N=%d: %d remote volumes + 1 backup target, %d archive volumes, %d schedules, %d databases on %d data volumes, %d nodes",
			p.N, m.Remotes, m.Archives, m.Schedules, m.DBs, m.DBs, m.Nodes)
	}
	w(".\n\n")
	for _, p := range r.Plans {
		if p.Changes {
			w("**%s, N=%d: the plan after apply was not empty** (the provider does not converge; timings include planning the changes).\n\n", p.API, p.N)
		}
	}
	for _, p := range r.Plans {
		if p.N == targetN || p == r.Plans[len(r.Plans)-1] {
			w("Calls of one refresh on %s at N=%d: %s.\n\n", p.API, p.N, formatJobs(p.JobsByName))
		}
	}

	for _, p := range r.Plans {
		if len(p.Attribution) == 0 {
			continue
		}
		w("\n## Where the calls of a refresh come from (%s, N=%d)\n\n", p.API, p.N)
		w("One `terraform plan -target=<block>` per resource block; a targeted plan also refreshes the blocks the target depends on,\n")
		w("whose share (measured in an earlier row) is subtracted. Where the read cache answers a block's reads with what its\n")
		w("dependencies' reads fetched (a database's db_info serves its schedules), the block's own share is 0.\n\n")
		w("| type | count | calls / resource | calls of the targeted plan | jobs of the targeted plan | minus |\n|---|---|---|---|---|---|\n")
		for _, a := range p.Attribution {
			w("| %s | %d | %.2f | %d | %s | %s |\n", a.Label, a.Count, a.PerRes, a.Calls, formatJobs(a.Jobs), a.Excludes)
		}
	}

	if c := r.Cold; c != nil {
		w("\n## Cluster cold start and shutdown (exasol_cluster_state)\n\n")
		w("A %d-node simulated cluster with %d stopped databases (each on its own data volume) is powered on (`ColdBoot`: the nodes\n", c.Nodes, c.K)
		w("boot, then the storage comes up by itself), and at once `exasol_cluster_state` is applied with `state = \"running\"`; then\n")
		w("with `state = \"stopped\"`. Realistic transition times (simulator time scale 1). Lower bound of the start: the critical path\n")
		w("%s from the power-on; of the stop: one db_stop (on ConfD storage and nodes stay up). Wall: power-on (or\n", strings.Join(c.Path, " → "))
		w("the apply's start) to the apply's exit. Polls: every read job and job_wait call of the apply.\n\n")
		if c.Error != "" {
			w("**The scenario failed**, nothing to compare: `%s`\n", oneLine(c.Error))
		} else {
			w("| step | wall | lower bound | wall / bound | polls | calls | when | provider peak RSS |\n|---|---|---|---|---|---|---|---|\n")
			for _, s := range c.Steps {
				w("| %s | %s | %s | %.2f× | %d | %d | %s | %.1f MiB |\n", s.Name, sec(s.Wall), sec(s.Bound), ratio(s.Wall, s.Bound), s.Polls, s.Calls, s.Detail, mib(s.PeakKB))
			}
		}
	}
	if l := r.Lifecycle; l != nil {
		w("\n## Database start and stop with realistic transition times\n\n")
		w("%d databases on started storage set `running = true`, then `running = false` (`exasol_database`), in one apply each\n", l.K)
		w("(-parallelism ≥ K). The lower bound is the one transition on the critical path (all databases in parallel).")
		if !l.ClusterResource {
			w(" `exasol_cluster_state`\n(issue 4) is not registered by this build: TODO, the whole-cluster cold start once it is.")
		}
		w("\n\nWall is the whole `terraform apply` (its refresh and plan alone take %s here). Late: how long after a transition ended\n", sec(l.NoopPlan))
		w("the provider's first read saw it (worst database). Span: first change job to the last database seen done. Polls: job_wait\n")
		w("polls of the change job plus state reads of one database, from its change job to the read that saw it done.\n\n")
		w("| step | K | wall | lower bound | wall / bound | span | late | polls / database | calls | provider peak RSS |\n|---|---|---|---|---|---|---|---|---|---|\n")
		for _, s := range l.Steps {
			w("| %s | %d | %s | %s (%s) | %.2f× | %s | %s | %.1f | %d | %.1f MiB |\n", s.Name, l.K, sec(s.Wall), sec(s.Bound), s.Transition,
				float64(s.Wall)/float64(s.Bound), sec(s.Span), sec(s.MaxLag), s.PollsPerDB, s.Calls, mib(s.ProviderKB))
		}
	}
	w("\n## Micro-benchmarks\n\n")
	w("`%s`: the XML-RPC codec and the job runner\n", microCommand)
	w("(internal/client/codec_bench_test.go: calls/op, TLS handshakes, job_wait polls per change job and how late a transition\n")
	w("of the given length was noticed; readcache_bench_test.go: calls per read of a refresh through the read cache), and the\n")
	w("polls of one wait by its length (internal/wait).\n\n")
	if len(r.Micro) == 0 {
		w("Not run (-micro=false).\n")
	} else {
		w("```\n%s\n```\n", strings.Join(r.Micro, "\n"))
	}
	return b.String()
}

// targets is one row per target of issue 19: name, goal, measured, met.
func (r *report) targets() [][4]string {
	var rows [][4]string
	yes := func(ok bool) string {
		if ok {
			return "yes"
		}
		return "**no**"
	}
	ats := r.at(targetN)
	if len(ats) == 0 {
		rows = append(rows, [4]string{fmt.Sprintf("plan at N=%d", targetN), "", "not measured (-n)", "–"})
	}
	for _, at := range ats {
		md := at.Median
		q := ratio(md[vExasol], md[vNull])
		rows = append(rows, [4]string{fmt.Sprintf("plan at N=%d, %s, 0 ms per call", targetN, at.API), fmt.Sprintf("≤ %.2f× benchnull", targetPlanRatio),
			fmt.Sprintf("%.2f× (%s vs %s; SDK logs off: %.2f×)", q, sec(md[vExasol]), sec(md[vNull]), ratio(md[vQuiet], md[vNull])), yes(q <= targetPlanRatio)})
		if md[vLatency] > 0 {
			l := ratio(md[vLatency], md[vNull])
			rows = append(rows, [4]string{fmt.Sprintf("plan at N=%d, %s, %s per call", targetN, at.API, r.Latency), fmt.Sprintf("≤ %.2f× benchnull", targetLatencyRatio),
				fmt.Sprintf("%.2f× (%s vs %s)", l, sec(md[vLatency]), sec(md[vNull])), yes(l <= targetLatencyRatio)})
		}
		rows = append(rows, [4]string{fmt.Sprintf("calls per refreshed resource at N=%d, %s", targetN, at.API), fmt.Sprintf("≤ %.1f", targetCalls),
			fmt.Sprintf("%.3f (%d calls)", at.CallsPerRes, callsOf(at)), yes(at.CallsPerRes <= targetCalls)})
	}
	if l := r.Lifecycle; l != nil && len(l.Steps) > 0 {
		s := l.Steps[0]
		rows = append(rows, [4]string{fmt.Sprintf("%d databases started together", l.K), fmt.Sprintf("≤ %.1f× lower bound", targetStartK),
			fmt.Sprintf("%.2f× (%s vs %s)", ratio(s.Wall, s.Bound), sec(s.Wall), sec(s.Bound)), yes(ratio(s.Wall, s.Bound) <= targetStartK)})
	}
	switch c := r.Cold; {
	case c != nil && c.Error == "" && len(c.Steps) > 0:
		s := c.Steps[0]
		rows = append(rows, [4]string{"cluster cold start", fmt.Sprintf("≤ %.1f× lower bound", targetColdStart),
			fmt.Sprintf("%.2f× (%s vs %s)", ratio(s.Wall, s.Bound), sec(s.Wall), sec(s.Bound)), yes(ratio(s.Wall, s.Bound) <= targetColdStart)})
		if len(c.Steps) > 1 {
			s := c.Steps[1]
			rows = append(rows, [4]string{"cluster shutdown", fmt.Sprintf("≤ %.1f× lower bound", targetShutdown),
				fmt.Sprintf("%.2f× (%s vs %s)", ratio(s.Wall, s.Bound), sec(s.Wall), sec(s.Bound)), yes(ratio(s.Wall, s.Bound) <= targetShutdown)})
		}
	case c != nil:
		rows = append(rows, [4]string{"cluster cold start", fmt.Sprintf("≤ %.1f× lower bound", targetColdStart), "failed: see below", "**no**"})
	}
	for _, at := range ats {
		m := mib(at.ProviderPeakKB)
		rows = append(rows, [4]string{fmt.Sprintf("provider peak RSS at N=%d, %s", targetN, at.API), fmt.Sprintf("< %.0f MiB", targetPeakRSSMiB),
			fmt.Sprintf("%.1f MiB (benchnull, a do-nothing plugin: %.1f MiB)", m, mib(peakKB(at.Samples[vNull]))), yes(at.ProviderPeakKB > 0 && m < targetPeakRSSMiB)})
	}
	return rows
}

// at lists the plans of N=n, one per interface.
func (r *report) at(n int) []*planResult {
	var out []*planResult
	for _, p := range r.Plans {
		if p.N == n {
			out = append(out, p)
		}
	}
	return out
}

func peakKB(ss []planSample) int64 {
	var kb int64
	for _, s := range ss {
		kb = max(kb, s.ProviderKB)
	}
	return kb
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 400 {
		s = s[:400] + "…"
	}
	return strings.ReplaceAll(s, "`", "'")
}

func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func sec(d time.Duration) string {
	if d < 10*time.Second {
		return fmt.Sprintf("%.2f s", d.Seconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// machine describes where the numbers come from.
func machine(ctx context.Context, b *bench) string {
	model := "unknown CPU"
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if v, ok := strings.CutPrefix(sc.Text(), "model name"); ok {
				model = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
		f.Close()
	}
	tfv := "Terraform ?"
	t := b.tf(b.work, nil)
	if r, err := t.run(ctx, false, nil, "version"); err == nil {
		tfv = strings.SplitN(strings.TrimSpace(r.Stdout), "\n", 2)[0]
	}
	return fmt.Sprintf("%s, %d CPUs, %s/%s, %s, %s", model, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version(), tfv)
}
