package transport

import (
	"errors"
	"fmt"

	"github.com/kolo/xmlrpc"
)

// The XML-RPC codec is kolo/xmlrpc's; it has no context support, so it only
// encodes and decodes here while our transport carries the bytes.

func EncodeCall(method string, args ...any) ([]byte, error) {
	return xmlrpc.EncodeMethodCall(method, args...)
}

// decodeResponse returns the single result value as the generic tree kolo
// produces (structs as map[string]any, arrays as []any, <nil/> as nil), or a
// fault as *Error.
func DecodeResponse(method string, body []byte) (any, error) {
	resp := xmlrpc.Response(body)
	if err := resp.Err(); err != nil {
		var f xmlrpc.FaultError
		if errors.As(err, &f) {
			return nil, &Error{Kind: KindFault, Job: method, FaultCode: f.Code, Message: f.String}
		}
		return nil, &Error{Kind: KindDecode, Job: method, Message: err.Error(), Err: err}
	}
	var v any
	if err := resp.Unmarshal(&v); err != nil {
		return nil, &Error{Kind: KindDecode, Job: method, Message: fmt.Sprintf("malformed XML-RPC response: %v", err), Err: err}
	}
	return v, nil
}
