package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// The fault matrix's machinery: one resource of each type is created,
// updated and destroyed through the Terraform CLI while the simulator
// injects a fault into one job call of the operation (sim/faults.go). A case
// converges on the first try (the run succeeds and the state and the cluster
// agree), or after a re-apply (the run failed with an error that names the
// struck job, and the same configuration applied again without faults
// converges), or it fails the test.

// matrixResource is one resource type of the matrix: configurations before
// and after an update, and objects made out of band that it needs.
type matrixResource struct {
	typ            string
	create, update string
	// prepare makes what the resource refers to; baseline lists those
	// objects as simObjects names them, so that they are not orphans.
	prepare  func(t *testing.T, s *sim.Server)
	baseline map[string][]string
}

var matrixResources = []matrixResource{
	{
		typ:    "exasol_storage_volume",
		create: acctest.StorageVolume("m", acctest.Attrs{"name": "FaultVolume", "labels": []string{"team:a"}}),
		update: acctest.StorageVolume("m", acctest.Attrs{"name": "FaultVolume", "size": "2 GiB", "labels": []string{"team:a", "team:b"}}),
	},
	{
		typ:    "exasol_database",
		create: acctest.Database("m", acctest.Attrs{"db_name": "FAULTDB", "port": 8563}),
		update: acctest.Database("m", acctest.Attrs{"db_name": "FAULTDB", "mem_size": "2 GiB", "port": 8563}),
	},
	{
		// ConfD cannot edit a remote volume: the update replaces it.
		typ:    "exasol_remote_volume",
		create: faultRemote("timeout=300"),
		update: faultRemote("timeout=600"),
	},
	{
		typ:    "exasol_node",
		create: acctest.Node("m", acctest.Attrs{"suspended": false}),
		update: acctest.Node("m", acctest.Attrs{"suspended": true}),
	},
	{
		typ:    "exasol_backup_schedule",
		create: acctest.BackupSchedule("m", acctest.Attrs{"expire": "1w", "minute": "30", "hour": "2"}),
		update: acctest.BackupSchedule("m", acctest.Attrs{"expire": "1w", "minute": "30", "hour": "3"}),
		prepare: func(t *testing.T, s *sim.Server) {
			acctest.Exec(t, s, "db_create", map[string]any{
				"db_name": "DB1", "version": "8.29.0", "data_volume_name": "DataVolume1", "mem_size": "1 GiB",
				"nodes": []any{int64(11)}, "num_active_nodes": int64(1),
			})
			acctest.Exec(t, s, "remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://backups.s3.example.com", "remote_volume_name": "Backups"})
		},
		baseline: map[string][]string{"databases": {"DB1"}, "remote volumes": {"Backups"}},
	},
}

// faultRemote is the matrix's remote volume with one option.
func faultRemote(option string) string {
	return acctest.RemoteVolume("m", acctest.Attrs{"remote_volume_name": "FaultBackups", "url": "https://fault-backups.s3.example.com",
		"username": "AKIAIOSFODNN7EXAMPLE", "password": "matrix-secret", "options": []string{option}})
}

// Operations of the matrix.
const (
	opCreate  = "create"
	opUpdate  = "update"
	opDestroy = "destroy"
)

var matrixOps = []string{opCreate, opUpdate, opDestroy}

// target is the configuration an operation applies; "" leaves only the
// provider block, which destroys the resource.
func (m matrixResource) target(op string) string {
	switch op {
	case opCreate:
		return m.create
	case opUpdate:
		return m.update
	}
	return ""
}

// Outcomes of a case.
const (
	outcomeFirstTry = "converged first try"
	outcomeReapply  = "converged after re-apply"
	outcomeFailed   = "failed"
)

// matrixCase is one operation under one fault.
type matrixCase struct {
	res   string
	op    string
	fault sim.Fault

	outcome string
	err     string // the error of the struck run, if it failed
	struck  []sim.FaultRecord
	jobs    []sim.JobRecord // without a fault: the jobs the provider sent
	seen    int             // faults fired before this case's run
	failure string          // why the case failed: the summary of the last error
}

func (c *matrixCase) name() string {
	return fmt.Sprintf("%s/%s/%s", strings.TrimPrefix(c.res, "exasol_"), c.op, c.fault)
}

// runMatrixChain runs the operations of cases (one resource, in the order
// create, update, destroy, any subset) in one Terraform test case on a fresh
// simulator. Each operation is applied with its fault armed, then applied
// again without faults; both runs must leave the state and the cluster in
// agreement, and a failed run must say which job failed.
func runMatrixChain(t *testing.T, m matrixResource, cases []*matrixCase) {
	s := acctest.Start(t)
	if m.prepare != nil {
		m.prepare(t, s)
	}
	prov := acctest.Provider(s, acctest.WithAPI("confd"), acctest.Timeouts("1s", "20s")) // gives up on a held answer after a second
	var (
		mu      sync.Mutex
		current *matrixCase // the case whose struck run is under way
		last    *matrixCase // the case whose struck run or re-apply was the last
	)
	agree := checkAgreement(s, m.baseline)
	var steps []resource.TestStep
	if cases[0].op != opCreate {
		steps = append(steps, resource.TestStep{Config: prov + m.create, Check: agree})
	}
	for _, c := range cases {
		c.outcome = outcomeFailed // until a run converges
		steps = append(steps,
			resource.TestStep{
				PreConfig: func() {
					mu.Lock()
					current, last = c, c
					mu.Unlock()
					s.ResetJobLog()
					c.seen = len(s.FaultLog())
					if c.fault.Kind == "" { // a dry run, to count the jobs
						return
					}
					if err := s.InjectFaults(c.fault); err != nil {
						t.Fatal(err)
					}
				},
				Config: prov + m.target(c.op),
				Check: func(st *terraform.State) error {
					if err := agree(st); err != nil {
						return fmt.Errorf("the struck run succeeded, but %w", err)
					}
					c.jobs = acctest.Log(s).Sent(true)
					c.outcome = outcomeFirstTry
					return nil
				},
			},
			resource.TestStep{
				PreConfig: func() {
					mu.Lock()
					current = nil
					mu.Unlock()
					c.struck = s.FaultLog()[c.seen:]
					s.ClearFaults()
				},
				// A run that converged needs no second one.
				SkipFunc: func() (bool, error) { return c.outcome == outcomeFirstTry, nil },
				Config:   prov + m.target(c.op),
				Check: func(st *terraform.State) error {
					if err := agree(st); err != nil {
						return fmt.Errorf("after the re-apply %w", err)
					}
					if c.outcome != outcomeFirstTry {
						c.outcome = outcomeReapply
					}
					return nil
				},
			})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
		// Only the struck run may fail, and only with a clear error.
		ErrorCheck: func(err error) error {
			mu.Lock()
			c, l := current, last
			mu.Unlock()
			if c == nil || strings.Contains(err.Error(), "the struck run succeeded, but") {
				if l != nil {
					l.failure = "the re-apply failed: " + summary(err.Error())
					if c != nil {
						l.failure = "the struck run succeeded, but the state and the cluster disagree"
					}
				}
				return err
			}
			c.err = diagnostic(err.Error())
			c.outcome = outcomeFailed
			if msg := unclear(c.err, s.FaultLog()[c.seen:]); msg != "" {
				c.failure = msg
				return fmt.Errorf("%s: %s: %w", c.name(), msg, err)
			}
			return nil
		},
	})
	for _, c := range cases {
		if len(c.struck) == 0 && c.fault.Kind != "" {
			t.Errorf("%s: the fault never fired", c.name())
		}
	}
}

var (
	diagStart = regexp.MustCompile(`(?s)^.*?Error: `)
	diagWhere = regexp.MustCompile(`with \S+, on \S+ line \d+, in resource "[^"]+" "[^"]+": \d+: resource "[^"]+" "[^"]+" \{ `)
)

// diagnostic is what Terraform printed of the error diagnostics of a failed
// run, on one line, without the configuration excerpt.
func diagnostic(out string) string {
	msg := strings.Join(strings.Fields(diagStart.ReplaceAllString(out, "Error: ")), " ")
	return diagWhere.ReplaceAllString(msg, "")
}

// summary is the first error summary Terraform printed ("Storage volume
// exists"), or the error's first line.
func summary(out string) string {
	for _, l := range strings.Split(out, "\n") {
		if s, ok := strings.CutPrefix(strings.TrimSpace(l), "Error: "); ok {
			return s
		}
	}
	l, _, _ := strings.Cut(strings.TrimSpace(out), "\n")
	return l
}

// unclear says what a failed run's error lacks: it must name the job (or
// XML-RPC method) that the fault struck.
func unclear(msg string, struck []sim.FaultRecord) string {
	if len(struck) == 0 {
		return "the run failed, but no fault fired"
	}
	name := struck[0].Job
	if name == "" {
		name = struck[0].Method
	}
	if !strings.Contains(msg, name) {
		return fmt.Sprintf("the error does not name the struck job %s", name)
	}
	return ""
}

// checkAgreement compares the objects in the Terraform state with the
// cluster's (beyond baseline): no duplicate, no orphan, nothing lost.
func checkAgreement(s *sim.Server, baseline map[string][]string) resource.TestCheckFunc {
	return func(st *terraform.State) error {
		inState := map[string][]string{}
		for kind, names := range baseline {
			inState[kind] = append(inState[kind], names...)
		}
		for _, r := range st.RootModule().Resources {
			a := r.Primary.Attributes
			switch r.Type {
			case "exasol_database":
				inState["databases"] = append(inState["databases"], a["db_name"])
			case "exasol_storage_volume":
				inState["storage volumes"] = append(inState["storage volumes"], a["name"])
			case "exasol_remote_volume":
				inState["remote volumes"] = append(inState["remote volumes"], a["remote_volume_name"])
			case "exasol_backup_schedule":
				inState["schedules"] = append(inState["schedules"], a["db_name"]+"/"+a["backup_name"])
			case "exasol_node":
				inState["nodes"] = append(inState["nodes"], a["id"])
			}
		}
		inSim, err := simObjects(s)
		if err != nil {
			return err
		}
		for _, kind := range []string{"databases", "storage volumes", "remote volumes", "schedules", "nodes"} {
			if a, b := sorted(inState[kind]), sorted(inSim[kind]); !slices.Equal(a, b) {
				return fmt.Errorf("the state and the cluster disagree on %s: state %v, cluster %v", kind, a, b)
			}
		}
		return nil
	}
}

// matrixTally counts outcomes by a key.
type matrixTally struct {
	keys []string
	rows map[string]*[4]int // tried, first try, after re-apply, failed
}

func (m *matrixTally) add(key, outcome string) {
	if m.rows == nil {
		m.rows = map[string]*[4]int{}
	}
	r, ok := m.rows[key]
	if !ok {
		r = &[4]int{}
		m.rows[key] = r
		m.keys = append(m.keys, key)
	}
	r[0]++
	switch outcome {
	case outcomeFirstTry:
		r[1]++
	case outcomeReapply:
		r[2]++
	default:
		r[3]++
	}
}

// table renders the tally as a Markdown table with a total row.
func (m *matrixTally) table(head string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "| %s | cases | converged first try | converged after re-apply | failed |\n|---|---:|---:|---:|---:|\n", head)
	var total [4]int
	for _, k := range m.keys {
		r := m.rows[k]
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d |\n", k, r[0], r[1], r[2], r[3])
		for i := range total {
			total[i] += r[i]
		}
	}
	fmt.Fprintf(&b, "| **all** | **%d** | **%d** | **%d** | **%d** |\n", total[0], total[1], total[2], total[3])
	return b.String()
}
