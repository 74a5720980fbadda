package timex_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/timex"
)

// TestTempEval3 measures Find on the TimeML corpora of TempEval-3 in the
// shared corpus, a check that the rules generalize beyond the project's own
// gold files: TimeBank and AQUAINT (TBAQ-cleaned, used while writing the
// rules) and the platinum test set (not used for tuning). Only DATE timexes
// whose value is a date (not a time of day) count. TimeBank annotates some
// things this package leaves out on purpose ("a year earlier", "the
// quarter", financial periods), and its values differ in places ("199" for
// a decade, "1989-WXX"), so the floors sit well below the gold ones. A
// timex is found when a span overlaps it; its value is right when it equals
// the Value or the EndDate of an overlapping one.
func TestTempEval3(t *testing.T) {
	sets := []struct {
		name                    string
		dirs                    []string
		recallFloor, valueFloor float64
	}{
		{"TBAQ", []string{"TBAQ-cleaned/TimeBank", "TBAQ-cleaned/AQUAINT"}, 0.87, 0.86},
		{"platinum", []string{"te3-platinum"}, 0.90, 0.90},
	}
	for _, set := range sets {
		t.Run(set.name, func(t *testing.T) {
			var gold, strict, relaxed, relaxedValue int
			for _, dir := range set.dirs {
				files, err := filepath.Glob(filepath.Join(corpus, "tempeval3", dir, "*.tml"))
				if err != nil {
					t.Fatal(err)
				}
				if len(files) == 0 {
					t.Fatalf("no TimeML files in %s: the shared corpus must sit beside the repository (/work/shared/corpus)", filepath.Join(corpus, "tempeval3", dir))
				}
				for _, f := range files {
					doc := readTimeML(t, f)
					got := timex.Find(doc.text, doc.dct)
					checkInvariants(t, doc.text, got)
					for _, g := range doc.dates {
						gold++
						st, rl, rlv := false, false, false
						for _, x := range got {
							st = st || x.Start == g.start && x.End == g.end
							if x.Start < g.end && g.start < x.End {
								rl = true
								rlv = rlv || x.Value == g.value || x.EndDate.String() == g.value
							}
						}
						if st {
							strict++
						}
						if rl {
							relaxed++
						}
						if rlv {
							relaxedValue++
						}
					}
				}
			}
			r, v := ratio(relaxed, gold), ratio(relaxedValue, relaxed)
			t.Logf("%s: %d DATE timexes; strict recall %.3f; relaxed recall %.3f, value accuracy %.3f",
				set.name, gold, ratio(strict, gold), r, v)
			if r < set.recallFloor {
				t.Errorf("relaxed recall %.3f is below the floor %.2f", r, set.recallFloor)
			}
			if v < set.valueFloor {
				t.Errorf("value accuracy %.3f is below the floor %.2f", v, set.valueFloor)
			}
		})
	}
}

type timeMLDoc struct {
	text  string
	dct   kg.Date
	dates []goldSpan
}

type goldSpan struct {
	start, end int
	value      string
}

var (
	dctRe   = regexp.MustCompile(`(?s)<DCT>.*?value="(\d{4}-\d\d-\d\d)`)
	textRe  = regexp.MustCompile(`(?s)<TEXT>(.*)</TEXT>`)
	tagRe   = regexp.MustCompile(`<(/?)([A-Za-z0-9]+)([^>]*)>`)
	typeRe  = regexp.MustCompile(`\btype="([^"]+)"`)
	valueRe = regexp.MustCompile(`\bvalue="([^"]*)"`)
)

// readTimeML returns the TEXT of a TimeML file without its tags, its
// creation date, and its DATE timexes with offsets into that text.
func readTimeML(t *testing.T, path string) timeMLDoc {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	var doc timeMLDoc
	if m := dctRe.FindStringSubmatch(src); m != nil {
		if doc.dct, err = kg.ParseDate(m[1]); err != nil {
			t.Fatalf("%s: DCT: %v", path, err)
		}
	}
	m := textRe.FindStringSubmatch(src)
	if m == nil {
		t.Fatalf("%s: no TEXT", path)
	}
	raw := m[1]
	var sb strings.Builder
	var open *goldSpan
	last := 0
	for _, loc := range tagRe.FindAllStringSubmatchIndex(raw, -1) {
		sb.WriteString(raw[last:loc[0]])
		last = loc[1]
		if raw[loc[4]:loc[5]] != "TIMEX3" {
			continue
		}
		if raw[loc[2]:loc[3]] == "/" {
			if open != nil {
				open.end = sb.Len()
				doc.dates = append(doc.dates, *open)
				open = nil
			}
			continue
		}
		attrs := raw[loc[6]:loc[7]]
		typ, value := typeRe.FindStringSubmatch(attrs), valueRe.FindStringSubmatch(attrs)
		if typ != nil && typ[1] == "DATE" && value != nil && !strings.Contains(value[1], "T") {
			open = &goldSpan{start: sb.Len(), value: value[1]}
		}
	}
	sb.WriteString(raw[last:])
	doc.text = sb.String()
	return doc
}
