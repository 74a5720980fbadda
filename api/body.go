package api

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
)

// limitBody caps request bodies, so that an oversized query is refused
// with 413 and a GraphQL error before it is parsed. (gqlgen answers a body
// it cannot read with 200, so the limit is enforced here.)
func limitBody(h http.Handler, n int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil && r.Body != http.NoBody {
			body, err := io.ReadAll(io.LimitReader(r.Body, n+1))
			if err != nil || int64(len(body)) > n {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusRequestEntityTooLarge)
				fmt.Fprintf(w, `{"errors":[{"message":"request body larger than %d bytes","extensions":{"code":"EINVALID"}}]}`, n)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		h.ServeHTTP(w, r)
	})
}
