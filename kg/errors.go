package kg

import (
	"errors"
	"fmt"
)

// Error codes. They are part of the API: the GraphQL layer reports them as
// extensions.code.
const (
	EINVALID  = "EINVALID"  // the caller asked for something malformed
	ENOTFOUND = "ENOTFOUND" // no such entity, article or path
	ECONFLICT = "ECONFLICT" // the request contradicts what is stored
	ETIMEOUT  = "ETIMEOUT"  // the request ran past its deadline
	ELIMIT    = "ELIMIT"    // the request is larger or costlier than the server's limits allow
	EINTERNAL = "EINTERNAL" // anything else; its message is never shown to clients
	// EUNAUTHORIZED: the request needs a token and has none, or one the
	// server does not know.
	EUNAUTHORIZED = "EUNAUTHORIZED"
	// EFORBIDDEN: the request may not do this, whoever sends it: a read-only
	// token, writes turned off, a mutation over GET or from an origin CORS
	// does not allow.
	EFORBIDDEN = "EFORBIDDEN"
)

// Error is an error meant for the caller: Message is safe to show to a
// client. Errors from below (a driver, the file system) are wrapped with
// fmt.Errorf instead and come out as EINTERNAL.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string {
	return fmt.Sprintf("diplograph error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, "" for nil
// and EINTERNAL for any other error.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the client-safe message of err: the Message of the
// first *Error in its chain, or "Internal error." for any other error.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}
