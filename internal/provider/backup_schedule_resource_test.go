package provider

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

const schedAddr = "exasol_backup_schedule.test"

// scheduleSim is a cluster with a running DB1 and two remote volumes made
// out of band: Backups (id 10001) and Archive2 (id 10002).
func scheduleSim(t *testing.T, opts ...acctest.SimOption) *sim.Server {
	t.Helper()
	s := acctest.Start(t, opts...)
	acctest.Exec(t, s, "db_create", map[string]any{
		"db_name": "DB1", "version": "8.29.0", "data_volume_name": "DataVolume1", "mem_size": "2 GiB",
		"nodes": []any{int64(11)}, "num_active_nodes": int64(1),
	})
	for _, name := range []string{"Backups", "Archive2"} {
		acctest.Exec(t, s, "remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://" + name + ".s3.example.com", "remote_volume_name": name})
	}
	return s
}

const schedNightly = `
  db_name            = "DB1"
  backup_name        = "nightly"
  backup_volume_name = "Backups"
  level              = 0
`

// scheduleOnCluster reads DB1's schedule from db_info → config.backups.
func scheduleOnCluster(t *testing.T, s *sim.Server, db, name string) map[string]any {
	t.Helper()
	out := acctest.Exec(t, s, "db_info", map[string]any{"db_name": db})["result_output"].(map[string]any)
	for _, b := range out["config"].(map[string]any)["backups"].([]any) {
		if m := b.(map[string]any); m["backup_name"] == name {
			return m
		}
	}
	return nil
}

// checkScheduleJobParams asserts the exact parameters of the last job of that
// name the provider sent. An empty string arrives as nil (the XML-RPC codec
// decodes an empty <string> so), and is compared as "".
func checkScheduleJobParams(s *sim.Server, job string, want map[string]any) func(*terraform.State) error {
	if acctest.API() == client.APIEXAoperation {
		return checkScheduleEntry(s, want)
	}
	return func(*terraform.State) error {
		log := acctest.Log(s).Named(job)
		if len(log) == 0 {
			return fmt.Errorf("no %s was sent", job)
		}
		r := log[len(log)-1]
		got := map[string]any{}
		for k, v := range r.Params {
			if v == nil {
				v = ""
			}
			got[k] = v
		}
		if !reflect.DeepEqual(got, want) {
			return fmt.Errorf("%s sent %v, want exactly %v", job, r.Params, want)
		}
		return nil
	}
}

// checkScheduleEntry is checkScheduleJobParams on EXAoperation, which has
// one call for every change, setBackupSchedule, replacing the database's
// whole list: the schedule's entry in the last list sent carries every
// wanted value (the volume as its object name, r0001), and the list keeps
// the other schedules as they are.
func checkScheduleEntry(s *sim.Server, want map[string]any) func(*terraform.State) error {
	return func(*terraform.State) error {
		log := acctest.Log(s).Named("setBackupSchedule")
		obj := "db_" + fmt.Sprint(want["db_name"])
		for i := len(log) - 1; i >= 0; i-- {
			r := log[i]
			if r.Object != obj {
				continue
			}
			list, _ := firstArgList(r)
			for _, it := range list {
				e, _ := it.(map[string]any)
				if e["backup_name"] != want["backup_name"] {
					continue
				}
				for k, w := range want {
					got, key := e[k], k
					switch k {
					case "db_name":
						continue
					case "backup_volume_name":
						got, key, w = e["volume"], "volume", remoteObjectOf(s, fmt.Sprint(w))
					case "backup_volume_id":
						got, key, w = e["volume"], "volume", fmt.Sprintf("r%04d", w.(int64)-client.RemoteVolumeIDBase)
					}
					if got == nil {
						got = ""
					}
					if !reflect.DeepEqual(got, w) {
						return fmt.Errorf("setBackupSchedule sent %s = %#v for %v, want %#v: %v", key, got, want["backup_name"], w, e)
					}
				}
				return nil
			}
			return fmt.Errorf("the last setBackupSchedule of %s has no schedule %v: %v", obj, want["backup_name"], list)
		}
		return fmt.Errorf("no setBackupSchedule was sent to %s", obj)
	}
}

func firstArgList(r sim.JobRecord) ([]any, bool) {
	args, _ := r.Params["args"].([]any)
	if len(args) == 0 {
		return nil, false
	}
	l, ok := args[0].([]any)
	return l, ok
}

// remoteObjectOf is EXAoperation's object name of the remote volume name
// (r0001 for id 10001), as the simulator's model has it.
func remoteObjectOf(s *sim.Server, name string) string {
	for _, r := range s.Cluster().Snapshot().Remotes {
		if r.Name == name {
			return fmt.Sprintf("r%04d", r.ID-client.RemoteVolumeIDBase)
		}
	}
	return "(no remote volume " + name + ")"
}

func checkScheduleOnCluster(t *testing.T, s *sim.Server, name, key string, want any) func(*terraform.State) error {
	return func(*terraform.State) error {
		sc := scheduleOnCluster(t, s, "DB1", name)
		if sc == nil {
			return fmt.Errorf("schedule %s is not on the cluster", name)
		}
		got := sc[key]
		if got == nil {
			got = "" // an empty <string> decodes as nil
		}
		if !reflect.DeepEqual(got, want) {
			return fmt.Errorf("cluster %s.%s = %#v, want %#v", name, key, sc[key], want)
		}
		return nil
	}
}

func TestAccBackupSchedule_lifecycle(t *testing.T) {
	s := scheduleSim(t)
	replaced := func() resource.ConfigPlanChecks {
		return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(schedAddr, plancheck.ResourceActionDestroyBeforeCreate),
		}}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{ // create: every cron field and enabled are sent, so the cluster's defaults never decide
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + acctest.Resource("exasol_backup_schedule", "test", schedNightly+`  expire = "1w 3d"`+"\n"+`  hour = "2"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(schedAddr, tfjsonpath.New("id"), knownvalue.StringExact("DB1/nightly")),
					statecheck.ExpectKnownValue(schedAddr, tfjsonpath.New("backup_volume_id"), knownvalue.Int64Exact(10001)),
					statecheck.ExpectKnownValue(schedAddr, tfjsonpath.New("minute"), knownvalue.StringExact("0")),
					statecheck.ExpectKnownValue(schedAddr, tfjsonpath.New("weekday"), knownvalue.StringExact("*")),
					statecheck.ExpectKnownValue(schedAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
				},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("db_backup_add_schedule"),
					checkScheduleJobParams(s, "db_backup_add_schedule", map[string]any{
						"db_name": "DB1", "backup_name": "nightly", "backup_volume_name": "Backups", "level": int64(0),
						"expire": "1w 3d", "minute": "0", "hour": "2", "day": "*", "month": "*", "weekday": "*", "enabled": true,
					}),
					checkScheduleOnCluster(t, s, "nightly", "enabled", true),
					checkScheduleOnCluster(t, s, "nightly", "hour", "2"),
				),
			},
			{ // import by the identifier an operator sees
				ResourceName:            schedAddr,
				ImportState:             true,
				ImportStateId:           "DB1/nightly",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				ResourceName:  schedAddr,
				ImportState:   true,
				ImportStateId: "nightly",
				ExpectError:   regexp.MustCompile(`(?s)Invalid import id.*DB1/nightly`),
			},
			{
				ResourceName:  schedAddr,
				ImportState:   true,
				ImportStateId: "DB1/weekly",
				ExpectError:   regexp.MustCompile(`Cannot import non-existent remote object`),
			},
			{ // in place: exactly the changed fields go to db_backup_modify_schedule
				PreConfig: s.ResetJobLog,
				Config: acctest.Provider(s) + acctest.Resource("exasol_backup_schedule", "test", schedNightly+`  expire = "2w"
  minute = "15"
  hour = "3"
  weekday = "mon-fri"
  enabled = false`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(schedAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("db_backup_modify_schedule"),
					checkScheduleJobParams(s, "db_backup_modify_schedule", map[string]any{
						"db_name": "DB1", "backup_name": "nightly", "expire": "2w", "minute": "15", "hour": "3",
						"weekday": "mon-fri", "enabled": false,
					}),
					checkScheduleOnCluster(t, s, "nightly", "weekday", "mon-fri"),
					resource.TestCheckResourceAttr(schedAddr, "enabled", "false"),
				),
			},
			{ // removing expire makes the backups never expire: expire "" is sent
				PreConfig: s.ResetJobLog,
				Config: acctest.Provider(s) + acctest.Resource("exasol_backup_schedule", "test", schedNightly+`  minute = "15"
  hour = "3"
  weekday = "mon-fri"
  enabled = false`),
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("db_backup_modify_schedule"),
					checkScheduleJobParams(s, "db_backup_modify_schedule", map[string]any{"db_name": "DB1", "backup_name": "nightly", "expire": ""}),
					checkScheduleOnCluster(t, s, "nightly", "expire", ""),
					resource.TestCheckNoResourceAttr(schedAddr, "expire"),
				),
			},
			{ // the level cannot be modified: replace (remove, then add)
				PreConfig:        s.ResetJobLog,
				Config:           acctest.Provider(s) + acctest.Resource("exasol_backup_schedule", "test", `  db_name = "DB1"`+"\n"+`  backup_name = "nightly"`+"\n"+`  backup_volume_name = "Backups"`+"\n"+`  level = 1`),
				ConfigPlanChecks: replaced(),
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("db_backup_remove_schedule", "db_backup_add_schedule"),
					checkScheduleOnCluster(t, s, "nightly", "level", int64(1)),
					checkScheduleOnCluster(t, s, "nightly", "minute", "0"), // the new schedule has the defaults again
				),
			},
			{ // nor the volume
				PreConfig:        s.ResetJobLog,
				Config:           acctest.Provider(s) + acctest.Resource("exasol_backup_schedule", "test", `  db_name = "DB1"`+"\n"+`  backup_name = "nightly"`+"\n"+`  backup_volume_name = "Archive2"`+"\n"+`  level = 1`),
				ConfigPlanChecks: replaced(),
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("db_backup_remove_schedule", "db_backup_add_schedule"),
					checkScheduleOnCluster(t, s, "nightly", "backup_volume_name", "Archive2"),
					resource.TestCheckResourceAttr(schedAddr, "backup_volume_id", "10002"),
				),
			},
			{ // naming the same volume by id instead changes nothing
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + acctest.Resource("exasol_backup_schedule", "test", `  db_name = "DB1"`+"\n"+`  backup_name = "nightly"`+"\n"+`  backup_volume_id = 10002`+"\n"+`  level = 1`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				Check: acctest.Log(s).CheckChanges(),
			},
			{ // a new name is a new schedule
				PreConfig:        s.ResetJobLog,
				Config:           acctest.Provider(s) + acctest.Resource("exasol_backup_schedule", "test", `  db_name = "DB1"`+"\n"+`  backup_name = "weekly"`+"\n"+`  backup_volume_id = 10002`+"\n"+`  level = 1`),
				ConfigPlanChecks: replaced(),
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("db_backup_remove_schedule", "db_backup_add_schedule"),
					checkScheduleJobParams(s, "db_backup_add_schedule", map[string]any{
						"db_name": "DB1", "backup_name": "weekly", "backup_volume_id": int64(10002), "level": int64(1),
						"minute": "0", "hour": "*", "day": "*", "month": "*", "weekday": "*", "enabled": true,
					}),
					func(*terraform.State) error {
						if scheduleOnCluster(t, s, "DB1", "nightly") != nil {
							return fmt.Errorf("the old schedule is still there")
						}
						return nil
					},
					resource.TestCheckResourceAttr(schedAddr, "backup_volume_name", "Archive2"),
				),
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if jobs, remove := acctest.Log(s).Changes(), acctest.ExpectJobs([]string{"db_backup_remove_schedule"})[0]; !slices.Contains(jobs, remove) {
				return fmt.Errorf("destroy sent no %s: %v", remove, jobs)
			}
			if sc := scheduleOnCluster(t, s, "DB1", "weekly"); sc != nil {
				return fmt.Errorf("schedule left after destroy: %v", sc)
			}
			return nil
		},
	})
}

func TestAccBackupSchedule_drift(t *testing.T) {
	s := scheduleSim(t)
	cfg := acctest.Provider(s) + acctest.Resource("exasol_backup_schedule", "test", schedNightly+`  hour = "2"`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{ // changed out of band: the plan puts it back in place
				PreConfig: func() {
					acctest.Exec(t, s, "db_backup_modify_schedule", map[string]any{"db_name": "DB1", "backup_name": "nightly", "hour": "5", "enabled": false})
					s.ResetJobLog()
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(schedAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(schedAddr, tfjsonpath.New("hour"), knownvalue.StringExact("2")),
					plancheck.ExpectKnownValue(schedAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
				}},
				Check: resource.ComposeTestCheckFunc(
					checkScheduleJobParams(s, "db_backup_modify_schedule", map[string]any{"db_name": "DB1", "backup_name": "nightly", "hour": "2", "enabled": true}),
					checkScheduleOnCluster(t, s, "nightly", "hour", "2"),
				),
			},
			{ // a drift-detection run sees an out-of-band change
				PreConfig: func() {
					acctest.Exec(t, s, "db_backup_modify_schedule", map[string]any{"db_name": "DB1", "backup_name": "nightly", "minute": "45"})
				},
				Config:             cfg,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{ // removed out of band: the state drops it and apply adds it again
				PreConfig: func() {
					acctest.Exec(t, s, "db_backup_remove_schedule", map[string]any{"db_name": "DB1", "backup_name": "nightly"})
					s.ResetJobLog()
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(schedAddr, plancheck.ResourceActionCreate),
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("db_backup_add_schedule"),
					checkScheduleOnCluster(t, s, "nightly", "minute", "0"),
				),
			},
			{ // re-made out of band on another volume: the plan replaces it
				PreConfig: func() {
					acctest.Exec(t, s, "db_backup_remove_schedule", map[string]any{"db_name": "DB1", "backup_name": "nightly"})
					acctest.Exec(t, s, "db_backup_add_schedule", map[string]any{"db_name": "DB1", "backup_name": "nightly",
						"backup_volume_name": "Archive2", "level": int64(0), "hour": "2", "enabled": true})
					s.ResetJobLog()
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(schedAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("db_backup_remove_schedule", "db_backup_add_schedule"),
					checkScheduleOnCluster(t, s, "nightly", "backup_volume_name", "Backups"),
				),
			},
		},
	})
}

func TestAccBackupSchedule_badInput(t *testing.T) {
	s := scheduleSim(t)
	planTime := func(body, msg string) resource.TestStep {
		return resource.TestStep{Config: acctest.Provider(s) + acctest.Resource("exasol_backup_schedule", "test", body), PlanOnly: true, ExpectError: regexp.MustCompile(msg)}
	}
	with := func(line string) string { return schedNightly + "  " + line }
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			planTime(with(`minute = "60"`), `(?s)Invalid minute.*60 is outside 0-59`),
			planTime(with(`hour = "24"`), `(?s)Invalid hour.*24 is outside 0-23`),
			planTime(with(`day = "0"`), `(?s)Invalid day.*0 is outside 1-31`),
			planTime(with(`month = "13"`), `(?s)Invalid month.*13 is outside 1-12`),
			planTime(with(`weekday = "8"`), `(?s)Invalid weekday.*8 is outside 0-7`),
			planTime(with(`weekday = "funday"`), `(?s)Invalid weekday.*neither a number nor a day\s+name`),
			planTime(with(`minute = "*/0"`), `(?s)Invalid minute.*step "0"`),
			planTime(with(`minute = "5/15"`), `(?s)Invalid minute.*a step needs`),
			planTime(with(`hour = "5-3"`), `(?s)Invalid hour.*runs\s+backwards`),
			planTime(with(`hour = "1,,2"`), `(?s)Invalid hour`),
			planTime(with(`month = ""`), `(?s)Invalid month.*empty`),
			planTime(with(`expire = "1y"`), `(?s)Invalid expire.*units m, w, d\s+and\s+h`),
			planTime(with(`expire = "1w3d"`), `(?s)Invalid expire`),
			planTime(with(`expire = ""`), `(?s)Invalid expire.*Omit expire`),
			planTime(with(`expire = "0d 0h"`), `(?s)Invalid expire.*adds up to\s+zero`),
			planTime(`  db_name = "DB1"`+"\n"+`  backup_name = "x"`+"\n"+`  backup_volume_name = "Backups"`+"\n"+`  level = 10`,
				`(?s)level.*between 0 and 9`),
			// both may be given (generated import configuration has both), naming one volume
			planTime(with(`backup_volume_id = 10002`), `(?s)Archive volume named twice.*Backups is the volume with id\s+10001, not 10002`),
			planTime(`  db_name = "DB1"`+"\n"+`  backup_name = "x"`+"\n"+`  level = 0`, `(?s)Missing Attribute Configuration.*At least one of these attributes must be\s+configured`),
			planTime(`  db_name = "DB1"`+"\n"+`  backup_name = " x"`+"\n"+`  backup_volume_name = "Backups"`+"\n"+`  level = 0`,
				`(?s)backup_name.*must not be empty or begin or end with\s+blanks`),
			planTime(`  db_name = "1-DB"`+"\n"+`  backup_name = "x"`+"\n"+`  backup_volume_name = "Backups"`+"\n"+`  level = 0`,
				`must be a valid database name`),
			{ // plan-time failures reached no job; a missing database fails at apply naming the job and the cluster's message
				PreConfig: func() {
					if jobs := acctest.Log(s).Changes(); len(jobs) != 0 {
						t.Errorf("plan-time validation sent jobs: %v", jobs)
					}
				},
				Config: pfSkip(acctest.Provider(s) + acctest.Resource("exasol_backup_schedule", "test", `  db_name = "MISSING"`+"\n"+`  backup_name = "nightly"`+"\n"+`  backup_volume_name = "Backups"`+"\n"+`  level = 0`)),
				ExpectError: regexp.MustCompile(`(?s)Cannot create backup schedule MISSING/nightly.*` +
					perAPI(`db_backup_add_schedule`, `db_MISSING\.getBackupSchedule`) + `.*database\s+'MISSING'\s+does\s+not\s+exist`),
			},
			{
				Config: pfSkip(acctest.Provider(s) + acctest.Resource("exasol_backup_schedule", "test", `  db_name = "DB1"`+"\n"+`  backup_name = "nightly"`+"\n"+`  backup_volume_name = "NoSuchVolume"`+"\n"+`  level = 0`)),
				ExpectError: regexp.MustCompile(`(?s)` + perAPI(`db_backup_add_schedule`, `getAllArchiveVolumes`) +
					`.*archive\s+volume\s+'NoSuchVolume'\s+does\s+not\s+exist`),
			},
			{
				Config: pfSkip(acctest.Provider(s) + acctest.Resource("exasol_backup_schedule", "test", `  db_name = "DB1"`+"\n"+`  backup_name = "nightly"`+"\n"+`  backup_volume_id = 10099`+"\n"+`  level = 0`)),
				ExpectError: regexp.MustCompile(`(?s)` + perAPI(`db_backup_add_schedule`, `getAllArchiveVolumes`) +
					`.*archive\s+volume\s+with\s+id\s+10099\s+does\s+not\s+exist`),
			},
			{ // a data volume cannot take backups
				Config:      pfSkip(acctest.Provider(s) + acctest.Resource("exasol_backup_schedule", "test", `  db_name = "DB1"`+"\n"+`  backup_name = "nightly"`+"\n"+`  backup_volume_name = "DataVolume1"`+"\n"+`  level = 0`)),
				ExpectError: regexp.MustCompile(`(?s)` + perAPI(`db_backup_add_schedule`, `db_DB1\.setBackupSchedule`) + `.*not\s+an\s+archive\s+volume`),
			},
			{ // a name the database already uses
				PreConfig: func() {
					acctest.Exec(t, s, "db_backup_add_schedule", map[string]any{"db_name": "DB1", "backup_name": "taken", "backup_volume_name": "Backups", "level": int64(0)})
				},
				Config:      pfSkip(acctest.Provider(s) + acctest.Resource("exasol_backup_schedule", "test", `  db_name = "DB1"`+"\n"+`  backup_name = "taken"`+"\n"+`  backup_volume_name = "Backups"`+"\n"+`  level = 0`)),
				ExpectError: regexp.MustCompile(`(?s)` + perAPI(`db_backup_add_schedule`, `db_DB1\.setBackupSchedule`) + `.*'taken'\s+already\s+exists`),
			},
			{Config: acctest.Provider(s) + acctest.Resource("exasol_backup_schedule", "test", schedNightly)},
			{ // db_backup_modify_schedule (or a changed schedule in setBackupSchedule) needs a running database: the error says so, and the state keeps the truth
				PreConfig: func() { acctest.Exec(t, s, "db_stop", map[string]any{"db_name": "DB1"}) },
				Config:    pfSkip(acctest.Provider(s) + acctest.Resource("exasol_backup_schedule", "test", with(`hour = "4"`))),
				ExpectError: regexp.MustCompile(`(?s)Cannot update backup schedule DB1/nightly.*` +
					perAPI(`db_backup_modify_schedule`, `db_DB1\.setBackupSchedule`) + `.*needs\s+a\s+running\s+database`),
			},
			{ // started again, the same configuration applies
				PreConfig: func() {
					acctest.Exec(t, s, "db_start", map[string]any{"db_name": "DB1"})
					s.ResetJobLog()
				},
				Config: acctest.Provider(s) + acctest.Resource("exasol_backup_schedule", "test", with(`hour = "4"`)),
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("db_backup_modify_schedule"),
					checkScheduleOnCluster(t, s, "nightly", "hour", "4"),
				),
			},
		},
	})
}

// exampleImportID is the id a documented import example uses.
func exampleImportID(t *testing.T, rel string, re *regexp.Regexp) string {
	t.Helper()
	m := re.FindStringSubmatch(readExample(t, rel))
	if m == nil {
		t.Fatalf("%s names no import id", rel)
	}
	return m[1]
}

// The documented examples of the schedule and the two data sources, applied
// next to the database and remote volume examples they refer to, as a user
// would write them together.
func TestAccBackupScheduleExamples(t *testing.T) {
	s := acctest.Start(t)
	base := acctest.Provider(s) + readExample(t, "resources/exasol_database/resource.tf") +
		readExample(t, "resources/exasol_remote_volume/resource.tf") +
		readExample(t, "resources/exasol_backup_schedule/resource.tf")
	vars := config.Variables{"backup_bucket_secret_key": config.StringVariable("c2VjcmV0")}
	importBlockID := exampleImportID(t, "resources/exasol_backup_schedule/import-by-string-id.tf", regexp.MustCompile(`id\s*=\s*"([^"]+)"`))
	importCmdID := exampleImportID(t, "resources/exasol_backup_schedule/import.sh", regexp.MustCompile(`exasol_backup_schedule\.example (\S+)`))
	if importBlockID != importCmdID {
		t.Fatalf("the import examples disagree: %q and %q", importBlockID, importCmdID)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:          base,
				ConfigVariables: vars,
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr("exasol_backup_schedule.example", "id", "DB1/nightly"),
					resource.TestCheckResourceAttrPair("exasol_backup_schedule.example", "backup_volume_id",
						"exasol_remote_volume.example", "remote_volume_id"),
					resource.TestCheckResourceAttrPair("exasol_backup_schedule.incremental", "backup_volume_name",
						"exasol_remote_volume.example", "remote_volume_name"),
					checkScheduleOnCluster(t, s, "nightly", "weekday", "mon-fri"),
					checkScheduleOnCluster(t, s, "incremental", "enabled", false),
				),
			},
			{ // the data sources, after a backup has run
				PreConfig: func() {
					acctest.Exec(t, s, "db_backup_start", map[string]any{"db_name": "DB1", "backup_volume_name": "RemoteVolume1", "level": int64(0)})
				},
				Config: base + readExample(t, "data-sources/exasol_backups/data-source.tf") +
					readExample(t, "data-sources/exasol_cluster/data-source.tf"),
				ConfigVariables: vars,
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr("data.exasol_backups.db1", "backups.#", "1"),
					func(st *terraform.State) error {
						want := st.RootModule().Resources["data.exasol_backups.db1"].Primary.Attributes["backups.0.id"]
						if got := fmt.Sprint(st.RootModule().Outputs["restorable_backups"].Value); got != "["+want+"]" {
							return fmt.Errorf("output restorable_backups = %s, want [%s]", got, want)
						}
						return nil
					},
					resource.TestCheckOutput("master_node", masterName()),
					resource.TestCheckResourceAttr("data.exasol_cluster.this", "databases.0.db_name", "DB1"),
				),
			},
			{ // the documented import id
				Config:                  base,
				ConfigVariables:         vars,
				ResourceName:            "exasol_backup_schedule.example",
				ImportState:             true,
				ImportStateId:           importBlockID,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
	})
}
