// Command exasol-bench measures what the provider costs Terraform, against
// the simulator (internal/sim, started in-process so that its call counter
// and job log can be read), with the real Terraform CLI running the built
// provider as a plugin through dev_overrides (nothing is downloaded):
//
//  1. `terraform plan` (refresh) of N mixed resources beside N terraform_data
//     resources, the floor Terraform itself costs, and the ratio;
//  2. XML-RPC calls per refreshed resource, and per resource type;
//  3. an ordered start and stop with realistic transition times: wall time
//     beside the critical-path lower bound, and the number of polls;
//  4. the provider process's peak RSS.
//
// It prints a table and writes it to BENCHMARKS.md and a JSON copy. Run it
// with `make bench`, which builds the provider and installs Terraform.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

func main() {
	if isNullPlugin() {
		if err := serveNull(); err != nil {
			fmt.Fprintln(os.Stderr, nullBinary+":", err)
			os.Exit(1)
		}
		return
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "exasol-bench:", err)
		os.Exit(1)
	}
}

type bench struct {
	terraform, provider string
	self                string // this executable (the benchnull plugin)
	work                string // temporary directory: configurations and states
	cliConfig           string
	start               time.Time
}

func (b *bench) logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "[%6.1fs] %s\n", time.Since(b.start).Seconds(), fmt.Sprintf(format, args...))
}

// tf is a Terraform runner for dir, connected to s when s is not nil.
func (b *bench) tf(dir string, s *sim.Server) *tf {
	return b.tfAPI(dir, s, sim.APIConfD)
}

// tfAPI is tf for a simulator serving api (sim.APIConfD or sim.APIEXAoperation).
func (b *bench) tfAPI(dir string, s *sim.Server, api string) *tf {
	env := baseEnv(b.cliConfig)
	if s != nil {
		env = append(env,
			"EXASOL_ENDPOINTS="+strings.Join(s.Endpoints(), ","),
			"EXASOL_USERNAME="+s.Username(),
			"EXASOL_PASSWORD="+s.Password(),
			"EXASOL_CA_CERT_FILE="+s.CACertFile(),
			// Named, as a pipeline would: no detection request at start-up.
			"EXASOL_API="+api,
		)
	}
	return &tf{bin: b.terraform, provider: b.provider, dir: dir, env: env}
}

func run() error {
	var (
		ns        = flag.String("n", "50,200,1000", "numbers of resources to plan, comma-separated")
		runs      = flag.Int("runs", 3, "timed plans per N (the median is reported)")
		applyPar  = flag.Int("parallelism", 20, "terraform apply -parallelism for the N-resource applies")
		planPar   = flag.Int("plan-parallelism", 10, "terraform plan -parallelism (10 is Terraform's default)")
		attrN     = flag.Int("attribute-n", 200, "N at which calls are attributed to resource types (targeted plans); 0 = skip")
		k         = flag.Int("k", 4, "databases started and stopped in scenario 3")
		terraform = flag.String("terraform", ".tools/bin/terraform", "Terraform CLI")
		provider  = flag.String("provider", ".tools/provider/terraform-provider-exasol", "built provider binary")
		out       = flag.String("out", "BENCHMARKS.md", "Markdown report ('' = none)")
		jsonOut   = flag.String("json", ".tools/bench/results.json", "machine-readable results ('' = none)")
		keep      = flag.Bool("keep", false, "keep the temporary working directory")
		cold      = flag.Bool("cold", true, "measure the whole-cluster cold start and shutdown (exasol_cluster_state; about 2 minutes)")
		micro     = flag.Bool("micro", true, "run the Go micro-benchmarks (go test -bench) and include them")
		latency   = flag.Duration("latency", 20*time.Millisecond, "simulator latency per call of the plans' second timing (sim --latency); 0 = skip")
		apis      = flag.String("apis", sim.APIConfD+","+sim.APIEXAoperation, "interfaces whose plans are timed, comma-separated")
		profile   = flag.String("profile", "", "directory for pprof profiles of the provider plugin (CPU, allocations, peak heap) in the applies and the exasol plans; profiling slows them ('' = none)")
	)
	flag.Parse()
	var (
		sizes []int
		err   error
	)
	for _, f := range strings.Split(*ns, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return fmt.Errorf("-n: %q is not a number", f)
		}
		if _, err := mixFor(n); err != nil {
			return err
		}
		sizes = append(sizes, n)
	}
	if *profile != "" {
		if *profile, err = filepath.Abs(*profile); err != nil {
			return err
		}
	}
	if *runs < 1 || *k < 1 {
		return fmt.Errorf("-runs and -k must be at least 1")
	}
	b := &bench{start: time.Now()}
	for _, p := range []struct {
		flag string
		dst  *string
	}{{*terraform, &b.terraform}, {*provider, &b.provider}} {
		abs, err := filepath.Abs(p.flag)
		if err != nil {
			return err
		}
		if fi, err := os.Stat(abs); err != nil || fi.IsDir() {
			return fmt.Errorf("%s is missing (run this through 'make bench', which builds it)", abs)
		}
		*p.dst = abs
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	if b.self, err = filepath.EvalSymlinks(self); err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "exasol-bench-")
	if err != nil {
		return err
	}
	b.work = work
	if *keep {
		defer b.logf("kept %s", work)
	} else {
		defer os.RemoveAll(work)
	}
	nullDir := filepath.Join(work, "plugins")
	if err := linkNullPlugin(nullDir); err != nil {
		return err
	}
	if b.cliConfig, err = writeCLIConfig(work, b.provider, nullDir); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	rep := &report{Started: b.start, Command: strings.Join(os.Args, " "), Machine: machine(ctx, b), LoadStart: loadAvg()}
	// The floors (terraform_data, benchnull) do not depend on the
	// interface: they are timed with the first interface's plans and
	// shared with the others' of the same N.
	floors := map[int]*planResult{}
	for _, api := range strings.Split(*apis, ",") {
		api = strings.TrimSpace(api)
		for _, n := range sizes {
			o := planOpts{api: api, runs: *runs, applyParallelism: *applyPar, planParallelism: *planPar, latency: *latency,
				profile:   *profile,
				attribute: n == *attrN && len(floors) < len(sizes), floors: floors[n]}
			r, err := benchPlan(ctx, b, n, o)
			if err != nil && floors[n] != nil {
				// Another interface's plans of this N stand: report the
				// failure beside them rather than losing the run.
				b.logf("%s, N=%d: FAILED: %v", api, n, err)
				msg := strings.ReplaceAll(strings.Join(strings.Fields(err.Error()), " "), "`", "'")
				if len(msg) > 600 {
					msg = "…" + msg[len(msg)-600:] // Terraform's errors come last
				}
				rep.Failed = append(rep.Failed, fmt.Sprintf("%s, N=%d: %s", api, n, msg))
				continue
			}
			if err != nil {
				return fmt.Errorf("plan of %d resources (%s): %w", n, api, err)
			}
			if floors[n] == nil {
				floors[n] = r
			}
			rep.Plans = append(rep.Plans, r)
		}
	}
	rep.Latency = *latency
	if rep.Lifecycle, err = benchLifecycle(ctx, b, *k); err != nil {
		return fmt.Errorf("start/stop: %w", err)
	}
	if *cold && rep.Lifecycle.ClusterResource {
		if rep.Cold, err = benchColdStart(ctx, b, *k); err != nil {
			return fmt.Errorf("cluster start/stop: %w", err)
		}
	}
	if *micro {
		if rep.Micro, err = microBenchmarks(ctx, b); err != nil {
			return fmt.Errorf("micro-benchmarks: %w", err)
		}
	}
	rep.Runtime = time.Since(b.start)
	rep.LoadEnd = loadAvg()
	rep.Settings = fmt.Sprintf("runs=%d, apply -parallelism=%d, plan -parallelism=%d, K=%d", *runs, *applyPar, *planPar, *k)

	md := rep.markdown()
	fmt.Println(md)
	if *out != "" {
		if err := os.WriteFile(*out, []byte(md), 0o644); err != nil {
			return err
		}
		b.logf("wrote %s", *out)
	}
	if *jsonOut != "" {
		data, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(*jsonOut), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(*jsonOut, append(data, '\n'), 0o644); err != nil {
			return err
		}
		b.logf("wrote %s", *jsonOut)
	}
	return nil
}
