package client

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// counted is a fetch that counts its calls and answers with the count.
type counted struct{ n atomic.Int64 }

func (f *counted) fetch(context.Context) (int64, error) { return f.n.Add(1), nil }

func TestReadCacheServesUntilTTL(t *testing.T) {
	now := time.Unix(1000, 0)
	rc := &readCache{now: func() time.Time { return now }}
	var f counted
	read := func() int64 {
		t.Helper()
		v, err := cachedRead(context.Background(), rc, "k", f.fetch)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if v := read(); v != 1 {
		t.Fatalf("first read: %d", v)
	}
	now = now.Add(ReadCacheTTL - time.Millisecond)
	if v := read(); v != 1 {
		t.Errorf("a read within the TTL asked again (answer %d)", v)
	}
	now = now.Add(time.Millisecond)
	if v := read(); v != 2 {
		t.Errorf("a read after the TTL got the old answer (%d)", v)
	}
	if v, _ := cachedRead(context.Background(), rc, "other", f.fetch); v != 3 {
		t.Errorf("another key shared the answer of k (%d)", v)
	}
}

// Concurrent readers of a key share one fetch.
func TestReadCacheSharesInFlight(t *testing.T) {
	rc := &readCache{}
	release := make(chan struct{})
	var calls atomic.Int64
	fetch := func(context.Context) (string, error) {
		calls.Add(1)
		<-release
		return "answer", nil
	}
	var wg sync.WaitGroup
	got := make([]string, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], _ = cachedRead(context.Background(), rc, "k", fetch)
		}()
	}
	// Once the first reader's fetch is in flight, the others either join it
	// or, coming later, find its answer.
	for !inFlight(rc, "k") {
		time.Sleep(time.Millisecond)
	}
	close(release)
	wg.Wait()
	if calls.Load() != 1 {
		t.Errorf("%d fetches for 8 concurrent readers, want 1", calls.Load())
	}
	for i, g := range got {
		if g != "answer" {
			t.Errorf("reader %d got %q", i, g)
		}
	}
}

func inFlight(rc *readCache, key string) bool {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return rc.entries[key] != nil
}

// A read in flight while a change is sent is answered, but not kept: the
// next read asks again.
func TestReadCacheDropsReadsThatRaceAChange(t *testing.T) {
	rc := &readCache{}
	started, release := make(chan struct{}), make(chan struct{})
	var calls atomic.Int64
	fetch := func(context.Context) (int64, error) {
		n := calls.Add(1)
		if n == 1 {
			close(started)
			<-release
		}
		return n, nil
	}
	done := make(chan int64)
	go func() {
		v, _ := cachedRead(context.Background(), rc, "k", fetch)
		done <- v
	}()
	<-started
	rc.invalidate() // a change job is sent
	close(release)
	if v := <-done; v != 1 {
		t.Fatalf("the racing read got %d", v)
	}
	if v, _ := cachedRead(context.Background(), rc, "k", fetch); v != 2 {
		t.Errorf("the read after the change got the racing read's answer (%d)", v)
	}
}

// Failures are not kept; Fresh reads always ask and forget every answer
// afterwards; the preflight's reads ask and leave the cache alone.
func TestReadCacheModes(t *testing.T) {
	rc := &readCache{}
	fail := true
	var calls atomic.Int64
	fetch := func(context.Context) (int64, error) {
		n := calls.Add(1)
		if fail {
			return 0, errors.New("down")
		}
		return n, nil
	}
	ctx := context.Background()
	if _, err := cachedRead(ctx, rc, "k", fetch); err == nil {
		t.Fatal("no error")
	}
	fail = false
	if v, _ := cachedRead(ctx, rc, "k", fetch); v != 2 {
		t.Fatalf("a failure was kept: %d", v)
	}
	if v, _ := cachedRead(ctx, rc, "other", fetch); v != 3 {
		t.Fatalf("other: %d", v)
	}
	if v, _ := cachedRead(bypassCache(ctx), rc, "k", fetch); v != 4 {
		t.Errorf("a bypassing read got a cached answer (%d)", v)
	}
	if v, _ := cachedRead(ctx, rc, "k", fetch); v != 2 {
		t.Errorf("a bypassing read changed the cache (%d)", v)
	}
	if v, _ := cachedRead(Fresh(ctx), rc, "k", fetch); v != 5 {
		t.Errorf("a fresh read got a cached answer (%d)", v)
	}
	if v, _ := cachedRead(ctx, rc, "other", fetch); v != 6 {
		t.Errorf("after a fresh read, another key still served its old answer (%d)", v)
	}
}

// VolumeInfo reads one volume with st_volume_info, and a refresh of many
// with st_volume_list.
func TestReadCacheWantsVolumeList(t *testing.T) {
	now := time.Unix(1000, 0)
	rc := &readCache{now: func() time.Time { return now }}
	if rc.wantBulk("st_volume_info", volumeListJob, "A") {
		t.Error("the first volume read wants the list")
	}
	if rc.wantBulk("st_volume_info", volumeListJob, "A") {
		t.Error("the same volume read again wants the list")
	}
	if !rc.wantBulk("st_volume_info", volumeListJob, "B") {
		t.Error("a second volume read at once does not want the list")
	}
	now = now.Add(ReadCacheTTL)
	if rc.wantBulk("st_volume_info", volumeListJob, "C") {
		t.Error("a volume read long after the last one wants the list")
	}
	rc.invalidate()
	if rc.wantBulk("st_volume_info", volumeListJob, "D") {
		t.Error("the first volume read after a change wants the list")
	}
}
