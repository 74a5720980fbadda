package neo4j

import (
	"bufio"
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/diplograph/diplograph/kg"
)

// Bulk import.
//
// A first load of a large graph does not go through Put: transactions
// cost Neo4j ~110-150 µs of server CPU per new edge (see Writes in the
// package comment), while neo4j-admin database import full writes the
// store files directly from CSV. ImportWriter turns batches into the CSV
// files that tool reads, with the properties Put would write (the same
// property maps, model.go), merged by the same rules; the database it
// builds, once a server opens it, gets its constraints and indexes from
// Open like any other, and reads exactly as if it had been loaded with Put.
//
// The files, in the directory given to NewImportWriter:
//
//	entities.csv              id:ID(Entity), :LABEL (Entity and the kind), the entity properties
//	articles.csv              id:ID(Article), :LABEL (Article), title, url, published, source, text
//	edges.csv                 :START_ID(Entity), :END_ID(Entity), :TYPE, the edge properties
//	mentions-from-articles.csv  MENTIONS edges that start at an article (:START_ID(Article))
//	mentions-to-articles.csv    and those that end at one (:END_ID(Article))
//	import.args               the arguments for neo4j-admin (an @-file)
//
// Every present string is quoted and every absent property is an empty,
// unquoted field, so that "" (an empty string) and no property differ.
// Lists put a delimiter between items: the first of arrayDelimiters that
// no string of any list holds (control characters that prose does not
// hold), so that every list comes back as it was. Quotes hold newlines,
// hence --multiline-fields=true.

// arrayDelimiters are the characters a list's items may be separated by,
// in order of preference: the unit, record, group and file separators,
// then two private-use code points.
var arrayDelimiters = []rune{'\x1f', '\x1e', '\x1d', '\x1c', '\ue000', '\ue001'}

// importFiles name the files ImportWriter writes.
const (
	importEntities       = "entities.csv"
	importArticles       = "articles.csv"
	importEdges          = "edges.csv"
	importMentionsFrom   = "mentions-from-articles.csv"
	importMentionsTo     = "mentions-to-articles.csv"
	ImportArgsFile       = "import.args"
	importEntityIDSpace  = "Entity"
	importArticleIDSpace = "Article"
)

// ImportWriter gathers batches and writes them as CSV files for
// neo4j-admin database import full. It holds the merged graph in memory
// until Close.
type ImportWriter struct {
	dir      string
	delim    string // between the items of a list (see arrayDelimiters)
	articles map[string]*kg.Article
	entities map[string]*kg.Entity
	edges    map[string]*kg.Edge
	artOrder []string
	entOrder []string
	edgOrder []string
}

// NewImportWriter returns a writer of import files into dir, which is
// created; it must not hold import files already.
func NewImportWriter(dir string) (*ImportWriter, error) {
	// The arguments name the files by absolute path, so that neo4j-admin
	// finds them from wherever it runs.
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("neo4j: import files: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("neo4j: import files: %w", err)
	}
	for _, f := range []string{importEntities, importArticles, importEdges, ImportArgsFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			return nil, fmt.Errorf("neo4j: import files: %s already holds %s: use an empty directory", dir, f)
		}
	}
	return &ImportWriter{dir: dir, articles: map[string]*kg.Article{}, entities: map[string]*kg.Entity{}, edges: map[string]*kg.Edge{}}, nil
}

// Add merges b into the graph, as Put would merge it into a store. It
// returns EINVALID for a malformed batch, and ECONFLICT when an id already
// names something else (an entity of another kind, an edge between other
// ends).
func (w *ImportWriter) Add(b *kg.Batch) error {
	if err := validateBatch(b); err != nil {
		return fmt.Errorf("neo4j: import files: %w", err)
	}
	if err := checkIndexedTerms(b); err != nil {
		return fmt.Errorf("neo4j: import files: %w", err)
	}
	for i := range b.Articles {
		a := &b.Articles[i]
		if old := w.articles[a.ID]; old != nil {
			m := mergeArticle(old, a)
			*old = m
			continue
		}
		n := *a
		w.articles[a.ID] = &n
		w.artOrder = append(w.artOrder, a.ID)
	}
	for i := range b.Entities {
		e := &b.Entities[i]
		old := w.entities[e.ID]
		switch {
		case old == nil:
			n := newEntity(e)
			w.entities[e.ID] = &n
			w.entOrder = append(w.entOrder, e.ID)
		case old.Kind != e.Kind:
			return kg.Errorf(kg.ECONFLICT, "entity %s comes as a %s and as a %s", e.ID, old.Kind, e.Kind)
		default:
			mergeEntity(old, e)
		}
	}
	for i := range b.Edges {
		e := &b.Edges[i]
		old := w.edges[e.ID]
		switch {
		case old == nil:
			n := newEdge(e)
			w.edges[e.ID] = &n
			w.edgOrder = append(w.edgOrder, e.ID)
		case old.Type != e.Type || old.From != e.From || old.To != e.To:
			return kg.Errorf(kg.ECONFLICT, "edge %s comes as %s %s→%s and as %s %s→%s", e.ID, old.Type, old.From, old.To, e.Type, e.From, e.To)
		default:
			kg.MergeEdge(old, e)
		}
	}
	return nil
}

// ImportResult says what Close wrote.
type ImportResult struct {
	Articles, Entities, Edges int
	// Args are the options of neo4j-admin database import full for the
	// files (the database name apart); the args file holds them too.
	Args []string
}

// Close writes the files and the arguments file. It returns EINVALID when
// an edge points at nothing the graph holds (neo4j-admin would drop it),
// or a non-MENTIONS edge at an article, as Put would.
func (w *ImportWriter) Close() (ImportResult, error) {
	kindOf := func(id string) nodeKind {
		if w.entities[id] != nil {
			return entityNode // an entity id wins over an article id, as in Put
		}
		if w.articles[id] != nil {
			return articleNode
		}
		return missing
	}
	for _, id := range w.edgOrder {
		e := w.edges[id]
		for _, end := range []string{e.From, e.To} {
			switch k := kindOf(end); {
			case k == entityNode:
			case k == articleNode && e.Type == kg.Mentions:
			case k == articleNode:
				return ImportResult{}, kg.Errorf(kg.EINVALID, "edge %s: only MENTIONS edges may start or end at an article, not %s", e.ID, e.Type)
			default:
				return ImportResult{}, kg.Errorf(kg.EINVALID, "edge %s (%s %s→%s): no entity %s in the graph", e.ID, e.Type, e.From, e.To, end)
			}
		}
	}
	delim, err := w.arrayDelimiter()
	if err != nil {
		return ImportResult{}, err
	}
	w.delim = string(delim)
	if err := w.writeEntities(); err != nil {
		return ImportResult{}, err
	}
	if err := w.writeArticles(); err != nil {
		return ImportResult{}, err
	}
	if err := w.writeEdges(kindOf); err != nil {
		return ImportResult{}, err
	}
	args := importArgs(w.dir, delim)
	if err := os.WriteFile(filepath.Join(w.dir, ImportArgsFile), []byte(strings.Join(args, "\n")+"\n"), 0o644); err != nil {
		return ImportResult{}, fmt.Errorf("neo4j: import files: %w", err)
	}
	return ImportResult{Articles: len(w.articles), Entities: len(w.entities), Edges: len(w.edges), Args: args}, nil
}

// importArgs returns the options of neo4j-admin database import full for
// the files ImportWriter writes into dir (without the database name).
func importArgs(dir string, delim rune) []string {
	p := func(f string) string { return filepath.Join(dir, f) }
	return []string{
		"--nodes=" + p(importEntities),
		"--nodes=" + p(importArticles),
		"--relationships=" + p(importEdges),
		"--relationships=" + p(importMentionsFrom),
		"--relationships=" + p(importMentionsTo),
		fmt.Sprintf("--array-delimiter=U+%04X", delim),
		"--multiline-fields=true",
		"--id-type=string",
	}
}

// arrayDelimiter returns the first of arrayDelimiters that no item of a
// list holds, nor a name of a kind (labels are a list too).
func (w *ImportWriter) arrayDelimiter() (rune, error) {
	used := map[rune]bool{}
	note := func(ss ...string) {
		for _, s := range ss {
			for _, r := range s {
				if r < 0x20 || r >= 0xe000 && r <= 0xe001 {
					used[r] = true
				}
			}
		}
	}
	for _, e := range w.entities {
		note(e.Aliases...)
		note(e.Name) // searchNames fold it
	}
	for _, e := range w.edges {
		for _, ev := range e.Evidence {
			note(ev.Article, ev.Quote)
		}
	}
	for _, r := range arrayDelimiters {
		if !used[r] {
			return r, nil
		}
	}
	return 0, kg.Errorf(kg.EINVALID, "every character the import files could separate list items with (U+001C-U+001F, U+E000, U+E001) occurs in the lists: cannot write them")
}

// csvFile writes one import file.
type csvFile struct {
	f   *os.File
	w   *bufio.Writer
	row []string
}

func createCSV(dir, name string, header []string) (*csvFile, error) {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		return nil, fmt.Errorf("neo4j: import files: %w", err)
	}
	c := &csvFile{f: f, w: bufio.NewWriterSize(f, 1<<20)}
	c.w.WriteString(strings.Join(header, ",") + "\n")
	return c, nil
}

// writeRow writes fields already encoded (see quote, longField, list).
func (c *csvFile) writeRow(fields []string) {
	for i, f := range fields {
		if i > 0 {
			c.w.WriteByte(',')
		}
		c.w.WriteString(f)
	}
	c.w.WriteByte('\n')
}

func (c *csvFile) close() error {
	if err := c.w.Flush(); err != nil {
		c.f.Close()
		return fmt.Errorf("neo4j: import files: %w", err)
	}
	if err := c.f.Close(); err != nil {
		return fmt.Errorf("neo4j: import files: %w", err)
	}
	return nil
}

// quote encodes a present string: always quoted, quotes doubled.
func quote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// field encodes a property value for its column: strings quoted, integers
// bare, lists joined with the writer's delimiter; nil (absent) as nothing.
func (w *ImportWriter) field(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return quote(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case []string:
		return quote(strings.Join(v, w.delim))
	case []int64:
		items := make([]string, len(v))
		for i, n := range v {
			items[i] = strconv.FormatInt(n, 10)
		}
		return strings.Join(items, w.delim)
	}
	panic(fmt.Sprintf("neo4j: import files: no CSV form for %T", v))
}

// entityColumns are the entity properties and their import types, in the
// order of the columns; attributes (attr_*) follow, one column each.
var entityColumns = []struct{ key, typ string }{
	{"kind", "string"}, {"name", "string"}, {"nameFolded", "string"}, {"aliases", "string[]"},
	{"searchNames", "string[]"}, {"eventType", "string"}, {"status", "string"}, {"date", "string"},
	{"end", "string"}, {"datePrecision", "long"}, {"dateFirst", "long"}, {"dateLast", "long"}, {"spanTier", "long"},
}

func (w *ImportWriter) writeEntities() error {
	attrs := map[string]bool{}
	for _, e := range w.entities {
		for k := range e.Attrs {
			attrs[attrPrefix+k] = true
		}
	}
	attrKeys := slices.Sorted(func(yield func(string) bool) {
		for k := range attrs {
			if !yield(k) {
				return
			}
		}
	})
	header := []string{"id:ID(" + importEntityIDSpace + ")", ":LABEL"}
	for _, c := range entityColumns {
		header = append(header, c.key+":"+c.typ)
	}
	for _, k := range attrKeys {
		header = append(header, k+":string")
	}
	c, err := createCSV(w.dir, importEntities, header)
	if err != nil {
		return err
	}
	row := make([]string, len(header))
	for _, id := range w.entOrder {
		e := w.entities[id]
		p := entityProps(e)
		row[0] = quote(e.ID)
		row[1] = quote("Entity" + w.delim + labels[e.Kind])
		for i, col := range entityColumns {
			row[2+i] = w.field(p[col.key])
		}
		for i, k := range attrKeys {
			row[2+len(entityColumns)+i] = w.field(p[k])
		}
		c.writeRow(row)
	}
	return c.close()
}

func (w *ImportWriter) writeArticles() error {
	keys := []string{"title", "url", "published", "source", "text"}
	header := []string{"id:ID(" + importArticleIDSpace + ")", ":LABEL"}
	for _, k := range keys {
		header = append(header, k+":string")
	}
	c, err := createCSV(w.dir, importArticles, header)
	if err != nil {
		return err
	}
	row := make([]string, len(header))
	for _, id := range w.artOrder {
		a := w.articles[id]
		p := articleProps(a)
		row[0], row[1] = quote(a.ID), quote("Article")
		for i, k := range keys {
			row[2+i] = w.field(p[k])
		}
		c.writeRow(row)
	}
	return c.close()
}

// edgeColumns are the edge properties and their import types (edgePropKeys
// but the id, which comes first).
var edgeColumns = []struct{ key, typ string }{
	{"id", "string"}, {"role", "string"}, {"status", "string"}, {"date", "string"}, {"end", "string"},
	{"datePrecision", "long"}, {"dateFirst", "long"}, {"dateLast", "long"},
	{"evidenceArticle", "string[]"}, {"evidenceSentence", "long[]"}, {"evidenceQuote", "string[]"},
	{"evidenceStart", "long[]"}, {"evidenceEnd", "long[]"},
}

func (w *ImportWriter) writeEdges(kindOf func(string) nodeKind) error {
	header := func(from, to string) []string {
		h := []string{":START_ID(" + from + ")", ":END_ID(" + to + ")", ":TYPE"}
		for _, c := range edgeColumns {
			h = append(h, c.key+":"+c.typ)
		}
		return h
	}
	files := map[[2]nodeKind]*csvFile{}
	for _, f := range []struct {
		name     string
		from, to nodeKind
		fs, ts   string
	}{
		{importEdges, entityNode, entityNode, importEntityIDSpace, importEntityIDSpace},
		{importMentionsFrom, articleNode, entityNode, importArticleIDSpace, importEntityIDSpace},
		{importMentionsTo, entityNode, articleNode, importEntityIDSpace, importArticleIDSpace},
	} {
		c, err := createCSV(w.dir, f.name, header(f.fs, f.ts))
		if err != nil {
			return err
		}
		files[[2]nodeKind{f.from, f.to}] = c
	}
	// Edges in lock order, as Put writes them: type, then id. The order
	// changes nothing in the database; it makes the files the same on
	// every run.
	typeRank := map[kg.EdgeType]int{}
	for i, t := range kg.EdgeTypes {
		typeRank[t] = i
	}
	// Sorted as pointers with their type's rank: looking both up in maps
	// for every comparison was a third of the writer's time at 1,000,000
	// edges.
	type ranked struct {
		rank int
		e    *kg.Edge
	}
	order := make([]ranked, len(w.edgOrder))
	for i, id := range w.edgOrder {
		e := w.edges[id]
		order[i] = ranked{typeRank[e.Type], e}
	}
	slices.SortFunc(order, func(a, b ranked) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.e.ID, b.e.ID))
	})
	row := make([]string, 3+len(edgeColumns))
	var err error
	for _, r := range order {
		e := r.e
		c := files[[2]nodeKind{kindOf(e.From), kindOf(e.To)}]
		if c == nil {
			err = fmt.Errorf("neo4j: import files: edge %s between two articles", e.ID) // Close checked the ends
			break
		}
		p := edgeProps(e)
		row[0], row[1], row[2] = quote(e.From), quote(e.To), string(e.Type)
		for i, col := range edgeColumns {
			row[3+i] = w.field(p[col.key])
		}
		c.writeRow(row)
	}
	for _, c := range files {
		if cerr := c.close(); err == nil {
			err = cerr
		}
	}
	return err
}
