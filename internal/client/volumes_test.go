package client

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
	"github.com/exacluster/terraform-provider-exasol/internal/units"
)

func TestBlocksPerNode(t *testing.T) {
	const kib4, gib = 4096, int64(1) << 30
	for _, c := range []struct {
		delta, block, masters int64
		perMaster             bool
		want                  int64
	}{
		{gib, kib4, 3, true, 262144},         // size per master node: each segment grows by the whole difference
		{-gib / 2, kib4, 3, true, -131072},   // shrinking gives a negative count
		{gib, kib4, 4, false, 65536},         // size in total: a quarter per node
		{gib + 1, kib4, 1, true, 262145},     // rounded up, never less than asked
		{-(gib + 1), kib4, 1, true, -262145}, // and away from zero when shrinking
		{0, kib4, 2, true, 0},                // no change, no job
		{3 * kib4, kib4, 2, false, 2},        // 1.5 blocks per node round up to 2
		{gib, 512 << 10, 2, true, gib >> 19}, // other block sizes
		{gib, 0, 2, true, 0},                 // an unknown block size computes nothing
	} {
		if got := blocksPerNode(c.delta, c.block, c.masters, c.perMaster); got != c.want {
			t.Errorf("blocksPerNode(%d, %d, %d, %v) = %d, want %d", c.delta, c.block, c.masters, c.perMaster, got, c.want)
		}
	}
}

// The formula and the simulator agree: resizing a multi-node volume by
// BlocksPerNode lands exactly on the size asked for.
func TestBlocksPerNodeMatchesSimulator(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(3))
	c, err := New(Config{Endpoints: s.Endpoints(), Username: s.Username(), Password: s.Password(), CACertPEM: s.CACertPEM()})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	masters := int64(2)
	if _, err := c.CreateVolume(ctx, VolumeSpec{Name: "V1", Type: VolumeTypeData, Disk: "disk1", Size: "1 GiB",
		Nodes: []int64{11, 12, 13}, Redundancy: 2, NumMasterNodes: &masters}, VolumeChange{AddLabels: []string{"b", "a"}}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"3 GiB", "1536 MiB", "2 GiB"} {
		v, err := c.VolumeInfo(ctx, "V1")
		if err != nil {
			t.Fatal(err)
		}
		target, err := units.ParseSize(want)
		if err != nil {
			t.Fatal(err)
		}
		ch := VolumeChange{BlocksPerNode: BlocksPerNode(v.SizeBytes, target, v.BlockSize, v.NumMasterNodes)}
		if err := c.ChangeVolume(ctx, "V1", ch); err != nil {
			t.Fatal(err)
		}
		if v, _ = c.VolumeInfo(ctx, "V1"); v.Size != want {
			t.Fatalf("after resizing by %d blocks per node the simulator says %s, want %s", ch.BlocksPerNode, v.Size, want)
		}
	}
	v, _ := c.VolumeInfo(ctx, "V1")
	if !slices.Equal(v.Labels, []string{"#Name#V1", "a", "b"}) || v.State != VolumeStateOnline || v.BlockSize != 4096 ||
		v.StripeSize != 256<<10 || v.NumMasterNodes != 2 || v.Redundancy != 2 || len(v.Segments) != 4 || v.Type != VolumeTypeData {
		t.Fatalf("volume read back as %+v", v)
	}
}

// parseVolume reads the seed's st_volume_info output (sizes as text) and
// st_volume_list output (sizes as bytes) alike.
func TestParseVolumeSeedShapes(t *testing.T) {
	base := map[string]any{
		"app_io_enabled": true, "group": int64(500), "hdd_type": "disk1", "id": "0", "int_io_enabled": true,
		"labels": []any{"#Name#DataVolume1", "pub:DB1_persistent"}, "name": "DataVolume1",
		"nodes_list": []any{map[string]any{"id": int64(11), "unrecovered_segments": int64(0)}}, "num_master_nodes": int64(1),
		"owner": int64(500), "permissions": "rwx------", "priority": int64(10), "redundancy": int64(1),
		"segments": []any{map[string]any{"end_block": "2621439", "index": "0", "nid": int64(0), "phys_nid": int64(11),
			"sid": "0", "start_block": "0", "state": "ONLINE", "type": "MASTER", "vid": "0"}},
		"shared": true, "size": "10 GiB", "state": "ONLINE", "type": "MASTER", "volume_nodes": []any{int64(11)},
	}
	info, list := fields{}, fields{}
	for k, v := range base {
		info[k], list[k] = v, v
	}
	info["block_size"], info["stripe_size"] = "4 KiB", "256 KiB"
	list["block_size"], list["stripe_size"] = int64(4096), int64(262144)
	for name, f := range map[string]fields{"st_volume_info": info, "st_volume_list": list} {
		v := parseVolume(f)
		if v.ID != "0" || v.SizeBytes != 10<<30 || v.BlockSize != 4096 || v.StripeSize != 256<<10 || v.Type != "" ||
			!slices.Equal(v.Owner, []int64{500, 500}) || !slices.Equal(v.Nodes, []int64{11}) ||
			len(v.Segments) != 1 || v.Segments[0] != (Segment{Index: 0, Node: 11, Type: "MASTER", State: "ONLINE"}) {
			t.Errorf("%s parsed as %+v", name, v)
		}
	}
}

func TestInternalVolumeLabel(t *testing.T) {
	for l, want := range map[string]bool{"#Name#DataVolume1": true, "pub:DB1_persistent": true, "temporary": true,
		"team:analytics": false, "temporary_data": false} {
		if InternalVolumeLabel(l) != want {
			t.Errorf("InternalVolumeLabel(%q) = %v", l, !want)
		}
	}
}
