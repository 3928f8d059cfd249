package client

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/client/transport"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

// FuzzDecodeResponse feeds arbitrary bytes to the client's XML-RPC response
// decoder and the envelope parser behind it. Seeds: answers in Python's
// xmlrpc.client format (ConfD's own library; internal/sim/rpc/testdata/python)
// and in the simulator's. Properties: nothing panics; every failure is a
// *Error of kind KindFault or KindDecode; the client and the simulator's
// codec agree on what an answer says; an envelope either parses or is an
// *Error naming the job.
func FuzzDecodeResponse(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("..", "sim", "rpc", "testdata", "python", "*.response.xml"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no Python samples (%v)", err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, v := range []any{
		map[string]any{"result_code": 0, "result_output": []any{"DB1"}, "result_jobid": "1.2"},
		map[string]any{"result_code": 1, "result_name": "ERROR", "result_desc": "database 'X' does not exist"},
		map[string]any{"result_code": "7", "result_output": map[string]any{"a": nil}},
		map[string]any{"result_code": 0.5},
		"12.41", true, nil, []any{int64(math.MaxInt64), -1.5e300},
	} {
		b, err := rpc.EncodeResponse(v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(rpc.EncodeFault(&rpc.Fault{Code: 1, String: "no such job"}))
	f.Add([]byte(""))
	f.Add([]byte("<html><body>502 Bad Gateway</body></html>"))
	f.Add([]byte("<methodResponse><params><param><value><dateTime.iso8601>20260101T00:00:00</dateTime.iso8601></value></param></params></methodResponse>"))
	f.Fuzz(func(t *testing.T, body []byte) {
		v, err := transport.DecodeResponse("job_exec", body)
		simV, simErr := rpc.DecodeResponse(body)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Job != "job_exec" || (e.Kind != KindFault && e.Kind != KindDecode) {
				t.Fatalf("decodeResponse failed with %T %v", err, err)
			}
			var fault *rpc.Fault
			switch {
			case e.Kind == KindFault && (!errors.As(simErr, &fault) || fault.Code != e.FaultCode || fault.String != e.Message):
				t.Fatalf("the client reads fault %d %q, the simulator's codec %v", e.FaultCode, e.Message, simErr)
			case e.Kind == KindDecode && simErr == nil:
				t.Fatalf("the client cannot decode what the simulator's codec reads as %#v: %v", simV, err)
			}
			return
		}
		if simErr != nil || !reflect.DeepEqual(v, simV) && !hasNaN(v) {
			t.Fatalf("the client decodes %#v, the simulator's codec %#v, %v", v, simV, simErr)
		}
		res, err := parseEnvelope("db_info", v)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Job != "db_info" || res != nil {
				t.Fatalf("parseEnvelope failed with %T %v (result %v)", err, err, res)
			}
			_ = e.Error()
			return
		}
		if res == nil || asFields(v).num("result_code") != 0 {
			t.Fatalf("parseEnvelope accepted %#v as a success", v)
		}
	})
}

// hasNaN reports whether a decoded value holds a NaN, which DeepEqual never
// finds equal to itself.
func hasNaN(v any) bool {
	switch x := v.(type) {
	case float64:
		return math.IsNaN(x)
	case []any:
		for _, e := range x {
			if hasNaN(e) {
				return true
			}
		}
	case map[string]any:
		for _, e := range x {
			if hasNaN(e) {
				return true
			}
		}
	}
	return false
}
