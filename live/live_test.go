package live_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/live"
	"github.com/diplograph/diplograph/sqlite"
)

var (
	japan  = kg.EntityID(kg.State, "Japan")
	russia = kg.EntityID(kg.State, "Russia")
	us     = kg.EntityID(kg.State, "United States")
)

func TestFilter(t *testing.T) {
	allied := kg.EdgeRef{ID: "edge:1", Type: kg.AlliedWith, From: japan, To: us}
	claims := kg.EdgeRef{ID: "edge:2", Type: kg.Claims, From: russia, To: "place:kurils"}
	ch := kg.Change{Seq: 3, Edges: []kg.EdgeRef{allied, claims}, Entities: []string{japan, russia, "person:kono"}}
	tests := []struct {
		name string
		f    live.Filter
		want *kg.Change
	}{
		{"all", live.Filter{}, &ch},
		{"an entity", live.Filter{Entity: japan}, &kg.Change{Seq: 3, Edges: []kg.EdgeRef{allied}, Entities: []string{japan}}},
		{"an entity of no edge", live.Filter{Entity: "person:kono"}, &kg.Change{Seq: 3, Entities: []string{"person:kono"}}},
		{"a type", live.Filter{Types: []kg.EdgeType{kg.Claims}}, &kg.Change{Seq: 3, Edges: []kg.EdgeRef{claims}, Entities: []string{russia}}},
		{"entity and type that do not meet", live.Filter{Entity: japan, Types: []kg.EdgeType{kg.Claims}}, nil},
		{"nothing of it", live.Filter{Entity: "state:atlantis"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := tc.f.Apply(ch)
			if tc.want == nil {
				if ok {
					t.Errorf("Apply selected %+v, want nothing", got)
				}
				return
			}
			if diff := gocmp.Diff(*tc.want, got); !ok || diff != "" {
				t.Errorf("Apply (ok %v) (-want +got):\n%s", ok, diff)
			}
		})
	}
}

func openStore(t *testing.T) *sqlite.Store {
	s, _ := openStorePath(t)
	return s
}

func openStorePath(t *testing.T) (*sqlite.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kg.db")
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Put(t.Context(), &kg.Batch{Entities: []kg.Entity{
		{ID: japan, Kind: kg.State, Name: "Japan"}, {ID: russia, Kind: kg.State, Name: "Russia"}, {ID: us, Kind: kg.State, Name: "United States"},
	}}); err != nil {
		t.Fatal(err)
	}
	return s, path
}

func startHub(t *testing.T, s kg.CurationStore, o live.Options) *live.Hub {
	t.Helper()
	h := live.New(s, o)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	for range 100 { // Run reads where the feed is before it takes subscribers
		if _, err := h.Subscribe(ctx, "probe", live.Filter{Entity: "state:none"}); err == nil {
			return h
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the hub did not start")
	return nil
}

func edgeBatch(i int) *kg.Batch {
	to := us
	if i%2 == 1 {
		to = russia
	}
	return &kg.Batch{Edges: []kg.Edge{{ID: kg.EdgeID(kg.AlliedWith, japan, to, fmt.Sprint(i)), Type: kg.AlliedWith, From: japan, To: to, Role: fmt.Sprint(i)}}}
}

func TestHubDelivers(t *testing.T) {
	s := openStore(t)
	h := startHub(t, s, live.Options{Poll: time.Hour}) // only kicks
	ctx := t.Context()
	all, err := h.Subscribe(ctx, "a", live.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	toUS, err := h.Subscribe(ctx, "b", live.Filter{Entity: us})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if err := s.Put(ctx, edgeBatch(i)); err != nil {
			t.Fatal(err)
		}
	}
	h.Kick()
	for i := range 2 {
		ch := recv(t, all)
		if len(ch.Edges) != 1 || ch.Edges[0].From != japan {
			t.Errorf("change %d = %+v", i, ch)
		}
	}
	if ch := recv(t, toUS); len(ch.Edges) != 1 || ch.Edges[0].To != us {
		t.Errorf("change for the US = %+v", ch)
	}
	select {
	case ch := <-toUS:
		t.Errorf("a change the filter does not select arrived: %+v", ch)
	case <-time.After(50 * time.Millisecond):
	}
}

// Another process's writes arrive by polling, with no kick.
func TestHubPolls(t *testing.T) {
	s, path := openStorePath(t)
	h := startHub(t, s, live.Options{Poll: 20 * time.Millisecond})
	other, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	c, err := h.Subscribe(t.Context(), "a", live.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if err := other.Put(t.Context(), edgeBatch(0)); err != nil {
		t.Fatal(err)
	}
	if ch := recv(t, c); len(ch.Edges) != 1 {
		t.Errorf("polled change = %+v", ch)
	}
}

// A subscriber that does not read is dropped; writers and other
// subscribers go on.
func TestSlowSubscriber(t *testing.T) {
	s := openStore(t)
	h := startHub(t, s, live.Options{Poll: time.Hour, Buffer: 2})
	ctx := t.Context()
	slow, err := h.Subscribe(ctx, "slow", live.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	fast, err := h.Subscribe(ctx, "fast", live.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	got := 0
	for i := range 5 {
		start := time.Now()
		if err := s.Put(ctx, edgeBatch(i)); err != nil {
			t.Fatal(err)
		}
		h.Kick()
		recv(t, fast)
		got++
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("write %d took %s with a slow subscriber", i, d)
		}
	}
	n := 0
	for range slow {
		n++
	}
	if n != 2 {
		t.Errorf("the slow subscriber got %d changes before it was dropped, want its buffer, 2", n)
	}
	if st := h.Stats(); st.Dropped != 1 {
		t.Errorf("Stats = %+v, want one dropped", st)
	}
}

func TestLimits(t *testing.T) {
	s := openStore(t)
	h := startHub(t, s, live.Options{PerClient: 2, Total: 4})
	ctx, cancel := context.WithCancel(t.Context())
	for range 2 {
		if _, err := h.Subscribe(ctx, "a", live.Filter{}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := h.Subscribe(ctx, "a", live.Filter{})
	if kg.ErrorCode(err) != kg.ELIMIT {
		t.Errorf("third subscription of one client: %v, want ELIMIT", err)
	}
	if _, err := h.Subscribe(ctx, "b", live.Filter{}); err != nil {
		t.Fatal(err)
	}
	_, err = h.Subscribe(ctx, "c", live.Filter{}) // the probe holds one
	if kg.ErrorCode(err) != kg.ELIMIT {
		t.Errorf("subscription past the total: %v, want ELIMIT", err)
	}
	cancel() // ending a subscription frees its place
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if _, err = h.Subscribe(t.Context(), "a", live.Filter{}); err == nil {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("after the subscriptions ended: %v", err)
}

func recv(t *testing.T, c <-chan kg.Change) kg.Change {
	t.Helper()
	select {
	case ch, ok := <-c:
		if !ok {
			t.Fatal("subscription closed")
		}
		return ch
	case <-time.After(10 * time.Second):
		t.Fatal("no change within 10 s")
	}
	return kg.Change{}
}

func TestAdmit(t *testing.T) {
	h := live.New(openStore(t), live.Options{PerClient: 2})
	r1, ok1 := h.Admit("a")
	_, ok2 := h.Admit("a")
	_, ok3 := h.Admit("a")
	_, okB := h.Admit("b")
	if !ok1 || !ok2 || ok3 || !okB {
		t.Fatalf("Admit: %v %v %v %v, want true true false true", ok1, ok2, ok3, okB)
	}
	r1()
	r1() // a second release changes nothing
	if _, ok := h.Admit("a"); !ok {
		t.Errorf("Admit after a release refused")
	}
	if _, ok := h.Admit("a"); ok {
		t.Errorf("Admit past the limit after a double release accepted")
	}
}
