package graph_test

import (
	"context"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader"
)

// TestOfficeProvenance checks that an office's dates cite what supports
// them: the office-holder dataset (kind REFERENCE, resolving to the
// dataset's name and version) or a sentence that names the holder, never
// a sentence that speaks of someone else; and that a second term is a
// fact of its own, so that asOf finds Yoshida's office on the day he
// signed the 1951 security treaty.
func TestOfficeProvenance(t *testing.T) {
	for _, s := range stores {
		t.Run(s.name, func(t *testing.T) {
			store := s.open(t)
			l := &loader.Loader{Store: store}
			if _, err := l.Load(context.Background(), []string{seedDir, "../../shared/corpus/articles/milestones_korean-war.txt"}); err != nil {
				t.Fatal(err)
			}
			c := client.New(graph.NewHandler(store, graph.Options{}))
			type office struct {
				Role     string
				Date     *string
				Evidence []struct {
					Kind    string
					Quote   string
					Article struct{ ID, Title string }
				}
			}
			var resp struct {
				Lavrov, Abe, Putin, Yoshida struct{ Offices []office }
				Signing                     struct{ Offices []office }
			}
			const fields = `offices { role date evidence { kind quote article { id title } } }`
			c.MustPost(`{
			  lavrov: entity(id: "person:sergey-lavrov") { ... on Person { `+fields+` } }
			  abe: entity(id: "person:shinzo-abe") { ... on Person { `+fields+` } }
			  putin: entity(id: "person:vladimir-putin") { ... on Person { `+fields+` } }
			  yoshida: entity(id: "person:shigeru-yoshida") { ... on Person { `+fields+` } }
			  signing: entity(id: "person:shigeru-yoshida") { ... on Person { offices(asOf: "1951-09-08") { role date } } }
			}`, &resp)
			for name, p := range map[string]struct{ Offices []office }{"Lavrov": resp.Lavrov, "Abe": resp.Abe, "Putin": resp.Putin, "Yoshida": resp.Yoshida} {
				if len(p.Offices) == 0 {
					t.Errorf("%s holds no office", name)
				}
				for _, o := range p.Offices {
					if len(o.Evidence) == 0 {
						t.Errorf("%s's office %s cites nothing", name, o.Role)
					}
					reference := false
					for _, ev := range o.Evidence {
						switch ev.Kind {
						case string(kg.ReferenceEvidence):
							reference = true
							if !strings.HasPrefix(ev.Article.ID, kg.ReferencePrefix) || !strings.Contains(ev.Article.Title, "Office holders") || !strings.Contains(ev.Article.Title, "as of 20") {
								t.Errorf("%s's office %s cites reference %+v, want the office-holder dataset by name and version", name, o.Role, ev.Article)
							}
							if !strings.Contains(ev.Quote, name) {
								t.Errorf("%s's office %s cites record %q", name, o.Role, ev.Quote)
							}
						case string(kg.ArticleEvidence):
							if !strings.Contains(ev.Quote, name) {
								t.Errorf("%s's office %s cites %q, which does not name the holder", name, o.Role, ev.Quote)
							}
						default:
							t.Errorf("%s's office %s: evidence kind %q", name, o.Role, ev.Kind)
						}
					}
					// The terms come from the dataset; the articles are from
					// 2019 and an undated history.
					if o.Date != nil && !reference {
						t.Errorf("%s's office %s is dated %s without citing the dataset", name, o.Role, *o.Date)
					}
				}
			}
			terms := 0
			for _, o := range resp.Yoshida.Offices {
				if o.Role == "Prime Minister" {
					terms++
				}
			}
			if terms == 0 {
				t.Errorf("Yoshida's offices = %+v, want his term as Prime Minister", resp.Yoshida.Offices)
			}
			if len(resp.Signing.Offices) != 1 || resp.Signing.Offices[0].Role != "Prime Minister" || resp.Signing.Offices[0].Date == nil || *resp.Signing.Offices[0].Date != "1948-10-15" {
				t.Errorf("Yoshida's offices on 1951-09-08 = %+v, want Prime Minister from 1948-10-15", resp.Signing.Offices)
			}
		})
	}
}

// TestTreatiesInForce asks which treaties bound Japan on 1970-01-01 over
// the bundled articles and the corpus: the 1956 Declaration and the 1960
// security treaty did; the treaties of the 1850s–1900s, which ended or
// lapsed without an article saying when, are not asserted (the horizon
// for unknown ends, the table's end or replacement, and a memorandum that
// was never meant to bind).
func TestTreatiesInForce(t *testing.T) {
	for _, s := range stores {
		t.Run(s.name, func(t *testing.T) {
			store := s.open(t)
			l := &loader.Loader{Store: store}
			if _, err := l.Load(context.Background(), []string{"../examples/articles", seedDir, "../../shared/corpus/articles"}); err != nil {
				t.Fatal(err)
			}
			c := client.New(graph.NewHandler(store, graph.Options{}))
			var resp struct {
				Japan struct {
					All, In1970 []struct{ Name string }
				}
			}
			c.MustPost(`{ japan: entity(id: "state:japan") { ... on State { all: treaties { name } in1970: treaties(asOf: "1970-01-01") { name } } } }`, &resp)
			names := func(xs []struct{ Name string }) []string {
				var out []string
				for _, x := range xs {
					out = append(out, x.Name)
				}
				return out
			}
			all, in1970 := names(resp.Japan.All), names(resp.Japan.In1970)
			for _, want := range []string{"Soviet-Japanese Joint Declaration", "Treaty of Mutual Cooperation and Security between the United States and Japan"} {
				if !slices.Contains(in1970, want) {
					t.Errorf("Japan's treaties on 1970-01-01 lack %s: %v", want, in1970)
				}
			}
			for _, ended := range []string{"Convention of Kanagawa", "Taft-Katsura Agreement", "Root-Takahira Agreement", "Treaty of Portsmouth"} {
				if !slices.Contains(all, ended) {
					t.Errorf("the corpus no longer links Japan to %s, so this test checks nothing about it: %v", ended, all)
				}
				if slices.Contains(in1970, ended) {
					t.Errorf("Japan's treaties on 1970-01-01 include %s", ended)
				}
			}
		})
	}
}

// TestDepartureWalk is the README's 1956 → 1960 walk: through Japan's
// departure from the Declaration, each step cited.
func TestDepartureWalk(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), readmeDepartureWalk) {
		t.Fatalf("README.md no longer holds the walk this test runs:\n%s", readmeDepartureWalk)
	}
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		var resp struct {
			Path *struct {
				Hops  int
				Steps []struct {
					From struct{ Name string }
					Edge struct {
						Type, Role string
						Date       *string
						Evidence   []struct{ Quote string }
					}
					To struct{ Name string }
				}
			}
		}
		c.MustPost(readmeDepartureWalk, &resp)
		if resp.Path == nil || len(resp.Path.Steps) != 2 {
			t.Fatalf("path = %+v, want two steps", resp.Path)
		}
		first := resp.Path.Steps[0]
		if first.Edge.Type != "WITHDREW_FROM" || first.Edge.Role != "departed" || first.To.Name != "Japan" {
			t.Errorf("first step %+v, want Japan's departure from the Declaration", first)
		}
		for _, s := range resp.Path.Steps {
			if len(s.Edge.Evidence) == 0 {
				t.Errorf("step %s -%s- %s cites nothing", s.From.Name, s.Edge.Type, s.To.Name)
			}
		}
		if q := first.Edge.Evidence[0].Quote; !strings.Contains(q, "departed from the 1956 Declaration") {
			t.Errorf("departure cites %q, want Lavrov's sentence", q)
		}
	})
}

// readmeDepartureWalk is the README's example, word for word.
const readmeDepartureWalk = `{
  path(from: "treaty:soviet-japanese-joint-declaration",
       to: "treaty:treaty-of-mutual-cooperation-and-security-between-the-united-states-and-japan",
       types: [WITHDREW_FROM, PARTY_TO], since: "1957", timeRespecting: true) {
    hops
    steps { from { name } edge { type role date evidence { quote } } to { name } }
  }
}`
