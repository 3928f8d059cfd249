package client_test

import (
	"fmt"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// A refresh of many storage volumes on EXAoperation reads getVolumeList
// once; a volume made out of band shows in the next run (a new client).
func TestExaopVolumesOneListPerRefresh(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
	for i := range 5 {
		if _, err := s.Cluster().CreateVolume(cluster.VolumeSpec{Name: fmt.Sprintf("A%d", i), Type: cluster.VolumeArchive, Disk: "disk1",
			Size: 1 << 30, Nodes: []int{11}, Redundancy: 1}); err != nil {
			t.Fatal(err)
		}
	}
	acctest.Log(s).Reset()
	x, _ := newExaop(t, s)
	for i := range 5 {
		if v, err := x.VolumeInfo(ctx(t), fmt.Sprintf("A%d", i)); err != nil || v.Name != fmt.Sprintf("A%d", i) {
			t.Fatalf("A%d: %+v %v", i, v, err)
		}
	}
	if n := count(acctest.Log(s).Calls(), ".getVolumeList"); n != 1 {
		t.Errorf("getVolumeList read %d times for 5 volumes: %v", n, acctest.Log(s).Calls())
	}
	if _, err := s.Cluster().CreateVolume(cluster.VolumeSpec{Name: "Late", Type: cluster.VolumeArchive, Disk: "disk1",
		Size: 1 << 30, Nodes: []int{11}, Redundancy: 1}); err != nil {
		t.Fatal(err)
	}
	next, _ := newExaop(t, s)
	if _, err := next.VolumeInfo(ctx(t), "Late"); err != nil {
		t.Errorf("a volume made between two runs: %v", err)
	}
	// a change of the client's own renews what it read
	if err := x.DeleteVolume(ctx(t), "A0"); err != nil {
		t.Fatal(err)
	}
	if _, err := x.VolumeInfo(ctx(t), "A0"); !client.IsNotFound(err) {
		t.Errorf("A0 after its deletion: %v", err)
	}
}
