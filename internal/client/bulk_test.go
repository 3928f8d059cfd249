package client_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// seedRemoteVolumes adds 20 remote volumes RV0…RV19 out of band, half of
// them owned by exadbadm, and empties the job log.
func seedRemoteVolumes(t *testing.T, s *sim.Server) {
	t.Helper()
	for i := range 20 {
		p := map[string]any{"vol_type": "s3", "url": fmt.Sprintf("https://b%d.example.com", i),
			"remote_volume_name": fmt.Sprintf("RV%d", i), "labels": []string{"l"}, "options": []string{"noverifypeer", "timeout=30"}}
		if i%2 == 1 {
			p["owner"] = []string{"exadbadm", "exadbadm"}
		}
		acctest.Exec(t, s, "remote_volume_add", p)
	}
	acctest.Log(s).Reset()
}

// A refresh of many remote volumes reads the first with remote_volume_info
// (all a run with one volume needs), then remote_volume_list_details once,
// and remote_volume_info once for each owner the first did not name (the
// list gives owner ids); each volume is served exactly as
// remote_volume_info describes it.
func TestBulkRemoteVolumesOneListPerRefresh(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(3))
	seedRemoteVolumes(t, s)
	ctx := context.Background()
	direct, _ := newClient(t, s)
	var want []*client.RemoteVolume
	for i := range 20 {
		v, err := direct.RemoteVolumeInfo(client.Fresh(ctx), client.RemoteVolumeRef{Name: fmt.Sprintf("RV%d", i)})
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, v)
	}
	acctest.Log(s).Reset()
	c, _ := newClient(t, s)
	for i := range 20 {
		got, err := c.RemoteVolumeInfo(ctx, client.RemoteVolumeRef{Name: fmt.Sprintf("RV%d", i)})
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(*got) != fmt.Sprint(*want[i]) {
			t.Errorf("RV%d from the list: %+v, remote_volume_info: %+v", i, *got, *want[i])
		}
	}
	// by id too
	if got, err := c.RemoteVolumeInfo(ctx, client.RemoteVolumeRef{ID: want[3].ID}); err != nil || got.Name != "RV3" {
		t.Errorf("by id: %v %v", got, err)
	}
	jobs := clientJobs(s)
	// two owners (root and exadbadm): the first read names one
	if jobs["remote_volume_list_details"] != 1 || jobs["remote_volume_info"] != 2 {
		t.Errorf("jobs of a refresh of 20 remote volumes: %v", jobs)
	}
}

// A change made out of band shows in the next run (a new client), and within
// a run once a change job has run.
func TestBulkRemoteVolumesSeeDrift(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(3))
	seedRemoteVolumes(t, s)
	ctx := context.Background()
	c, _ := newClient(t, s)
	if _, err := c.RemoteVolumeInfo(ctx, client.RemoteVolumeRef{Name: "RV0"}); err != nil {
		t.Fatal(err)
	}
	acctest.Exec(t, s, "remote_volume_remove", map[string]any{"remote_volume_name": "RV0"})
	acctest.Exec(t, s, "remote_volume_add", map[string]any{"vol_type": "ftp", "url": "ftp://other", "remote_volume_name": "RV0"})
	next, _ := newClient(t, s)
	v, err := next.RemoteVolumeInfo(ctx, client.RemoteVolumeRef{Name: "RV0"})
	if err != nil || v.Type != "ftp" || v.URL != "ftp://other" {
		t.Errorf("next run reads RV0 as %+v %v, want the ftp volume", v, err)
	}
	acctest.Exec(t, s, "remote_volume_remove", map[string]any{"remote_volume_name": "RV1"})
	if _, err := next.RemoteVolumeInfo(ctx, client.RemoteVolumeRef{Name: "RV2"}); err != nil {
		t.Fatal(err)
	}
	// the client's own change renews the cache: RV1 is gone for it
	if err := next.DeleteRemoteVolume(ctx, client.RemoteVolumeRef{Name: "RV5"}); err != nil {
		t.Fatal(err)
	}
	if _, err := next.RemoteVolumeInfo(ctx, client.RemoteVolumeRef{Name: "RV1"}); !client.IsNotFound(err) {
		t.Errorf("RV1 removed out of band, read after a change: %v, want not found", err)
	}
}

// A cluster that does not know remote_volume_list_details is asked once per
// run; every volume is then read with remote_volume_info.
func TestBulkRemoteVolumesFallBack(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(3))
	seedRemoteVolumes(t, s)
	if err := s.InjectFaults(sim.Fault{Kind: sim.FaultError, Jobs: []string{"remote_volume_list_details"}, Times: sim.FaultAlways,
		Message: "job 'remote_volume_list_details' does not exist"}); err != nil {
		t.Fatal(err)
	}
	c, _ := newClient(t, s)
	for i := range 20 {
		v, err := c.RemoteVolumeInfo(context.Background(), client.RemoteVolumeRef{Name: fmt.Sprintf("RV%d", i)})
		if err != nil || v.Name != fmt.Sprintf("RV%d", i) {
			t.Fatalf("RV%d: %v %v", i, v, err)
		}
	}
	jobs := clientJobs(s)
	if jobs["remote_volume_list_details"] != 1 || jobs["remote_volume_info"] != 20 {
		t.Errorf("jobs: %v, want one remote_volume_list_details and 20 remote_volume_info", jobs)
	}
}
