package cluster

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Timing decides how long each transition takes.
//
// Scale multiplies the DefaultDurations (0 = every transition is instant,
// 1 = realistic seconds). Overrides replace the duration of single kinds and
// are NOT scaled: they are absolute, so that a test can run with Scale 0 and
// still make, say, only the backup take 2 s.
type Timing struct {
	Scale     float64
	Overrides map[string]time.Duration
}

// Validate refuses unknown transition kinds and negative values, so that a
// typo in a test's override does not silently fall back to the default.
func (t Timing) Validate() error {
	if t.Scale < 0 {
		return fmt.Errorf("time scale must not be negative, got %v", t.Scale)
	}
	for k, d := range t.Overrides {
		if _, ok := DefaultDurations[k]; !ok {
			return fmt.Errorf("unknown transition %q (known: %s)", k, strings.Join(TransitionKinds(), ", "))
		}
		if d < 0 {
			return fmt.Errorf("duration of transition %q must not be negative", k)
		}
	}
	return nil
}

// Duration is the time a transition of the given kind takes.
func (t Timing) Duration(kind string) time.Duration {
	if d, ok := t.Overrides[kind]; ok {
		return d
	}
	return time.Duration(float64(DefaultDurations[kind]) * t.Scale)
}

// TransitionKinds lists the known kinds, sorted.
func TransitionKinds() []string {
	ks := make([]string, 0, len(DefaultDurations))
	for k := range DefaultDurations {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Transition is a change that is under way: the object reaches To at Due.
// Transitions are applied lazily: every access to the cluster first applies
// those that are due, so there are no timers or goroutines.
type Transition struct {
	Since time.Time
	Due   time.Time
	To    string
}

// Progress is the finished fraction (0..1) of the transition at now.
func (t *Transition) Progress(now time.Time) float64 {
	total := t.Due.Sub(t.Since)
	if total <= 0 || !now.Before(t.Due) {
		return 1
	}
	if now.Before(t.Since) {
		return 0
	}
	return float64(now.Sub(t.Since)) / float64(total)
}

func (c *Cluster) transition(kind, to string, now time.Time) *Transition {
	return &Transition{Since: now, Due: now.Add(c.timing.Duration(kind)), To: to}
}

func due(t *Transition, now time.Time) bool { return t != nil && !now.Before(t.Due) }
