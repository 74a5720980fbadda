package api_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/api"
)

// TestBodyLimits checks the answers to bodies the GraphQL handler never
// sees: one over the size limit is 413, one that arrives too slowly 408,
// each a GraphQL error with a code, and the server goes on answering.
func TestBodyLimits(t *testing.T) {
	h := seededHandler(t, api.Config{MaxBodyBytes: 1 << 10})
	srv := api.NewServer(h)
	srv.ReadTimeout = 300 * time.Millisecond
	ts := httptest.NewUnstartedServer(h)
	ts.Config = srv
	ts.Start()
	defer ts.Close()

	big := `{"query":"{ stats { articles } }","variables":{"pad":"` + strings.Repeat("x", 2<<10) + `"}}`
	resp, err := http.Post(ts.URL+"/graphql", "application/json", strings.NewReader(big))
	if err != nil {
		t.Fatal(err)
	}
	checkError(t, resp, http.StatusRequestEntityTooLarge, "ELIMIT")

	// A client that promises 100 bytes and sends 10.
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"query\":")
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err = http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer to a slow body: %v", err)
	}
	checkError(t, resp, http.StatusRequestTimeout, "ETIMEOUT")

	resp, err = http.Get(ts.URL + "/graphql?query=%7Bstats%7Barticles%7D%7D")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("server stopped answering: %v %v", resp, err)
	}
	resp.Body.Close()
}

func checkError(t *testing.T, resp *http.Response, status int, code string) {
	t.Helper()
	defer resp.Body.Close()
	var out struct {
		Errors []struct {
			Message    string
			Extensions map[string]any
		}
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || len(out.Errors) != 1 {
		t.Fatalf("status %d: body is not one GraphQL error (%v)", resp.StatusCode, err)
	}
	if resp.StatusCode != status || out.Errors[0].Extensions["code"] != code {
		t.Errorf("status %d code %v (%s), want %d %s", resp.StatusCode, out.Errors[0].Extensions["code"], out.Errors[0].Message, status, code)
	}
}
