package client_test

import (
	"bytes"
	"encoding/pem"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// faultProxy sits between the client and the simulator's EXAoperation face
// (whose HTTP front has no fault injection) and spoils chosen calls: a
// lost answer (the call runs on the simulator, the connection closes
// without its answer) or a Zope fault ("<Exception>: <message>"; the call
// does not run).
type faultProxy struct {
	srv *httptest.Server

	mu     sync.Mutex
	lose   map[string]int // method → answers still to lose
	refuse map[string]string
}

var methodNameRE = regexp.MustCompile(`<methodName>([^<]*)</methodName>`)

func newFaultProxy(t *testing.T, s *sim.Server) *faultProxy {
	t.Helper()
	upstream := acctest.HTTPClient(s.CACertPEM(), 0) // trusts only the simulator's CA
	target := strings.TrimSuffix(s.Endpoints()[0], "/")
	if !strings.Contains(target, "://") {
		target = "https://" + target
	}
	p := &faultProxy{lose: map[string]int{}, refuse: map[string]string{}}
	p.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		method := ""
		if m := methodNameRE.FindSubmatch(body); m != nil {
			method = string(m[1][bytes.LastIndexByte(m[1], '.')+1:])
		}
		p.mu.Lock()
		lost := p.lose[method] > 0
		if lost {
			p.lose[method]--
		}
		refusal, refused := p.refuse[method]
		p.mu.Unlock()
		if refused {
			w.Header().Set("Content-Type", "text/xml")
			_, _ = io.WriteString(w, `<?xml version="1.0"?><methodResponse><fault><value><struct>`+
				`<member><name>faultCode</name><value><int>-1</int></value></member>`+
				`<member><name>faultString</name><value><string>Unexpected Zope exception: `+refusal+
				`</string></value></member></struct></value></fault></methodResponse>`)
			return
		}
		req, _ := http.NewRequestWithContext(r.Context(), r.Method, target+r.URL.Path, bytes.NewReader(body))
		req.Header = r.Header.Clone()
		resp, err := upstream.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer func() { _ = resp.Body.Close() }()
		answer, _ := io.ReadAll(resp.Body)
		if lost {
			panic(http.ErrAbortHandler) // the call ran; its answer never arrives
		}
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(resp.StatusCode)
		_, _ = w.Write(answer)
	}))
	t.Cleanup(p.srv.Close)
	return p
}

// client is an EXAoperation client that talks through the proxy.
func (p *faultProxy) client(t *testing.T, s *sim.Server) *client.Cluster {
	t.Helper()
	ca := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: p.srv.Certificate().Raw})
	x, err := client.NewEXAoperation(client.Config{Endpoints: []string{p.srv.URL}, Username: s.Username(), Password: s.Password(),
		CACertPEM: ca, RetryMax: 1})
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func (p *faultProxy) loseNext(method string) {
	p.mu.Lock()
	p.lose[method]++
	p.mu.Unlock()
}

// A change whose answer is lost is read back, not sent again: what took
// effect counts as done; what cannot be read back is reported as unknown.
func TestExaopLostAnswers(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
	p := newFaultProxy(t, s)
	x := p.client(t, s)
	for _, m := range []string{"addDatabase", "createDatabase", "addStorageVolume", "setBackupSchedule", "startDatabase"} {
		p.loseNext(m)
	}
	if err := x.CreateDatabase(ctx(t), client.DatabaseSpec{Name: "DB1", Version: "8.29.0", DataVolumeName: "DataVolume1",
		MemSize: "1 GiB", Nodes: []int64{11, 12}, NumActiveNodes: 2}); err != nil {
		t.Fatalf("create database: %v", err)
	}
	if _, err := x.CreateVolume(ctx(t), client.VolumeSpec{Name: "Archive1", Type: client.VolumeTypeArchive, Disk: "disk1",
		Size: "1 GiB", Nodes: []int64{11, 12}, Redundancy: 1}, client.VolumeChange{}); err != nil {
		t.Fatalf("create volume: %v", err)
	}
	if err := x.CreateBackupSchedule(ctx(t), client.ScheduleSpec{DBName: "DB1", BackupName: "nightly", BackupVolumeName: "Archive1"}); err != nil {
		t.Fatalf("create schedule: %v", err)
	}
	if _, err := x.StartDatabase(ctx(t), "DB1"); err != nil {
		t.Fatalf("start: %v", err)
	}
	p.mu.Lock()
	for m, n := range p.lose {
		if n != 0 {
			t.Errorf("the answer of %s was not lost", m)
		}
	}
	p.mu.Unlock()
	calls := acctest.Log(s).Calls()
	for _, m := range []string{".addDatabase", ".createDatabase", ".addStorageVolume", ".setBackupSchedule", ".startDatabase"} {
		if n := count(calls, m); n != 1 {
			t.Errorf("%s was sent %d times", m, n)
		}
	}
	if sc, err := x.BackupSchedule(ctx(t), "DB1", "nightly"); err != nil || sc.BackupVolumeName != "Archive1" {
		t.Errorf("schedule: %+v %v", sc, err)
	}
	// a backup start has no read-back that can tell: not repeated, reported
	p.loseNext("backupDatabase")
	err := x.DBBackupStart(ctx(t), client.BackupStart{Database: "DB1", VolumeName: "Archive1"})
	if !client.IsOutcomeUnknown(err) || !strings.Contains(err.Error(), "EXAoperation call db_DB1.backupDatabase") {
		t.Fatalf("want an unknown outcome, got %v", err)
	}
	if n := count(acctest.Log(s).Calls(), ".backupDatabase"); n != 1 {
		t.Errorf("backupDatabase was sent %d times", n)
	}
}

// A refused createDatabase leaves no defined database behind; a refused
// addDatabase names the cluster's reason.
func TestExaopCreateDatabaseRefused(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
	p := newFaultProxy(t, s)
	x := p.client(t, s)
	p.refuse["createDatabase"] = "UsageError: no space left on data disk"
	spec := client.DatabaseSpec{Name: "DB1", Version: "8.29.0", DataVolumeName: "DataVolume1", MemSize: "1 GiB", Nodes: []int64{11, 12}, NumActiveNodes: 2}
	err := x.CreateDatabase(ctx(t), spec)
	var e *client.Error
	if !errors.As(err, &e) || e.Kind != client.KindJob || e.Job != "db_DB1.createDatabase" || e.Message != "no space left on data disk" {
		t.Fatalf("want the refusal of createDatabase, got %v", err)
	}
	if l, err := x.DBList(ctx(t)); err != nil || len(l) != 0 {
		t.Fatalf("databases after the refusal: %v %v", l, err)
	}
	inOrder(t, acctest.Log(s).Calls(), "cluster1.addDatabase", "cluster1.deleteSubObject")
	delete(p.refuse, "createDatabase")
	// the data volume serves one database: a second one is refused by addDatabase
	if err := x.CreateDatabase(ctx(t), spec); err != nil {
		t.Fatal(err)
	}
	spec.Name = "DB2"
	err = x.CreateDatabase(ctx(t), spec)
	if !errors.As(err, &e) || e.Kind != client.KindJob || e.Job != "addDatabase" || e.ResultName != "UsageError" ||
		!strings.HasPrefix(err.Error(), "EXAoperation refused addDatabase (UsageError): ") || strings.Contains(err.Error(), "Zope") {
		t.Fatalf("want the refusal of addDatabase, got %v", err)
	}
}

// Zope's own refusal of a user (an Unauthorized exception rather than HTTP
// 401) is an authentication error too.
func TestExaopUnauthorizedFault(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
	p := newFaultProxy(t, s)
	x := p.client(t, s)
	p.refuse["getDatabaseList"] = "Unauthorized: You are not authorized to access this resource."
	_, err := x.DBList(ctx(t))
	var e *client.Error
	if !errors.As(err, &e) || e.Kind != client.KindAuth || !strings.Contains(err.Error(), "rejected the credentials") {
		t.Fatalf("want an auth error, got %v", err)
	}
}

// Only Zope's NotFound exception means a missing object: a method the
// cluster does not have (AttributeError) or a refusal whose text says "not
// found" is an error, so that no object is ever dropped from the state for
// either.
func TestExaopNotFoundIsZopeNotFoundOnly(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
	p := newFaultProxy(t, s)
	x := p.client(t, s)
	if err := x.CreateDatabase(ctx(t), client.DatabaseSpec{Name: "DB1", Version: "8.29.0", DataVolumeName: "DataVolume1",
		MemSize: "1 GiB", Nodes: []int64{11, 12}, NumActiveNodes: 2}); err != nil {
		t.Fatal(err)
	}
	for _, refusal := range []string{
		"AttributeError: 'Database' object has no attribute 'getDatabaseInfo'",
		"UsageError: data volume v0000 not found on node n0011",
		"KeyError: 'not found'",
		"object not found", // no exception name at all
	} {
		p.mu.Lock()
		p.refuse["getDatabaseInfo"] = refusal
		p.mu.Unlock()
		_, err := x.DBInfo(ctx(t), "DB1")
		if err == nil || client.IsNotFound(err) {
			t.Errorf("%q: want an error that is not a missing object, got %v", refusal, err)
		}
	}
	p.mu.Lock()
	p.refuse["getDatabaseInfo"] = "NotFound: Object db_DB1 not found"
	p.mu.Unlock()
	if _, err := x.DBInfo(ctx(t), "DB1"); !client.IsNotFound(err) {
		t.Errorf("a Zope NotFound: want a missing object, got %v", err)
	}
}
