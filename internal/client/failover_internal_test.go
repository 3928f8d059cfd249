package client

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client/confd"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// A change job without a verifier is not repeated after a lost answer: it
// fails with an error that says what to check.
func TestChangeWithoutVerifierIsNotRepeated(t *testing.T) {
	if verifiers["license_upload"] != nil {
		t.Fatal("license_upload has a verifier; pick another job for this test")
	}
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(3), acctest.NodeAddresses())
	c, err := New(Config{Endpoints: s.Endpoints(), Username: s.Username(), Password: s.Password(), CACertPEM: s.CACertPEM(),
		RequestTimeout: time.Second, FailoverTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.FailMaster(sim.FailoverOptions{AtJob: 1, Job: "license_upload", LoseResponse: true, Delay: 100 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err = c.confdDialect().exec(ctx, "license_upload", Params{"license": "[License]\nLicenseType = Developer\n"})
	if !IsOutcomeUnknown(err) || !IsTransport(err) {
		t.Fatalf("got %v, want an outcome-unknown transport error", err)
	}
	for _, want := range []string{"license_upload", "unknown", "not repeated", "check"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	if n := acctest.Log(s).Count("license_upload"); n != 1 {
		t.Fatalf("license_upload sent %d times, want once", n)
	}
}

// Every change job the client sends has a verifier.
func TestEverySentChangeHasAVerifier(t *testing.T) {
	for _, job := range []string{
		"db_create", "db_delete", "db_start", "db_stop", "db_configure",
		"db_backup_add_schedule", "db_backup_modify_schedule", "db_backup_remove_schedule",
		"st_volume_create", "st_volume_delete", "st_volume_enlarge", "st_volume_shrink",
		"st_volume_add_label", "st_volume_remove_label", "st_volume_set_io_status",
		"node_add", "node_remove", "node_suspend", "node_resume",
		"remote_volume_add", "remote_volume_remove", "master_change",
	} {
		if v := verifiers[job]; v == nil || v.check == nil || v.what == "" {
			t.Errorf("%s has no verifier", job)
		}
	}
	for job := range verifiers {
		if spec, ok := confd.Table[job]; !ok || !spec.Change {
			t.Errorf("%s is a read but has a verifier", job)
		}
	}
}
