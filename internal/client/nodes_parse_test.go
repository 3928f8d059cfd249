package client

import "testing"

// The node_list and node_state outputs of the public docs' example.
func TestParseNodeSeedShapes(t *testing.T) {
	entry := map[string]any{
		"disks": map[string]any{"disk1": map[string]any{
			"component": "exastorage", "devices": []any{"dev.1"}, "direct_io": true, "ephemeral": false, "name": "disk1",
		}},
		"docker_volume": "/exa/etc/n11", "exposed_ports": []any{[]any{int64(8888), int64(8899)}},
		"id": "11", "name": "n11", "private_ip": "192.168.31.171", "private_net": "192.168.31.171/24",
		"uuid": "C5ED84F591574F97A337B2EC9357B68EF0EC4EDE",
	}
	n := parseNode("11", entry)
	if n.ID != 11 || n.Name != "n11" || n.PrivateIP != "192.168.31.171" || n.PrivateNet != "192.168.31.171/24" ||
		n.UUID != "C5ED84F591574F97A337B2EC9357B68EF0EC4EDE" || n.PublicNet != nil ||
		len(n.Disks) != 1 || n.Disks[0].Name != "disk1" || len(n.Disks[0].Devices) != 1 || n.Disks[0].Devices[0] != "dev.1" {
		t.Fatalf("parsed %+v", n)
	}
	// What a release leaves out is derived: the id from the key, the name, the address.
	n = parseNode("12", map[string]any{"private_net": "10.10.10.12/24", publicNetKey: "192.168.1.12/24"})
	if n.ID != 12 || n.Name != "n12" || n.PrivateIP != "10.10.10.12" || n.PublicNet == nil || *n.PublicNet != "192.168.1.12/24" {
		t.Fatalf("parsed %+v", n)
	}
}
