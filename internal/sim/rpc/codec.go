// Package rpc is a small XML-RPC server codec (and a test client) on top of
// github.com/kolo/xmlrpc, which only ships client-side helpers. Values map
// to Go as kolo maps them: struct ↔ map[string]any, array ↔ []any,
// int ↔ int64 when decoding, string, bool, float64, nil ↔ <nil/>.
package rpc

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/kolo/xmlrpc"
)

// Fault is an XML-RPC fault: a protocol-level error, as opposed to a job
// that ran and failed.
type Fault struct {
	Code   int
	String string
}

func (f *Fault) Error() string { return fmt.Sprintf("xml-rpc fault %d: %s", f.Code, f.String) }

// Call is a decoded methodCall.
type Call struct {
	Method string
	Params []any
}

// methodCall is the wire shape; each param's <value> is kept as raw XML and
// handed to kolo's decoder.
type methodCall struct {
	XMLName xml.Name `xml:"methodCall"`
	Method  string   `xml:"methodName"`
	Params  []struct {
		Value struct {
			Inner []byte `xml:",innerxml"`
		} `xml:"value"`
	} `xml:"params>param"`
}

// DecodeCall parses a methodCall document.
//
// Known limit of kolo's decoder: an empty string (<string></string>) decodes
// to nil, so callers that expect a string must read nil as "".
func DecodeCall(body []byte) (*Call, error) {
	var mc methodCall
	if err := xml.Unmarshal(body, &mc); err != nil {
		return nil, fmt.Errorf("malformed methodCall: %w", err)
	}
	c := &Call{Method: strings.TrimSpace(mc.Method)}
	if c.Method == "" {
		return nil, fmt.Errorf("malformed methodCall: no methodName")
	}
	for i, p := range mc.Params {
		v, err := decodeValue(p.Value.Inner)
		if err != nil {
			return nil, fmt.Errorf("param %d: %w", i+1, err)
		}
		c.Params = append(c.Params, v)
	}
	return c, nil
}

var (
	emptyValue   = regexp.MustCompile(`<value\s*/>`)
	untypedValue = regexp.MustCompile(`<value>([^<]*)</value>`)
)

// decodeValue decodes the inner XML of one <value>. Two forms that kolo's
// decoder mishandles are rewritten first: <value/> (kolo then loses its
// place in the enclosing struct; Go clients built on kolo send it for nil)
// and an untyped <value>text</value> (kolo cannot store it in an interface;
// the spec says it is a string).
func decodeValue(inner []byte) (any, error) {
	doc := make([]byte, 0, len(inner)+16)
	doc = append(append(append(doc, "<value>"...), inner...), "</value>"...)
	doc = emptyValue.ReplaceAll(doc, []byte("<value><nil/></value>"))
	doc = untypedValue.ReplaceAll(doc, []byte("<value><string>$1</string></value>"))
	var v any
	if err := xmlrpc.Response(doc).Unmarshal(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// EncodeResponse renders a methodResponse carrying v.
func EncodeResponse(v any) ([]byte, error) {
	val, err := EncodeValue(v)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString("<methodResponse><params><param>")
	b.Write(val)
	b.WriteString("</param></params></methodResponse>\n")
	return b.Bytes(), nil
}

// EncodeFault renders a methodResponse carrying a fault.
func EncodeFault(f *Fault) []byte {
	val, _ := EncodeValue(map[string]any{"faultCode": f.Code, "faultString": f.String})
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString("<methodResponse><fault>")
	b.Write(val)
	b.WriteString("</fault></methodResponse>\n")
	return b.Bytes()
}

// EncodeValue renders one <value> with kolo's encoder. Two gaps of kolo are
// filled here: nil becomes <nil/> (kolo writes <value/>, which Python reads
// as an empty string), and struct member names are XML-escaped (kolo writes
// them raw).
func EncodeValue(v any) ([]byte, error) {
	if v == nil {
		return []byte("<value><nil/></value>"), nil
	}
	call, err := xmlrpc.EncodeMethodCall("x", escapeKeys(reflect.ValueOf(v)))
	if err != nil {
		return nil, err
	}
	const head, tail = "<params><param>", "</param></params></methodCall>"
	i := bytes.Index(call, []byte(head))
	if i < 0 || !bytes.HasSuffix(call, []byte(tail)) {
		return nil, fmt.Errorf("unexpected encoder output")
	}
	val := call[i+len(head) : len(call)-len(tail)]
	if len(val) == 0 { // a typed nil (e.g. a nil map) has no <value> at all
		return []byte("<value><nil/></value>"), nil
	}
	// Strings are escaped, so "<value/>" can only be kolo's nil.
	return bytes.ReplaceAll(val, []byte("<value/>"), []byte("<value><nil/></value>")), nil
}

// escapeKeys copies maps and slices so that every map key is XML-escaped;
// other values are returned as they are.
func escapeKeys(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return escapeKeys(v.Elem())
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return v.Interface() // kolo reports the error
		}
		m := make(map[string]any, v.Len())
		for it := v.MapRange(); it.Next(); {
			var b strings.Builder
			_ = xml.EscapeText(&b, []byte(it.Key().String()))
			m[b.String()] = escapeKeys(it.Value())
		}
		return m
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return v.Interface()
		}
		s := make([]any, v.Len())
		for i := range s {
			s[i] = escapeKeys(v.Index(i))
		}
		return s
	case reflect.Invalid:
		return nil
	}
	return v.Interface()
}

// DecodeResponse parses a methodResponse; a fault comes back as *Fault.
func DecodeResponse(body []byte) (any, error) {
	r := xmlrpc.Response(body)
	if err := r.Err(); err != nil {
		if fe, ok := err.(xmlrpc.FaultError); ok {
			return nil, &Fault{Code: fe.Code, String: fe.String}
		}
		return nil, err
	}
	var v any
	if err := r.Unmarshal(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// Normalize gives a Go value the shape it would have after a trip over the
// wire (int → int64, []string → []any, …), so that values built in Go can
// be handed to code written against decoded XML-RPC values.
func Normalize(v any) (any, error) {
	val, err := EncodeValue(v)
	if err != nil {
		return nil, err
	}
	return decodeValue(bytes.TrimSuffix(bytes.TrimPrefix(val, []byte("<value>")), []byte("</value>")))
}
