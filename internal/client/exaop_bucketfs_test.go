package client_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// BucketFS services and buckets through EXAoperation, seen by ConfD's jobs
// on the same simulated cluster; passwords never reach the log.
func TestExaopBucketFS(t *testing.T) {
	ctx := ctx(t)
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
	x, sink := newExaop(t, s)

	names, err := x.BucketFSList(ctx)
	if err != nil || !slices.Equal(names, []string{"bfsdefault"}) {
		t.Fatalf("BucketFSList = %v, %v", names, err)
	}
	var name string
	if err := x.CreateBucketFS(ctx, client.BucketFSSpec{HTTPSPort: 2590, Description: "UDFs", NameOut: &name}); err != nil {
		t.Fatal(err)
	}
	if name != "bucketfs1" {
		t.Fatalf("new service's name %q", name)
	}
	env, err := s.Exec("bucketfs_info", map[string]any{"bucketfs_name": name})
	if err != nil || env["result_output"].(map[string]any)["https_port"] != int64(2590) {
		t.Fatalf("ConfD's bucketfs_info of the new service: %v %v", env, err)
	}
	port := int64(2591)
	if err := x.ChangeBucketFS(ctx, name, client.BucketFSChange{HTTPPort: &port}); err != nil {
		t.Fatal(err)
	}
	b, err := x.BucketFSInfo(ctx, name)
	if err != nil || b.HTTPPort != 2591 || b.HTTPSPort != 2590 || b.Disk != "d02_data" || b.Description != "UDFs" || len(b.Buckets) != 0 {
		t.Fatalf("BucketFSInfo = %+v, %v", b, err)
	}

	rp, wp := "read-secret-1", "write-secret-1"
	spec := client.BucketSpec{Service: name, Name: "b1", Public: true, ReadPassword: &rp, WritePassword: &wp}
	if err := x.CreateBucket(ctx, spec); err != nil {
		t.Fatal(err)
	}
	bk, err := x.BucketInfo(ctx, name, "b1")
	if err != nil || !bk.PublicUnread {
		t.Fatalf("BucketInfo = %+v, %v", bk, err)
	}
	spec.Public = false
	if err := x.ChangeBucket(ctx, spec); err != nil {
		t.Fatal(err)
	}
	if got := s.Cluster().Snapshot().BucketFS[1].Buckets["b1"]; got.Public || got.WritePassword != wp {
		t.Fatalf("model's bucket after ChangeBucket: %+v", got)
	}
	// refused before any call: a change without the passwords, additional
	// files, ConfD's settings of a service
	var u *client.UnsupportedError
	if err := x.ChangeBucket(ctx, client.BucketSpec{Service: name, Name: "b1"}); !errors.As(err, &u) {
		t.Fatalf("change without passwords: %v", err)
	}
	spec.AdditionalFiles = []string{"x"}
	if err := x.ChangeBucket(ctx, spec); !errors.As(err, &u) || u.Field != "AdditionalFiles" {
		t.Fatalf("additional files: %v", err)
	}
	for _, bad := range []client.BucketFSSpec{{Name: "mine"}, {Owner: []int64{500, 500}}, {SyncPeriod: 30}, {Mode: "rsync"}} {
		if err := x.CreateBucketFS(ctx, bad); !errors.As(err, &u) || u.Object != client.ObjectBucketFS {
			t.Fatalf("CreateBucketFS(%+v): %v", bad, err)
		}
	}

	if err := x.DeleteBucket(ctx, name, "b1"); err != nil {
		t.Fatal(err)
	}
	if _, err := x.BucketInfo(ctx, name, "b1"); !client.IsNotFound(err) {
		t.Fatalf("deleted bucket: %v", err)
	}
	if err := x.DeleteBucket(ctx, name, "b1"); err != nil {
		t.Fatalf("deleting a deleted bucket: %v", err)
	}
	if err := x.DeleteBucketFS(ctx, name); err != nil {
		t.Fatal(err)
	}
	if _, err := x.BucketFSInfo(ctx, name); !client.IsNotFound(err) {
		t.Fatalf("deleted service: %v", err)
	}
	if err := x.DeleteBucketFS(ctx, name); err != nil {
		t.Fatalf("deleting a deleted service: %v", err)
	}
	if strings.Contains(sink.all(), rp) || strings.Contains(sink.all(), wp) {
		t.Fatal("a password reached the log")
	}
	if !strings.Contains(sink.all(), "saveBucketFSChanges") {
		t.Fatal("changes were not saved (saveBucketFSChanges)")
	}
}

// ConfD refuses EXAoperation's settings of a service.
func TestConfDBucketFSRefusesDisk(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	c, _ := newClient(t, s)
	var u *client.UnsupportedError
	err := c.CreateBucketFS(context.Background(), client.BucketFSSpec{Name: "b", HTTPSPort: 2590, Owner: []int64{0, 0}, Disk: "d02_data"})
	if !errors.As(err, &u) || u.Field != "Disk" {
		t.Fatalf("CreateBucketFS with a disk on ConfD: %v", err)
	}
}
