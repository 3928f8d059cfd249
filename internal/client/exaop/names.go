// Package exaop is the EXAoperation dialect (Exasol 6.x): its naming rules
// (node 11 is the object 'n0011', a database 'db_<name>', a storage
// volume 'storage/v0000' named by its '#Name#<name>' label), which methods
// only read, and how its faults are read. The orchestration over it is
// package client's EXAoperation (../exaoperation.go says how the names
// round-trip with ConfD's).
package exaop

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Object names.
const (
	Storage = "storage"
	// NameLabel prefixes the label that carries a volume's name:
	// Exasol's own name label (fact: ConfD reports '#Name#DataVolume1').
	NameLabel = "#Name#"
)

// NodeName is the EXAoperation name of node id: 11 → 'n0011'.
func NodeName(id int64) string { return fmt.Sprintf("n%04d", id) }

// NodeID reads a node name ('n0011', 'n11', 11) as its id; 0 when it is none.
func NodeID(v any) int64 {
	switch t := v.(type) {
	case string:
		n, _ := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(t), "n"), 10, 64)
		return n
	case int64:
		return t
	case int:
		return int64(t)
	case float64:
		return int64(t)
	}
	return 0
}

// DBObject is the object of database name: 'db_DB1'.
func DBObject(name string) string { return "db_" + name }

// VolumeObject is the object of storage volume id 'v0000'.
func VolumeObject(vid string) string { return Storage + "/" + vid }

// StorageNodeObject is the storage service's object of a node.
func StorageNodeObject(id int64) string { return Storage + "/" + NodeName(id) }

// VolumeIDRE matches EXAoperation's volume ids ('v0000'), which are no
// chosen names.
var VolumeIDRE = regexp.MustCompile(`^v\d+$`)

// NameFromLabels returns the name the name label carries, else def. A
// label that names the object by its own id is not a chosen name.
func NameFromLabels(labels []string, def string) string {
	for _, l := range labels {
		if n, ok := strings.CutPrefix(l, NameLabel); ok && n != "" && n != def {
			return n
		}
	}
	return def
}

// CallLabel names a call in errors and logs: 'db_DB1.startDatabase'.
func CallLabel(object, method string) string {
	if object == "" {
		return method
	}
	return strings.ReplaceAll(object, "/", ".") + "." + method
}
