package confd

import "maps"

// What a failover of the master does to the job log. The server decides when
// the master fails (sim.FailMaster); the job log says, per job, whether the
// client got its answer and whether the job ran at all.

// readJobs are the jobs that only read; every other job changes the cluster
// (its configuration, or the runtime state of a database, node or backup).
var readJobs = map[string]bool{
	"db_list": true, "db_state": true, "db_info": true, "db_backup_list": true, "db_backup_progress": true,
	"st_volume_list": true, "st_volume_info": true,
	"remote_volume_list": true, "remote_volume_info": true, "remote_volume_state": true,
	"node_list": true, "node_state": true, "node_info": true, "node_wait_ready": true, "node_wait_offline": true,
	"plugin_list": true, "plugin_info": true, "license_info": true, "settings_list": true,
}

// IsChange reports whether name is a job that changes the cluster, the kind
// of job whose outcome a failover can leave unknown to the client.
func IsChange(name string) bool {
	_, ok := jobTable[name]
	return ok && !readJobs[name]
}

// MarkLost notes in the job log that the answer of job id never reached the
// client: the master failed after running it.
func (s *Service) MarkLost(id string) {
	if id == "" {
		return
	}
	s.mu.Lock()
	var rec JobRecord
	found := false
	for i := len(s.log) - 1; i >= 0; i-- {
		if s.log[i].ID == id {
			s.log[i].Lost = true
			rec, found = s.log[i], true
			break
		}
	}
	s.mu.Unlock()
	if found && s.onJob != nil {
		s.onJob(rec)
	}
}

// Drop records a job that reached the master just as it failed: it never ran
// and took no effect, and the client got no answer.
func (s *Service) Drop(name string, raw map[string]any) JobRecord {
	rec := JobRecord{Name: name, Params: maps.Clone(raw), Code: -1, Source: SourceRPC, At: s.c.Now(), Lost: true, Dropped: true}
	s.mu.Lock()
	s.log = append(s.log, rec)
	if len(s.log) > maxJobs {
		s.log = s.log[1:]
	}
	s.mu.Unlock()
	if s.onJob != nil {
		s.onJob(rec)
	}
	return rec
}
