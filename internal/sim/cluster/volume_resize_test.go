package cluster

import "testing"

// A data volume grows and shrinks by blocks per node; an archive volume only
// grows (fact: "The volume size of a local archive volume cannot be decreased").
func TestResizeVolume(t *testing.T) {
	c := newCluster(t, 0, newClock())
	for _, typ := range []string{VolumeData, VolumeArchive} {
		_, err := c.CreateVolume(VolumeSpec{Name: "V_" + typ, Type: typ, Disk: DefaultDiskName, Size: 1 << 30, Nodes: []int{11, 12}, Redundancy: 1})
		must(t, err)
	}
	size := func(name string) int64 {
		v, err := c.Snapshot().FindVolume(ByName(name))
		must(t, err)
		return v.Size
	}
	must(t, c.ResizeVolume(ByName("V_data"), 262144))
	must(t, c.ResizeVolume(ByName("V_archive"), 262144))
	if size("V_data") != 2<<30 || size("V_archive") != 2<<30 {
		t.Fatalf("after enlarging by 262144 blocks of 4 KiB per node: %d, %d; want 2 GiB each", size("V_data"), size("V_archive"))
	}
	must(t, c.ResizeVolume(ByName("V_data"), -131072))
	if got := size("V_data"); got != 1536<<20 {
		t.Fatalf("data volume after shrinking: %d, want 1536 MiB", got)
	}
	mustFail(t, c.ResizeVolume(ByName("V_archive"), -1), "archive volume, which cannot be shrunk")
	if got := size("V_archive"); got != 2<<30 {
		t.Fatalf("a refused shrink changed the archive volume: %d", got)
	}
}
