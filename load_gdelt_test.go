package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/neo4j/neo4jtest"
)

// gdeltSample is the shared GDELT 2.0 export: 2,111 rows of 2019-10-24.
const gdeltSample = "../shared/data/gdelt/gdelt2_20191024143000.export.CSV"

// TestLoadGDELT loads the shared GDELT sample with `load`, beside an
// article and a GDELT row that report one event, on both stores, and
// answers a timeline and a path over the rows: the United States' events
// of the day, a walk from the United States to Russia through the event
// both took part in, and the event the article and the row share, which is
// one node citing both.
func TestLoadGDELT(t *testing.T) {
	if _, err := os.Stat(gdeltSample); err != nil {
		t.Fatalf("the shared GDELT sample is missing (%v): it comes with ../shared", err)
	}
	// A row for Iraq's invasion of Kuwait, which the AP story of 1990-08-15
	// reports (dated 1990-08-02 there): a directed act, so the row's Actor1
	// is its source and Actor2 its target, as in the extractor's name.
	extra := filepath.Join(t.TempDir(), "19900815000000.export.CSV")
	f := make([]string, 61)
	f[0], f[1], f[5], f[6], f[15], f[16], f[26] = "1", "19900802", "IRQ", "IRAQ", "KWT", "KUWAIT", "190"
	f[59], f[60] = "19900815000000", "https://example.org/iraq-kuwait"
	if err := os.WriteFile(extra, []byte(strings.Join(f, "\t")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	article := "../shared/corpus/articles/tempeval3_AP900815-0044.txt"
	paths := []string{gdeltSample, extra, article}

	check := func(t *testing.T, flags ...string) {
		m := NewMain()
		if err := m.ParseFlags(append(append([]string{"load"}, flags...), paths...)); err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		m.Stdout, m.Stderr = &out, io.Discard
		if err := m.Run(context.Background()); err != nil {
			t.Fatalf("load: %v\n%s", err, out.String())
		}
		defer m.Close()
		if !strings.Contains(out.String(), "read 2112 GDELT rows: ") {
			t.Errorf("the summary does not count the rows:\n%s", out.String())
		}
		s, ctx := m.store, t.Context()
		us, ru := kg.EntityID(kg.State, "United States"), kg.EntityID(kg.State, "Russia")
		day := kg.MustParseDate("2019-10-24")

		evs, err := s.Events(ctx, kg.EventQuery{Entity: us, From: day, To: day, First: kg.MaxFirst})
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) < 10 {
			t.Errorf("the United States took part in %d events on %s, want the sample's many", len(evs), day)
		}
		assault := kg.EntityID(kg.Event, "Assault of Russia and United States, 2019-10-24")
		if !slices.ContainsFunc(evs, func(e *kg.Entity) bool { return e.ID == assault }) {
			t.Errorf("timeline of the United States lacks %s", assault)
		}
		for _, e := range evs {
			if e.Date != day || e.Attrs["cameo"] == "" {
				t.Errorf("event %s: date %s, cameo %q", e.ID, e.Date, e.Attrs["cameo"])
			}
		}

		p, err := s.Path(ctx, kg.PathQuery{From: us, To: ru, MaxHops: 4})
		if err != nil {
			t.Fatalf("path from the United States to Russia: %v", err)
		}
		if p.Hops() != 2 || p.Steps[0].To.Kind != kg.Event {
			t.Errorf("path of %d hops through %v, want 2 through an event they shared", p.Hops(), p.Steps[0].To)
		}
		for _, st := range p.Steps {
			if len(st.Edge.Evidence) == 0 || !strings.HasPrefix(st.Edge.Evidence[0].Quote, "GDELT 2.0 event ") {
				t.Errorf("step %s cites %+v, want the GDELT row", st.Edge.ID, st.Edge.Evidence)
			}
			as, err := s.Articles(ctx, []string{st.Edge.Evidence[0].Article})
			if err != nil || as[0] == nil || !strings.HasPrefix(as[0].URL, "http") || as[0].Text != "" {
				t.Errorf("step %s's source %+v (%v): want the row's URL and no text", st.Edge.ID, as, err)
			}
		}

		// The article's event and the row's are one node, citing both.
		shared := kg.EntityID(kg.Event, "Attack on Kuwait by Iraq, 1990-08-02")
		page, err := s.Edges(ctx, kg.EdgeQuery{Entity: shared, Direction: kg.In, Types: []kg.EdgeType{kg.ParticipatedIn}})
		if err != nil {
			t.Fatalf("the shared event: %v", err)
		}
		var fromArticle, fromGDELT bool
		for _, e := range page.Edges {
			for _, ev := range e.Evidence {
				switch {
				case strings.HasPrefix(ev.Quote, "GDELT 2.0 event 1 "):
					fromGDELT = true
				case ev.Quote != "":
					fromArticle = true
				}
			}
		}
		if !fromArticle || !fromGDELT {
			t.Errorf("the shared event cites the article: %v, the GDELT row: %v; edges %+v", fromArticle, fromGDELT, page.Edges)
		}
	}
	t.Run("sqlite", func(t *testing.T) { check(t, "--db", filepath.Join(t.TempDir(), "gdelt.db")) })
	t.Run("neo4j", func(t *testing.T) {
		neo4jtest.Wipe(t, neo4jtest.Config(t))
		check(t, "--store", "neo4j")
	})
}
