package wait

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"
)

// fakeClock makes a wait of hours take microseconds: sleep only moves the
// time, so Until's own loop is what gets counted.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }
func (c *fakeClock) sleep(ctx context.Context, d time.Duration) error {
	c.t = c.t.Add(d)
	return ctx.Err()
}

// pollsFor runs Until for a condition that holds once length has passed and
// returns the number of checks and how late the last one came.
func pollsFor(b Backoff, length time.Duration) (checks int, late time.Duration) {
	clk := &fakeClock{t: time.Date(2020, 7, 7, 14, 5, 0, 0, time.UTC)}
	start := clk.t
	w := Waiter{Backoff: b, clock: clk}
	_ = w.Until(context.Background(), "a transition", func(context.Context) (bool, string, error) {
		checks++
		return clk.t.Sub(start) >= length, "", nil
	})
	return checks, clk.t.Sub(start) - length
}

// maxChecks is an upper bound of the checks Until makes for a wait of the
// given length, whatever the jitter does:
//   - while the pause grows from Initial to Max: log_Factor(Max/Initial) checks;
//   - while it stays at Max, until Fraction × waited reaches Max (waited =
//     Max/Fraction): each sleep is at least (1-Jitter)·Max;
//   - after that the pause follows Fraction × waited, so the waited time
//     grows by at least 1 + (1-Jitter)·Fraction per check;
//   - plus the final, successful check.
//
// The third term is the only one that depends on the length, and it is
// logarithmic.
func maxChecks(b Backoff, length time.Duration) int {
	j := b.Jitter
	n := math.Ceil(math.Log(float64(b.Max)/float64(b.Initial))/math.Log(b.Factor)) + 1
	n += math.Ceil(1 / (b.Fraction * (1 - j)))
	if knee := float64(b.Max) / b.Fraction; float64(length) > knee {
		n += math.Ceil(math.Log(float64(length)/knee) / math.Log(1+(1-j)*b.Fraction))
	}
	return int(n) + 1
}

var waitLengths = []time.Duration{time.Second, time.Minute, 10 * time.Minute, time.Hour, 24 * time.Hour}

// The number of checks of a wait is bounded by a logarithm of its length,
// and a change is never seen much later than Fraction of the time waited.
func TestChecksAreLogarithmicInTheWait(t *testing.T) {
	b := DefaultBackoff
	for _, length := range waitLengths {
		for range 20 { // jitter varies the run
			n, late := pollsFor(b, length)
			if bound := maxChecks(b, length); n > bound {
				t.Errorf("a %v wait made %d checks, more than the bound %d", length, n, bound)
			}
			// the pause before the last check is at most max(Max, Fraction ×
			// waited): jitter only shortens it; with the default backoff that
			// is max(0.5 s, 10% of the wait) (issue 19)
			allowed := max(b.Max, time.Duration(float64(length)*b.Fraction))
			if want := max(500*time.Millisecond, length/10); allowed > want {
				t.Fatalf("the default backoff allows %v late for a %v wait, more than %v", allowed, length, want)
			}
			if late > allowed {
				t.Errorf("a %v wait noticed the change %v late, more than %v", length, late, allowed)
			}
		}
	}
	// the signature of a logarithm: 24 times the wait adds a few dozen
	// checks (log 24 / log 1.09), not 24 times as many
	hour, _ := pollsFor(b, time.Hour)
	day, _ := pollsFor(b, 24*time.Hour)
	if day-hour > 45 {
		t.Errorf("a day's wait makes %d checks, an hour's %d: not logarithmic", day, hour)
	}
	if day > 150 {
		t.Errorf("a day's wait makes %d checks", day)
	}
}

// Without Fraction the pause stays at Max: the old, linear behavior, which
// the bound above rules out for long waits.
func TestWithoutFractionChecksAreLinear(t *testing.T) {
	b := DefaultBackoff
	b.Fraction = 0
	n, _ := pollsFor(b, time.Hour)
	if n < 600 {
		t.Fatalf("a capped backoff made only %d checks in an hour; the comparison above is meaningless", n)
	}
}

// BenchmarkPollsPerWait reports the checks of one wait ("polls/wait") and
// how late the change was seen ("late-%") for waits from a second to a day,
// with the default backoff and, for comparison, with pauses capped at Max.
//
//	go test ./internal/wait -bench PollsPerWait -run '^$'
func BenchmarkPollsPerWait(b *testing.B) {
	capped := DefaultBackoff
	capped.Fraction = 0
	for _, c := range []struct {
		name string
		bo   Backoff
	}{{"default", DefaultBackoff}, {"capped", capped}} {
		for _, length := range waitLengths {
			b.Run(fmt.Sprintf("%s/%v", c.name, length), func(b *testing.B) {
				var checks, late float64
				for range b.N {
					n, l := pollsFor(c.bo, length)
					checks += float64(n)
					late += float64(l)
				}
				b.ReportMetric(checks/float64(b.N), "polls/wait")
				b.ReportMetric(100*late/float64(b.N)/float64(length), "late-%")
			})
		}
	}
}
