package timex_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/timex"
)

// corpus is the shared corpus, which sits beside the repository.
const corpus = "../../../shared/corpus"

type goldFile struct {
	File      string  `json:"file"`
	Published *string `json:"published"`
	Timexes   []struct {
		Text  string `json:"text"`
		Value string `json:"value"`
	} `json:"timexes"`
}

// score counts gold timexes: found with the exact span (strict), found by an
// overlapping span (relaxed), and of those, found with the gold value.
type score struct {
	gold, strict, strictValue, relaxed, relaxedValue int
}

func (s *score) add(o score) {
	s.gold += o.gold
	s.strict += o.strict
	s.strictValue += o.strictValue
	s.relaxed += o.relaxed
	s.relaxedValue += o.relaxedValue
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// TestGold runs Find over every gold-annotated article and measures recall of
// the gold timexes and the accuracy of their values. A gold timex is
// strictly found when a timex has exactly its text, and relaxed found when a
// timex overlaps one of its occurrences; its value is right when it equals
// the Value of such a timex or, for a range that holds it ("late 1907" in
// "between late 1907 and early 1908"), its EndDate. The floors are the
// numbers measured when the rules were last changed, a little rounded down.
func TestGold(t *testing.T) {
	var total score
	for _, dir := range []string{"gold", "seed"} {
		files, err := filepath.Glob(filepath.Join(corpus, dir, "*.gold.json"))
		if err != nil {
			t.Fatal(err)
		}
		if len(files) == 0 {
			t.Fatalf("no gold files in %s: the shared corpus must sit beside the repository (/work/shared/corpus)", filepath.Join(corpus, dir))
		}
		sort.Strings(files)
		for _, path := range files {
			s := scoreFile(t, dir, path)
			total.add(s)
		}
	}
	t.Logf("TOTAL gold %d: strict recall %.3f, value accuracy %.3f; relaxed recall %.3f, value accuracy %.3f",
		total.gold, ratio(total.strict, total.gold), ratio(total.strictValue, total.strict),
		ratio(total.relaxed, total.gold), ratio(total.relaxedValue, total.relaxed))
	floors := []struct {
		name       string
		got, floor float64
	}{
		{"strict recall", ratio(total.strict, total.gold), 0.90},
		{"strict value accuracy", ratio(total.strictValue, total.strict), 0.98},
		{"relaxed recall", ratio(total.relaxed, total.gold), 0.98},
		{"relaxed value accuracy", ratio(total.relaxedValue, total.relaxed), 0.97},
	}
	for _, f := range floors {
		if f.got < f.floor {
			t.Errorf("%s %.3f is below the floor %.2f", f.name, f.got, f.floor)
		}
	}
}

func scoreFile(t *testing.T, dir, path string) score {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g goldFile
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	articleDir := filepath.Join(corpus, "articles")
	if dir == "seed" {
		articleDir = filepath.Join(corpus, "seed")
	}
	text, err := os.ReadFile(filepath.Join(articleDir, g.File))
	if err != nil {
		t.Fatalf("article of %s: %v", path, err)
	}
	var anchor kg.Date
	if g.Published != nil {
		if anchor, err = kg.ParseDate(*g.Published); err != nil {
			t.Fatalf("%s: published: %v", path, err)
		}
	}
	got := timex.Find(string(text), anchor)
	var s score
	for _, gt := range g.Timexes {
		s.gold++
		strict, strictValue := false, false
		for _, x := range got {
			if x.Text == gt.Text {
				strict = true
				strictValue = strictValue || x.Value == gt.Value
			}
		}
		relaxed, relaxedValue := false, false
		for off := 0; ; {
			k := strings.Index(string(text[off:]), gt.Text)
			if k < 0 {
				break
			}
			start, end := off+k, off+k+len(gt.Text)
			off = end
			for _, x := range got {
				if x.Start < end && start < x.End {
					relaxed = true
					relaxedValue = relaxedValue || x.Value == gt.Value || x.EndDate.String() == gt.Value
				}
			}
		}
		if strict {
			s.strict++
		}
		if strictValue {
			s.strictValue++
		}
		if relaxed {
			s.relaxed++
		}
		if relaxedValue {
			s.relaxedValue++
		}
		if !strict || !strictValue {
			var near []string
			for _, x := range got {
				if strings.Contains(x.Text, gt.Text) || strings.Contains(gt.Text, x.Text) {
					near = append(near, x.Text+"="+x.Value)
				}
			}
			t.Logf("  %s: gold %q=%s strict=%v value=%v relaxed=%v value=%v; found %v",
				g.File, gt.Text, gt.Value, strict, strictValue, relaxed, relaxedValue, near)
		}
	}
	t.Logf("%-75s gold %2d strict %2d (value %2d) relaxed %2d (value %2d), found %d",
		g.File, s.gold, s.strict, s.strictValue, s.relaxed, s.relaxedValue, len(got))
	return s
}
