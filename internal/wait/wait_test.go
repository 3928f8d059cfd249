package wait

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

var fast = Waiter{Backoff: Backoff{Initial: time.Millisecond, Max: 4 * time.Millisecond, Factor: 2}}

func TestUntilReturnsWhenDone(t *testing.T) {
	n := 0
	err := fast.Until(context.Background(), "three checks", func(context.Context) (bool, string, error) {
		n++
		return n == 3, "n", nil
	})
	if err != nil || n != 3 {
		t.Fatalf("got err=%v after %d checks, want nil after 3", err, n)
	}
}

func TestUntilStopsOnCheckError(t *testing.T) {
	boom := errors.New("boom")
	err := fast.Until(context.Background(), "x", func(context.Context) (bool, string, error) { return false, "", boom })
	if !errors.Is(err, boom) || IsTimeout(err) {
		t.Fatalf("want the check's error, got %v", err)
	}
}

func TestUntilTimeoutNamesWhatAndLastState(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	var progress int
	w := fast
	w.Progress = func(string, string, int, time.Duration) { progress++ }
	err := w.Until(ctx, "database DB1 to start", func(context.Context) (bool, string, error) { return false, "Startup", nil })
	if !IsTimeout(err) {
		t.Fatalf("want a timeout, got %v", err)
	}
	for _, want := range []string{"database DB1 to start", "Startup", "timeouts"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("timeout message %q lacks %q", err, want)
		}
	}
	if progress == 0 {
		t.Error("progress was never reported")
	}
}

// The number of checks grows logarithmically while the pause is below Max.
func TestBackoffBoundsChecks(t *testing.T) {
	w := Waiter{Backoff: Backoff{Initial: time.Millisecond, Max: 64 * time.Millisecond, Factor: 2}}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Millisecond)
	defer cancel()
	n := 0
	_ = w.Until(ctx, "never", func(context.Context) (bool, string, error) { n++; return false, "", nil })
	// 1+2+4+…+64 ms ≈ 127 ms: at most ~8 checks; a busy loop would do thousands.
	if n > 10 {
		t.Fatalf("%d checks in 120 ms: backoff is not applied", n)
	}
}

func TestJitterStaysInBounds(t *testing.T) {
	for range 1000 {
		d := jittered(100*time.Millisecond, 0.2)
		if d < 80*time.Millisecond || d > 120*time.Millisecond {
			t.Fatalf("jittered pause %v outside ±20%%", d)
		}
	}
}
