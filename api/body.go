package api

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
)

// limitBody reads request bodies whole before the GraphQL handler sees
// them and caps them at n bytes: an oversized body is refused with 413, a
// body that does not arrive within the server's read timeout (a client
// that sends slowly, one byte at a time) with 408, anything else that
// breaks the read with 400, each with a GraphQL error. gqlgen answers a
// body it cannot read with 200, so the limits are enforced here.
func limitBody(h http.Handler, n int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil && r.Body != http.NoBody {
			body, err := io.ReadAll(io.LimitReader(r.Body, n+1))
			switch {
			case err != nil && isTimeout(err):
				bodyError(w, http.StatusRequestTimeout, "ETIMEOUT", "request body not received within the server's read timeout")
				return
			case err != nil:
				bodyError(w, http.StatusBadRequest, "EINVALID", "request body could not be read")
				return
			case int64(len(body)) > n:
				bodyError(w, http.StatusRequestEntityTooLarge, "ELIMIT", fmt.Sprintf("request body larger than %d bytes", n))
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		h.ServeHTTP(w, r)
	})
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, os.ErrDeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// bodyError answers with a GraphQL error of code; the connection is closed
// after it, since the rest of the body was not read.
func bodyError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Connection", "close")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"errors":[{"message":%q,"extensions":{"code":%q}}]}`, msg, code)
}
