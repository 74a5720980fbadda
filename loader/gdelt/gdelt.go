// Package gdelt reads GDELT 2.0 event export files (the tab-separated,
// headerless *.export.CSV files of 61 columns that GDELT publishes every
// fifteen minutes; see ../shared/data/gdelt/codebook) into the graph, as a
// second input beside articles. It does not extract anything from text:
// GDELT's coders already did, and a row says who did what to whom, when,
// and which article reported it.
//
// A row becomes:
//
//   - the states and organizations of its two actors, through their CAMEO
//     actor codes: a country code alone or with a state sector (GOV, MIL,
//     LEG, JUD: "RUSGOV" is Russia) is that state, by the ISO3 codes of the
//     embedded gazetteer; an IGO/NGO code is the organization the Phoenix
//     actor dictionary gives that code ("IGOUNO" is the United Nations).
//     Other actors (a country's businesses, police, civilians; an actor
//     with no country) are no state: they are left out, and a row with
//     neither actor left is skipped;
//   - an event of the row's CAMEO code (EventType, status, the "cameo"
//     attribute) on the row's day (SQLDATE), named as the article
//     extractor names events (loader/events.Name), so that an article that
//     reports the same event of the same participants on the same day
//     yields the same node, and the two merge;
//   - PARTICIPATED_IN edges from the actors to the event, and HELD_IN to
//     the place of the action when it is a place of the gazetteer;
//   - for evidence, the row's source: an article node for SOURCEURL, with
//     the URL and no text, and on each edge a quote that renders the coded
//     record (GLOBALEVENTID, actors, code, day).
//
// Rows of one file that name the same event merge like articles do.
package gdelt

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/events"
	"github.com/diplograph/diplograph/loader/gazetteer"
	"github.com/diplograph/diplograph/loader/read"
)

// Columns of a GDELT 2.0 event row (0-based), from the codebook's header
// file GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv.
const (
	colGlobalEventID   = 0
	colSQLDate         = 1
	colActor1Code      = 5
	colActor1Name      = 6
	colActor1Group     = 8 // Actor1KnownGroupCode
	colActor2Code      = 15
	colActor2Name      = 16
	colActor2Group     = 18
	colEventCode       = 26
	colActionGeoType   = 51
	colActionGeoName   = 52
	colDateAdded       = 59
	colSourceURL       = 60
	columns            = 61
	maxLine            = 1 << 20 // a row is a few hundred bytes; a longer line is no row
	defaultBatchEvents = 2000
)

// IsExportFile reports whether a file is named as GDELT names its event
// exports: YYYYMMDDHHMMSS.export.CSV (any case).
func IsExportFile(path string) bool {
	return strings.HasSuffix(strings.ToLower(filepath.Base(path)), ".export.csv")
}

// Split separates the GDELT export files of paths from the other inputs:
// files named as exports, and the exports inside directories (which stay
// in rest as well, for the articles they hold).
func Split(paths []string) (exports, rest []string, err error) {
	for _, p := range paths {
		if p == "-" {
			rest = append(rest, p)
			continue
		}
		info, statErr := os.Stat(p)
		switch {
		case statErr == nil && info.IsDir():
			rest = append(rest, p)
			walkErr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					return nil // the article reader reports what it cannot read
				}
				if d.IsDir() && path != p && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				if !d.IsDir() && IsExportFile(path) {
					exports = append(exports, path)
				}
				return nil
			})
			if walkErr != nil {
				return nil, nil, fmt.Errorf("gdelt: %s: %w", p, walkErr)
			}
		case IsExportFile(p):
			exports = append(exports, p)
		default:
			rest = append(rest, p)
		}
	}
	return exports, rest, nil
}

// Reader turns export files into batches.
type Reader struct {
	// Gaz resolves actor codes and places; nil means gazetteer.Default().
	Gaz *gazetteer.Gazetteer
	// BatchEvents is how many rows' events go into one batch; 0 means
	// 2,000 (some 6,000 entities and edges).
	BatchEvents int
}

// Summary counts what Read did.
type Summary struct {
	Rows    int // rows read
	Events  int // rows that became an event
	Skipped int // rows with no state or organization among their actors
}

// Read reads the export files and calls fn with batches of the graph they
// hold. A row that cannot be read (too few columns, a bad date) is a
// failure with its file and line; a file that cannot be opened, too. It
// stops at the first error of fn or ctx.
func (r *Reader) Read(ctx context.Context, files []string, fn func(*kg.Batch) error) (Summary, []read.Failure, error) {
	var sum Summary
	var fails []read.Failure
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			fails = append(fails, read.Failure{Path: path, Reason: describe(err)})
			continue
		}
		err = r.readFile(ctx, path, f, &sum, &fails, fn)
		f.Close()
		if err != nil {
			return sum, fails, err
		}
	}
	return sum, fails, nil
}

// readFile reads one export file.
func (r *Reader) readFile(ctx context.Context, path string, in io.Reader, sum *Summary, fails *[]read.Failure, fn func(*kg.Batch) error) error {
	g := r.Gaz
	if g == nil {
		g = gazetteer.Default()
	}
	size := r.BatchEvents
	if size <= 0 {
		size = defaultBatchEvents
	}
	m := newMapper(g, filepath.Base(path))
	b := newBatch()
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	line := 0
	for sc.Scan() {
		line++
		if line%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		text := sc.Text()
		if strings.TrimSpace(text) == "" {
			continue
		}
		sum.Rows++
		row, err := parseRow(text)
		if err != nil {
			*fails = append(*fails, read.Failure{Path: fmt.Sprintf("%s:%d", path, line), Reason: err.Error()})
			continue
		}
		if !m.add(b, row) {
			sum.Skipped++
			continue
		}
		sum.Events++
		if b.events >= size {
			if err := fn(b.batch()); err != nil {
				return err
			}
			b = newBatch()
		}
	}
	if err := sc.Err(); err != nil {
		*fails = append(*fails, read.Failure{Path: fmt.Sprintf("%s:%d", path, line+1), Reason: describe(err)})
	}
	if b.events > 0 {
		return fn(b.batch())
	}
	return nil
}

// row is what the graph takes of a GDELT row.
type row struct {
	id             string
	day            kg.Date
	actor1, actor2 actor
	code           string
	geoType        int
	geoName        string
	added          kg.Date
	url            string
}

type actor struct{ code, name, group string }

// parseRow reads one tab-separated row.
func parseRow(line string) (row, error) {
	f := strings.Split(line, "\t")
	if len(f) != columns {
		return row{}, fmt.Errorf("%d columns, want %d (a GDELT 2.0 event export row)", len(f), columns)
	}
	r := row{
		id:      f[colGlobalEventID],
		actor1:  actor{f[colActor1Code], f[colActor1Name], f[colActor1Group]},
		actor2:  actor{f[colActor2Code], f[colActor2Name], f[colActor2Group]},
		code:    f[colEventCode],
		geoName: f[colActionGeoName],
		url:     strings.TrimSpace(f[colSourceURL]),
	}
	var err error
	if r.day, err = day(f[colSQLDate]); err != nil {
		return row{}, fmt.Errorf("SQLDATE: %w", err)
	}
	if r.code == "" || strings.Trim(r.code, "0123456789") != "" {
		return row{}, fmt.Errorf("EventCode %q is no CAMEO code", r.code)
	}
	if len(f[colDateAdded]) >= 8 {
		r.added, _ = day(f[colDateAdded][:8])
	}
	r.geoType, _ = strconv.Atoi(f[colActionGeoType])
	return r, nil
}

// day reads a YYYYMMDD date.
func day(s string) (kg.Date, error) {
	t, err := time.Parse("20060102", s)
	if err != nil {
		return kg.Date{}, fmt.Errorf("%q is no YYYYMMDD date", s)
	}
	return kg.DayOf(t), nil
}

func describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}

// batch gathers the graph of some rows, each entity and edge once.
type batch struct {
	b      kg.Batch
	ents   map[string]int // index in b.Entities
	edges  map[string]int
	arts   map[string]bool
	events int
}

func newBatch() *batch {
	return &batch{ents: map[string]int{}, edges: map[string]int{}, arts: map[string]bool{}}
}

func (b *batch) entity(e kg.Entity) {
	if i, ok := b.ents[e.ID]; ok {
		kg.MergeEntity(&b.b.Entities[i], &e)
		return
	}
	b.ents[e.ID] = len(b.b.Entities)
	b.b.Entities = append(b.b.Entities, e)
}

func (b *batch) edge(e kg.Edge) {
	if i, ok := b.edges[e.ID]; ok {
		kg.MergeEdge(&b.b.Edges[i], &e)
		return
	}
	b.edges[e.ID] = len(b.b.Edges)
	b.b.Edges = append(b.b.Edges, e)
}

func (b *batch) article(a kg.Article) {
	if !b.arts[a.ID] {
		b.arts[a.ID] = true
		b.b.Articles = append(b.b.Articles, a)
	}
}

func (b *batch) batch() *kg.Batch { return &b.b }

// mapper maps rows to the graph.
type mapper struct {
	g    *gazetteer.Gazetteer
	file string
	orgs map[string]string // IGO/NGO actor code → organization name (Phoenix)
}

func newMapper(g *gazetteer.Gazetteer, file string) *mapper {
	m := &mapper{g: g, file: file, orgs: map[string]string{}}
	for i := range g.Actors {
		a := &g.Actors[i]
		if a.Kind != kg.Organization {
			continue
		}
		for _, c := range a.Codes {
			if c.From.IsZero() && c.To.IsZero() && (strings.HasPrefix(c.Code, "IGO") || strings.HasPrefix(c.Code, "NGO")) {
				if _, ok := m.orgs[c.Code]; !ok {
					m.orgs[c.Code] = a.Name // the dictionary's first: its main entry
				}
			}
		}
	}
	return m
}

// stateSectors are the sectors of a country's actor code that act for the
// state: its government, military, legislature and courts.
var stateSectors = []string{"GOV", "MIL", "LEG", "JUD"}

// entity returns the state or organization an actor stands for.
func (m *mapper) entity(a actor, on kg.Date) (kg.Entity, bool) {
	code := strings.ToUpper(strings.TrimSpace(a.code))
	if len(code) < 3 {
		return kg.Entity{}, false
	}
	if strings.HasPrefix(code, "IGO") || strings.HasPrefix(code, "NGO") {
		name, ok := m.orgs[code]
		if !ok {
			return kg.Entity{}, false
		}
		if o, ok := m.g.Organization(name); ok {
			return o.Entity(), true
		}
		return kg.Entity{ID: kg.EntityID(kg.Organization, name), Kind: kg.Organization, Name: name}, true
	}
	if sector := code[3:]; sector != "" && !slices.Contains(stateSectors, sector[:min(3, len(sector))]) {
		return kg.Entity{}, false
	}
	name := m.g.StateOfCode(code)
	if name == "" {
		return kg.Entity{}, false
	}
	s, ok := m.g.StateOn(name, on)
	if !ok {
		return kg.Entity{}, false
	}
	return s.Entity(), true
}

// add maps r into b, and reports whether r became an event.
func (m *mapper) add(b *batch, r row) bool {
	var parts []kg.Entity
	for _, a := range []actor{r.actor1, r.actor2} {
		if e, ok := m.entity(a, r.day); ok && !slices.ContainsFunc(parts, func(p kg.Entity) bool { return p.ID == e.ID }) {
			parts = append(parts, e)
		}
	}
	if len(parts) == 0 {
		return false
	}
	typ, label, status := eventKind(r.code)
	// A directed act (CAMEO's source and target: an attack, a demand, a
	// summons) keeps Actor2 apart as its target, as the extractor does, so
	// that the name says who did what to whom and the row and an article
	// telling the same act are one node.
	var names, targets []string
	target := ""
	if events.Directed(typ, label) && len(parts) == 2 {
		names, targets = []string{parts[0].Name}, []string{parts[1].Name}
		target = parts[1].ID
	} else {
		for _, p := range parts {
			names = append(names, p.Name)
		}
		slices.Sort(names)
	}
	place, hasPlace := m.place(r)
	placeName := ""
	if hasPlace && typ == kg.Visit {
		placeName = place.Name
	}
	ev := kg.Entity{Kind: kg.Event, Name: events.Name(typ, label, names, targets, placeName, r.day),
		EventType: typ, Status: status, Date: r.day, Attrs: map[string]string{"cameo": r.code}}
	ev.ID = kg.EntityID(kg.Event, ev.Name)

	src := r.url
	if src == "" {
		src = "gdelt:" + r.id
	}
	art := kg.Article{ID: kg.ArticleID(src), URL: r.url, Published: r.added, Source: "GDELT 2.0 event export " + m.file}
	evidence := []kg.Evidence{{Article: art.ID, Quote: m.quote(r)}}

	b.article(art)
	b.entity(ev)
	for _, p := range parts {
		role := ""
		if p.ID == target {
			role = "target"
		}
		b.entity(p)
		b.edge(kg.Edge{ID: kg.EdgeID(kg.ParticipatedIn, p.ID, ev.ID, role), Type: kg.ParticipatedIn, From: p.ID, To: ev.ID,
			Role: role, Date: r.day, Status: status, Evidence: evidence})
	}
	if hasPlace {
		b.entity(place)
		b.edge(kg.Edge{ID: kg.EdgeID(kg.HeldIn, ev.ID, place.ID, ""), Type: kg.HeldIn, From: ev.ID, To: place.ID,
			Date: r.day, Status: status, Evidence: evidence})
	}
	b.events++
	return true
}

// quote renders the coded record an edge cites.
func (m *mapper) quote(r row) string {
	side := func(a actor) string {
		switch {
		case a.code == "":
			return "-"
		case a.name == "":
			return a.code
		}
		return a.name + " (" + a.code + ")"
	}
	return fmt.Sprintf("GDELT 2.0 event %s of %s: %s, CAMEO %s, %s", r.id, r.day, side(r.actor1), r.code, side(r.actor2))
}

// place returns the place of the action when GDELT placed it in a city or
// landmark (geo types 3 and 4) that the gazetteer knows: its curated places
// first, then its cities, in the state the location names last.
func (m *mapper) place(r row) (kg.Entity, bool) {
	if r.geoType != 3 && r.geoType != 4 {
		return kg.Entity{}, false
	}
	parts := strings.Split(r.geoName, ",")
	name := strings.TrimSpace(parts[0])
	if name == "" {
		return kg.Entity{}, false
	}
	if p, ok := m.g.Place(name); ok {
		return p.Entity(), true
	}
	state := ""
	if r.geoType == 4 && len(parts) > 1 {
		if s, ok := m.g.State(strings.TrimSpace(parts[len(parts)-1])); ok {
			state = s.Name
		}
	} else if r.geoType == 3 {
		state = "United States"
	}
	for _, c := range m.g.CitiesNamed(name) {
		if c.State == state {
			// As the article recognizers make a city of the tables.
			return kg.Entity{ID: kg.EntityID(kg.Place, c.Name), Kind: kg.Place, Name: c.Name}, true
		}
	}
	return kg.Entity{}, false
}
