package auth_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/auth"
	"github.com/diplograph/diplograph/kg"
)

const (
	writeSecret = "w-0123456789abcdef"
	readSecret  = "r-0123456789abcdef"
)

func mustParse(t *testing.T, s string) *auth.Tokens {
	t.Helper()
	tok, err := auth.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, in string
		n        int
		err      string // part of the error, "" for none
	}{
		{"two tokens, comments, blanks", "# who\nalice write " + writeSecret + "\n\n  bob READ " + readSecret + "\n", 2, ""},
		{"empty", "", 0, ""},
		{"unknown role", "alice admin " + writeSecret, 0, "role"},
		{"short secret", "alice write short", 0, "shorter"},
		{"two fields", "alice " + writeSecret, 0, "NAME ROLE SECRET"},
		{"same name twice", "alice write " + writeSecret + "\nalice read " + readSecret, 0, "named twice"},
		{"same secret twice", "alice write " + writeSecret + "\nbob read " + writeSecret, 0, "secret of alice"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tok, err := auth.Parse(strings.NewReader(tc.in))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("Parse error = %v, want one with %q", err, tc.err)
				}
				if strings.Contains(err.Error(), writeSecret) {
					t.Errorf("the error shows the secret: %v", err)
				}
				return
			}
			if err != nil || tok.Len() != tc.n {
				t.Fatalf("Parse = %d tokens, %v; want %d", tok.Len(), err, tc.n)
			}
		})
	}
}

func TestLookup(t *testing.T) {
	tok := mustParse(t, "alice write "+writeSecret+"\nbob read "+readSecret)
	tests := []struct {
		secret string
		want   auth.Principal
		ok     bool
	}{
		{writeSecret, auth.Principal{Name: "alice", Role: auth.Write}, true},
		{readSecret, auth.Principal{Name: "bob", Role: auth.Read}, true},
		{writeSecret[:len(writeSecret)-1], auth.Principal{}, false},
		{"", auth.Principal{}, false},
	}
	for _, tc := range tests {
		got, ok := tok.Lookup(tc.secret)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Lookup(%q) = %v %v, want %v %v", tc.secret, got, ok, tc.want, tc.ok)
		}
	}
	var none *auth.Tokens
	if _, ok := none.Lookup(writeSecret); ok {
		t.Errorf("a nil token set knows a token")
	}
}

// TestCheckWrite runs requests through the middleware and asks whether a
// mutation may run, with which code and status when not.
func TestCheckWrite(t *testing.T) {
	tok := mustParse(t, "alice write "+writeSecret+"\nbob read "+readSecret)
	policy := auth.Policy{Origins: []string{"https://allowed.example"}}
	tests := []struct {
		name   string
		tokens *auth.Tokens
		method string
		header map[string]string
		code   string // "" when allowed
		status int
	}{
		{"writer", tok, "POST", map[string]string{"Authorization": "Bearer " + writeSecret}, "", 200},
		{"writer from the server's own page", tok, "POST", map[string]string{"Authorization": "Bearer " + writeSecret, "Origin": "http://example.com"}, "", 200},
		{"writer from an allowed origin", tok, "POST", map[string]string{"Authorization": "Bearer " + writeSecret, "Origin": "https://allowed.example"}, "", 200},
		{"no token", tok, "POST", nil, kg.EUNAUTHORIZED, 401},
		{"read-only token", tok, "POST", map[string]string{"Authorization": "Bearer " + readSecret}, kg.EFORBIDDEN, 403},
		{"wrong token", tok, "POST", map[string]string{"Authorization": "Bearer nope-0123456789abcdef"}, kg.EUNAUTHORIZED, 401},
		{"not bearer", tok, "POST", map[string]string{"Authorization": "Basic " + writeSecret}, kg.EUNAUTHORIZED, 401},
		{"GET", tok, "GET", map[string]string{"Authorization": "Bearer " + writeSecret}, kg.EFORBIDDEN, 403},
		{"disallowed origin", tok, "POST", map[string]string{"Authorization": "Bearer " + writeSecret, "Origin": "https://evil.example"}, kg.EFORBIDDEN, 403},
		{"writes off", nil, "POST", nil, kg.EFORBIDDEN, 403},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var code string
			ran := false
			h := auth.Middleware(tc.tokens, policy, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				ran = true
				if err := auth.CheckWrite(r.Context()); err != nil {
					code = kg.ErrorCode(err)
				}
				w.Write([]byte(`{}`))
			}))
			req := httptest.NewRequest(tc.method, "http://example.com/graphql", nil)
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if !ran {
				code = kg.EUNAUTHORIZED // refused by the middleware itself
				if !strings.Contains(rec.Body.String(), kg.EUNAUTHORIZED) {
					t.Errorf("refusal body %s has no code", rec.Body)
				}
			}
			if code != tc.code || rec.Code != tc.status {
				t.Errorf("code %q status %d, want %q %d", code, rec.Code, tc.code, tc.status)
			}
			if rec.Code == 401 && rec.Header().Get("WWW-Authenticate") == "" {
				t.Errorf("401 without WWW-Authenticate")
			}
		})
	}
	if err := auth.CheckWrite(context.Background()); kg.ErrorCode(err) != kg.EFORBIDDEN {
		t.Errorf("CheckWrite without a request = %v, want EFORBIDDEN", err)
	}
}
