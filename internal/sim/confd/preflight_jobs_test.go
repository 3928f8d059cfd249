package confd

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// st_node_list reports each disk's free space as st_volume_create counts it:
// a volume that takes exactly the reported space fits, one block more does not.
func TestStorageNodeListFreeSpace(t *testing.T) {
	c, err := cluster.New(cluster.Config{Nodes: 3, Versions: []string{"8.29.0"}})
	if err != nil {
		t.Fatal(err)
	}
	s := New(c, nil)
	free := func() map[string]any {
		out := exec(t, s, "st_node_list", nil)["result_output"].(map[string]any)
		got := map[string]any{}
		for _, v := range out {
			n := v.(map[string]any)
			got[n["name"].(string)] = n["hdd_free_space"].(map[string]any)["disk1"]
		}
		return got
	}
	// DataVolume1: 10 GiB on each of the three nodes, redundancy 1.
	if got, want := free(), map[string]any{"n11": "90.0000 GiB", "n12": "90.0000 GiB", "n13": "90.0000 GiB"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("free space of a fresh cluster: %v, want %v", got, want)
	}
	first := exec(t, s, "st_node_list", nil)["result_output"].(map[string]any)["0"].(map[string]any)
	if first["name"] != "n11" || fmt.Sprint(first["hdds"]) != "[map[name:dev.1 type:disk1]]" {
		t.Fatalf("storage node '0': %v", first)
	}
	// Two master segments with a mirror each: 2 × 2 GiB on n11 and n12.
	if env := exec(t, s, "st_volume_create", map[string]any{"name": "V1", "type": "data", "disk": "disk1",
		"size": "2 GiB", "nodes": []int{11, 12}, "redundancy": 2}); env["result_code"] != okCode {
		t.Fatalf("st_volume_create: %v", env)
	}
	if got, want := free(), map[string]any{"n11": "86.0000 GiB", "n12": "86.0000 GiB", "n13": "90.0000 GiB"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("free space after V1: %v, want %v", got, want)
	}
	tooBig := exec(t, s, "st_volume_create", map[string]any{"name": "V2", "type": "data", "disk": "disk1",
		"size": fmt.Sprintf("%d B", 90<<30+4096), "nodes": []int{13}, "redundancy": 1})
	if tooBig["result_code"] != failCode {
		t.Fatalf("a volume one block larger than the free space was created: %v", tooBig)
	}
	if fits := exec(t, s, "st_volume_create", map[string]any{"name": "V2", "type": "data", "disk": "disk1",
		"size": "90 GiB", "nodes": []int{13}, "redundancy": 1}); fits["result_code"] != okCode {
		t.Fatalf("a volume of exactly the free space was refused: %v", fits)
	}
	if got := free()["n13"]; got != "0.0000 GiB" {
		t.Fatalf("free space of a full node: %v", got)
	}
	if IsChange("st_node_list") {
		t.Error("st_node_list counts as a change job")
	}
}

// The installed versions are listed, and listing them changes nothing.
func TestVersionList(t *testing.T) {
	c, err := cluster.New(cluster.Config{Nodes: 1, Versions: []string{"7.1.30", "8.29.0"}})
	if err != nil {
		t.Fatal(err)
	}
	s := New(c, nil)
	if out := exec(t, s, versionListJob, nil)["result_output"]; fmt.Sprint(out) != "[7.1.30 8.29.0]" {
		t.Fatalf("%s: %v", versionListJob, out)
	}
	if IsChange(versionListJob) {
		t.Errorf("%s counts as a change job", versionListJob)
	}
}
