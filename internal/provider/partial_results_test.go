package provider

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// Partial results (partial.go): a change that took effect is recorded
// whatever happens after it. A refused read-back after a create or an
// update leaves the id and the configured values in the state (no "invalid
// result object", no taint, no replacement); a create that times out while
// the database is still starting is recorded, not tainted, and converges in
// place.

// infoRead is the read of a database's details: ConfD's db_info,
// EXAoperation's getDatabaseInfo.
func infoRead() string {
	if acctest.API() == client.APIEXAoperation {
		return "getDatabaseInfo"
	}
	return "db_info"
}

// readBack locates the provider's read-back in an apply: the n-th read of
// the database's details after the apply's last change job (after). A run
// without faults measures it, so that the test does not depend on how many
// reads the client's waits make.
type readBack struct {
	after string
	n     int
}

// measureReadBack records the read-back of the apply whose jobs are log[from:].
func measureReadBack(log []sim.JobRecord, from int) readBack {
	var rb readBack
	for _, r := range log[from:] {
		switch {
		case r.Name == infoRead():
			rb.n++
		case !acctest.ReadJob(r.Name) && !strings.HasPrefix(r.Name, "get"):
			rb = readBack{after: r.Name}
		}
	}
	return rb
}

// refusing arms, whenever the simulator runs job rb.after, a fault that
// refuses the rb.n-th read after it: the read-back.
func refusing(t *testing.T, srv **sim.Server, rb *readBack) acctest.SimOption {
	return func(o *sim.Options) {
		o.OnJob = func(r sim.JobRecord) {
			if *srv == nil || rb.after == "" || r.Name != rb.after {
				return
			}
			f := sim.Fault{Kind: sim.FaultError, Call: rb.n, Times: 1, Message: "read-back refused (fault injected by the test)"}
			if acctest.API() == client.APIEXAoperation {
				f.Methods = []string{infoRead()}
			} else {
				f.Jobs = []string{infoRead()}
			}
			if err := (*srv).InjectFaults(f); err != nil {
				t.Error(err)
			}
		}
	}
}

func TestAccDatabase_readBackRefused(t *testing.T) {
	// A run without faults locates the read-backs of the create and the update.
	var measured [2]readBack
	scratch := acctest.Start(t)
	mark := 0
	measure := func(i int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			log := acctest.Log(scratch).Records()
			measured[i] = measureReadBack(log, mark)
			mark = len(log)
			if measured[i].after == "" || measured[i].n == 0 {
				return fmt.Errorf("no read-back after a change job in %v", log)
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.Provider(scratch) + acctest.Database("p", acctest.Attrs{"db_name": "PARTIALDB", "mem_size": "1 GiB", "port": 8563}), Check: measure(0)},
			{PreConfig: func() { mark = len(acctest.Log(scratch).Records()) }, Config: acctest.Provider(scratch) + acctest.Database("p", acctest.Attrs{"db_name": "PARTIALDB", "mem_size": "2 GiB", "port": 8563}), Check: measure(1)},
		},
	})

	var s *sim.Server
	rb := measured[0]
	s = acctest.Start(t, refusing(t, &s, &rb))
	struck := func(want int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if n := len(s.FaultLog()); n != want {
				return fmt.Errorf("the read-back was refused %d times, want %d", n, want)
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// The create succeeds; its read-back is refused.
				Config: acctest.Provider(s) + acctest.Database("p", acctest.Attrs{"db_name": "PARTIALDB", "mem_size": "1 GiB", "port": 8563}),
				Check: resource.ComposeTestCheckFunc(struck(1),
					resource.TestCheckResourceAttr("exasol_database.p", "id", "PARTIALDB"),
					resource.TestCheckResourceAttr("exasol_database.p", "mem_size", "1 GiB"),
				),
			},
			{
				// The update succeeds; its read-back is refused.
				PreConfig: func() { rb = measured[1] },
				Config:    acctest.Provider(s) + acctest.Database("p", acctest.Attrs{"db_name": "PARTIALDB", "mem_size": "2 GiB", "port": 8563}),
				Check: resource.ComposeTestCheckFunc(struck(2),
					resource.TestCheckResourceAttr("exasol_database.p", "id", "PARTIALDB"),
					resource.TestCheckResourceAttr("exasol_database.p", "mem_size", "2 GiB"),
				),
			},
			{
				// Nothing was replaced: one create, no delete.
				PreConfig: func() { rb = readBack{} },
				Config:    acctest.Provider(s) + acctest.Database("p", acctest.Attrs{"db_name": "PARTIALDB", "mem_size": "2 GiB", "port": 8563}),
				Check: func(*terraform.State) error {
					if c, d := countChangeJobs(s, "db_create"), countChangeJobs(s, "db_delete"); c != 1 || d != 0 {
						return fmt.Errorf("db_create sent %d times, db_delete %d times; want 1 and 0 (jobs: %v)", c, d, acctest.Log(s).Changes())
					}
					return nil
				},
			},
		},
	})
}

// Issue 18: a database that is created but slow to start is not replaced.
func TestAccDatabase_slowCreateIsNotReplaced(t *testing.T) {
	const start = 6 * time.Second
	s := acctest.Start(t, acctest.Duration("db_start", start))
	timeouts := "  timeouts {\n    create = \"2s\"\n  }\n"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// The create's deadline ends while the database starts: a
				// warning, and the database is in the state, untainted.
				Config: acctest.Provider(s) + acctest.Database("p", acctest.Attrs{"db_name": "PARTIALDB", "mem_size": "1 GiB", "port": 8563, acctest.Extra: timeouts}),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr("exasol_database.p", "id", "PARTIALDB"),
					resource.TestCheckResourceAttr("exasol_database.p", "running", "true"),
				),
			},
			{
				PreConfig: func() { time.Sleep(start) },
				Config:    acctest.Provider(s) + acctest.Database("p", acctest.Attrs{"db_name": "PARTIALDB", "mem_size": "1 GiB", "port": 8563, acctest.Extra: timeouts}),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr("exasol_database.p", "state", client.DBStateRunning),
					func(*terraform.State) error {
						if jobs := acctest.Log(s).Changes(); countChangeJobs(s, "db_create") != 1 || slices.Contains(jobs, "db_delete") {
							return fmt.Errorf("the database was replaced: jobs %v", jobs)
						}
						return nil
					},
				),
			},
		},
	})
}

// countChangeJobs counts the provider's change jobs of one name.
func countChangeJobs(s *sim.Server, name string) int {
	n := 0
	for _, j := range acctest.Log(s).Changes() {
		if j == name {
			n++
		}
	}
	return n
}
