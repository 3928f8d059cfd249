package transport

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// One request function, one retry policy: a read is repeated after a
// failure of the management service, a change that may have reached it is
// not, and refused credentials are never repeated.
func TestCallRetryPolicy(t *testing.T) {
	answer := []byte(`<?xml version="1.0"?><methodResponse><params><param><value><string>done</string></value></param></params></methodResponse>`)
	for name, c := range map[string]struct {
		read     bool
		statuses []int // the server's answers in turn; then 200
		wantErr  func(error) bool
		wantReqs int64
	}{
		"read after 503":   {read: true, statuses: []int{503}, wantReqs: 2},
		"read after 500":   {read: true, statuses: []int{500}, wantReqs: 2},
		"change after 500": {read: false, statuses: []int{500}, wantReqs: 1, wantErr: Sent},
		"read with refused credentials": {read: true, statuses: []int{401}, wantReqs: 1, wantErr: func(err error) bool {
			var e *Error
			return IsAuth(err) && errors.As(err, &e) && e.Hint == HintCredentials
		}},
	} {
		t.Run(name, func(t *testing.T) {
			var n atomic.Int64
			srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				i := n.Add(1)
				if r.Header.Get("Authorization") == "" || r.Header.Get("Content-Type") != "text/xml" {
					t.Errorf("request %d lacks credentials or content type: %v", i, r.Header)
				}
				if int(i) <= len(c.statuses) {
					w.WriteHeader(c.statuses[i-1])
					return
				}
				_, _ = w.Write(answer)
			}))
			defer srv.Close()
			conn, err := New(Config{Endpoints: []string{srv.URL}, Username: "u", Password: "p", Insecure: true,
				NoMasterDiscovery: true, FailoverTimeout: 10 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			v, err := conn.Call(context.Background(), c.read, "", "job_exec", "db_list")
			switch {
			case c.wantErr == nil && (err != nil || v != "done"):
				t.Errorf("got %v, %v; want the answer", v, err)
			case c.wantErr != nil && (err == nil || !c.wantErr(err)):
				t.Errorf("got %v, %v; want another error", v, err)
			}
			if got := n.Load(); got != c.wantReqs {
				t.Errorf("%d requests, want %d", got, c.wantReqs)
			}
		})
	}
}

// An answer larger than any the cluster gives is not read further.
func TestCallRefusesOversizeAnswer(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		chunk := make([]byte, 1<<20)
		for range maxAnswer>>20 + 1 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	conn, err := New(Config{Endpoints: []string{srv.URL}, Username: "u", Password: "p", Insecure: true, NoMasterDiscovery: true})
	if err != nil {
		t.Fatal(err)
	}
	var e *Error
	if _, err := conn.Call(context.Background(), false, "", "job_start", "db_list"); !errors.As(err, &e) || e.Kind != KindDecode {
		t.Errorf("got %v, want a refused answer", err)
	}
}
