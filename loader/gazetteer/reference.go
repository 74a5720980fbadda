package gazetteer

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/diplograph/diplograph/kg"
)

// City is a city of 15,000 or more inhabitants (GeoNames, data/cities.tsv).
// The capitals and the cities the project curated are Places as well;
// cities add the rest of the world's towns, which news names as venues
// ("talks in Busan"), datelines and places of events.
type City struct {
	// Name is GeoNames' name: "Busan", "En Nâqoûra".
	Name string
	// State is the canonical name of the state it lies in, "" for a city
	// of a dependent territory.
	State string
	// Admin1 is its first-level region's code in its state ("MD", "07").
	Admin1 string
	// Population is GeoNames' figure: the prior that a name means this
	// city rather than a smaller one, a word or a person.
	Population int
	// Aliases are other Latin-script names ("Pusan"), kept for cities of
	// 100,000 or more.
	Aliases []string
}

// Actor is a person or organization of the political event-coding field's
// dictionaries (PETRARCH2 / Phoenix, data/actors.tsv): heads of state and
// government, ministers, officials, opposition and rebel leaders of every
// state to about 2015, international and non-governmental organizations,
// companies and armed groups.
type Actor struct {
	Kind    kg.Kind // PERSON or ORGANIZATION
	Name    string  // title case: "Sergey Lavrov", "Intergovernmental Authority on Development"
	Aliases []string
	// Codes say whom the actor acted for, and when.
	Codes []ActorCode
	// Note is the dictionary's comment on a person, often an office
	// ("Foreign Minister", "Amb. to UN"); "" for organizations.
	Note string
}

// ActorCode is a CAMEO actor code with the dates it applies between:
// "RUSGOV" from 2004-03-09 (the Russian government), "IGOUNO" (the UN),
// "MNCUSA" (a US company). From and To are zero where open.
type ActorCode struct {
	Code     string
	From, To kg.Date
}

// Covers reports whether the code applies on d (always, for a zero d or
// an undated code).
func (c ActorCode) Covers(d kg.Date) bool {
	if d.IsZero() {
		return true
	}
	return (c.From.IsZero() || !d.Last().Before(c.From.First())) && (c.To.IsZero() || !c.To.Last().Before(d.First()))
}

// Sector returns the part of the code after its first three letters
// ("GOV" of "RUSGOV", "UNO" of "IGOUNO").
func (c ActorCode) Sector() string {
	if len(c.Code) <= 3 {
		return ""
	}
	return c.Code[3:]
}

// Agent is a role word of the Phoenix agent dictionary (data/agents.tsv):
// a lower-case phrase ("foreign minister", "envoy", "rebels") and its
// sector code ("GOVFRM", "GOV", "REB").
type Agent struct {
	Phrase, Code string
}

// parseCities reads data/cities.tsv.
func parseCities(b []byte) ([]City, error) {
	var out []City
	err := eachTSV(b, []string{"name", "state", "admin1", "population", "aliases"}, func(line int, f []string) error {
		pop, err := strconv.Atoi(f[3])
		if err != nil {
			return kg.Errorf(kg.EINVALID, "line %d: population %q", line, f[3])
		}
		out = append(out, City{Name: f[0], State: f[1], Admin1: f[2], Population: pop, Aliases: splitList(f[4])})
		return nil
	})
	return out, err
}

// parseActors reads data/actors.tsv.
func parseActors(b []byte) ([]Actor, error) {
	var out []Actor
	err := eachTSV(b, []string{"kind", "name", "aliases", "codes", "note"}, func(line int, f []string) error {
		a := Actor{Kind: kg.Kind(f[0]), Name: f[1], Aliases: splitList(f[2]), Note: f[4]}
		if a.Kind != kg.Person && a.Kind != kg.Organization || a.Name == "" {
			return kg.Errorf(kg.EINVALID, "line %d: kind %q, name %q", line, f[0], f[1])
		}
		for _, c := range splitList(f[3]) {
			parts := strings.Split(c, ":")
			ac := ActorCode{Code: parts[0]}
			if len(parts) == 3 {
				var err1, err2 error
				ac.From, err1 = kg.ParseDate(parts[1])
				ac.To, err2 = kg.ParseDate(parts[2])
				if err1 != nil || err2 != nil {
					return kg.Errorf(kg.EINVALID, "line %d: code %q", line, c)
				}
			}
			a.Codes = append(a.Codes, ac)
		}
		out = append(out, a)
		return nil
	})
	return out, err
}

// parseAgents reads data/agents.tsv.
func parseAgents(b []byte) ([]Agent, error) {
	var out []Agent
	err := eachTSV(b, []string{"phrase", "code"}, func(line int, f []string) error {
		out = append(out, Agent{Phrase: f[0], Code: f[1]})
		return nil
	})
	return out, err
}

// eachTSV calls fn with the fields of every record of a tab-separated
// table: '#' lines are comments, the first other line is the header,
// which must be columns.
func eachTSV(b []byte, columns []string, fn func(line int, fields []string) error) error {
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	line, header := 0, false
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if !header {
			if strings.Join(f, ",") != strings.Join(columns, ",") {
				return kg.Errorf(kg.EINVALID, "header is %q, want %q", f, columns)
			}
			header = true
			continue
		}
		if len(f) != len(columns) {
			return kg.Errorf(kg.EINVALID, "line %d: %d fields, want %d", line, len(f), len(columns))
		}
		if err := fn(line, f); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if !header {
		return kg.Errorf(kg.EINVALID, "no header")
	}
	return nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ";")
}

// readTSV reads a table of fsys with parse, naming the file in errors.
func readTSV[T any](fsys fs.FS, name string, parse func([]byte) ([]T, error)) ([]T, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	out, err := parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// readTreatyEnds attaches to the curated treaties what ATOP and DCAD record
// of them (data/treaty_ends.tsv).
func (g *Gazetteer) readTreatyEnds(fsys fs.FS) error {
	const name = "data/treaty_ends.tsv"
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	byName := map[string]*Treaty{}
	for i := range g.Treaties {
		byName[g.Treaties[i].Name] = &g.Treaties[i]
	}
	err = eachTSV(b, []string{"treaty", "source", "record", "begin", "end", "in_effect"}, func(line int, f []string) error {
		t := byName[f[0]]
		if t == nil {
			return kg.Errorf(kg.EINVALID, "line %d: no treaty %q in data/treaties.json", line, f[0])
		}
		r := &TreatyRecord{ID: f[2], Line: line, InEffect: f[5] == "true"}
		switch f[1] {
		case "ATOP 5.1":
			r.Source = ATOP
		case "DCAD 1.0":
			r.Source = DCAD
		default:
			return kg.Errorf(kg.EINVALID, "line %d: source %q", line, f[1])
		}
		var err1, err2 error
		r.Begin, err1 = kg.ParseDate(f[3])
		r.End, err2 = kg.ParseDate(f[4])
		if err1 != nil || err2 != nil {
			return kg.Errorf(kg.EINVALID, "line %d: dates %q %q", line, f[3], f[4])
		}
		t.Record = r
		return nil
	})
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
