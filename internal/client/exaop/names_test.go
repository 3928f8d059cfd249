package exaop

import (
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/client/transport"
)

// Node 11 is the object 'n0011', and every spelling reads back as 11.
func TestNodeNames(t *testing.T) {
	if NodeName(11) != "n0011" {
		t.Errorf("NodeName(11) = %s", NodeName(11))
	}
	for _, v := range []any{"n0011", "n11", int64(11), 11, float64(11)} {
		if NodeID(v) != 11 {
			t.Errorf("NodeID(%#v) = %d", v, NodeID(v))
		}
	}
	if got := NameFromLabels([]string{"x", NameLabel + "V1"}, "v0001"); got != "V1" {
		t.Errorf("name label: %s", got)
	}
	if got := NameFromLabels([]string{NameLabel + "v0001"}, "v0001"); got != "v0001" {
		t.Errorf("a label with the id is no chosen name: %s", got)
	}
	if !IsReadMethod("getDatabaseList") || IsReadMethod("addDatabase") {
		t.Error("read methods")
	}
}

// Only Zope's NotFound exception says that an object is gone; a refusal
// whose text says "not found" is a refusal.
func TestFaults(t *testing.T) {
	gone := Error(&transport.Error{Kind: transport.KindFault, Message: "Unexpected Zope exception: NotFound: Object db_X not found"}, "db_X", "getDatabaseInfo")
	refused := Error(&transport.Error{Kind: transport.KindFault, Message: "UsageError: volume not found in list"}, "", "addDatabase")
	if !transport.IsNotFound(gone) || transport.IsNotFound(refused) {
		t.Errorf("gone %v, refused %v", gone, refused)
	}
	if e := refused.(*transport.Error); e.Kind != transport.KindJob || e.Job != "addDatabase" || e.ResultName != "UsageError" {
		t.Errorf("refusal read as %+v", e)
	}
}

// Only reads are shared.
func TestCachedMethodsAreReads(t *testing.T) {
	for m, spec := range Table {
		if spec.Cached && !IsReadMethod(m) {
			t.Errorf("%s changes the cluster but is cached", m)
		}
	}
}

// Every entry of the method table is complete: called on some object,
// documented, and a read-back only for a change; callPlugin reads only
// with STATUS.
func TestMethodTable(t *testing.T) {
	for name, m := range Table {
		if len(m.On) == 0 || m.Source == "" {
			t.Errorf("%s: no object kind or no source", name)
		}
		if m.ReadBack != "" && !m.Change {
			t.Errorf("%s: a read with a read-back", name)
		}
	}
	pl := Table["callPlugin"]
	if !pl.Reads([]any{"p", "n0011", "STATUS"}) || pl.Reads([]any{"p", "n0011", "START"}) {
		t.Error("callPlugin: STATUS reads, START changes")
	}
	if _, err := Lookup("storage/n0011", "suspendNode", nil); err != nil {
		t.Error(err)
	}
	if _, err := Lookup("r0001", "getVolumeId", nil); err != nil {
		t.Errorf("a remote volume object of EXAoperation's naming: %v", err)
	}
	if _, err := Lookup("r0001", "getVolumeList", nil); err == nil {
		t.Error("getVolumeList on a remote volume accepted")
	}
}
