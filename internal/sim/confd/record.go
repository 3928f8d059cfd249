package confd

// Record appends a record made by another front end (the EXAoperation face:
// one record per call, Name the method, Object the object) to the job log,
// so that one log shows every call in order, and shows it to the job hook.
func (s *Service) Record(rec JobRecord) {
	s.mu.Lock()
	s.log = append(s.log, rec)
	if len(s.log) > maxJobs {
		s.log = s.log[1:]
	}
	s.mu.Unlock()
	if s.onJob != nil {
		s.onJob(rec)
	}
}
