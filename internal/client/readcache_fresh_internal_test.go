package client

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Fresh reads of a key asked for while one is under way share the next
// read, which starts after that one ends: each caller sees an answer fetched
// after it asked, and ten callers cost two reads.
func TestFreshReadsShareTheNextRead(t *testing.T) {
	var ff freshFlights
	var fetches atomic.Int64
	release := make(chan struct{})
	fetch := func(context.Context) (int64, error) {
		n := fetches.Add(1)
		if n == 1 {
			<-release
		}
		return n, nil
	}
	ctx := context.Background()
	first := make(chan int64)
	go func() {
		v, _ := freshRead(ctx, &ff, "k", fetch)
		first <- v
	}()
	for fetches.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	// nine callers ask while the first read is under way
	var wg sync.WaitGroup
	got := make([]int64, 9)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], _ = freshRead(ctx, &ff, "k", fetch)
		}()
	}
	time.Sleep(50 * time.Millisecond)
	if n := fetches.Load(); n != 1 {
		t.Fatalf("%d reads started while the first was under way; want none", n-1)
	}
	close(release)
	if v := <-first; v != 1 {
		t.Errorf("the first caller got read %d", v)
	}
	wg.Wait()
	for i, v := range got {
		if v != 2 {
			t.Errorf("caller %d got read %d; want the one after the first (2)", i, v)
		}
	}
	if n := fetches.Load(); n != 2 {
		t.Errorf("%d reads for ten callers; want 2", n)
	}
	// nothing is kept: the next caller reads again
	if v, _ := freshRead(ctx, &ff, "k", fetch); v != 3 || len(ff.byKey) != 0 {
		t.Errorf("a later caller got read %d (want 3); groups left: %d", v, len(ff.byKey))
	}
}

// A shared read that failed (perhaps for its starter's deadline) fails for
// its starter only: the caller that waited for it asks again, with its own
// context.
func TestFreshReadsFailedShareAsksAgain(t *testing.T) {
	var ff freshFlights
	var fetches atomic.Int64
	started, release := make(chan struct{}), make(chan struct{})
	fetch := func(context.Context) (int64, error) {
		switch n := fetches.Add(1); n {
		case 1:
			close(started)
			<-release
			return 0, nil
		case 2:
			<-release
			return 0, errors.New("deadline")
		default:
			return n, nil
		}
	}
	ctx := context.Background()
	go func() { _, _ = freshRead(ctx, &ff, "k", fetch) }()
	<-started
	type answer struct {
		v   int64
		err error
	}
	done := make(chan answer)
	for range 2 {
		go func() {
			v, err := freshRead(ctx, &ff, "k", fetch)
			done <- answer{v, err}
		}()
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	a, b := <-done, <-done
	if a.err == nil {
		a, b = b, a
	}
	if a.err == nil || b.err != nil || b.v != 3 {
		t.Errorf("after a failed shared read: %+v and %+v; want the starter's error and a read of the other's own (3)", a, b)
	}
}
