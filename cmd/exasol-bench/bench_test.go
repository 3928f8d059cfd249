package main

import (
	"strings"
	"testing"
	"text/template"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// The generated configurations have exactly N resources, and the mix stays
// within what the simulator's three 100 GiB disks hold.
func TestMixAddsUpToN(t *testing.T) {
	for _, n := range []int{20, 50, 200, 1000, 5000} {
		m, err := mixFor(n)
		if err != nil {
			t.Fatalf("N=%d: %v", n, err)
		}
		sum := 0
		for _, tc := range m.Types() {
			if tc.Count < 1 {
				t.Errorf("N=%d: no %s", n, tc.Label)
			}
			sum += tc.Count
		}
		if sum != n {
			t.Errorf("N=%d: the blocks hold %d resources", n, sum)
		}
		// per node: 1 GiB temporary volume per database, 64 MiB per data volume, 16 MiB per archive volume
		perNode := (int64(m.DBs)*(1<<30+64<<20) + int64(m.Archives)*16<<20) / 3
		if perNode > 90<<30 {
			t.Errorf("N=%d: %d bytes per node do not fit disk1", n, perNode)
		}
	}
	if _, err := mixFor(10); err == nil {
		t.Error("N=10 is too small for the mix and must be refused")
	}
}

// Every template renders, with the counts of the mix.
func TestTemplatesRender(t *testing.T) {
	m, _ := mixFor(50)
	m = m.sizedFor("confd")
	for _, c := range []struct {
		tpl  *template.Template
		data any
		want []string
	}{
		{mixedTemplate, m, []string{"count              = 19", "count            = 2", "count              = 15", "count      = 10", "count    = 1"}},
		{floorTemplate, m, []string{"count = 50"}},
		{nullTemplate, m, []string{"count = 50", `source = "exacluster/benchnull"`}},
		{lifecycleTemplate, map[string]int{"K": 4}, []string{"count            = 4"}},
		{coldTemplate, nil, []string{`resource "exasol_cluster_state" "this"`}},
	} {
		var b strings.Builder
		if err := c.tpl.Execute(&b, c.data); err != nil {
			t.Fatalf("%s: %v", c.tpl.Name(), err)
		}
		for _, w := range c.want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%s: %q missing in\n%s", c.tpl.Name(), w, b.String())
			}
		}
	}
}

// observe finds, per database, the first read at or after the end of the
// transition, and counts the job_wait polls the log does not show.
func TestObserve(t *testing.T) {
	t0 := time.Date(2020, 7, 7, 14, 0, 0, 0, time.UTC)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	rec := func(name, db string, ms int) sim.JobRecord {
		return sim.JobRecord{Name: name, Params: map[string]any{"db_name": db}, Source: "rpc", At: at(ms)}
	}
	log := []sim.JobRecord{
		rec("db_info", "A", 0), // before the start: not counted
		rec("db_start", "A", 100),
		rec("db_start", "B", 150),
		rec("db_info", "A", 900),  // before the end (100+1000): a poll, not the one that saw it
		rec("db_info", "A", 1300), // saw it, 200 ms late
		rec("db_info", "B", 1150), // saw it at once
		rec("db_info", "A", 1400), // after: not counted
	}
	step := stepResult{Bound: time.Second}
	// 7 logged jobs, 2 changes (each with job_start in the log and one
	// job_result outside it), and 6 job_wait polls: 15 calls
	if err := observe(&step, log, "db_start", 2, 15); err != nil {
		t.Fatal(err)
	}
	if step.MaxLag != 200*time.Millisecond {
		t.Errorf("late %v, want 200ms", step.MaxLag)
	}
	if step.Span != 1200*time.Millisecond {
		t.Errorf("span %v, want 1.2s", step.Span)
	}
	// polls: 6 job_wait + A's 2 reads + B's 1 read = 9, over 2 databases
	if step.PollsPerDB != 4.5 {
		t.Errorf("polls per database %v, want 4.5", step.PollsPerDB)
	}
	if err := observe(&step, log, "db_start", 3, 15); err == nil {
		t.Error("a database without its start job must be an error")
	}
}

// A target that is not met is explained with the same run's ratios; one
// that is met is not.
func TestWhyNot(t *testing.T) {
	sample := func(wall, cpu time.Duration, kb int64) []planSample {
		return []planSample{{Wall: wall, CPU: cpu, ProviderKB: kb, Calls: 480}}
	}
	p := &planResult{API: "confd", N: targetN, Mix: mix{Remotes: 449}, CallsPerRes: 0.48, ProviderPeakKB: 60 << 10,
		JobsByName: map[string]int{"remote_volume_list_details": 1, "remote_volume_state": 450},
		Samples: map[string][]planSample{
			vFloor:  sample(2*time.Second, 3*time.Second, 0),
			vNull:   sample(4*time.Second, 6*time.Second, 40<<10),
			vExasol: sample(8*time.Second, 12*time.Second, 60<<10),
		},
		Median: map[string]time.Duration{vFloor: 2 * time.Second, vNull: 4 * time.Second, vExasol: 8 * time.Second, vLatency: 10 * time.Second},
	}
	r := &report{Plans: []*planResult{p}, Latency: 20 * time.Millisecond}
	all := strings.Join(r.whyNot(), "\n")
	for _, want := range []string{"on confd (2.00× benchnull, which itself costs 2.00× terraform_data)", "480 calls",
		"at 20ms per call (2.50× benchnull)", "remote_volume_state, 450 of the refresh's 480 calls", "+20.0 MiB from it"} {
		if !strings.Contains(all, want) {
			t.Errorf("%q missing in:\n%s", want, all)
		}
	}
	p.Median = map[string]time.Duration{vFloor: 2 * time.Second, vNull: 4 * time.Second, vExasol: 4 * time.Second, vLatency: 5 * time.Second}
	p.ProviderPeakKB, p.CallsPerRes = 30<<10, 0.05
	if why := r.whyNot(); len(why) != 0 {
		t.Errorf("every target met; got %q", why)
	}
	if rows := r.targets(); len(rows) != 4 {
		t.Errorf("targets at N=%d on one interface: %q", targetN, rows)
	}
}
