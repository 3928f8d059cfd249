package exaop

import (
	"regexp"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/client/transport"
)

// zopeNotFound is the exception of a missing object (fact).
const zopeNotFound = "NotFound"

// faultNameRE reads a Zope fault: "Unexpected Zope exception: <Exception>:
// <message>" (fact), or "<Exception>: <message>".
var faultNameRE = regexp.MustCompile(`(?s)^(?:.*?exception:\s*)?([A-Z]\w*):\s(.*)$`)

// Error names the object and method in err and classifies Zope
// faults: NotFound → transport.KindNotFound, unauthorized → transport.KindAuth, every other
// fault (UsageError: the cluster refused) → transport.KindJob with the cluster's message.
// Only Zope's NotFound exception (fact: "Unexpected Zope exception:
// NotFound: Object ...") means a missing object: a fault whose text merely
// says "not found" (a refusal, or an AttributeError for a method this
// release lacks) is an error, never a sign that an object is gone.
func Error(err error, object, method string) error {
	e, ok := err.(*transport.Error)
	if !ok {
		return err
	}
	e.API = transport.APIEXAoperation
	e.Job = CallLabel(object, method)
	if e.Kind != transport.KindFault && e.Kind != transport.KindHTTP {
		return e
	}
	msg := e.Message
	if m := faultNameRE.FindStringSubmatch(msg); m != nil && e.Kind == transport.KindFault {
		// the exception is kept in ResultName, the message is the cluster's own
		e.ResultName, e.Message = m[1], m[2]
	}
	switch {
	case strings.Contains(strings.ToLower(msg), "unauthorized"):
		e.Kind, e.Hint = transport.KindAuth, transport.HintCredentials
	case e.Kind == transport.KindHTTP:
	case e.ResultName == zopeNotFound:
		e.Kind = transport.KindNotFound
	default:
		e.Kind = transport.KindJob
		e.ResultCode = e.FaultCode
	}
	return e
}
