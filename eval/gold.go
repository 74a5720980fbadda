package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/kg"
)

// Gold is one gold annotation file: what a careful analyst expects the
// extractor to find in one article. The format and the annotation
// guidelines are in the corpus's GOLD.md.
type Gold struct {
	// File is the article's file name, e.g. "milestones_nato.txt"; it is
	// how Score finds the article in the extractor's output.
	File string `json:"file"`
	// Published is the article's date (TIMEX3), nil when it has none.
	Published *string      `json:"published"`
	Entities  []GoldEntity `json:"entities"`
	Treaties  []GoldTreaty `json:"treaties"`
	Events    []GoldEvent  `json:"events"`
	Timexes   []GoldTimex  `json:"timexes"`
}

// GoldEntity is a person, state, organization or place the article names.
type GoldEntity struct {
	Kind kg.Kind `json:"kind"` // PERSON, STATE, ORGANIZATION or PLACE
	Name string  `json:"name"` // canonical name
	// Mentions are the exact strings the article uses for the entity.
	Mentions []string `json:"mentions"`
	Role     string   `json:"role,omitempty"`
	State    string   `json:"state,omitempty"`
}

// GoldTreaty is an agreement the article mentions.
type GoldTreaty struct {
	Name     string   `json:"name"`
	Mentions []string `json:"mentions"`
	// Date is the signing or proposal date (TIMEX3), nil when the text
	// gives none.
	Date *string `json:"date"`
	// Parties are canonical names of states and organizations.
	Parties []string  `json:"parties"`
	Status  kg.Status `json:"status"`
}

// GoldEvent is a diplomatic event the article reports.
type GoldEvent struct {
	Type kg.EventType `json:"type"`
	// Date is the event's (start) date (TIMEX3), nil when unknown.
	Date *string `json:"date"`
	// End is the end of a range, nil for a single date.
	End    *string   `json:"end,omitempty"`
	Status kg.Status `json:"status"`
	// Participants are canonical names of the entities taking part.
	Participants []string `json:"participants"`
	Place        string   `json:"place,omitempty"`
	// Evidence is an exact substring of the article.
	Evidence string `json:"evidence,omitempty"`
}

// GoldTimex is a temporal expression with its normalized TIMEX3 value.
type GoldTimex struct {
	Text  string `json:"text"`
	Value string `json:"value"`
}

// goldKinds are the entity kinds a gold file's entities may have; treaties
// and events have lists of their own.
var goldKinds = []kg.Kind{kg.Person, kg.State, kg.Organization, kg.Place}

// ReadGold reads and checks one .gold.json file. A file that is not valid
// JSON or breaks the format (unknown kind, event type or status, bad
// date, missing name) is an error that names the file and the item, so a
// typo in an annotation is not silently scored as a miss. Fields the
// format does not know are ignored.
func ReadGold(path string) (*Gold, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read gold %s: %w", path, err)
	}
	var g Gold
	if err := json.Unmarshal(data, &g); err != nil {
		return nil, fmt.Errorf("read gold %s: %w", path, err)
	}
	if err := g.validate(); err != nil {
		return nil, fmt.Errorf("read gold %s: %w", path, err)
	}
	return &g, nil
}

// ReadGoldDir reads every *.gold.json file of dir (not its
// subdirectories), in file name order. A directory without gold files is
// an error: scoring nothing would report an empty success.
func ReadGoldDir(dir string) ([]*Gold, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	if err != nil {
		return nil, fmt.Errorf("read gold dir %s: %w", dir, err)
	}
	if len(paths) == 0 {
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("read gold dir %s: %w", dir, err)
		}
		return nil, kg.Errorf(kg.EINVALID, "no *.gold.json file in %s", dir)
	}
	slices.Sort(paths)
	golds := make([]*Gold, 0, len(paths))
	for _, p := range paths {
		g, err := ReadGold(p)
		if err != nil {
			return nil, err
		}
		golds = append(golds, g)
	}
	return golds, nil
}

func (g *Gold) validate() error {
	bad := func(format string, args ...any) error { return kg.Errorf(kg.EINVALID, format, args...) }
	if strings.TrimSpace(g.File) == "" {
		return bad(`no "file"`)
	}
	if g.Published != nil && *g.Published != "" && !validDate(*g.Published) {
		return bad("published: invalid date %q", *g.Published)
	}
	for i, e := range g.Entities {
		if !slices.Contains(goldKinds, e.Kind) {
			return bad("entities[%d] %q: kind %q is not one of PERSON, STATE, ORGANIZATION, PLACE", i, e.Name, e.Kind)
		}
		if strings.TrimSpace(e.Name) == "" {
			return bad("entities[%d]: no name", i)
		}
	}
	for i, t := range g.Treaties {
		if strings.TrimSpace(t.Name) == "" {
			return bad("treaties[%d]: no name", i)
		}
		if t.Date != nil && *t.Date != "" && !validDate(*t.Date) {
			return bad("treaties[%d] %q: invalid date %q", i, t.Name, *t.Date)
		}
		if t.Status != "" && !slices.Contains(kg.TreatyStatuses, t.Status) {
			return bad("treaties[%d] %q: status %q is not a treaty status", i, t.Name, t.Status)
		}
	}
	for i, e := range g.Events {
		if !e.Type.Valid() {
			return bad("events[%d]: type %q is not an event type", i, e.Type)
		}
		if e.Status != "" && !slices.Contains(kg.EventStatuses, e.Status) {
			return bad("events[%d]: status %q is not an event status", i, e.Status)
		}
		for _, d := range []*string{e.Date, e.End} {
			if d != nil && *d != "" && !validDate(*d) {
				return bad("events[%d]: invalid date %q", i, *d)
			}
		}
		if len(e.Participants) == 0 {
			return bad("events[%d]: no participants", i)
		}
	}
	for i, t := range g.Timexes {
		if t.Text == "" || t.Value == "" {
			return bad("timexes[%d]: text and value are required", i)
		}
	}
	return nil
}

// validDate accepts the TIMEX3 dates kg.ParseDate reads and centuries such
// as "19XX", which annotators use and kg.Date cannot hold.
func validDate(s string) bool {
	if _, err := kg.ParseDate(s); err == nil {
		return true
	}
	return len(s) == 4 && isDigit(s[0]) && isDigit(s[1]) && s[2] == 'X' && s[3] == 'X'
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
