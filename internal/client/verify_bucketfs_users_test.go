package client_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// Issue 22's creates and deletes, and general_settings, with the master failing while the job is
// in flight, once after it committed (the answer is lost) and once before
// it ran: each takes effect exactly once (verify_bucketfs_users.go).
func TestBucketFSAndUsersSurviveFailover(t *testing.T) {
	for _, lose := range []bool{true, false} {
		name := "not committed"
		if lose {
			name = "committed, answer lost"
		}
		t.Run(name, func(t *testing.T) {
			s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(3), acctest.NodeAddresses())
			c, _ := failoverClient(t, s)
			steps := []struct {
				job string
				run func(context.Context) error
			}{
				{"general_settings", func(ctx context.Context) error {
					return c.ChangeClusterSettings(ctx, map[string]any{"Global.NameServers": "4.4.4.4, 8.8.8.8",
						"Global.XMLRPCPort": int64(20003), "Global.EnableLoadBalancer": true})
				}},
				{"group_create", func(ctx context.Context) error { return c.CreateSysGroup(ctx, "analysts", 1200) }},
				{"user_create", func(ctx context.Context) error {
					return c.CreateSysUser(ctx, client.SysUser{Name: "ana", ID: 1300, Group: "analysts", LoginEnabled: true}, "")
				}},
				{"bucketfs_add", func(ctx context.Context) error {
					return c.CreateBucketFS(ctx, client.BucketFSSpec{Name: "bfs1", HTTPPort: 0, HTTPSPort: 2600, Owner: []int64{500, 500}})
				}},
				{"bucket_add", func(ctx context.Context) error {
					return c.CreateBucket(ctx, client.BucketSpec{Service: "bfs1", Name: "b1", Public: true})
				}},
				{"bucket_delete", func(ctx context.Context) error { return c.DeleteBucket(ctx, "bfs1", "b1") }},
				{"bucketfs_delete", func(ctx context.Context) error { return c.DeleteBucketFS(ctx, "bfs1") }},
				{"user_delete", func(ctx context.Context) error { return c.DeleteSysUser(ctx, "ana") }},
				{"group_delete", func(ctx context.Context) error { return c.DeleteSysGroup(ctx, "analysts") }},
			}
			for _, step := range steps {
				s.ResetJobLog()
				failMaster(t, s, sim.FailoverOptions{AtJob: 1, Job: step.job, LoseResponse: lose, Delay: 50 * time.Millisecond})
				if err := step.run(ctx(t)); err != nil {
					t.Fatalf("%s: %v", step.job, err)
				}
				if n := acctest.Log(s).Ran(step.job); n != 1 {
					t.Fatalf("%s ran %d times, want once; log %+v", step.job, n, s.JobLog())
				}
				want := step.job
				if !lose {
					want += " dropped"
				}
				if lost := acctest.Log(s).Lost(); len(lost) != 1 || lost[0] != want {
					t.Fatalf("%s: lost jobs %v, want [%s]", step.job, lost, want)
				}
			}
			if names, _ := c.BucketFSList(ctx(t)); slices.Contains(names, "bfs1") {
				t.Errorf("services left: %v", names)
			}
			if groups, _ := c.SysGroups(ctx(t)); groups["analysts"] != 0 {
				t.Errorf("groups left: %v", groups)
			}
			checkFailovers(t, s, len(steps))
		})
	}
}

// A create whose answer was lost is not taken for done when the object was
// there before the job: it is someone else's.
func TestLostGroupCreateOfAForeignGroup(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(3), acctest.NodeAddresses())
	c, _ := failoverClient(t, s)
	if err := c.CreateSysGroup(ctx(t), "analysts", 1200); err != nil {
		t.Fatal(err)
	}
	failMaster(t, s, sim.FailoverOptions{AtJob: 1, Job: "group_create", LoseResponse: true, Delay: 50 * time.Millisecond})
	err := c.CreateSysGroup(ctx(t), "analysts", 1200)
	var foreign *client.ForeignObjectError
	if !errors.As(err, &foreign) || foreign.Kind != "system group" {
		t.Fatalf("want a ForeignObjectError for the group, got %v", err)
	}
}
