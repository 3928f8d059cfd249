package rpc

import (
	"context"
	"errors"
	"io"
	"net/http"
)

// MaxBody bounds the size of a request body.
const MaxBody = 8 << 20

// Func serves one call. Returning a *Fault sends that fault; any other error
// is sent as a fault with code FaultInternal.
type Func func(ctx context.Context, method string, params []any) (any, error)

// Fault codes the codec itself uses.
const (
	FaultParse    = -32700 // the request is not a methodCall
	FaultInternal = -32603 // the handler failed or the result cannot be encoded
)

// Handler turns a Func into an HTTP handler for XML-RPC POST requests.
func Handler(fn Func) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "XML-RPC requires POST", http.StatusMethodNotAllowed)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
		if err != nil {
			http.Error(w, "cannot read request: "+err.Error(), http.StatusBadRequest)
			return
		}
		var out []byte
		call, err := DecodeCall(body)
		if err != nil {
			out = EncodeFault(&Fault{Code: FaultParse, String: err.Error()})
		} else if res, err := fn(r.Context(), call.Method, call.Params); err != nil {
			out = EncodeFault(asFault(err))
		} else if out, err = EncodeResponse(res); err != nil {
			out = EncodeFault(&Fault{Code: FaultInternal, String: "cannot encode result: " + err.Error()})
		}
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		_, _ = w.Write(out)
	})
}

func asFault(err error) *Fault {
	var f *Fault
	if errors.As(err, &f) {
		return f
	}
	return &Fault{Code: FaultInternal, String: err.Error()}
}
