package cluster

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// A saved cluster loads into the same state, keeps counting ids where it
// left off and finishes the transitions that were under way.
func TestSaveAndLoad(t *testing.T) {
	clk := newClock()
	c := newCluster(t, 1, clk)
	must(t, c.CreateDatabase(spec("DB1", 11, 12, 13)))
	clk.add(DefaultDurations[TransDBStart])
	_, err := c.AddRemoteVolume(RemoteVolume{Type: "s3", URL: "https://bucket", Password: "pw", Labels: []string{"l"}})
	must(t, err)
	must(t, c.AddSchedule("DB1", Schedule{Name: "nightly", Level: 0, Expire: "1w", Minute: "0", Hour: "2", Day: "*", Month: "*", Weekday: "*", Enabled: true}, ByName("r0001")))
	must(t, c.ChangeSettings(map[string]string{"Global.NameServers": "4.4.4.4"}))
	// A deleted volume's id stays used: the next volume must not get it.
	id, err := c.CreateVolume(VolumeSpec{Name: "scratch", Type: VolumeArchive, Disk: DefaultDiskName, Size: 1 << 30, Redundancy: 1, Nodes: []int{11}})
	must(t, err)
	must(t, c.DeleteVolume(ByID(id)))
	must(t, c.StartBackup("DB1", ByName("r0001"), 0, "1w"))

	data, err := c.MarshalState()
	must(t, err)
	loaded, err := Load(Config{Timing: Timing{Scale: 1}, Now: clk.now}, data)
	must(t, err)
	again, err := loaded.MarshalState()
	must(t, err)
	if !bytes.Equal(data, again) {
		t.Fatalf("a loaded state saves differently:\n%s\n---\n%s", data, again)
	}
	st := loaded.Snapshot()
	if d := st.Database("DB1"); d == nil || d.State != DBRunning || d.Operation != OpBackup || len(d.Schedules) != 1 ||
		st.Settings["Global.NameServers"] != "4.4.4.4" || st.Remotes[0].Password != "pw" || st.Revision != c.Revision() {
		t.Fatalf("loaded state: %+v", st)
	}

	// The backup that was running when the state was saved completes at its
	// due time and takes the next backup id.
	clk.add(DefaultDurations[TransBackup])
	if st := loaded.Snapshot(); len(st.Backups) != 1 || st.Backups[0].ID != 1 || st.Database("DB1").Operation != OpNone {
		t.Fatalf("backup after load: %+v", st.Backups)
	}
	id2, err := loaded.CreateVolume(VolumeSpec{Name: "scratch2", Type: VolumeArchive, Disk: DefaultDiskName, Size: 1 << 30, Redundancy: 1, Nodes: []int{11}})
	must(t, err)
	if id2 != id+1 {
		t.Fatalf("new volume id %d after load, want %d (id %d was deleted, not free)", id2, id+1, id)
	}
}

// OnCommit sees every committed change, in order, and no refused one.
func TestOnCommit(t *testing.T) {
	clk := newClock()
	c := newCluster(t, 0, clk)
	var saved [][]byte
	c.OnCommit(func(data []byte, err error) {
		must(t, err)
		saved = append(saved, data)
	})
	must(t, c.CreateDatabase(spec("DB1", 11, 12, 13)))
	mustFail(t, c.CreateDatabase(spec("DB1", 11, 12, 13)), "exists")
	must(t, c.StopDatabase("DB1", false)) // a runtime change, not a configuration one
	if len(saved) != 2 {
		t.Fatalf("%d saves for 2 committed changes and 1 refusal", len(saved))
	}
	last, err := Load(Config{Now: clk.now}, saved[1])
	must(t, err)
	if d := last.Snapshot().Database("DB1"); d == nil || d.State != DBSetup {
		t.Fatalf("the last save does not have the stopped database: %+v", d)
	}
	c.OnCommit(nil)
	must(t, c.StartDatabase("DB1", false))
	if len(saved) != 2 {
		t.Fatal("OnCommit(nil) did not stop the saves")
	}
}

func TestLoadRefusals(t *testing.T) {
	clk := newClock()
	data, err := newCluster(t, 0, clk).MarshalState()
	must(t, err)
	_, err = Load(Config{Now: clk.now}, bytes.Replace(data, []byte(`"format": 1`), []byte(`"format": 99`), 1))
	mustFail(t, err, "format 99")
	_, err = Load(Config{Now: clk.now}, data[:len(data)/2])
	mustFail(t, err, "saved cluster state")
	_, err = Load(Config{Now: clk.now}, []byte(`{"format": 1, "state": {"Versions": ["8.29.0"]}}`))
	mustFail(t, err, "no nodes")
	_, err = Load(Config{Now: clk.now, Timing: Timing{Scale: -1}}, data)
	mustFail(t, err, "negative")
}

// Loading with Cold is a power cycle: the saved databases are there, stopped.
func TestLoadCold(t *testing.T) {
	clk := newClock()
	c := newCluster(t, 0, clk)
	must(t, c.CreateDatabase(spec("DB1", 11, 12, 13)))
	data, err := c.MarshalState()
	must(t, err)
	loaded, err := Load(Config{Now: clk.now, Cold: true, Timing: Timing{Scale: 1}}, data)
	must(t, err)
	st := loaded.Snapshot()
	if d := st.Database("DB1"); d == nil || d.State != DBSetup || st.Nodes[1].State == NodeOnline {
		t.Fatalf("after a cold load: %+v", st)
	}
}

// Settings the simulator learned after a file was written get defaults.
func TestLoadFillsNewSettings(t *testing.T) {
	clk := newClock()
	data, err := newCluster(t, 0, clk).MarshalState()
	must(t, err)
	var raw map[string]any
	must(t, json.Unmarshal(data, &raw))
	settings := raw["state"].(map[string]any)["Settings"].(map[string]any)
	delete(settings, "Global.NameServers")
	settings["timezone"] = "Europe/Berlin" // a key of older files
	data, err = json.Marshal(raw)
	must(t, err)
	c, err := Load(Config{Now: clk.now}, data)
	must(t, err)
	st := c.Snapshot()
	if got := st.Settings["Global.NameServers"]; got != DefaultSettings["Global.NameServers"] {
		t.Fatalf("NameServers %q after load", got)
	}
	if _, ok := st.Settings["timezone"]; ok {
		t.Fatal("a key that is no setting any more survived the load")
	}
}

// TestSavedStateCoversModel keeps the on-disk format complete: encoding/json
// saves exported fields only, so every unexported field of the model must be
// carried by savedState (and be listed here).
func TestSavedStateCoversModel(t *testing.T) {
	carried := map[string]bool{"State.nextVolumeID": true, "State.nextBackupID": true}
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(typ reflect.Type) {
		switch typ.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
			walk(typ.Elem())
			return
		case reflect.Struct:
		case reflect.Interface, reflect.Func, reflect.Chan:
			t.Errorf("%s cannot be saved as JSON", typ)
			return
		default:
			return
		}
		if seen[typ] || typ.PkgPath() != reflect.TypeFor[State]().PkgPath() {
			return // time.Time and friends marshal themselves
		}
		seen[typ] = true
		for f := range typ.Fields() {
			name := typ.Name() + "." + f.Name
			if !f.IsExported() && !carried[name] {
				t.Errorf("%s is unexported and not carried by savedState: export it or add it there", name)
			}
			if tag := f.Tag.Get("json"); tag == "-" || strings.HasPrefix(tag, "-,") {
				t.Errorf("%s is left out of JSON", name)
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeFor[State]())
	if len(seen) < 5 {
		t.Fatalf("walked only %d model types", len(seen))
	}
}
