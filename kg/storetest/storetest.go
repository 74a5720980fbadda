// Package storetest is the conformance suite for kg.Store: every storage
// engine runs the same tests, so that the GraphQL layer and the loader can
// rely on one behaviour whatever store main picks.
//
// An engine's test calls Run with a function that opens a fresh, empty store:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) kg.Store {
//			s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "kg.db"))
//			if err != nil {
//				t.Fatal(err)
//			}
//			t.Cleanup(func() { s.Close() })
//			return s
//		})
//	}
//
// Where kg/store.go leaves room for interpretation the suite pins one
// reading, and says so in a comment beside the test. Aliases and evidence
// are compared as sets: the contract says "unioned", not in which order.
package storetest

import (
	"cmp"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/diplograph/diplograph/kg"
)

// Run runs the whole suite against the stores open returns. open must
// return a new, empty store each time it is called and arrange for it to be
// closed with t.Cleanup.
func Run(t *testing.T, open func(t *testing.T) kg.Store) {
	t.Run("Put", func(t *testing.T) { testPut(t, open) })
	t.Run("Merge", func(t *testing.T) { testMerge(t, open) })
	t.Run("Entities", func(t *testing.T) { testEntities(t, open) })
	t.Run("Search", func(t *testing.T) { testSearch(t, open) })
	t.Run("Mentions", func(t *testing.T) { testMentions(t, open) })
	t.Run("Edges", func(t *testing.T) { testEdges(t, open) })
	t.Run("Events", func(t *testing.T) { testEvents(t, open) })
	t.Run("Path", func(t *testing.T) { testPath(t, open) })
	t.Run("Article", func(t *testing.T) { testArticle(t, open) })
	t.Run("Stats", func(t *testing.T) { testStats(t, open) })
	t.Run("LargeBatch", func(t *testing.T) { testLargeBatch(t, open) })
	t.Run("ConcurrentPuts", func(t *testing.T) { testConcurrentPuts(t, open) })
	t.Run("Unicode", func(t *testing.T) { testUnicode(t, open) })
	t.Run("DateOrder", func(t *testing.T) { testDateOrder(t, open) })
	t.Run("Ends", func(t *testing.T) { testEnds(t, open) })
	t.Run("EntityEdges", func(t *testing.T) { testEntityEdges(t, open) })
	t.Run("EventsEdges", func(t *testing.T) { testEventsEdges(t, open) })
	t.Run("Neighborhood", func(t *testing.T) { testNeighborhood(t, open, true) })
	t.Run("LongSpans", func(t *testing.T) { testLongSpans(t, open) })
}

// opts compare domain values: Dates by their TIMEX3 value (Date has
// unexported fields), nil and empty alike, aliases and evidence as sets.
var opts = gocmp.Options{
	gocmp.Transformer("TIMEX", func(d kg.Date) string { return d.String() }),
	cmpopts.EquateEmpty(),
	cmpopts.SortSlices(func(a, b string) bool { return a < b }),
	cmpopts.SortSlices(func(a, b kg.Evidence) bool { return evidenceKey(a) < evidenceKey(b) }),
}

func evidenceKey(e kg.Evidence) string {
	return fmt.Sprintf("%s\x00%09d\x00%09d\x00%09d\x00%s", e.Article, e.Sentence, e.Start, e.End, e.Quote)
}

// loaded opens a store holding the fixture: one it puts the fixture into,
// or, in RunReads, the store that holds it already.
func loaded(t *testing.T, open func(t *testing.T) kg.Store) kg.Store {
	t.Helper()
	s := open(t)
	if isReadOnly(s) {
		return s
	}
	mustPut(t, s, diplomacy())
	return s
}

// Fixture returns the batch the read checks expect a store to hold (see
// RunReads): the suite's slice of post-war Japanese diplomacy.
func Fixture() *kg.Batch { return diplomacy() }

// RunReads runs the read checks of the suite against s, which must hold
// exactly Fixture(), loaded some other way than Put (a bulk import), and
// which they never write to: entities, search, edges, events, paths,
// stats, and the reads that answer several questions at once. The checks
// that write (merges, self-loops added on the way) are left to Run.
func RunReads(t *testing.T, s kg.Store) {
	open := func(t *testing.T) kg.Store { return readOnly{s} }
	t.Run("Entities", func(t *testing.T) { testEntities(t, open) })
	t.Run("Search", func(t *testing.T) { testSearch(t, open) })
	t.Run("Edges", func(t *testing.T) { testEdges(t, open) })
	t.Run("Events", func(t *testing.T) { testEvents(t, open) })
	t.Run("Path", func(t *testing.T) { testPath(t, open) })
	t.Run("Stats", func(t *testing.T) { testStats(t, open) })
	t.Run("Ends", func(t *testing.T) { testEnds(t, open) })
	t.Run("EntityEdges", func(t *testing.T) { testEntityEdges(t, open) })
	t.Run("EventsEdges", func(t *testing.T) { testEventsEdges(t, open) })
	t.Run("Neighborhood", func(t *testing.T) { testNeighborhood(t, open, false) })
}

// readOnly marks the store of RunReads: its Put fails, so that a check
// that writes fails loudly rather than changing what it reads.
type readOnly struct{ kg.Store }

func (readOnly) Put(context.Context, *kg.Batch) error {
	return fmt.Errorf("storetest: RunReads: a read check tried to write")
}

func isReadOnly(s kg.Store) bool {
	_, ok := s.(readOnly)
	return ok
}

func mustPut(t testing.TB, s kg.Store, b *kg.Batch) {
	t.Helper()
	if err := s.Put(t.Context(), b); err != nil {
		t.Fatalf("Put: %v", err)
	}
}

// wantCode fails the test unless err carries the kg error code want.
func wantCode(t *testing.T, err error, want string) {
	t.Helper()
	if got := kg.ErrorCode(err); got != want {
		t.Errorf("error code = %q (%v), want %q", got, err, want)
	}
}

func mustEntity(t *testing.T, s kg.Store, id string) *kg.Entity {
	t.Helper()
	e, err := s.Entity(t.Context(), id)
	if err != nil {
		t.Fatalf("Entity(%q): %v", id, err)
	}
	return e
}

func entityIDs(es []*kg.Entity) []string {
	ids := make([]string, len(es))
	for i, e := range es {
		if e != nil {
			ids[i] = e.ID
		}
	}
	return ids
}

func edgeIDs(es []*kg.Edge) []string {
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.ID
	}
	return ids
}

func sortedByID(es ...*kg.Edge) []*kg.Edge {
	return slices.SortedFunc(slices.Values(es), func(a, b *kg.Edge) int { return cmp.Compare(a.ID, b.ID) })
}

// allEdges walks every page of q and returns the edges in order.
func allEdges(t *testing.T, s kg.Store, q kg.EdgeQuery) []*kg.Edge {
	t.Helper()
	var all []*kg.Edge
	for range 10000 {
		p, err := s.Edges(t.Context(), q)
		if err != nil {
			t.Fatalf("Edges(%+v): %v", q, err)
		}
		all = append(all, p.Edges...)
		if !p.HasNext {
			return all
		}
		q.After = p.Cursors[len(p.Cursors)-1]
	}
	t.Fatalf("Edges(%+v): pages never end", q)
	return nil
}

// snapshot is everything a store holds that the fixture can reach: used to
// check that a second load of the same batch changes nothing.
type snapshot struct {
	Stats    kg.Stats
	Entities []*kg.Entity
	Edges    map[string][]*kg.Edge
	Article  *kg.Article
}

func takeSnapshot(t *testing.T, s kg.Store) snapshot {
	t.Helper()
	ctx := t.Context()
	var snap snapshot
	var err error
	if snap.Stats, err = s.Stats(ctx); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range diplomacy().Entities {
		ids = append(ids, e.ID)
	}
	if snap.Entities, err = s.Entities(ctx, ids); err != nil {
		t.Fatal(err)
	}
	snap.Edges = map[string][]*kg.Edge{}
	for _, id := range ids {
		snap.Edges[id] = allEdges(t, s, kg.EdgeQuery{Entity: id, First: kg.MaxFirst})
	}
	if snap.Article, err = s.Article(ctx, idArticle); err != nil {
		t.Fatal(err)
	}
	return snap
}

func testPut(t *testing.T, open func(t *testing.T) kg.Store) {
	t.Run("EntityRoundTrip", func(t *testing.T) {
		s := loaded(t, open)
		for _, want := range diplomacy().Entities {
			got := mustEntity(t, s, want.ID)
			if diff := gocmp.Diff(&want, got, opts); diff != "" {
				t.Errorf("Entity(%q) mismatch (-want +got):\n%s", want.ID, diff)
			}
		}
	})

	t.Run("EdgeRoundTrip", func(t *testing.T) {
		s := loaded(t, open)
		want := []*kg.Edge{eKonoOffice, eKonoMeeting, eMentionsKono}
		got := allEdges(t, s, kg.EdgeQuery{Entity: idKono})
		if diff := gocmp.Diff(want, got, opts); diff != "" {
			t.Errorf("Edges(Kono) mismatch (-want +got):\n%s", diff)
		}
	})

	t.Run("EmptyBatch", func(t *testing.T) {
		s := open(t)
		mustPut(t, s, &kg.Batch{})
		st, err := s.Stats(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(kg.Stats{}, st, opts); diff != "" {
			t.Errorf("Stats after empty batch (-want +got):\n%s", diff)
		}
	})

	t.Run("NotFound", func(t *testing.T) {
		s := loaded(t, open)
		ctx := t.Context()
		_, err := s.Entity(ctx, "person:nobody")
		wantCode(t, err, kg.ENOTFOUND)
		_, err = s.Entity(ctx, "")
		wantCode(t, err, kg.ENOTFOUND)
		// An article id is not an entity id.
		_, err = s.Entity(ctx, idArticle)
		wantCode(t, err, kg.ENOTFOUND)
		_, err = s.Article(ctx, "article:nothing")
		wantCode(t, err, kg.ENOTFOUND)
	})

	// A batch that fails leaves no trace, not even the parts that were
	// valid: Put is one transaction.
	t.Run("Atomic", func(t *testing.T) {
		s := loaded(t, open)
		ctx := t.Context()
		before := takeSnapshot(t, s)

		gromyko := kg.EntityID(kg.Person, "Andrei Gromyko")
		japan := *entityByID(idJapan)
		japan.Aliases = []string{"Nihon"}
		b := &kg.Batch{
			Articles: []kg.Article{{ID: kg.ArticleID("gromyko"), Title: "Gromyko in Tokyo", Text: "Gromyko arrived."}},
			Entities: []kg.Entity{{ID: gromyko, Kind: kg.Person, Name: "Andrei Gromyko"}, japan},
			Edges: []kg.Edge{
				cloneEdge(edge(kg.HoldsOffice, gromyko, idSoviet, "Foreign Minister", "1957-02", "", "")),
				cloneEdge(edge(kg.ParticipatedIn, gromyko, "event:no-such-event", "", "", "", "")),
			},
		}
		wantCode(t, s.Put(ctx, b), kg.EINVALID)

		_, err := s.Entity(ctx, gromyko)
		wantCode(t, err, kg.ENOTFOUND)
		_, err = s.Article(ctx, kg.ArticleID("gromyko"))
		wantCode(t, err, kg.ENOTFOUND)
		if diff := gocmp.Diff(before, takeSnapshot(t, s), opts); diff != "" {
			t.Errorf("store changed by a failed Put (-before +after):\n%s", diff)
		}
	})

	t.Run("Invalid", func(t *testing.T) {
		gromyko := kg.Entity{ID: kg.EntityID(kg.Person, "Andrei Gromyko"), Kind: kg.Person, Name: "Andrei Gromyko"}
		with := func(f func(e *kg.Entity)) []kg.Entity {
			e := gromyko
			f(&e)
			return []kg.Entity{e}
		}
		tests := []struct {
			name  string
			batch kg.Batch
			code  string
		}{
			{"entity without id", kg.Batch{Entities: with(func(e *kg.Entity) { e.ID = "" })}, kg.EINVALID},
			{"entity of unknown kind", kg.Batch{Entities: with(func(e *kg.Entity) { e.Kind = "DIPLOMAT" })}, kg.EINVALID},
			{"entity without name", kg.Batch{Entities: with(func(e *kg.Entity) { e.Name = "" })}, kg.EINVALID},
			{"unknown status", kg.Batch{Entities: with(func(e *kg.Entity) { e.Status = "DONE" })}, kg.EINVALID},
			{"unknown event type", kg.Batch{Entities: with(func(e *kg.Entity) { e.EventType = "PICNIC" })}, kg.EINVALID},
			{"article without id", kg.Batch{Articles: []kg.Article{{Title: "untitled"}}}, kg.EINVALID},
			{"edge without id", kg.Batch{Edges: []kg.Edge{{Type: kg.AlliedWith, From: idJapan, To: idUS}}}, kg.EINVALID},
			{"edge of unknown type", kg.Batch{Edges: []kg.Edge{{ID: "edge:x", Type: "FRIENDS_WITH", From: idJapan, To: idUS}}}, kg.EINVALID},
			{"edge to a missing entity", kg.Batch{Edges: []kg.Edge{cloneEdge(edge(kg.AlliedWith, idJapan, "state:atlantis", "", "", "", ""))}}, kg.EINVALID},
			{"edge from a missing entity", kg.Batch{Edges: []kg.Edge{cloneEdge(edge(kg.AlliedWith, "state:atlantis", idJapan, "", "", "", ""))}}, kg.EINVALID},
			// Only MENTIONS may start at an article.
			{"non-MENTIONS edge from an article", kg.Batch{Edges: []kg.Edge{cloneEdge(edge(kg.Concerns, idArticle, idDeclaration, "", "", "", ""))}}, kg.EINVALID},
			// Ids carry their kind, so a second kind for one id contradicts what is stored.
			{"entity changing kind", kg.Batch{Entities: []kg.Entity{{ID: idJapan, Kind: kg.Place, Name: "Japan"}}}, kg.ECONFLICT},
		}
		s := loaded(t, open)
		before := takeSnapshot(t, s)
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				wantCode(t, s.Put(t.Context(), &tc.batch), tc.code)
			})
		}
		if diff := gocmp.Diff(before, takeSnapshot(t, s), opts); diff != "" {
			t.Errorf("store changed by failed Puts (-before +after):\n%s", diff)
		}
	})

	// Entities and edges may come in any order within a batch: an edge to
	// an entity that comes later in the same batch is fine.
	t.Run("EdgeBeforeItsEntity", func(t *testing.T) {
		s := open(t)
		b := diplomacy()
		slices.Reverse(b.Entities)
		b.Edges = append([]kg.Edge{cloneEdge(eJapanAllied)}, b.Edges...)
		mustPut(t, s, b)
	})
}

func testMerge(t *testing.T, open func(t *testing.T) kg.Store) {
	d := kg.MustParseDate

	t.Run("Entity", func(t *testing.T) {
		tests := []struct {
			name   string
			stored kg.Entity
			put    kg.Entity
			want   kg.Entity
		}{{
			name:   "aliases are unioned",
			stored: kg.Entity{Kind: kg.Person, Name: "Sergey Lavrov", Aliases: []string{"Sergei Lavrov"}},
			put:    kg.Entity{Kind: kg.Person, Name: "Sergey Lavrov", Aliases: []string{"S. Lavrov", "Sergei Lavrov"}},
			want:   kg.Entity{Kind: kg.Person, Name: "Sergey Lavrov", Aliases: []string{"Sergei Lavrov", "S. Lavrov"}},
		}, {
			// Ids fold accents away, so one id may arrive under several
			// spellings: the first name stays, later ones become aliases.
			name:   "another spelling of the name becomes an alias",
			stored: kg.Entity{Kind: kg.Person, Name: "Mevlüt Çavuşoğlu"},
			put:    kg.Entity{Kind: kg.Person, Name: "Mevlut Cavusoglu", Aliases: []string{"Mevlüt Çavuşoğlu"}},
			want:   kg.Entity{Kind: kg.Person, Name: "Mevlüt Çavuşoğlu", Aliases: []string{"Mevlut Cavusoglu"}},
		}, {
			// On a key both sides set, the stored value is kept, like a
			// known status: loading the same facts in another order must
			// not flip values back and forth.
			name:   "attributes are unioned, stored values kept",
			stored: kg.Entity{Kind: kg.Person, Name: "Taro Kono", Attrs: map[string]string{"role": "Foreign Minister"}},
			put:    kg.Entity{Kind: kg.Person, Name: "Taro Kono", Attrs: map[string]string{"role": "Defense Minister", "state": idJapan}},
			want:   kg.Entity{Kind: kg.Person, Name: "Taro Kono", Attrs: map[string]string{"role": "Foreign Minister", "state": idJapan}},
		}, {
			name:   "a more precise date wins",
			stored: kg.Entity{Kind: kg.Event, Name: "Kono–Lavrov meeting", Date: d("2019-01")},
			put:    kg.Entity{Kind: kg.Event, Name: "Kono–Lavrov meeting", Date: d("2019-01-14")},
			want:   kg.Entity{Kind: kg.Event, Name: "Kono–Lavrov meeting", Date: d("2019-01-14")},
		}, {
			name:   "a less precise date loses",
			stored: kg.Entity{Kind: kg.Event, Name: "Kono–Lavrov meeting", Date: d("2019-01-14")},
			put:    kg.Entity{Kind: kg.Event, Name: "Kono–Lavrov meeting", Date: d("2019")},
			want:   kg.Entity{Kind: kg.Event, Name: "Kono–Lavrov meeting", Date: d("2019-01-14")},
		}, {
			name:   "an equally precise date loses",
			stored: kg.Entity{Kind: kg.Event, Name: "Kono–Lavrov meeting", Date: d("2019-01-14")},
			put:    kg.Entity{Kind: kg.Event, Name: "Kono–Lavrov meeting", Date: d("2019-01-15")},
			want:   kg.Entity{Kind: kg.Event, Name: "Kono–Lavrov meeting", Date: d("2019-01-14")},
		}, {
			name:   "a date fills an unknown one, with its end",
			stored: kg.Entity{Kind: kg.Event, Name: "Moscow negotiations"},
			put:    kg.Entity{Kind: kg.Event, Name: "Moscow negotiations", Date: d("1956-10"), End: d("1956-10-19")},
			want:   kg.Entity{Kind: kg.Event, Name: "Moscow negotiations", Date: d("1956-10"), End: d("1956-10-19")},
		}, {
			// Date and End are one range: a finer range replaces both.
			name:   "a finer date brings its end",
			stored: kg.Entity{Kind: kg.Event, Name: "Moscow negotiations", Date: d("1956")},
			put:    kg.Entity{Kind: kg.Event, Name: "Moscow negotiations", Date: d("1956-10"), End: d("1956-10-19")},
			want:   kg.Entity{Kind: kg.Event, Name: "Moscow negotiations", Date: d("1956-10"), End: d("1956-10-19")},
		}, {
			name:   "a coarser date does not bring its end",
			stored: kg.Entity{Kind: kg.Event, Name: "Moscow negotiations", Date: d("1956-10")},
			put:    kg.Entity{Kind: kg.Event, Name: "Moscow negotiations", Date: d("1956"), End: d("1956-10-19")},
			want:   kg.Entity{Kind: kg.Event, Name: "Moscow negotiations", Date: d("1956-10")},
		}, {
			// "1957-03" is finer than "1956" but contradicts it: the
			// stored date stays.
			name:   "a finer date outside the stored one loses",
			stored: kg.Entity{Kind: kg.Treaty, Name: "Soviet-Japanese Joint Declaration", Date: d("1956")},
			put:    kg.Entity{Kind: kg.Treaty, Name: "Soviet-Japanese Joint Declaration", Date: d("1957-03")},
			want:   kg.Entity{Kind: kg.Treaty, Name: "Soviet-Japanese Joint Declaration", Date: d("1956")},
		}, {
			name:   "a missing date keeps the stored one",
			stored: kg.Entity{Kind: kg.Event, Name: "Moscow negotiations", Date: d("1956-10"), End: d("1956-10-19")},
			put:    kg.Entity{Kind: kg.Event, Name: "Moscow negotiations"},
			want:   kg.Entity{Kind: kg.Event, Name: "Moscow negotiations", Date: d("1956-10"), End: d("1956-10-19")},
		}, {
			// Statuses have no precision, so a known status is kept and
			// only an unknown one is filled in; so is the event type.
			name:   "a known status and event type are kept",
			stored: kg.Entity{Kind: kg.Event, Name: "Eisenhower visit to Japan", EventType: kg.Visit, Status: kg.Cancelled},
			put:    kg.Entity{Kind: kg.Event, Name: "Eisenhower visit to Japan", EventType: kg.Meeting, Status: kg.Planned},
			want:   kg.Entity{Kind: kg.Event, Name: "Eisenhower visit to Japan", EventType: kg.Visit, Status: kg.Cancelled},
		}, {
			name:   "an unknown status and event type are filled in",
			stored: kg.Entity{Kind: kg.Event, Name: "Eisenhower visit to Japan"},
			put:    kg.Entity{Kind: kg.Event, Name: "Eisenhower visit to Japan", EventType: kg.Visit, Status: kg.Cancelled},
			want:   kg.Entity{Kind: kg.Event, Name: "Eisenhower visit to Japan", EventType: kg.Visit, Status: kg.Cancelled},
		}}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				id := kg.EntityID(tc.stored.Kind, tc.stored.Name)
				tc.stored.ID, tc.put.ID, tc.want.ID = id, id, id
				s := open(t)
				mustPut(t, s, &kg.Batch{Entities: []kg.Entity{tc.stored}})
				mustPut(t, s, &kg.Batch{Entities: []kg.Entity{tc.put}})
				if diff := gocmp.Diff(&tc.want, mustEntity(t, s, id), opts); diff != "" {
					t.Errorf("merged entity mismatch (-want +got):\n%s", diff)
				}
				// Merging is idempotent.
				mustPut(t, s, &kg.Batch{Entities: []kg.Entity{tc.put}})
				if diff := gocmp.Diff(&tc.want, mustEntity(t, s, id), opts); diff != "" {
					t.Errorf("entity after the second merge (-want +got):\n%s", diff)
				}
			})
		}
	})

	t.Run("Edge", func(t *testing.T) {
		meeting := func(date string, status kg.Status, ev ...kg.Evidence) kg.Edge {
			return cloneEdge(edge(kg.ParticipatedIn, idKono, idKonoLavrov, "", date, "", status, ev...))
		}
		other := kg.Evidence{Article: kg.ArticleID("tass"), Sentence: 3, Quote: "Kono and Lavrov met in Moscow.", Start: 120, End: 150}
		// The same sentence read again with other offsets (a re-cleaned
		// text) is the same evidence: one item per article and sentence,
		// the first kept.
		again := sentence(0)
		again.Start, again.End = again.Start+1, again.End+1
		tests := []struct {
			name        string
			stored, put kg.Edge
			want        *kg.Edge
		}{
			{"evidence is unioned without duplicates", meeting("", "", sentence(0)), meeting("", "", other, sentence(0)), edge(kg.ParticipatedIn, idKono, idKonoLavrov, "", "", "", "", sentence(0), other)},
			{"evidence is one item per article and sentence", meeting("", "", sentence(0)), meeting("", "", again, other), edge(kg.ParticipatedIn, idKono, idKonoLavrov, "", "", "", "", sentence(0), other)},
			{"a more precise date wins", meeting("2019-01", ""), meeting("2019-01-14", ""), edge(kg.ParticipatedIn, idKono, idKonoLavrov, "", "2019-01-14", "", "")},
			{"a less precise date loses", meeting("2019-01-14", ""), meeting("2019", ""), edge(kg.ParticipatedIn, idKono, idKonoLavrov, "", "2019-01-14", "", "")},
			{"a finer date outside the stored one loses", meeting("2019-01", ""), meeting("2019-02-14", ""), edge(kg.ParticipatedIn, idKono, idKonoLavrov, "", "2019-01", "", "")},
			{"a known status is kept", meeting("", kg.Occurred), meeting("", kg.Cancelled), edge(kg.ParticipatedIn, idKono, idKonoLavrov, "", "", "", kg.Occurred)},
			{"an unknown status is filled in", meeting("", ""), meeting("", kg.Occurred), edge(kg.ParticipatedIn, idKono, idKonoLavrov, "", "", "", kg.Occurred)},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				s := open(t)
				b := diplomacy()
				b.Edges = []kg.Edge{tc.stored}
				mustPut(t, s, b)
				for range 2 { // the second time must change nothing
					mustPut(t, s, &kg.Batch{Edges: []kg.Edge{tc.put}})
					got := allEdges(t, s, kg.EdgeQuery{Entity: idKono})
					if diff := gocmp.Diff([]*kg.Edge{tc.want}, got, opts); diff != "" {
						t.Errorf("merged edge mismatch (-want +got):\n%s", diff)
					}
				}
			})
		}
	})

	t.Run("SameEntityTwiceInOneBatch", func(t *testing.T) {
		s := open(t)
		a := kg.Entity{ID: idLavrov, Kind: kg.Person, Name: "Sergey Lavrov", Aliases: []string{"Sergei Lavrov"}}
		b := kg.Entity{ID: idLavrov, Kind: kg.Person, Name: "Sergey Lavrov", Aliases: []string{"Сергей Лавров"}}
		mustPut(t, s, &kg.Batch{Entities: []kg.Entity{a, b}})
		want := &kg.Entity{ID: idLavrov, Kind: kg.Person, Name: "Sergey Lavrov", Aliases: []string{"Sergei Lavrov", "Сергей Лавров"}}
		if diff := gocmp.Diff(want, mustEntity(t, s, idLavrov), opts); diff != "" {
			t.Errorf("entity mismatch (-want +got):\n%s", diff)
		}
		st, err := s.Stats(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if st.Entities != 1 {
			t.Errorf("Stats.Entities = %d, want 1", st.Entities)
		}
	})

	t.Run("ReloadIsIdempotent", func(t *testing.T) {
		s := loaded(t, open)
		first := takeSnapshot(t, s)
		mustPut(t, s, diplomacy())
		if diff := gocmp.Diff(first, takeSnapshot(t, s), opts); diff != "" {
			t.Errorf("second load changed the store (-first +second):\n%s", diff)
		}
	})
}

func testEntities(t *testing.T, open func(t *testing.T) kg.Store) {
	s := loaded(t, open)
	tests := []struct {
		name string
		ids  []string
		want []string // "" where the result must be nil
	}{
		{"in order", []string{idLavrov, idKono, idJapan}, []string{idLavrov, idKono, idJapan}},
		{"nil holes", []string{"person:nobody", idKono, "", "state:atlantis", idMoscow}, []string{"", idKono, "", "", idMoscow}},
		{"repeated ids", []string{idKono, idKono, idLavrov, idKono}, []string{idKono, idKono, idLavrov, idKono}},
		{"article id is not an entity", []string{idArticle}, []string{""}},
		{"none", nil, []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Entities(t.Context(), tc.ids)
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(tc.want, entityIDs(got), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Entities ids mismatch (-want +got):\n%s", diff)
			}
			for i, e := range got {
				if e == nil {
					continue
				}
				if diff := gocmp.Diff(entityByID(tc.ids[i]), e, opts); diff != "" {
					t.Errorf("Entities[%d] mismatch (-want +got):\n%s", i, diff)
				}
			}
		})
	}
}

func testSearch(t *testing.T, open func(t *testing.T) kg.Store) {
	s := loaded(t, open)
	tests := []struct {
		name string
		q    kg.SearchQuery
		want []string
	}{
		// The meeting's name holds "Lavrov" too; both rank "other", so by name.
		{"lower case", kg.SearchQuery{Text: "lavrov"}, []string{idKonoLavrov, idLavrov}},
		{"upper case", kg.SearchQuery{Text: "LAVROV"}, []string{idKonoLavrov, idLavrov}},
		{"kind", kg.SearchQuery{Text: "lavrov", Kinds: []kg.Kind{kg.Person}}, []string{idLavrov}},
		{"accented query, accented name", kg.SearchQuery{Text: "Çavuşoğlu"}, []string{idCavusoglu}},
		{"plain query, accented name", kg.SearchQuery{Text: "Cavusoglu"}, []string{idCavusoglu}},
		{"upper-case accented query", kg.SearchQuery{Text: "MEVLÜT ÇAVUŞOĞLU"}, []string{idCavusoglu}},
		{"alias", kg.SearchQuery{Text: "USSR"}, []string{idSoviet}},
		{"alias with punctuation", kg.SearchQuery{Text: "u.s."}, []string{idUS}},
		{"any word of a name, kind filter", kg.SearchQuery{Text: "declaration", Kinds: []kg.Kind{kg.Treaty}}, []string{idDeclaration}},
		// Both rank as "other" (no name is or starts with "declaration"), so by name.
		{"any word of a name", kg.SearchQuery{Text: "declaration"}, []string{idSigning, idDeclaration}},
		{"all words must match", kg.SearchQuery{Text: "soviet declaration"}, []string{idDeclaration}},
		{"word order does not matter", kg.SearchQuery{Text: "lavrov sergey"}, []string{idLavrov}},
		{"words may come from different names", kg.SearchQuery{Text: "anpo security"}, []string{idAnpo}},
		{"a word matches whole words only", kg.SearchQuery{Text: "lav"}, nil},
		{"no match", kg.SearchQuery{Text: "Atlantis"}, nil},
		// Exact name, then names that start with the text (here through
		// the alias "Japan-Soviet Joint Declaration of 1956"), then the
		// rest; each group by name.
		{"ranking", kg.SearchQuery{Text: "Japan"}, []string{idJapan, idPeaceTalks, idDeclaration, idEisenhower, idMFA, idAnpo}},
		{"ranking with an exact alias", kg.SearchQuery{Text: "anpo"}, []string{idAnpo}},
		{"kinds", kg.SearchQuery{Text: "japan", Kinds: []kg.Kind{kg.Event, kg.Organization}}, []string{idPeaceTalks, idEisenhower, idMFA}},
		{"first", kg.SearchQuery{Text: "japan", First: 2}, []string{idJapan, idPeaceTalks}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Search(t.Context(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(tc.want, entityIDs(got), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Search(%q) mismatch (-want +got):\n%s", tc.q.Text, diff)
			}
		})
	}

	t.Run("FullEntities", func(t *testing.T) {
		got, err := s.Search(t.Context(), kg.SearchQuery{Text: "Kono"})
		if err != nil {
			t.Fatal(err)
		}
		// Both start with "kono" (Kono through his alias "Kono Taro"), so by name.
		want := []*kg.Entity{entityByID(idKonoLavrov), entityByID(idKono)}
		if diff := gocmp.Diff(want, got, opts); diff != "" {
			t.Errorf("Search(Kono) mismatch (-want +got):\n%s", diff)
		}
	})

	// Nothing a user types is query syntax, whatever the engine's query
	// language: text that would be an operator finds nothing and fails
	// nothing.
	t.Run("Injection", func(t *testing.T) {
		before, err := s.Stats(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range []string{
			`'; DROP TABLE entities; --`,
			`" OR 1=1 --`,
			`' OR '1'='1`,
			`*`,
			`NEAR(`,
			`NEAR(kono lavrov)x`,
			`"unbalanced`,
			`unbalanced'`,
			`lavrov" OR "kono`,
			`kono AND lavrov`,
			`Kono NOT Lavrov`,
			`)) OR ((`,
			`%`,
			`_`,
			"\x00",
			`$name`,
			`MATCH (n) DETACH DELETE n`,
		} {
			got, err := s.Search(t.Context(), kg.SearchQuery{Text: text})
			if err != nil {
				t.Errorf("Search(%q): %v", text, err)
			}
			if len(got) != 0 {
				t.Errorf("Search(%q) = %v, want nothing", text, entityIDs(got))
			}
		}
		after, err := s.Stats(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(before, after); diff != "" {
			t.Errorf("Stats changed by searching (-before +after):\n%s", diff)
		}
		got, err := s.Search(t.Context(), kg.SearchQuery{Text: "Sergey Lavrov"})
		if err != nil || len(got) != 1 {
			t.Errorf("Search(Sergey Lavrov) after injection attempts = %v, %v; want one entity", entityIDs(got), err)
		}
	})

	t.Run("Invalid", func(t *testing.T) {
		edgePage, err := s.Edges(t.Context(), kg.EdgeQuery{Entity: idJapan, First: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []kg.SearchQuery{
			{Text: ""},
			{Text: "   "},
			{Text: "japan", Kinds: []kg.Kind{"COUNTRY"}},
			{Text: "japan", First: -1},
			{Text: "japan", First: kg.MaxFirst + 1},
			{Text: "japan", After: "garbage"},
			{Text: "japan", After: "'; DROP TABLE entities; --"},
			{Text: "japan", After: base64.RawURLEncoding.EncodeToString([]byte(`s1:[9,"x","y"]`))},
			{Text: "japan", After: edgePage.Cursors[0]}, // an edge cursor is no search cursor
			// A flood of words (issue #12: 375 KB took 1.6 GB on SQLite).
			{Text: strings.Repeat("japan ", kg.MaxSearchWords+1)},
			{Text: strings.Repeat("j", kg.MaxSearchBytes+1)},
		} {
			_, err := s.Search(t.Context(), q)
			wantCode(t, err, kg.EINVALID)
			_, err = s.SearchPage(t.Context(), q)
			wantCode(t, err, kg.EINVALID)
		}
	})

	// SearchPage pages through what Search finds: every case of the table
	// whole, in pages of 1, 2 and 3, with the count of all matches on each.
	t.Run("Pages", func(t *testing.T) {
		for _, tc := range tests {
			if tc.q.First != 0 {
				continue
			}
			for _, first := range []int{1, 2, 3} {
				q := tc.q
				q.First = first
				var got []string
				for pages := 0; ; pages++ {
					if pages > len(tc.want) {
						t.Fatalf("%s: more pages than matches", tc.name)
					}
					p, err := s.SearchPage(t.Context(), q)
					if err != nil {
						t.Fatalf("%s: %v", tc.name, err)
					}
					if p.TotalCount != len(tc.want) || len(p.Entities) > first || len(p.Cursors) != len(p.Entities) {
						t.Errorf("%s, page %d of %d: TotalCount %d, %d entities, %d cursors", tc.name, pages, first, p.TotalCount, len(p.Entities), len(p.Cursors))
					}
					got = append(got, entityIDs(p.Entities)...)
					if !p.HasNext {
						break
					}
					q.After = p.Cursors[len(p.Cursors)-1]
				}
				if diff := gocmp.Diff(tc.want, got, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("%s in pages of %d (-want +got):\n%s", tc.name, first, diff)
				}
			}
		}
	})

	// Every cursor resumes right after its entity; after the last one the
	// page is empty and still counts every match.
	t.Run("EveryCursor", func(t *testing.T) {
		all, err := s.SearchPage(t.Context(), kg.SearchQuery{Text: "Japan"})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{idJapan, idPeaceTalks, idDeclaration, idEisenhower, idMFA, idAnpo}
		if diff := gocmp.Diff(want, entityIDs(all.Entities)); diff != "" || all.TotalCount != len(want) || all.HasNext {
			t.Fatalf("SearchPage(Japan): TotalCount %d, HasNext %v, entities (-want +got):\n%s", all.TotalCount, all.HasNext, diff)
		}
		for i, c := range all.Cursors {
			rest, err := s.SearchPage(t.Context(), kg.SearchQuery{Text: "Japan", After: c})
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(want[i+1:], entityIDs(rest.Entities), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("after cursor %d (-want +got):\n%s", i, diff)
			}
			if rest.TotalCount != len(want) || rest.HasNext {
				t.Errorf("after cursor %d: TotalCount %d, HasNext %v", i, rest.TotalCount, rest.HasNext)
			}
		}
		kinds, err := s.SearchPage(t.Context(), kg.SearchQuery{Text: "Japan", Kinds: []kg.Kind{kg.Treaty}, After: all.Cursors[len(all.Cursors)-1]})
		if err != nil || len(kinds.Entities) != 0 || kinds.TotalCount != 2 {
			t.Errorf("past the last treaty named Japan: %v, TotalCount %d, %v; want none of 2", entityIDs(kinds.Entities), kinds.TotalCount, err)
		}
	})
}

func testMentions(t *testing.T, open func(t *testing.T) kg.Store) {
	s := loaded(t, open)
	// The article's first sentence is evidence for the meeting, its two
	// participants and its place, and for the MENTIONS edge to Kono; the
	// second for the meeting's subject. Çavuşoğlu is named by a MENTIONS
	// edge without evidence, so comes last. Within a sentence, by id.
	want := []kg.Mention{
		{Entity: idKonoLavrov, Sentence: 0}, {Entity: idLavrov, Sentence: 0}, {Entity: idKono, Sentence: 0}, {Entity: idMoscow, Sentence: 0},
		{Entity: idDeclaration, Sentence: 1},
		{Entity: idCavusoglu, Sentence: -1},
	}
	got, err := s.Mentions(t.Context(), []string{idArticle, "article:none", idArticle})
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff([][]kg.Mention{want, nil, want}, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Mentions mismatch (-want +got):\n%s", diff)
	}
	if got, err := s.Mentions(t.Context(), nil); err != nil || len(got) != 0 {
		t.Errorf("Mentions(nil) = %v, %v", got, err)
	}

	// A second article that cites an edge already cited by the first, and
	// mentions Kono (later than its own first sentence about him): each
	// article lists what its own sentences say.
	second := kg.ArticleID("second")
	ev := func(i int) kg.Evidence {
		return kg.Evidence{Article: second, Sentence: i, Quote: fmt.Sprintf("Sentence %d.", i)}
	}
	treaty, mention := cloneEdge(eJapanDeclaration), cloneEdge(eMentionsKono)
	treaty.Evidence, mention.Evidence = []kg.Evidence{ev(3), ev(2)}, []kg.Evidence{ev(5)}
	mention.ID, mention.From = kg.EdgeID(kg.Mentions, second, idKono, ""), second
	office := cloneEdge(eKonoOffice)
	office.Evidence = []kg.Evidence{ev(4)}
	mustPut(t, s, &kg.Batch{Articles: []kg.Article{{ID: second, Title: "Second"}}, Edges: []kg.Edge{treaty, mention, office}})
	got, err = s.Mentions(t.Context(), []string{second, idArticle})
	if err != nil {
		t.Fatal(err)
	}
	wantSecond := []kg.Mention{{Entity: idJapan, Sentence: 2}, {Entity: idDeclaration, Sentence: 2}, {Entity: idKono, Sentence: 4}}
	if diff := gocmp.Diff([][]kg.Mention{wantSecond, want}, got); diff != "" {
		t.Errorf("Mentions of two articles (-want +got):\n%s", diff)
	}

	// Article ids are data, never query syntax: ids that a query language
	// reads as fields, operators, wildcards, ranges or escapes find exactly
	// the edges that cite them, and no id finds those of an id it is a
	// prefix of, or equal to but for case.
	t.Run("IDs", func(t *testing.T) {
		s := loaded(t, open)
		ids := []string{`article:000-abc`, `article:000`, `Article:000-ABC`, `*`, `article:*`, `a"b`, `a\b`, `a\"`,
			`article:a OR article:b`, `article:a`, `(x) AND [y TO z]`, `ü~2`, `+a -b`, `a b`}
		b := &kg.Batch{}
		want := make([][]kg.Mention, len(ids))
		for i, id := range ids {
			name := fmt.Sprintf("Quoted Town %02d", i)
			place := kg.EntityID(kg.Place, name)
			b.Entities = append(b.Entities, kg.Entity{ID: place, Kind: kg.Place, Name: name})
			b.Edges = append(b.Edges, kg.Edge{ID: kg.EdgeID(kg.LocatedIn, place, idJapan, ""), Type: kg.LocatedIn, From: place, To: idJapan,
				Evidence: []kg.Evidence{{Article: id, Sentence: i + 1, Quote: "A town."}}})
			want[i] = []kg.Mention{{Entity: place, Sentence: i + 1}, {Entity: idJapan, Sentence: i + 1}}
		}
		mustPut(t, s, b)
		// Ids no edge cites, each a pattern or prefix of some that are.
		ask := append(slices.Clone(ids), `article:00*`, `article`, `*:*`, `article:000-ab?`)
		want = append(want, nil, nil, nil, nil)
		got, err := s.Mentions(t.Context(), ask)
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("Mentions of ids that read as query syntax (-want +got):\n%s", diff)
		}
	})

	// An article cited by more edges than kg.MaxMentions entities: the
	// first MaxMentions in sentence order, then by id.
	t.Run("Cap", func(t *testing.T) {
		s := loaded(t, open)
		big := kg.ArticleID("big")
		n := kg.MaxMentions + 100
		b := &kg.Batch{Articles: []kg.Article{{ID: big, Title: "Big"}}}
		var all []kg.Mention
		for i := range n {
			place := kg.EntityID(kg.Place, fmt.Sprintf("Town %05d", i))
			b.Entities = append(b.Entities, kg.Entity{ID: place, Kind: kg.Place, Name: fmt.Sprintf("Town %05d", i)})
			// Sentences from the last town to the first, so that store
			// order and sentence order differ.
			sentence := n - 1 - i
			b.Edges = append(b.Edges, kg.Edge{ID: kg.EdgeID(kg.LocatedIn, place, idJapan, ""), Type: kg.LocatedIn, From: place, To: idJapan,
				Evidence: []kg.Evidence{{Article: big, Sentence: sentence, Quote: "A town."}}})
			all = append(all, kg.Mention{Entity: place, Sentence: sentence})
		}
		all = append(all, kg.Mention{Entity: idJapan, Sentence: 0})
		slices.SortFunc(all, kg.CompareMentions)
		mustPut(t, s, b)
		got, err := s.Mentions(t.Context(), []string{big})
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff([][]kg.Mention{all[:kg.MaxMentions]}, got); diff != "" {
			t.Errorf("Mentions of a big article (-want +got):\n%s", diff)
		}
	})
}

func testEdges(t *testing.T, open func(t *testing.T) kg.Store) {
	s := loaded(t, open)
	d := kg.MustParseDate
	tests := []struct {
		name string
		q    kg.EdgeQuery
		want []*kg.Edge
	}{
		{"all", kg.EdgeQuery{Entity: idJapan}, japanEdges()},
		{"both", kg.EdgeQuery{Entity: idJapan, Direction: kg.Both}, japanEdges()},
		{"out", kg.EdgeQuery{Entity: idJapan, Direction: kg.Out}, []*kg.Edge{eJapanMoscowTalks, eJapanDeclaration, eJapanAllied, eJapanAnpo, eJapanSummit, eJapanClaims}},
		{"in", kg.EdgeQuery{Entity: idJapan, Direction: kg.In}, []*kg.Edge{eKonoOffice, eTokyoInJapan}},
		{"one type", kg.EdgeQuery{Entity: idJapan, Types: []kg.EdgeType{kg.PartyTo}}, []*kg.Edge{eJapanDeclaration, eJapanAnpo}},
		{"two types", kg.EdgeQuery{Entity: idJapan, Types: []kg.EdgeType{kg.AlliedWith, kg.PartyTo}}, []*kg.Edge{eJapanDeclaration, eJapanAllied, eJapanAnpo}},
		{"type and direction", kg.EdgeQuery{Entity: idJapan, Types: []kg.EdgeType{kg.HoldsOffice}, Direction: kg.Out}, nil},
		// "1956" covers October 1956, so it overlaps a window inside it.
		{"window, mixed precisions", kg.EdgeQuery{Entity: idJapan, From: d("1956-10-01"), To: d("1956-10-31")}, []*kg.Edge{eJapanMoscowTalks, eJapanDeclaration}},
		{"window a year", kg.EdgeQuery{Entity: idJapan, From: d("1956"), To: d("1956")}, []*kg.Edge{eJapanMoscowTalks, eJapanDeclaration}},
		{"window after", kg.EdgeQuery{Entity: idDeclaration, From: d("1957"), To: d("1957")}, nil},
		{"only from", kg.EdgeQuery{Entity: idJapan, From: d("1957")}, []*kg.Edge{eJapanAllied, eJapanAnpo, eKonoOffice, eJapanSummit}},
		{"only to", kg.EdgeQuery{Entity: idJapan, To: d("1959-12-31")}, []*kg.Edge{eJapanMoscowTalks, eJapanDeclaration}},
		// Kono's term (2017-08 to 2019-09) started before the window.
		{"range overlapping the window", kg.EdgeQuery{Entity: idJapan, From: d("2019-01"), To: d("2019-12")}, []*kg.Edge{eKonoOffice}},
		{"range after its start", kg.EdgeQuery{Entity: idJapan, From: d("2019-09-30")}, []*kg.Edge{eKonoOffice}},
		{"range after its end", kg.EdgeQuery{Entity: idJapan, From: d("2019-10-01")}, nil},
		{"mentions are edges", kg.EdgeQuery{Entity: idCavusoglu}, []*kg.Edge{eMentionsCavusoglu}},
		{"first", kg.EdgeQuery{Entity: idJapan, First: 3}, japanEdges()[:3]},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := s.Edges(t.Context(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(edgeIDs(tc.want), edgeIDs(p.Edges), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Edges ids mismatch (-want +got):\n%s", diff)
			}
			if diff := gocmp.Diff(tc.want, p.Edges, opts); diff != "" {
				t.Errorf("Edges mismatch (-want +got):\n%s", diff)
			}
			if len(p.Cursors) != len(p.Edges) {
				t.Errorf("%d cursors for %d edges", len(p.Cursors), len(p.Edges))
			}
		})
	}

	// A loader can produce an edge from an entity to itself, when two
	// names it took for two treaties resolve to one: BOTH lists it once.
	// (Not in RunReads: it writes the loop.)
	if !isReadOnly(s) {
		t.Run("SelfLoop", func(t *testing.T) {
			s := loaded(t, open)
			loop := edge(kg.BasedOn, idDeclaration, idDeclaration, "", "1956-10-19", "", "")
			mustPut(t, s, &kg.Batch{Edges: []kg.Edge{cloneEdge(loop)}})
			for _, dir := range []kg.Direction{kg.Both, kg.Out, kg.In} {
				p, err := s.Edges(t.Context(), kg.EdgeQuery{Entity: idDeclaration, Direction: dir, Types: []kg.EdgeType{kg.BasedOn}})
				if err != nil {
					t.Fatal(err)
				}
				if diff := gocmp.Diff([]string{loop.ID}, edgeIDs(p.Edges)); diff != "" || p.TotalCount != 1 {
					t.Errorf("%s: TotalCount %d, edges (-want +got):\n%s", dir, p.TotalCount, diff)
				}
			}
			// A self-loop is no step of a path.
			if _, err := s.Path(t.Context(), kg.PathQuery{From: idDeclaration, To: idHatoyama}); err != nil {
				t.Errorf("Path beside a self-loop: %v", err)
			}
		})
	}

	t.Run("TotalCount", func(t *testing.T) {
		p, err := s.Edges(t.Context(), kg.EdgeQuery{Entity: idJapan, First: 2, From: d("1956")})
		if err != nil {
			t.Fatal(err)
		}
		if p.TotalCount != 6 || !p.HasNext || len(p.Edges) != 2 {
			t.Errorf("TotalCount, HasNext, len = %d, %v, %d; want 6, true, 2", p.TotalCount, p.HasNext, len(p.Edges))
		}
	})

	t.Run("Pagination", func(t *testing.T) {
		for _, q := range []kg.EdgeQuery{
			{Entity: idJapan},
			{Entity: idJapan, Direction: kg.Out},
			{Entity: idJapan, From: d("1956")},
			{Entity: idJapan, Types: []kg.EdgeType{kg.PartyTo, kg.LocatedIn, kg.Claims}},
		} {
			all, err := s.Edges(t.Context(), kg.EdgeQuery{Entity: q.Entity, Direction: q.Direction, Types: q.Types, From: q.From, First: kg.MaxFirst})
			if err != nil {
				t.Fatal(err)
			}
			for _, first := range []int{1, 2, 3, 5} {
				q.First = first
				var got []*kg.Edge
				q.After = ""
				for pages := 0; ; pages++ {
					if pages > len(all.Edges) {
						t.Fatalf("more pages than edges for %+v", q)
					}
					p, err := s.Edges(t.Context(), q)
					if err != nil {
						t.Fatal(err)
					}
					if p.TotalCount != all.TotalCount {
						t.Errorf("page %d: TotalCount = %d, want %d", pages, p.TotalCount, all.TotalCount)
					}
					if len(p.Edges) > first {
						t.Errorf("page %d: %d edges, want at most %d", pages, len(p.Edges), first)
					}
					got = append(got, p.Edges...)
					if !p.HasNext {
						break
					}
					q.After = p.Cursors[len(p.Cursors)-1]
				}
				if diff := gocmp.Diff(edgeIDs(all.Edges), edgeIDs(got)); diff != "" {
					t.Errorf("pages of %d for %+v mismatch (-want +got):\n%s", first, q, diff)
				}
			}
		}
	})

	// Every cursor resumes right after its edge, not only the last one.
	t.Run("EveryCursor", func(t *testing.T) {
		p, err := s.Edges(t.Context(), kg.EdgeQuery{Entity: idJapan})
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range p.Cursors {
			rest, err := s.Edges(t.Context(), kg.EdgeQuery{Entity: idJapan, After: c})
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(edgeIDs(p.Edges[i+1:]), edgeIDs(rest.Edges), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("after cursor %d (-want +got):\n%s", i, diff)
			}
			if rest.HasNext {
				t.Errorf("after cursor %d: HasNext", i)
			}
		}
	})

	// Dated keeps the dated edges only, counted as such; AfterKey resumes
	// after any (date, id) place, as a merge of edges and events needs:
	// after each dated edge's own key, the rest of the list.
	t.Run("DatedAndAfterKey", func(t *testing.T) {
		for _, q := range []kg.EdgeQuery{
			{Entity: idJapan},
			{Entity: idJapan, Types: []kg.EdgeType{kg.PartyTo, kg.HoldsOffice, kg.AlliedWith}},
			{Entity: idJapan, From: d("1956")},
		} {
			all, err := s.Edges(t.Context(), kg.EdgeQuery{Entity: q.Entity, Types: q.Types, From: q.From, First: kg.MaxFirst})
			if err != nil {
				t.Fatal(err)
			}
			var dated []*kg.Edge
			for _, e := range all.Edges {
				if !e.Date.IsZero() {
					dated = append(dated, e)
				}
			}
			q.Dated, q.First = true, kg.MaxFirst
			p, err := s.Edges(t.Context(), q)
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(edgeIDs(dated), edgeIDs(p.Edges), cmpopts.EquateEmpty()); diff != "" || p.TotalCount != len(dated) {
				t.Errorf("Dated %+v: TotalCount %d, want %d; (-want +got):\n%s", q, p.TotalCount, len(dated), diff)
			}
			for i, e := range dated {
				q.AfterKey = &kg.EventKey{Date: e.Date, ID: e.ID}
				rest, err := s.Edges(t.Context(), q)
				if err != nil {
					t.Fatal(err)
				}
				if diff := gocmp.Diff(edgeIDs(dated[i+1:]), edgeIDs(rest.Edges), cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("after key of %s (-want +got):\n%s", e.ID, diff)
				}
				if rest.TotalCount != len(dated) {
					t.Errorf("after key of %s: TotalCount %d, want %d (the whole query's)", e.ID, rest.TotalCount, len(dated))
				}
			}
			q.AfterKey = nil
		}
		_, err := s.Edges(t.Context(), kg.EdgeQuery{Entity: idJapan, AfterKey: &kg.EventKey{ID: idJapan}})
		wantCode(t, err, kg.EINVALID)
		p, _ := s.Edges(t.Context(), kg.EdgeQuery{Entity: idJapan, First: 1})
		_, err = s.Edges(t.Context(), kg.EdgeQuery{Entity: idJapan, After: p.Cursors[0], AfterKey: &kg.EventKey{Date: d("1956"), ID: "x"}})
		wantCode(t, err, kg.EINVALID)
	})

	t.Run("Errors", func(t *testing.T) {
		tests := []struct {
			name string
			q    kg.EdgeQuery
			code string
		}{
			{"unknown entity", kg.EdgeQuery{Entity: "state:atlantis"}, kg.ENOTFOUND},
			{"no entity", kg.EdgeQuery{}, kg.ENOTFOUND},
			{"garbage cursor", kg.EdgeQuery{Entity: idJapan, After: "garbage"}, kg.EINVALID},
			{"base64 garbage cursor", kg.EdgeQuery{Entity: idJapan, After: base64.StdEncoding.EncodeToString([]byte("1956|x"))}, kg.EINVALID},
			{"sql in cursor", kg.EdgeQuery{Entity: idJapan, After: "'; DROP TABLE edges; --"}, kg.EINVALID},
			{"unknown direction", kg.EdgeQuery{Entity: idJapan, Direction: "SIDEWAYS"}, kg.EINVALID},
			{"unknown type", kg.EdgeQuery{Entity: idJapan, Types: []kg.EdgeType{"FRIENDS_WITH"}}, kg.EINVALID},
			{"negative first", kg.EdgeQuery{Entity: idJapan, First: -1}, kg.EINVALID},
			{"first too large", kg.EdgeQuery{Entity: idJapan, First: kg.MaxFirst + 1}, kg.EINVALID},
			{"window backwards", kg.EdgeQuery{Entity: idJapan, From: d("1960"), To: d("1956")}, kg.EINVALID},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				_, err := s.Edges(t.Context(), tc.q)
				wantCode(t, err, tc.code)
			})
		}
	})

	t.Run("ByID", func(t *testing.T) {
		page, err := s.Edges(t.Context(), kg.EdgeQuery{Entity: idJapan, First: kg.MaxFirst})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Edges) == 0 {
			t.Fatal("Japan has no edges in the fixture")
		}
		for _, want := range page.Edges {
			got, err := s.Edge(t.Context(), want.ID)
			if err != nil {
				t.Fatalf("Edge(%q): %v", want.ID, err)
			}
			if diff := gocmp.Diff(want, got, opts); diff != "" {
				t.Errorf("Edge(%q) differs from its page (-want +got):\n%s", want.ID, diff)
			}
		}
		_, err = s.Edge(t.Context(), "edge:0000000000")
		wantCode(t, err, kg.ENOTFOUND)
		_, err = s.Edge(t.Context(), "'; DROP TABLE edges; --")
		wantCode(t, err, kg.ENOTFOUND)
	})

	t.Run("Batch", func(t *testing.T) {
		// Every case of the table in one batch: queries of every shape
		// (directions, types, windows, page sizes), each page as the table
		// has it.
		qs := make([]kg.EdgeQuery, len(tests))
		for i, tc := range tests {
			qs[i] = tc.q
		}
		got, err := s.EdgesBatch(t.Context(), qs)
		if err != nil {
			t.Fatal(err)
		}
		for i, tc := range tests {
			if diff := gocmp.Diff(tc.want, got[i].Edges, opts); diff != "" {
				t.Errorf("%s: page in a batch (-want +got):\n%s", tc.name, diff)
			}
			if tc.q.First == 0 && (got[i].TotalCount != len(tc.want) || got[i].HasNext) {
				t.Errorf("%s: TotalCount, HasNext = %d, %v; want %d, false", tc.name, got[i].TotalCount, got[i].HasNext, len(tc.want))
			}
		}
		// The same batch asking for no evidence: the same pages, counts and
		// cursors, evidence or not.
		for i := range qs {
			qs[i].NoEvidence = true
		}
		bare, err := s.EdgesBatch(t.Context(), qs)
		if err != nil {
			t.Fatal(err)
		}
		noEvidence := gocmp.Transformer("noEvidence", func(e *kg.Edge) kg.Edge {
			c := *e
			c.Evidence = nil
			return c
		})
		for i, tc := range tests {
			if diff := gocmp.Diff(got[i], bare[i], opts, noEvidence); diff != "" {
				t.Errorf("%s: page without evidence (-with +without):\n%s", tc.name, diff)
			}
		}
		// Cursors in a batch: each page resumes after its own cursor.
		all, err := s.Edges(t.Context(), kg.EdgeQuery{Entity: idJapan})
		if err != nil {
			t.Fatal(err)
		}
		qs = nil
		for _, c := range all.Cursors {
			qs = append(qs, kg.EdgeQuery{Entity: idJapan, After: c, First: 2})
		}
		got, err = s.EdgesBatch(t.Context(), append(qs, kg.EdgeQuery{Entity: idDeclaration}))
		if err != nil {
			t.Fatal(err)
		}
		for i := range all.Cursors {
			want := all.Edges[i+1 : min(i+3, len(all.Edges))]
			if diff := gocmp.Diff(edgeIDs(want), edgeIDs(got[i].Edges), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("after cursor %d in a batch (-want +got):\n%s", i, diff)
			}
			if got[i].HasNext != (i+3 < len(all.Edges)) || got[i].TotalCount != all.TotalCount {
				t.Errorf("after cursor %d in a batch: HasNext, TotalCount = %v, %d", i, got[i].HasNext, got[i].TotalCount)
			}
		}

		qs = []kg.EdgeQuery{
			{Entity: idJapan, First: 2},
			{Entity: idLavrov, Direction: kg.Out},
			{Entity: idDeclaration, Types: []kg.EdgeType{kg.PartyTo}},
			{Entity: idJapan, First: 2}, // the same query twice gets the same page twice
		}
		got, err = s.EdgesBatch(t.Context(), qs)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(qs) {
			t.Fatalf("EdgesBatch returned %d pages for %d queries", len(got), len(qs))
		}
		for i, q := range qs {
			want, err := s.Edges(t.Context(), q)
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(want, got[i], opts); diff != "" {
				t.Errorf("page %d differs from Edges (-want +got):\n%s", i, diff)
			}
		}
		if pages, err := s.EdgesBatch(t.Context(), nil); err != nil || len(pages) != 0 {
			t.Errorf("empty batch = %v, %v", pages, err)
		}
		_, err = s.EdgesBatch(t.Context(), []kg.EdgeQuery{{Entity: idJapan}, {Entity: "state:atlantis"}})
		wantCode(t, err, kg.ENOTFOUND)
	})
}

func testEvents(t *testing.T, open func(t *testing.T) kg.Store) {
	s := loaded(t, open)
	d := kg.MustParseDate
	allDated := []string{idWW2, idMoscowTalks, idHatoyamaVis, idSigning, idEisenhower, idSummit, idKonoLavrov}
	tests := []struct {
		name string
		q    kg.EventQuery
		want []string
	}{
		{"no bounds: every dated event", kg.EventQuery{}, allDated},
		// The negotiations are dated "1956-10", which sorts before the days in it.
		{"window", kg.EventQuery{From: d("1956-10-01"), To: d("1956-10-31")}, []string{idMoscowTalks, idHatoyamaVis, idSigning}},
		{"window of a day inside a range", kg.EventQuery{From: d("1956-10-15"), To: d("1956-10-15")}, []string{idMoscowTalks}},
		// The war started in 1939 and ended in 1945.
		{"long event overlapping the window", kg.EventQuery{From: d("1944"), To: d("1944")}, []string{idWW2}},
		{"only from", kg.EventQuery{From: d("1945-09-02")}, allDated},
		{"only from, after the war", kg.EventQuery{From: d("1945-09-03")}, allDated[1:]},
		{"only to", kg.EventQuery{To: d("1956-10-12")}, []string{idWW2, idMoscowTalks, idHatoyamaVis}},
		{"entity", kg.EventQuery{Entity: idJapan}, []string{idMoscowTalks, idSummit}},
		{"entity at the other end of the edge", kg.EventQuery{Entity: idDeclaration}, []string{idMoscowTalks, idKonoLavrov}},
		{"entity and window", kg.EventQuery{Entity: idDeclaration, From: d("2000")}, []string{idKonoLavrov}},
		{"entity without events", kg.EventQuery{Entity: idTokyo}, nil},
		{"types", kg.EventQuery{Types: []kg.EventType{kg.Visit, kg.Signing}}, []string{idHatoyamaVis, idSigning, idEisenhower}},
		{"statuses", kg.EventQuery{Statuses: []kg.Status{kg.Cancelled}}, []string{idEisenhower}},
		{"types and statuses", kg.EventQuery{Types: []kg.EventType{kg.Visit}, Statuses: []kg.Status{kg.Occurred}}, []string{idHatoyamaVis}},
		{"first", kg.EventQuery{First: 2}, allDated[:2]},
		{"nothing in the window", kg.EventQuery{From: d("1970"), To: d("1979")}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Events(t.Context(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(tc.want, entityIDs(got), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Events mismatch (-want +got):\n%s", diff)
			}
			// The count is of every page: First does not narrow it.
			all := tc.want
			if tc.q.First > 0 {
				all = allDated
			}
			if n, err := s.CountEvents(t.Context(), tc.q); err != nil || n != len(all) {
				t.Errorf("CountEvents = %d, %v; want %d", n, err, len(all))
			}
			// Keyset pages of one and of two events, each starting after
			// the last of the page before, add up to the whole list.
			for _, size := range []int{1, 2} {
				var paged []string
				q := tc.q
				q.First = size
				for range len(all) + 1 {
					page, err := s.Events(t.Context(), q)
					if err != nil {
						t.Fatalf("page of %d after %+v: %v", size, q.After, err)
					}
					paged = append(paged, entityIDs(page)...)
					if len(page) < size {
						break
					}
					last := page[len(page)-1]
					q.After = &kg.EventKey{Date: last.Date, ID: last.ID}
				}
				if diff := gocmp.Diff(all, paged, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("pages of %d mismatch (-want +got):\n%s", size, diff)
				}
			}
		})
	}

	t.Run("FullEntities", func(t *testing.T) {
		got, err := s.Events(t.Context(), kg.EventQuery{From: d("2019")})
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff([]*kg.Entity{entityByID(idKonoLavrov)}, got, opts); diff != "" {
			t.Errorf("Events mismatch (-want +got):\n%s", diff)
		}
	})

	t.Run("Errors", func(t *testing.T) {
		tests := []struct {
			name string
			q    kg.EventQuery
			code string
		}{
			{"unknown entity", kg.EventQuery{Entity: "state:atlantis"}, kg.ENOTFOUND},
			{"unknown type", kg.EventQuery{Types: []kg.EventType{"PICNIC"}}, kg.EINVALID},
			{"unknown status", kg.EventQuery{Statuses: []kg.Status{"DONE"}}, kg.EINVALID},
			{"negative first", kg.EventQuery{First: -1}, kg.EINVALID},
			{"first too large", kg.EventQuery{First: kg.MaxFirst + 1}, kg.EINVALID},
			{"window backwards", kg.EventQuery{From: d("2019-01-14"), To: d("2019-01-13")}, kg.EINVALID},
			{"cursor without a date", kg.EventQuery{After: &kg.EventKey{ID: idSigning}}, kg.EINVALID},
			{"cursor without an id", kg.EventQuery{After: &kg.EventKey{Date: d("1956-10-19")}}, kg.EINVALID},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				_, err := s.Events(t.Context(), tc.q)
				wantCode(t, err, tc.code)
				if tc.q.First == 0 {
					_, err = s.CountEvents(t.Context(), tc.q)
					wantCode(t, err, tc.code)
				}
			})
		}
	})
}

// walk renders a path as "from -[edge type]- to" steps, and checks that
// each step is oriented along the walk and uses an edge between its ends.
func walk(t *testing.T, p *kg.Path) []string {
	t.Helper()
	var steps []string
	for i, st := range p.Steps {
		if st.From == nil || st.Edge == nil || st.To == nil {
			t.Fatalf("step %d has nil parts: %+v", i, st)
		}
		if i > 0 && st.From.ID != p.Steps[i-1].To.ID {
			t.Errorf("step %d starts at %s, the previous step ended at %s", i, st.From.ID, p.Steps[i-1].To.ID)
		}
		if !(st.Edge.From == st.From.ID && st.Edge.To == st.To.ID) && !(st.Edge.To == st.From.ID && st.Edge.From == st.To.ID) {
			t.Errorf("step %d walks %s to %s over edge %s→%s", i, st.From.ID, st.To.ID, st.Edge.From, st.Edge.To)
		}
		steps = append(steps, fmt.Sprintf("%s -%s- %s", st.From.ID, st.Edge.Type, st.To.ID))
	}
	return steps
}

func testPath(t *testing.T, open func(t *testing.T) kg.Store) {
	s := loaded(t, open)
	// A chain from the ministry to Lavrov needs five hops, one more than the
	// default limit: MOFA – Tokyo – Japan – (Kono | the Declaration | the
	// Singapore summit) – … – Lavrov.
	tests := []struct {
		name string
		q    kg.PathQuery
		want []string
	}{
		// Lavrov's edge points at the meeting, so the second step walks it backwards.
		{"two hops, against the edge direction", kg.PathQuery{From: idKono, To: idLavrov}, []string{
			idKono + " -PARTICIPATED_IN- " + idKonoLavrov,
			idKonoLavrov + " -PARTICIPATED_IN- " + idLavrov,
		}},
		{"reverse", kg.PathQuery{From: idLavrov, To: idKono}, []string{
			idLavrov + " -PARTICIPATED_IN- " + idKonoLavrov,
			idKonoLavrov + " -PARTICIPATED_IN- " + idKono,
		}},
		{"one hop", kg.PathQuery{From: idTokyo, To: idJapan}, []string{idTokyo + " -LOCATED_IN- " + idJapan}},
		{"three hops", kg.PathQuery{From: idHatoyama, To: idUS}, []string{
			idHatoyama + " -SIGNED- " + idDeclaration,
			idDeclaration + " -PARTY_TO- " + idJapan,
			idJapan + " -ALLIED_WITH- " + idUS,
		}},
		{"types", kg.PathQuery{From: idHatoyama, To: idUS, Types: []kg.EdgeType{kg.SignedEdge, kg.PartyTo}}, []string{
			idHatoyama + " -SIGNED- " + idDeclaration,
			idDeclaration + " -PARTY_TO- " + idJapan,
			idJapan + " -PARTY_TO- " + idAnpo,
			idAnpo + " -PARTY_TO- " + idUS,
		}},
		{"to itself", kg.PathQuery{From: idJapan, To: idJapan}, nil},
		{"max hops is enough", kg.PathQuery{From: idHatoyama, To: idUS, MaxHops: 3}, []string{
			idHatoyama + " -SIGNED- " + idDeclaration,
			idDeclaration + " -PARTY_TO- " + idJapan,
			idJapan + " -ALLIED_WITH- " + idUS,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := s.Path(t.Context(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(tc.want, walk(t, p), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Path mismatch (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("FullSteps", func(t *testing.T) {
		p, err := s.Path(t.Context(), kg.PathQuery{From: idKono, To: idLavrov})
		if err != nil {
			t.Fatal(err)
		}
		want := &kg.Path{Steps: []kg.Step{
			{From: entityByID(idKono), Edge: eKonoMeeting, To: entityByID(idKonoLavrov)},
			{From: entityByID(idKonoLavrov), Edge: eLavrovMeeting, To: entityByID(idLavrov)},
		}}
		if diff := gocmp.Diff(want, p, opts); diff != "" {
			t.Errorf("Path mismatch (-want +got):\n%s", diff)
		}
	})

	t.Run("HopLimits", func(t *testing.T) {
		tests := []struct {
			name string
			q    kg.PathQuery
			hops int // 0: ENOTFOUND
		}{
			{"default limit is four", kg.PathQuery{From: idMFA, To: idLavrov}, 0},
			{"five hops", kg.PathQuery{From: idMFA, To: idLavrov, MaxHops: 5}, 5},
			{"the limit itself", kg.PathQuery{From: idMFA, To: idLavrov, MaxHops: kg.MaxHops}, 5},
			{"one hop short", kg.PathQuery{From: idKono, To: idLavrov, MaxHops: 1}, 0},
			{"types make it longer", kg.PathQuery{From: idHatoyama, To: idUS, MaxHops: 3, Types: []kg.EdgeType{kg.SignedEdge, kg.PartyTo}}, 0},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				p, err := s.Path(t.Context(), tc.q)
				if tc.hops == 0 {
					wantCode(t, err, kg.ENOTFOUND)
					if !errors.Is(err, kg.ErrNoWalk) {
						t.Errorf("error %v: both ends exist, want it to wrap kg.ErrNoWalk", err)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				walk(t, p)
				if p.Hops() != tc.hops {
					t.Errorf("Hops() = %d, want %d", p.Hops(), tc.hops)
				}
			})
		}
	})

	// Two people named in one article are not related by default: MENTIONS
	// edges are walked only when asked for, and then through the article.
	t.Run("Mentions", func(t *testing.T) {
		_, err := s.Path(t.Context(), kg.PathQuery{From: idKono, To: idCavusoglu})
		wantCode(t, err, kg.ENOTFOUND)

		p, err := s.Path(t.Context(), kg.PathQuery{From: idKono, To: idCavusoglu, Types: []kg.EdgeType{kg.Mentions}})
		if err != nil {
			t.Fatal(err)
		}
		if p.Hops() != 2 || p.Steps[0].To.ID != idArticle {
			t.Errorf("Path over MENTIONS = %v, want two hops through %s", walk(t, p), idArticle)
		}
	})

	t.Run("Errors", func(t *testing.T) {
		tests := []struct {
			name string
			q    kg.PathQuery
			code string
		}{
			{"unknown from", kg.PathQuery{From: "person:nobody", To: idJapan}, kg.ENOTFOUND},
			{"unknown to", kg.PathQuery{From: idJapan, To: "person:nobody"}, kg.ENOTFOUND},
			{"unknown itself", kg.PathQuery{From: "person:nobody", To: "person:nobody"}, kg.ENOTFOUND},
			{"too many hops", kg.PathQuery{From: idKono, To: idLavrov, MaxHops: kg.MaxHops + 1}, kg.EINVALID},
			{"negative hops", kg.PathQuery{From: idKono, To: idLavrov, MaxHops: -1}, kg.EINVALID},
			{"unknown type", kg.PathQuery{From: idKono, To: idLavrov, Types: []kg.EdgeType{"FRIENDS_WITH"}}, kg.EINVALID},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				_, err := s.Path(t.Context(), tc.q)
				wantCode(t, err, tc.code)
				if errors.Is(err, kg.ErrNoWalk) {
					t.Errorf("error %v wraps kg.ErrNoWalk: an end does not exist, or the query is bad", err)
				}
			})
		}
	})
}

func testArticle(t *testing.T, open func(t *testing.T) kg.Store) {
	s := loaded(t, open)
	want := &diplomacy().Articles[0]
	got, err := s.Article(t.Context(), idArticle)
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(want, got, opts); diff != "" {
		t.Errorf("Article mismatch (-want +got):\n%s", diff)
	}

	// A second load of the article keeps what is stored: evidence offsets
	// already point into the stored text.
	changed := *want
	changed.Title = "Lavrov receives Kono"
	changed.Text = "A different body."
	mustPut(t, s, &kg.Batch{Articles: []kg.Article{changed}})
	if got, err = s.Article(t.Context(), idArticle); err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(want, got, opts); diff != "" {
		t.Errorf("Article after a second load (-want +got):\n%s", diff)
	}

	second := kg.Article{ID: kg.ArticleID("second"), Title: "Second", Published: kg.MustParseDate("2019-01")}
	mustPut(t, s, &kg.Batch{Articles: []kg.Article{second}})
	list, err := s.Articles(t.Context(), []string{second.ID, "article:none", idArticle, second.ID})
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff([]*kg.Article{&second, nil, want, &second}, list, opts); diff != "" {
		t.Errorf("Articles mismatch (-want +got):\n%s", diff)
	}
	if list, err := s.Articles(t.Context(), nil); err != nil || len(list) != 0 {
		t.Errorf("Articles(nil) = %v, %v", list, err)
	}
	_, err = s.Article(t.Context(), "article:none")
	wantCode(t, err, kg.ENOTFOUND)
}

func testStats(t *testing.T, open func(t *testing.T) kg.Store) {
	s := loaded(t, open)
	got, err := s.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	b := diplomacy()
	want := kg.Stats{
		Articles: 1,
		Entities: len(b.Entities),
		Edges:    len(b.Edges),
		ByKind:   map[kg.Kind]int{kg.State: 4, kg.Person: 4, kg.Organization: 1, kg.Place: 3, kg.Treaty: 2, kg.Event: 8},
	}
	if diff := gocmp.Diff(want, got, opts); diff != "" {
		t.Errorf("Stats mismatch (-want +got):\n%s", diff)
	}
}

// testLargeBatch puts 10,000 edges in one batch: a hundred delegations at a
// hundred sessions of the General Assembly.
func testLargeBatch(t *testing.T, open func(t *testing.T) kg.Store) {
	s := open(t)
	const n = 100
	b := &kg.Batch{}
	delegation := func(i int) string { return kg.EntityID(kg.Organization, fmt.Sprintf("Delegation %03d", i)) }
	session := func(i int) string { return kg.EntityID(kg.Event, fmt.Sprintf("UN General Assembly session %d", i+1)) }
	for i := range n {
		b.Entities = append(b.Entities,
			kg.Entity{ID: delegation(i), Kind: kg.Organization, Name: fmt.Sprintf("Delegation %03d", i)},
			kg.Entity{ID: session(i), Kind: kg.Event, Name: fmt.Sprintf("UN General Assembly session %d", i+1),
				EventType: kg.Conference, Status: kg.Occurred, Date: kg.Year(1946 + i)})
	}
	for i := range n {
		for j := range n {
			e := edge(kg.ParticipatedIn, delegation(i), session(j), "", "", "", kg.Occurred)
			e.Date = kg.Day(1946+j, time.September, 1+i%28)
			b.Edges = append(b.Edges, *e)
		}
	}
	mustPut(t, s, b)

	st, err := s.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if st.Edges != n*n || st.Entities != 2*n {
		t.Errorf("Stats = %+v, want %d edges and %d entities", st, n*n, 2*n)
	}
	p, err := s.Edges(t.Context(), kg.EdgeQuery{Entity: session(7), First: 10})
	if err != nil {
		t.Fatal(err)
	}
	if p.TotalCount != n || len(p.Edges) != 10 {
		t.Errorf("Edges: TotalCount %d, %d edges; want %d, 10", p.TotalCount, len(p.Edges), n)
	}
	all := allEdges(t, s, kg.EdgeQuery{Entity: delegation(3), First: 7})
	if len(all) != n {
		t.Errorf("walking all pages gave %d edges, want %d", len(all), n)
	}
	if !slices.IsSortedFunc(all, func(a, b *kg.Edge) int { return a.Date.Compare(b.Date) }) {
		t.Errorf("edges are not in date order")
	}
	path, err := s.Path(t.Context(), kg.PathQuery{From: delegation(1), To: delegation(2)})
	if err != nil {
		t.Fatal(err)
	}
	if path.Hops() != 2 {
		t.Errorf("Path between two delegations: %d hops, want 2", path.Hops())
	}
	ev, err := s.Events(t.Context(), kg.EventQuery{From: kg.Year(1950), To: kg.Year(1959)})
	if err != nil {
		t.Fatal(err)
	}
	if len(ev) != 10 {
		t.Errorf("Events in the 1950s: %d, want 10", len(ev))
	}
}

// testConcurrentPuts loads two overlapping batches at once, several times,
// and checks the result against loading them one after the other.
func testConcurrentPuts(t *testing.T, open func(t *testing.T) kg.Store) {
	const delegates = 120
	bandung := kg.EntityID(kg.Event, "Bandung Conference")
	delegate := func(i int) string { return kg.EntityID(kg.Person, fmt.Sprintf("Delegate %03d", i)) }
	batch := func(lo, hi int, source string) *kg.Batch {
		b := &kg.Batch{Entities: []kg.Entity{{ID: bandung, Kind: kg.Event, Name: "Bandung Conference", EventType: kg.Conference,
			Date: kg.MustParseDate("1955-04-18"), End: kg.MustParseDate("1955-04-24"), Aliases: []string{"Asian–African Conference"}}}}
		for i := lo; i < hi; i++ {
			b.Entities = append(b.Entities, kg.Entity{ID: delegate(i), Kind: kg.Person, Name: fmt.Sprintf("Delegate %03d", i),
				Aliases: []string{fmt.Sprintf("Delegate %03d (%s)", i, source)}})
			e := edge(kg.ParticipatedIn, delegate(i), bandung, "", "1955-04", "", kg.Occurred,
				kg.Evidence{Article: kg.ArticleID(source), Sentence: i, Quote: fmt.Sprintf("Delegate %03d attended.", i)})
			b.Edges = append(b.Edges, *e)
		}
		return b
	}
	a, b := batch(0, 80, "antara"), batch(40, delegates, "asahi")

	want := open(t)
	mustPut(t, want, a)
	mustPut(t, want, b)

	got := open(t)
	for range 3 {
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, batch := range []*kg.Batch{a, b} {
			wg.Go(func() { errs[i] = got.Put(context.Background(), batch) })
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatalf("concurrent Put: %v", err)
			}
		}
	}

	ids := []string{bandung}
	for i := range delegates {
		ids = append(ids, delegate(i))
	}
	for _, s := range []kg.Store{want, got} {
		st, err := s.Stats(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if st.Entities != delegates+1 || st.Edges != delegates {
			t.Errorf("Stats = %+v, want %d entities and %d edges", st, delegates+1, delegates)
		}
	}
	wantEntities, err := want.Entities(t.Context(), ids)
	if err != nil {
		t.Fatal(err)
	}
	gotEntities, err := got.Entities(t.Context(), ids)
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(wantEntities, gotEntities, opts); diff != "" {
		t.Errorf("entities after concurrent Puts (-sequential +concurrent):\n%s", diff)
	}
	if n := len(gotEntities[60].Aliases); n != 2 {
		t.Errorf("Delegate 059 has %d aliases, want both batches' 2", n)
	}
	q := kg.EdgeQuery{Entity: bandung, First: 50}
	if diff := gocmp.Diff(allEdges(t, want, q), allEdges(t, got, q), opts); diff != "" {
		t.Errorf("edges after concurrent Puts (-sequential +concurrent):\n%s", diff)
	}
}

func testUnicode(t *testing.T, open func(t *testing.T) kg.Store) {
	s := open(t)
	b := &kg.Batch{Entities: []kg.Entity{
		{ID: kg.EntityID(kg.Person, "河野太郎"), Kind: kg.Person, Name: "河野太郎", Aliases: []string{"Taro Kono"}},
		{ID: kg.EntityID(kg.Person, "Сергей Лавров"), Kind: kg.Person, Name: "Сергей Лавров", Aliases: []string{"Sergey Lavrov"}},
		{ID: kg.EntityID(kg.Person, "Mevlüt Çavuşoğlu"), Kind: kg.Person, Name: "Mevlüt Çavuşoğlu"},
		{ID: kg.EntityID(kg.Place, "Łódź"), Kind: kg.Place, Name: "Łódź"},
		{ID: kg.EntityID(kg.Treaty, "日ソ共同宣言"), Kind: kg.Treaty, Name: "日ソ共同宣言", Date: kg.MustParseDate("1956-10-19")},
	}}
	mustPut(t, s, b)
	for _, want := range b.Entities {
		if diff := gocmp.Diff(&want, mustEntity(t, s, want.ID), opts); diff != "" {
			t.Errorf("Entity(%q) mismatch (-want +got):\n%s", want.ID, diff)
		}
	}
	tests := []struct{ text, want string }{
		{"河野太郎", b.Entities[0].ID},
		{"Сергей Лавров", b.Entities[1].ID},
		{"лавров", b.Entities[1].ID},
		{"ЛАВРОВ", b.Entities[1].ID},
		{"cavusoglu", b.Entities[2].ID},
		{"ÇAVUŞOĞLU", b.Entities[2].ID},
		{"lodz", b.Entities[3].ID},
		{"ŁÓDŹ", b.Entities[3].ID},
		{"日ソ共同宣言", b.Entities[4].ID},
	}
	for _, tc := range tests {
		got, err := s.Search(t.Context(), kg.SearchQuery{Text: tc.text})
		if err != nil {
			t.Fatalf("Search(%q): %v", tc.text, err)
		}
		if diff := gocmp.Diff([]string{tc.want}, entityIDs(got)); diff != "" {
			t.Errorf("Search(%q) mismatch (-want +got):\n%s", tc.text, diff)
		}
	}
}

// testDateOrder dates one round of talks with every precision TIMEX3 has
// and checks that they come back as they went in, and in kg.Date.Compare
// order from Events and Edges: several start on 1 January 1956 and must
// come coarsest first.
func testDateOrder(t *testing.T, open func(t *testing.T) kg.Store) {
	s := open(t)
	dates := []struct{ date, end string }{
		{"195X", ""}, {"1956", ""}, {"1956-Q1", ""}, {"1956-01", ""}, {"1956-01-01", ""},
		{"1956-W01", ""}, {"1956-SP", ""}, {"1956-03", "1956-05"}, {"1956-SU", "1956-FA"},
		{"1956-Q4", "1957-Q1"}, {"1956-10-19", "1956-12-12"}, {"1956-WI", ""}, {"196X", "1970"},
		{"", ""},
	}
	b := &kg.Batch{Entities: []kg.Entity{{ID: idJapan, Kind: kg.State, Name: "Japan"}}}
	var want []*kg.Entity
	for i, d := range dates {
		name := fmt.Sprintf("Fisheries talks, round %d", i+1)
		e := kg.Entity{ID: kg.EntityID(kg.Event, name), Kind: kg.Event, Name: name, EventType: kg.Talks,
			Date: kg.MustParseDate(d.date), End: kg.MustParseDate(d.end)}
		b.Entities = append(b.Entities, e)
		b.Edges = append(b.Edges, cloneEdge(edge(kg.ParticipatedIn, idJapan, e.ID, "", d.date, d.end, kg.Occurred)))
		if d.date != "" {
			want = append(want, &e)
		}
	}
	mustPut(t, s, b)
	slices.SortStableFunc(want, func(a, b *kg.Entity) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.ID, b.ID))
	})

	got, err := s.Events(t.Context(), kg.EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(want, got, opts); diff != "" {
		t.Errorf("Events mismatch (-want +got):\n%s", diff)
	}

	wantEdges := slices.Clone(b.Edges)
	slices.SortStableFunc(wantEdges, func(a, b kg.Edge) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.ID, b.ID))
	})
	gotEdges := allEdges(t, s, kg.EdgeQuery{Entity: idJapan, First: 4})
	var wantDates, gotDates []string
	for i := range wantEdges {
		wantDates = append(wantDates, wantEdges[i].Date.String()+".."+wantEdges[i].End.String())
	}
	for _, e := range gotEdges {
		gotDates = append(gotDates, e.Date.String()+".."+e.End.String())
	}
	if diff := gocmp.Diff(wantDates, gotDates); diff != "" {
		t.Errorf("Edges out of date order (-want +got):\n%s", diff)
	}
}
