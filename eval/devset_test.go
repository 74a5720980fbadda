package eval_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/diplograph/diplograph/eval"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/loader/read"
)

// The corpus lives beside the repository, in ../shared.
const (
	goldDir     = "../../shared/corpus/gold"
	articlesDir = "../../shared/corpus/articles"
	seedDir     = "../../shared/corpus/seed"
)

// TestDevSet runs the real extractor over the articles of the gold files
// and scores them, logging the Markdown report (go test -v ./eval -run
// DevSet). It checks that the numbers are sane, not that they are good:
// the quality targets are tracked from the report, not enforced here.
func TestDevSet(t *testing.T) {
	if _, err := os.Stat(goldDir); err != nil {
		t.Fatalf("the dev set is missing (%v): the corpus must be checked out in ../shared beside the repository", err)
	}
	golds, err := eval.ReadGoldDir(goldDir)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, g := range golds {
		paths = append(paths, findArticle(t, g.File))
	}
	var results []*loader.Result
	fails, err := loader.ExtractAll(t.Context(), &read.Reader{}, paths, func(r *loader.Result) error {
		results = append(results, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(fails) > 0 {
		t.Fatalf("unreadable articles: %v", fails)
	}

	// The exact scores: each article against its own graph.
	r := eval.ScoreResults(golds, results)
	t.Log("\n" + r.Markdown())
	checkSane(t, golds, r)
	if _, err := r.JSON(); err != nil {
		t.Errorf("JSON: %v", err)
	}

	// The same articles extracted together, as extract prints them for a
	// directory: the evidence rule must place every article, and it sees
	// the same gold.
	merged := eval.Score(golds, loader.NewGraph(results))
	checkSane(t, golds, merged)
	for _, a := range merged.Articles {
		if a.Membership != eval.ByEvidence {
			t.Errorf("%s: membership %s in a graph of %d articles, want %s", a.File, a.Membership, len(results), eval.ByEvidence)
		}
	}
	e, m := r.Overall.Entities, merged.Overall.Entities
	t.Logf("entities of the merged graph, by evidence: P/R/F1 %s; per article: %s", prfString(m), prfString(e))
}

// findArticle returns the path of a gold's article in the corpus.
func findArticle(t *testing.T, file string) string {
	t.Helper()
	for _, dir := range []string{articlesDir, seedDir} {
		p := filepath.Join(dir, file)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Fatalf("no article %s in %s or %s", file, articlesDir, seedDir)
	return ""
}

// checkSane checks what holds for any extractor: every gold is reported
// once, found, with the gold's counts, and every rate lies in [0, 1].
func checkSane(t *testing.T, golds []*eval.Gold, r *eval.Report) {
	t.Helper()
	if len(r.Articles) != len(golds) {
		t.Fatalf("%d article reports for %d gold files", len(r.Articles), len(golds))
	}
	var sum eval.Counts
	for i, a := range r.Articles {
		g := golds[i]
		if a.File != g.File || a.Membership == eval.NotFound {
			t.Errorf("article %d: %s (%s), want %s found", i, a.File, a.Membership, g.File)
		}
		kinds := map[kg.Kind]int{}
		for _, e := range g.Entities {
			kinds[e.Kind]++
		}
		for _, c := range []struct {
			name      string
			got, want int
		}{
			{"PERSON", a.Person.Gold, kinds[kg.Person]},
			{"STATE", a.State.Gold, kinds[kg.State]},
			{"ORGANIZATION", a.Organization.Gold, kinds[kg.Organization]},
			{"PLACE", a.Place.Gold, kinds[kg.Place]},
			{"entities", a.Entities.Gold, len(g.Entities)},
			{"treaties", a.Treaties.Gold, len(g.Treaties)},
			{"treaty names", a.TreatyNames.Gold, len(g.Treaties)},
			{"events", a.Events.Gold, len(g.Events)},
			{"timexes", a.Timexes.Gold, len(g.Timexes)},
			{"timex overlap", a.TimexOverlap.Gold, len(g.Timexes)},
		} {
			if c.got != c.want {
				t.Errorf("%s: %d gold %s, the file has %d", a.File, c.got, c.name, c.want)
			}
		}
		checkRates(t, a.File, a.Counts)
		if a.Treaties.Matched > a.TreatyNames.Matched || a.Timexes.Matched > a.TimexOverlap.Matched {
			t.Errorf("%s: a strict match count exceeds its loose one: %+v", a.File, a.Counts)
		}
		if a.TimexValues.Total != a.Timexes.Matched || a.EventTypes.Total != a.Events.Matched {
			t.Errorf("%s: accuracies not judged on the matched pairs: %+v", a.File, a.Counts)
		}
		sum.Entities.Gold += a.Entities.Gold
		sum.Entities.Predicted += a.Entities.Predicted
		sum.Entities.Matched += a.Entities.Matched
	}
	if sum.Entities != r.Overall.Entities {
		t.Errorf("overall entities %+v, the articles sum to %+v", r.Overall.Entities, sum.Entities)
	}
	checkRates(t, "overall", r.Overall)
}

func checkRates(t *testing.T, where string, c eval.Counts) {
	t.Helper()
	for name, p := range map[string]eval.PRF{
		"PERSON": c.Person, "STATE": c.State, "ORGANIZATION": c.Organization, "PLACE": c.Place,
		"entities": c.Entities, "treaties": c.Treaties, "treaty names": c.TreatyNames, "events": c.Events,
		"timexes": c.Timexes, "timex overlap": c.TimexOverlap,
	} {
		if p.Matched < 0 || p.Matched > p.Gold || p.Matched > p.Predicted {
			t.Errorf("%s %s: matched %d of %d gold, %d predicted", where, name, p.Matched, p.Gold, p.Predicted)
		}
		for _, rate := range []func() (float64, bool){p.Precision, p.Recall, p.F1} {
			if v, ok := rate(); ok && (v < 0 || v > 1) {
				t.Errorf("%s %s: rate %v outside [0, 1]", where, name, v)
			}
		}
	}
	for name, a := range map[string]eval.Accuracy{
		"event types": c.EventTypes, "event statuses": c.EventStatus, "treaty status": c.TreatyStatus,
		"timex values": c.TimexValues, "timex overlap values": c.TimexOverlapValues,
	} {
		if v, ok := a.Value(); a.Correct > a.Total || (ok && (v < 0 || v > 1)) {
			t.Errorf("%s %s: %d correct of %d", where, name, a.Correct, a.Total)
		}
	}
}

func prfString(p eval.PRF) string {
	pr, _ := p.Precision()
	rc, _ := p.Recall()
	f, _ := p.F1()
	return fmt.Sprintf("%.3f/%.3f/%.3f", pr, rc, f)
}
