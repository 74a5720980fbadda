package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	coderws "github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"

	"github.com/diplograph/diplograph/neo4j/neo4jtest"
)

// change is a graphChanged event as the tests ask for it.
type change struct {
	Seq      int
	Origin   string
	At       time.Time
	Curation *struct{ ID string }
	Edges    []struct {
		Type, FromID, ToID string
		Removed            bool
	}
	EntityIds []string
}

func (c change) hasEdge(typ, from, to string) bool {
	for _, e := range c.Edges {
		if e.Type == typ && (from == "" || e.FromID == from) && (to == "" || e.ToID == to) {
			return true
		}
	}
	return false
}

const changeFields = `seq origin at curation { id } edges { type fromId toId removed } entityIds`

// wsSubscribe opens a graphql-transport-ws subscription and returns its
// events.
func wsSubscribe(t testing.TB, base, query string) <-chan change {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	c, _, err := coderws.Dial(ctx, "ws"+strings.TrimPrefix(base, "http")+"/graphql", &coderws.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		cancel()
		t.Fatalf("websocket: %v", err)
	}
	c.SetReadLimit(16 << 20)
	t.Cleanup(func() { c.Close(coderws.StatusNormalClosure, ""); cancel() })
	if err := wsjson.Write(ctx, c, map[string]any{"type": "connection_init"}); err != nil {
		t.Fatal(err)
	}
	var ack struct{ Type string }
	if err := wsjson.Read(ctx, c, &ack); err != nil || ack.Type != "connection_ack" {
		t.Fatalf("websocket init: %v %+v", err, ack)
	}
	if err := wsjson.Write(ctx, c, map[string]any{"id": "1", "type": "subscribe", "payload": map[string]any{"query": query}}); err != nil {
		t.Fatal(err)
	}
	out := make(chan change, 1000)
	go func() {
		defer close(out)
		for {
			var msg struct {
				Type    string
				Payload struct {
					Data   struct{ GraphChanged change }
					Errors []any
				}
			}
			if err := wsjson.Read(ctx, c, &msg); err != nil {
				return
			}
			switch msg.Type {
			case "next":
				if len(msg.Payload.Errors) > 0 {
					return
				}
				out <- msg.Payload.Data.GraphChanged
			case "ping":
				wsjson.Write(ctx, c, map[string]any{"type": "pong"})
			case "error", "complete":
				return
			}
		}
	}()
	return out
}

// sseSubscribe opens a subscription as server-sent events (graphql-sse's
// distinct connections mode) and returns its events.
func sseSubscribe(t testing.TB, base, query string) <-chan change {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatalf("event stream: %v", err)
	}
	t.Cleanup(func() { cancel(); resp.Body.Close() })
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("event stream: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	out := make(chan change, 1000)
	go func() {
		defer close(out)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			var msg struct {
				Data struct{ GraphChanged change }
			}
			if json.Unmarshal([]byte(data), &msg) == nil {
				out <- msg.Data.GraphChanged
			}
		}
	}()
	return out
}

// waitFor returns the first event that ok accepts, failing after d.
func waitForChange(t *testing.T, events <-chan change, d time.Duration, what string, ok func(change) bool) change {
	t.Helper()
	timeout := time.After(d)
	for {
		select {
		case c, open := <-events:
			if !open {
				t.Fatalf("%s: the subscription ended", what)
			}
			if ok(c) {
				return c
			}
		case <-timeout:
			t.Fatalf("%s: nothing within %s", what, d)
		}
	}
}

// loadInAnotherProcess runs `diplograph load` of paths as a child
// process on the server's store.
func loadInAnotherProcess(t *testing.T, store, db string, paths ...string) string {
	t.Helper()
	args := []string{"load"}
	env := append(os.Environ(), "DIPLOGRAPH_TEST_MAIN=1")
	if store == "neo4j" {
		cfg := neo4jtest.Config(t)
		args = append(args, "--store", "neo4j", "--neo4j-uri", cfg.URI)
		env = append(env, "NEO4J_USERNAME="+cfg.Username, "NEO4J_PASSWORD="+cfg.Password, "NEO4J_DATABASE="+cfg.Database)
	} else {
		args = append(args, "--db", db)
	}
	cmd := exec.Command(os.Args[0], append(args, paths...)...)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("load in another process: %v\n%s", err, out)
	}
	return string(out)
}

const tokyoArticle = `Kono and Lavrov hold talks in Tokyo

Feb. 10, 2019 (EIRNS)—Russian Foreign Minister Sergey Lavrov met Japanese Foreign Minister Taro Kono in Tokyo on Feb. 9. Lavrov said Russia and Japan would continue talks on a peace treaty.
`

// TestLiveUpdates subscribes over graphql-ws and over server-sent events,
// runs a load in a second process on the same store, and sees its facts
// arrive; then a curation through the API.
func TestLiveUpdates(t *testing.T) {
	for _, store := range []string{"sqlite", "neo4j"} {
		t.Run(store, func(t *testing.T) {
			base, db := startCurationServer(t, store)
			lavrov := wsSubscribe(t, base, `subscription { graphChanged(entity: "Sergey Lavrov") { `+changeFields+` } }`)
			heldIn := sseSubscribe(t, base, `subscription { graphChanged(types: [HELD_IN]) { `+changeFields+` } }`)
			// Both streams are open before the load: a query through each
			// transport's server has answered once the subscription is
			// registered, so give the hub a moment, then load.
			time.Sleep(300 * time.Millisecond)

			dir := t.TempDir()
			path := filepath.Join(dir, "tokyo.txt")
			if err := os.WriteFile(path, []byte(tokyoArticle), 0o644); err != nil {
				t.Fatal(err)
			}
			started := time.Now()
			out := loadInAnotherProcess(t, store, db, path)
			if !strings.Contains(out, "loaded 1 articles") {
				t.Fatalf("load: %s", out)
			}
			meeting := "event:meeting-of-sergey-lavrov-and-taro-kono-2019-02-09"
			c := waitForChange(t, lavrov, 30*time.Second, "Lavrov's meeting over graphql-ws", func(c change) bool {
				return c.Origin == "WRITE" && c.hasEdge("PARTICIPATED_IN", "person:sergey-lavrov", meeting)
			})
			if c.At.Before(started.Add(-time.Second)) || c.hasEdge("PARTICIPATED_IN", "person:taro-kono", "") {
				t.Errorf("the change for Lavrov = %+v: at %s (load started %s), or an edge of another entity", c, c.At, started)
			}
			waitForChange(t, heldIn, 30*time.Second, "the meeting's place over SSE", func(c change) bool {
				return c.Origin == "WRITE" && c.hasEdge("HELD_IN", meeting, "place:tokyo") && !c.hasEdge("PARTICIPATED_IN", "", "")
			})

			// A curation through the API arrives as such.
			var ret struct{ RetractEdge struct{ ID string } }
			var edges struct {
				Entity struct {
					Edges struct{ Nodes []struct{ ID string } }
				}
			}
			mustGQL(t, base, fmt.Sprintf(`{ entity(id: %q) { edges(types: [HELD_IN]) { nodes { id } } } }`, meeting), nil, &edges)
			if len(edges.Entity.Edges.Nodes) != 1 {
				t.Fatalf("the meeting's HELD_IN edges: %+v", edges)
			}
			mustGQL(t, base, `mutation($id: ID!) { retractEdge(id: $id, reason: "live test") { id } }`, map[string]any{"id": edges.Entity.Edges.Nodes[0].ID}, &ret)
			c = waitForChange(t, heldIn, 30*time.Second, "the retraction over SSE", func(c change) bool { return c.Origin == "CURATION" })
			if c.Curation == nil || c.Curation.ID != ret.RetractEdge.ID || len(c.Edges) != 1 || !c.Edges[0].Removed {
				t.Errorf("the retraction's change = %+v, want the record and the removed edge", c)
			}
		})
	}
}

// TestLiveLimits: one client may hold --live-per-client subscriptions
// and as many streams; beyond them a subscription is refused with ELIMIT
// and a connection with 429, while the others keep working.
func TestLiveLimits(t *testing.T) {
	base, _ := startCurationServer(t, "sqlite", "--live-per-client", "2")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	url := "ws" + strings.TrimPrefix(base, "http") + "/graphql"
	dial := func() (*coderws.Conn, error) {
		c, _, err := coderws.Dial(ctx, url, &coderws.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
		if err != nil {
			return nil, err
		}
		wsjson.Write(ctx, c, map[string]any{"type": "connection_init"})
		var ack map[string]any
		wsjson.Read(ctx, c, &ack)
		return c, nil
	}
	c, err := dial()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(coderws.StatusNormalClosure, "")
	q := `subscription { graphChanged { seq } }`
	for _, id := range []string{"1", "2", "3"} {
		wsjson.Write(ctx, c, map[string]any{"id": id, "type": "subscribe", "payload": map[string]any{"query": q}})
	}
	// The three run at once: one of them, whichever came last, is refused.
	if code := wsErrorCode(t, ctx, c, "1", "2", "3"); code != "ELIMIT" {
		t.Errorf("third subscription: code %q, want ELIMIT", code)
	}
	// A mutation over the websocket is refused: it is no POST.
	wsjson.Write(ctx, c, map[string]any{"id": "4", "type": "subscribe", "payload": map[string]any{
		"query": `mutation { retractArticle(id: "article:000-525ad26aad408969", reason: "x") { id } }`}})
	if code := wsErrorCode(t, ctx, c, "4"); code != "EFORBIDDEN" {
		t.Errorf("a mutation over the websocket: code %q, want EFORBIDDEN", code)
	}
	// A second stream is fine, a third is not.
	c2, err := dial()
	if err != nil {
		t.Fatalf("second connection: %v", err)
	}
	defer c2.Close(coderws.StatusNormalClosure, "")
	_, resp, err := coderws.Dial(ctx, url, &coderws.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err == nil || resp == nil || resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("third connection: %v %v, want 429", resp, err)
	}
	// The first subscriptions still get changes.
	mustGQL(t, base, `mutation($t: String!) { ingestArticles(articles: [{text: $t}]) { record { id } } }`, map[string]any{"t": tokyoArticle}, nil)
	var msg struct{ ID, Type string }
	for msg.Type != "next" {
		if err := wsjson.Read(ctx, c, &msg); err != nil {
			t.Fatalf("no change after the limits: %v", err)
		}
	}
}

// wsErrorCode reads the next message of c, an error (as graphql-ws sends
// it, or a result with errors), and returns its code.
func wsErrorCode(t *testing.T, ctx context.Context, c *coderws.Conn, ids ...string) string {
	t.Helper()
	var msg struct {
		ID      string
		Type    string
		Payload json.RawMessage
	}
	for !slices.Contains(ids, msg.ID) || msg.Type == "complete" || msg.Type == "ka" || msg.Type == "ping" {
		if err := wsjson.Read(ctx, c, &msg); err != nil {
			t.Fatal(err)
		}
	}
	var errs []struct{ Extensions map[string]any }
	if json.Unmarshal(msg.Payload, &errs) != nil {
		var res struct {
			Errors []struct{ Extensions map[string]any }
		}
		json.Unmarshal(msg.Payload, &res)
		errs = res.Errors
	}
	if len(errs) == 0 {
		t.Fatalf("message %s %s is no error", msg.Type, msg.Payload)
	}
	code, _ := errs[0].Extensions["code"].(string)
	return code
}
