package cluster

import (
	"strings"
	"testing"
)

// A refused node_remove names every reason at once (master role, volume
// segments, databases), so that an operator can clear them all.
func TestRemoveNodeNamesEveryReason(t *testing.T) {
	c := newCluster(t, 0, newClock())
	must(t, c.CreateDatabase(spec("DB1", 11, 12, 13)))
	err := c.RemoveNode(11, false)
	for _, w := range []string{"n11", "master", "DataVolume1", "DB1"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("RemoveNode(11) = %v, want it to name %q", err, w)
		}
	}
	if KindOf(err) != KindConflict {
		t.Errorf("kind %v, want a conflict", KindOf(err))
	}
}

// Node ids 0–10 are reserved in Exasol.
func TestAddNodeRefusesReservedIDs(t *testing.T) {
	c := newCluster(t, 0, newClock())
	for _, id := range []int{1, 10} {
		_, err := c.AddNode(NodeSpec{ID: id, PrivateNet: "10.10.10.30/24"})
		mustFail(t, err, "reserved")
		if KindOf(err) != KindInvalid {
			t.Errorf("id %d: kind %v, want invalid", id, KindOf(err))
		}
	}
	id, err := c.AddNode(NodeSpec{ID: 11 + 20, PrivateNet: "10.10.10.31/24"})
	must(t, err)
	if id != 31 {
		t.Fatalf("id %d, want 31", id)
	}
}
