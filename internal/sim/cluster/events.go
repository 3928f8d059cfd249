package cluster

import "slices"

// logEvent adds an event to the cluster's log in time order (transitions
// applied together may end in any order) and drops the oldest beyond
// MaxEvents.
func (s *State) logEvent(e Event) {
	i := len(s.Events)
	for i > 0 && s.Events[i-1].At.After(e.At) {
		i--
	}
	s.Events = slices.Insert(s.Events, i, e)
	if over := len(s.Events) - MaxEvents; over > 0 {
		s.Events = slices.Delete(s.Events, 0, over)
	}
}
