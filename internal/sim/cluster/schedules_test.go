package cluster

import "testing"

// Weekdays may be named (docs: "0 - 7 or the english name of the day"),
// and a schedule is only modified while its database runs (docs: "The
// database must be running to run this job").
func TestScheduleWeekdayNamesAndRunningDatabase(t *testing.T) {
	c := newCluster(t, 0, newClock())
	must(t, c.CreateDatabase(spec("DB1", 11, 12, 13)))
	_, err := c.AddRemoteVolume(RemoteVolume{Type: "s3", URL: "https://x"})
	must(t, err)
	for _, ok := range []string{"mon-fri", "Sunday", "sat,SUN", "1-5/2", "7", "*/2"} {
		must(t, c.AddSchedule("DB1", Schedule{Name: "s_" + ok, Weekday: ok}, ByName("r0001")))
	}
	for _, bad := range []string{"funday", "8", "fri-mon", "mon/2"} {
		mustFail(t, c.AddSchedule("DB1", Schedule{Name: "bad", Weekday: bad}, ByName("r0001")), "weekday")
	}
	if got := c.Snapshot().Database("DB1").Schedule("s_mon-fri").Weekday; got != "mon-fri" {
		t.Fatalf("weekday stored as %q, want it as given", got)
	}
	hour := "3"
	must(t, c.ModifySchedule("DB1", "s_7", ScheduleEdit{Hour: &hour}))
	must(t, c.StopDatabase("DB1", false))
	mustFail(t, c.ModifySchedule("DB1", "s_7", ScheduleEdit{Hour: &hour}), "needs a running database")
	must(t, c.RemoveSchedule("DB1", "s_7")) // removing needs no running database
}
