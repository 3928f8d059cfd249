package acctest

import (
	"fmt"
	"sort"
	"strings"
)

// Attrs are the attributes of a resource block that differ from its
// builder's defaults. A string is written quoted; int, int64, bool as
// they are; []int and []string as lists; Expr verbatim (a reference, a
// list written out, a nested object); nil leaves a default out. The key
// Extra holds lines written verbatim at the end of the block.
type Attrs map[string]any

// Expr is an HCL expression written as it is.
type Expr string

// Extra is the key of Attrs whose value (a string) is appended to the
// block's body verbatim.
const Extra = ""

type attr struct {
	name  string
	value any
}

// block writes resource "typ" "label" with the defaults in their order,
// overridden by a, then a's other attributes in name order.
func block(typ, label string, defaults []attr, a Attrs) string {
	var names []string
	vals := map[string]any{}
	for _, d := range defaults {
		names = append(names, d.name)
		vals[d.name] = d.value
	}
	var more []string
	for k, v := range a {
		if k == Extra {
			continue
		}
		if _, ok := vals[k]; !ok {
			more = append(more, k)
		}
		vals[k] = v
	}
	sort.Strings(more)
	names = append(names, more...)
	var b strings.Builder
	fmt.Fprintf(&b, "\nresource %q %q {\n", typ, label)
	for _, n := range names {
		if v := vals[n]; v != nil {
			fmt.Fprintf(&b, "  %s = %s\n", n, Value(v))
		}
	}
	if x, ok := a[Extra].(string); ok && x != "" {
		b.WriteString(x)
		if !strings.HasSuffix(x, "\n") {
			b.WriteString("\n")
		}
	}
	b.WriteString("}\n")
	return b.String()
}

// Value writes v as an HCL expression (see Attrs).
func Value(v any) string {
	switch x := v.(type) {
	case Expr:
		return string(x)
	case string:
		return fmt.Sprintf("%q", x)
	case []string:
		return List(x...)
	case []int:
		q := make([]string, len(x))
		for i, n := range x {
			q[i] = fmt.Sprint(n)
		}
		return "[" + strings.Join(q, ", ") + "]"
	default:
		return fmt.Sprint(x)
	}
}

// Resource writes a resource block with the body as given.
func Resource(typ, label, body string) string {
	return fmt.Sprintf("\nresource %q %q {\n%s\n}\n", typ, label, strings.Trim(body, "\n"))
}

// Database is an exasol_database: DB1 (8.29.0) with 1 GiB on node 11 and
// the seeded DataVolume1, changed by a.
func Database(label string, a Attrs) string {
	return block("exasol_database", label, []attr{
		{"db_name", "DB1"}, {"version", "8.29.0"}, {"data_volume_name", "DataVolume1"}, {"mem_size", "1 GiB"},
		{"nodes", []int{11}}, {"num_active_nodes", 1},
	}, a)
}

// StorageVolume is an exasol_storage_volume: data volume V1 of 1 GiB on
// disk1 of node 11 without redundancy, changed by a.
func StorageVolume(label string, a Attrs) string {
	return block("exasol_storage_volume", label, []attr{
		{"name", "V1"}, {"type", "data"}, {"disk", "disk1"}, {"size", "1 GiB"}, {"nodes", []int{11}}, {"redundancy", 1},
	}, a)
}

// RemoteVolume is an exasol_remote_volume: S3 volume R1, changed by a.
func RemoteVolume(label string, a Attrs) string {
	return block("exasol_remote_volume", label, []attr{
		{"remote_volume_name", "R1"}, {"vol_type", "s3"}, {"url", "https://r1.s3.eu-west-1.amazonaws.com"},
	}, a)
}

// Node is an exasol_node: node 14 on 10.10.10.14/24, changed by a.
func Node(label string, a Attrs) string {
	return block("exasol_node", label, []attr{{"id", 14}, {"priv_net", "10.10.10.14/24"}}, a)
}

// BackupSchedule is an exasol_backup_schedule: DB1's full backup
// "nightly" to the remote volume Backups, changed by a.
func BackupSchedule(label string, a Attrs) string {
	return block("exasol_backup_schedule", label, []attr{
		{"db_name", "DB1"}, {"backup_name", "nightly"}, {"backup_volume_name", "Backups"}, {"level", 0},
	}, a)
}

// ClusterState is an exasol_cluster_state: the cluster running, changed by a.
func ClusterState(label string, a Attrs) string {
	return block("exasol_cluster_state", label, []attr{{"state", "running"}}, a)
}
