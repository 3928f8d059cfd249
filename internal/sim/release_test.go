package sim

import (
	"strings"
	"testing"
)

// --release: over HTTPS, a 7.1 simulator takes node_id and refuses nid, an
// 8 simulator the other way round; an unknown release does not start.
func TestRelease(t *testing.T) {
	c7 := client(t, start(t, Options{Release: "7.1"}))
	if got := ok(t, c7, "node_info", map[string]any{"node_id": 12}).(map[string]any)["name"]; got != "n12" {
		t.Fatalf("7.1 node_info: %v", got)
	}
	if msg := fails(t, c7, "node_info", map[string]any{"nid": 12}); !strings.Contains(msg, "unknown parameter 'nid'") {
		t.Fatalf("7.1 node_info nid: %s", msg)
	}
	c8 := client(t, start(t, Options{}))
	if msg := fails(t, c8, "node_info", map[string]any{"node_id": 12}); !strings.Contains(msg, "unknown parameter 'node_id'") {
		t.Fatalf("8 node_info node_id: %s", msg)
	}
	if _, err := Start(Options{Release: "6.2"}); err == nil || !strings.Contains(err.Error(), "release") {
		t.Fatalf("release 6.2: %v", err)
	}
}
