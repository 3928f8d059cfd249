package provider

import (
	"errors"
	"strings"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// The Terraform advice the client's errors no longer carry is added by
// clientErrorDetail, from the errors' kinds and hints.
func TestClientErrorDetail(t *testing.T) {
	for name, c := range map[string]struct {
		err  error
		want string
	}{
		"credentials": {&client.Error{Kind: client.KindAuth, Job: "db_list", Endpoint: "h:443", HTTPStatus: 401, Hint: client.HintCredentials},
			"rejected the credentials (HTTP 401); check username/password or auth_token"},
		"EXAoperation credentials": {&client.Error{Kind: client.KindAuth, API: client.APIEXAoperation, Job: "getDatabaseList", Message: "Unauthorized", Hint: client.HintCredentials},
			"check username/password"},
		"CA": {&client.Error{Kind: client.KindTransport, Job: "master discovery", Message: "the server's certificate is not signed by a trusted CA", Hint: client.HintCACert},
			"the server's certificate is not signed by a trusted CA; pin the cluster's CA with ca_cert_file or ca_cert_pem"},
		"failover timeout": {&client.Error{Kind: client.KindTransport, Job: "db_list", Message: "no ConfD master answered within the failover timeout of 1s", Hint: client.HintFailoverTimeout},
			"failover_timeout"},
		"management service failing": {&client.Error{Kind: client.KindHTTP, Job: "db_list", HTTPStatus: 500, Hint: client.HintRetry},
			"check its health (ConfD on the master node). Apply again"},
		"locked": {&client.Error{Kind: client.KindLocked, Job: "db_create", Message: "locked", Hint: client.HintLockWait},
			"finish and apply again, or raise the resource's timeouts so that it waits longer"},
		"outcome unknown": {&client.OutcomeUnknownError{Job: "db_create", What: "db_list", Err: errors.New("EOF")},
			"check db_list, then apply again (import the object if the job did create it)"},
		"foreign object": {&client.ForeignObjectError{Job: "db_create", Kind: "database", Name: "DB1"},
			"it was left alone. Choose another name, or import the existing object"},
		"refused setting": {&client.UnsupportedError{API: "EXAoperation", What: "set the owner of a database", Hint: "addDatabase takes no owner.", Object: client.ObjectDatabase, Field: "Owner", Drop: true},
			"EXAoperation cannot set the owner of a database; addDatabase takes no owner. Remove owner from exasol_database."},
		"refused value": {&client.UnsupportedError{API: "EXAoperation", What: "x", Object: client.ObjectDatabase, Field: "AutoStart", Value: "true", Drop: true},
			"Remove auto_start = true from exasol_database."},
		"refused kind": {&client.UnsupportedError{API: "ConfD", What: "manage database snapshots on Exasol 7.1", Hint: "the db_snapshot_* jobs came with Exasol 8.", Object: client.ObjectSnapshotSchedule, Drop: true},
			"ConfD cannot manage database snapshots on Exasol 7.1; the db_snapshot_* jobs came with Exasol 8. Remove exasol_snapshot_schedule from the configuration for this cluster."},
		"setting needing another value": {&client.UnsupportedError{API: "EXAoperation", What: "x", Hint: "give the node an id of 11 or more", Object: client.ObjectNode, Field: "ID"},
			"give the node an id of 11 or more. The setting is id of exasol_node."},
	} {
		if got := clientErrorDetail(c.err); !strings.Contains(got, c.want) {
			t.Errorf("%s: %q lacks %q", name, got, c.want)
		}
	}
}

// Every setting the capability tables of both interfaces name maps to an
// attribute, and the EXAoperation limits the plan checks rely on are there.
func TestLimitAttributes(t *testing.T) {
	cfg := client.Config{Endpoints: []string{"127.0.0.1:1"}, Username: "u", Password: "p"}
	c, err := client.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	x, err := client.NewEXAoperation(cfg)
	if err != nil {
		t.Fatal(err)
	}
	limited := map[string]bool{}
	for _, b := range []client.Backend{c, x} {
		for _, l := range b.Limits() {
			a, ok := attributeOf(l.Object, l.Field)
			if !ok {
				t.Errorf("%s: %s.%s maps to no attribute", b.API(), l.Object, l.Field)
				continue
			}
			if b.API() == client.APIEXAoperation {
				limited[a.resource+"."+a.attribute] = true
			}
		}
	}
	for _, want := range []string{"exasol_database.owner", "exasol_storage_volume.permissions", "exasol_node.pub_net",
		"exasol_node.name", "exasol_cluster_state.master_node", "exasol_remote_volume.owner"} {
		if !limited[want] {
			t.Errorf("Limits does not name %s", want)
		}
	}
	if !refusesValue(x, "exasol_database", "auto_start", "true") || refusesValue(c, "exasol_database", "auto_start", "true") {
		t.Error("auto_start = true is refused by EXAoperation only")
	}
}
