package provider

import (
	"errors"
	"fmt"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// The client's errors say what happened in the cluster's terms and carry
// what the user can change as typed fields (client.Hint, the refused
// setting of an UnsupportedError, the kind of error); the advice in
// Terraform's terms (which setting, apply again, import) is added here.

// clientErrorDetail is the detail of a diagnostic for a client error: the
// client's text, then the advice its kind or hint calls for.
func clientErrorDetail(err error) string {
	if err == nil {
		return ""
	}
	text := err.Error()
	if advice := clientErrorAdvice(err); advice != "" {
		return text + advice
	}
	return text
}

// clientErrorAdvice is the advice for err, starting with its separator
// ("; " continues the client's sentence, ". " starts a new one).
func clientErrorAdvice(err error) string {
	var (
		unknown *client.OutcomeUnknownError
		foreign *client.ForeignObjectError
		refused *client.UnsupportedError
		e       *client.Error
	)
	switch {
	case errors.As(err, &unknown):
		return ", then apply again (import the object if the job did create it)"
	case errors.As(err, &foreign):
		return ". Choose another name, or import the existing object"
	case errors.As(err, &refused):
		return unsupportedAdvice(refused)
	case errors.As(err, &e):
		switch e.Hint {
		case client.HintCredentials:
			return "; check username/password or auth_token"
		case client.HintCACert:
			return "; pin the cluster's CA with ca_cert_file or ca_cert_pem"
		case client.HintFailoverTimeout:
			return ". Raise failover_timeout if the cluster needs longer to elect a new master, then apply again"
		case client.HintRetry:
			return ". Apply again once it is healthy"
		case client.HintLockWait:
			return ". Wait for the other change (another Terraform run, EXAoperation, a ConfD session) to finish and apply again, " +
				"or raise the resource's timeouts so that it waits longer"
		}
	}
	return ""
}

// unsupportedAdvice names the attribute of a refused setting.
func unsupportedAdvice(u *client.UnsupportedError) string {
	a, ok := attributeOf(u.Object, u.Field)
	if !ok {
		return ""
	}
	sep := ". "
	if strings.HasSuffix(u.Error(), ".") {
		sep = " "
	}
	switch {
	case a.attribute == "": // the kind as a whole: a resource or an action
		return fmt.Sprintf("%sRemove %s from the configuration for this cluster.", sep, a.resource)
	case u.Drop && u.Value != "":
		return fmt.Sprintf("%sRemove %s = %s from %s.", sep, a.attribute, u.Value, a.resource)
	case u.Drop:
		return fmt.Sprintf("%sRemove %s from %s.", sep, a.attribute, a.resource)
	}
	return fmt.Sprintf("%sThe setting is %s of %s.", sep, a.attribute, a.resource)
}
