package sqlite

import (
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// Edges returns one page of the edges of an entity (or of an article, whose
// MENTIONS edges start there), in date order: by first day, coarser dates
// before finer ones on the same day, undated edges last, ties by edge id.
// Pages are keyset pages: a cursor holds the sort key of its edge, so the
// next page is an index range that starts right after it, however deep the
// page. It returns ENOTFOUND if nothing is stored under q.Entity, and
// EINVALID for a cursor it did not issue, an unknown type or direction, a
// window that ends before it starts, or a First out of range.
func (s *Store) Edges(ctx context.Context, q kg.EdgeQuery) (*kg.EdgePage, error) {
	pages, err := s.EdgesBatch(ctx, []kg.EdgeQuery{q})
	if err != nil {
		return nil, err
	}
	return pages[0], nil
}

// EdgesBatch implements kg.Store. Every query is checked first; then the
// whole batch is read in one read transaction (one snapshot of the graph)
// with a handful of statements, however many queries it holds: one that
// counts the edges of every query of one shape (direction, types, window or
// none), one that reads the pages of every query of one shape (the same,
// plus page size and plan, see readPages), and one for the evidence of all
// the edges read. A shape's queries travel as one JSON array parameter;
// each page is an index range of its own entity's edges, cut at its own
// page size by a correlated subquery, so no query of the batch reads more
// of its entity's edges than a lone Edges call would.
func (s *Store) EdgesBatch(ctx context.Context, qs []kg.EdgeQuery) ([]*kg.EdgePage, error) {
	ps := make([]edgeQuery, len(qs))
	windowed := false
	for i, q := range qs {
		p, err := prepareEdgeQuery(q)
		if err != nil {
			return nil, err
		}
		ps[i] = p
		windowed = windowed || p.windowed()
	}
	out := make([]*kg.EdgePage, len(qs))
	if len(qs) == 0 {
		return out, nil
	}
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlite: edges: %w", err)
	}
	defer tx.Rollback()
	if err := edgePages(ctx, tx, ps, windowed, out); err != nil {
		if kg.ErrorCode(err) != kg.EINTERNAL {
			return nil, err
		}
		if len(qs) == 1 {
			return nil, fmt.Errorf("sqlite: edges of %s: %w", qs[0].Entity, err)
		}
		return nil, fmt.Errorf("sqlite: edges of %d entities: %w", len(qs), err)
	}
	tx.Rollback()
	if err := kg.FillEnds(ctx, s.Entities, qs, out); err != nil {
		return nil, fmt.Errorf("sqlite: edges: ends: %w", err)
	}
	return out, nil
}

// edgeQuery is an EdgeQuery checked, with its defaults applied and its
// cursor read.
type edgeQuery struct {
	q     kg.EdgeQuery
	dir   kg.Direction
	first int
	after *cursor
}

// prepareEdgeQuery checks q and reads its defaults and cursor.
func prepareEdgeQuery(q kg.EdgeQuery) (p edgeQuery, err error) {
	if p.first, err = pageSize(q.First); err != nil {
		return p, err
	}
	p.dir = q.Direction
	switch p.dir {
	case "":
		p.dir = kg.Both
	case kg.Out, kg.In, kg.Both:
	default:
		return p, kg.Errorf(kg.EINVALID, "unknown direction %q", q.Direction)
	}
	if err := checkEdgeTypes(q.Types); err != nil {
		return p, err
	}
	q.Types = distinct(q.Types) // a type listed twice must not read its edges twice
	if err := checkWindow(q.From, q.To); err != nil {
		return p, err
	}
	if err := kg.CheckEdgeKey(q); err != nil {
		return p, err
	}
	if q.After != "" {
		c, err := decodeCursor(q.After)
		if err != nil {
			return p, err
		}
		p.after = &c
	}
	if k := q.AfterKey; k != nil {
		p.after = &cursor{first: int64(k.Date.FirstKey()), prec: int(k.Date.Precision()), id: k.ID}
	}
	p.q = q
	return p, nil
}

// windowed reports whether p has a date window, or keeps dated edges
// only, which an open window does.
func (p *edgeQuery) windowed() bool { return !p.q.From.IsZero() || !p.q.To.IsZero() || p.q.Dated }

// types returns the types p reads: its own, or every type.
func (p *edgeQuery) types() []kg.EdgeType {
	if len(p.q.Types) == 0 {
		return kg.EdgeTypes
	}
	return p.q.Types
}

// edgeParam is one query of a shape as the statements read it from their
// JSON array parameter (see queriesCTE). Without a cursor the page starts
// after (-1, -1, ""), before every edge; an open window bound is a key no
// dated edge passes.
type edgeParam struct {
	I    int    `json:"i"`
	ID   string `json:"id"`
	AF   int64  `json:"af"`
	AP   int    `json:"ap"`
	AID  string `json:"aid"`
	Lo   int64  `json:"lo"`
	From int64  `json:"from"`
	To   int64  `json:"to"`
}

// edgeParamOf returns the parameter of p, the i-th query of its batch.
// span is the longest stored edge span in days (see window).
func edgeParamOf(i int, p *edgeQuery, span int64) edgeParam {
	e := edgeParam{I: i, ID: p.q.Entity, AF: -1, AP: -1, Lo: 0, From: 0, To: math.MaxInt64}
	if p.after != nil {
		e.AF, e.AP, e.AID = p.after.first, p.after.prec, p.after.id
	}
	if !p.q.From.IsZero() {
		e.Lo = windowLo(p.q.From, span)
		e.From = int64(p.q.From.FirstKey())
	}
	if !p.q.To.IsZero() {
		e.To = int64(p.q.To.LastKey())
	}
	return e
}

// queriesCTE reads a JSON array of edgeParam into the table q, one row per
// query, for the statements of edgePages. MATERIALIZED: the values are
// read from the JSON once, not at every row a condition tests.
const queriesCTE = `WITH q AS MATERIALIZED (SELECT value->>'i' AS i, value->>'id' AS id,
	value->>'af' AS af, value->>'ap' AS ap, value->>'aid' AS aid,
	value->>'lo' AS lo, value->>'from' AS wfrom, value->>'to' AS wto FROM json_each(?)) `

// Conditions on the edges of the query in the row of q (see queriesCTE).
const (
	queryWindow = `d_prec > 0 AND d_first <= q.wto AND d_first >= q.lo AND d_last >= q.wfrom`
	queryAfter  = `(d_first, d_prec, id) > (q.af, q.ap, q.aid)`
)

// edgePages fills in out, the pages of ps, reading inside tx.
func edgePages(ctx context.Context, tx *readTx, ps []edgeQuery, windowed bool, out []*kg.EdgePage) error {
	var span int64
	if windowed {
		var err error
		if span, err = readSpan(ctx, tx, "edge_span_days"); err != nil {
			return err
		}
	}
	params := make([]edgeParam, len(ps))
	for i := range ps {
		params[i] = edgeParamOf(i, &ps[i], span)
	}

	// Counts, and whether each entity exists: one statement per shape.
	type countShape struct {
		dir      kg.Direction
		types    string
		windowed bool
	}
	found := make([]bool, len(ps))
	totals := make([]int, len(ps))
	for _, idx := range groupBy(len(ps), func(i int) countShape {
		return countShape{ps[i].dir, typesKey(ps[i].types()), ps[i].windowed()}
	}) {
		if err := countEdges(ctx, tx, &ps[idx[0]], pick(params, idx), found, totals); err != nil {
			return err
		}
	}
	for i := range ps {
		if !found[i] {
			return kg.Errorf(kg.ENOTFOUND, "no entity %q", ps[i].q.Entity)
		}
		out[i] = &kg.EdgePage{TotalCount: totals[i]}
	}

	// Pages: one statement per shape, which now includes the page size and
	// the plan. Queries that match nothing need none.
	type pageShape struct {
		dir      kg.Direction
		types    string
		windowed bool
		first    int
		perType  bool
	}
	keys := make([][]edgeKey, len(ps))
	byPK := map[int64]*kg.Edge{}
	for _, idx := range groupBy(len(ps), func(i int) pageShape {
		p := &ps[i]
		return pageShape{p.dir, typesKey(p.q.Types), p.windowed(), p.first, totals[i] > mergeAbove}
	}) {
		idx = slices.DeleteFunc(idx, func(i int) bool { return totals[i] == 0 })
		if len(idx) == 0 {
			continue
		}
		if err := readPages(ctx, tx, &ps[idx[0]], totals[idx[0]] > mergeAbove, pick(params, idx), keys, byPK); err != nil {
			return err
		}
	}
	// Evidence is read once for the whole batch, for every edge read,
	// unless no query of the batch wants it.
	if slices.ContainsFunc(ps, func(p edgeQuery) bool { return !p.q.NoEvidence }) {
		if err := loadEvidence(ctx, tx, byPK); err != nil {
			return err
		}
	}
	for i, ks := range keys {
		slices.SortFunc(ks, edgeKey.compare)
		page := out[i]
		for _, k := range ks {
			if len(page.Edges) == ps[i].first {
				page.HasNext = true
				break
			}
			page.Edges = append(page.Edges, byPK[k.pk])
			page.Cursors = append(page.Cursors, k.c.encode())
		}
	}
	return nil
}

// mergeAbove is the TotalCount above which a page is read as one ordered
// index range per edge type (see readPages). A variable so that tests can
// run the suite on both plans.
var mergeAbove = 200

// groupBy returns the indexes 0..n-1 grouped by key, groups in the order
// of their first index.
func groupBy[K comparable](n int, key func(int) K) [][]int {
	var groups [][]int
	at := map[K]int{}
	for i := range n {
		k := key(i)
		g, ok := at[k]
		if !ok {
			g = len(groups)
			at[k] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	return groups
}

// pick returns params[i] for each i of idx, as a JSON array.
func pick(params []edgeParam, idx []int) string {
	sub := make([]edgeParam, len(idx))
	for j, i := range idx {
		sub[j] = params[i]
	}
	b, _ := json.Marshal(sub) // plain strings and numbers cannot fail
	return string(b)
}

// typesKey is a list of types as a map key.
func typesKey(types []kg.EdgeType) string {
	var b strings.Builder
	for _, t := range types {
		b.WriteString(string(t))
		b.WriteByte(',')
	}
	return b.String()
}

// sideOf is one end of an entity's edges: edges whose col is the entity.
// Under BOTH a self-loop shows once: the IN side leaves out edges that
// also start at the entity.
type sideOf struct {
	col       string
	notFromIt bool
}

func sidesOf(dir kg.Direction) []sideOf {
	var sides []sideOf
	if dir == kg.Out || dir == kg.Both {
		sides = append(sides, sideOf{col: "from_id"})
	}
	if dir == kg.In || dir == kg.Both {
		sides = append(sides, sideOf{col: "to_id", notFromIt: dir == kg.Both})
	}
	return sides
}

// where returns the conditions that select the side's edges of the query
// in the row of q, of the given types (none: any type).
func (sd sideOf) where(types []kg.EdgeType, windowed bool) *where {
	w := &where{}
	w.add(sd.col + ` = q.id`)
	if len(types) > 0 {
		whereIn(w, "type", types)
	}
	if sd.notFromIt {
		w.add(`from_id <> q.id`)
	}
	if windowed {
		w.add(queryWindow)
	}
	return w
}

// countEdges sets found[i] and totals[i] for the queries in params, all of
// p's shape: whether an entity or article has the id, and how many edges
// the query matches over all pages. Without a window a count sums the
// degrees table; with one it counts index ranges, one per end and type,
// each bounded by the window's dates.
func countEdges(ctx context.Context, tx *readTx, p *edgeQuery, params string, found []bool, totals []int) error {
	var count string
	var args []any
	if !p.windowed() {
		w := &where{}
		w.add(`entity = q.id`)
		whereIn(w, "type", p.types())
		switch p.dir {
		case kg.Out:
			w.add("dir = ?", degreeOut)
		case kg.In:
			w.add("dir = ?", degreeIn)
		}
		// Under BOTH a self-loop is counted out and in; its third row
		// takes one of the two away.
		count = `(SELECT coalesce(sum(CASE dir WHEN ? THEN -n ELSE n END), 0) FROM degrees WHERE ` + w.String() + `)`
		args = append([]any{degreeSelf}, w.args...)
	} else {
		var counts []string
		for _, sd := range sidesOf(p.dir) {
			// The types as a list, so that the window's dates bound each
			// type's range.
			w := sd.where(p.types(), true)
			counts = append(counts, `(SELECT count(*) FROM edges WHERE `+w.String()+`)`)
			args = append(args, w.args...)
		}
		count = strings.Join(counts, " + ")
	}
	rows, err := tx.QueryContext(ctx, queriesCTE+`SELECT q.i,
		EXISTS (SELECT 1 FROM entities WHERE id = q.id) OR EXISTS (SELECT 1 FROM articles WHERE id = q.id),
		`+count+` FROM q`, append([]any{params}, args...)...)
	if err != nil {
		return fmt.Errorf("count: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var i, n int
		var ok bool
		if err := rows.Scan(&i, &ok, &n); err != nil {
			return fmt.Errorf("count: %w", err)
		}
		found[i], totals[i] = ok, n
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("count: %w", err)
	}
	return nil
}

// edgeKey is an edge read for a page: its row and sort key.
type edgeKey struct {
	pk int64
	c  cursor
}

func (a edgeKey) compare(b edgeKey) int {
	return cmp.Or(cmp.Compare(a.c.first, b.c.first), cmp.Compare(a.c.prec, b.c.prec), cmp.Compare(a.c.id, b.c.id))
}

// readPages reads the first p.first+1 edges after the cursor of each query
// in params, all of p's shape, into keys (by query) and byPK (the edges,
// without evidence yet).
//
// Each query's page is a correlated subquery over its own entity's edges,
// LIMITed to the page: a small set of edges (perType false) is read and
// sorted whole, one SELECT per end; a large one, a hub's, is read as one
// SELECT per end and type, each an index range already in page order
// (edges_out and edges_in are ordered by entity, type, date, id) that SQLite
// merges, reading no more than first+1 rows of each. On a hub with 30,000
// edges that is a twentieth of the time of sorting them; on a small entity
// the longer statement costs more than the sort saves.
func readPages(ctx context.Context, tx *readTx, p *edgeQuery, perType bool, params string, keys [][]edgeKey, byPK map[int64]*kg.Edge) error {
	armTypes := [][]kg.EdgeType{p.q.Types}
	if perType {
		armTypes = nil
		for _, t := range p.types() {
			armTypes = append(armTypes, []kg.EdgeType{t})
		}
	}
	var arms []string
	var args []any
	for _, sd := range sidesOf(p.dir) {
		for _, ts := range armTypes {
			w := sd.where(ts, p.windowed())
			w.add(queryAfter)
			arms = append(arms, `SELECT pk, d_first, d_prec, id FROM edges WHERE `+w.String())
			args = append(args, w.args...)
		}
	}
	// The queries come first in the text, so their parameter does too.
	rows, err := tx.QueryContext(ctx, queriesCTE+`SELECT q.i, x.pk, x.d_first, x.d_prec, `+prefixed("x.", edgeColumns)+`
		FROM q JOIN edges AS x ON x.pk IN (SELECT pk FROM (`+strings.Join(arms, " UNION ALL ")+` ORDER BY d_first, d_prec, id LIMIT ?))`,
		append(append([]any{params}, args...), p.first+1)...)
	if err != nil {
		return fmt.Errorf("page: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var i int
		var k edgeKey
		var r edgeRow
		if err := rows.Scan(append([]any{&i, &k.pk, &k.c.first, &k.c.prec}, r.dest()...)...); err != nil {
			return fmt.Errorf("page: %w", err)
		}
		k.c.id = r.id
		if byPK[k.pk] == nil {
			e, err := r.edge()
			if err != nil {
				return err
			}
			byPK[k.pk] = e
		}
		keys[i] = append(keys[i], k)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("page: %w", err)
	}
	return nil
}

// loadEdgesByPK returns the edges with the given primary keys, evidence
// included.
func loadEdgesByPK(ctx context.Context, q queryer, pks []int64) (map[int64]*kg.Edge, error) {
	byPK := map[int64]*kg.Edge{}
	if len(pks) == 0 {
		return byPK, nil
	}
	list, err := json.Marshal(pks)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT pk, `+edgeColumns+` FROM edges WHERE pk IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, fmt.Errorf("edges: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var pk int64
		var r edgeRow
		if err := rows.Scan(append([]any{&pk}, r.dest()...)...); err != nil {
			return nil, fmt.Errorf("edges: %w", err)
		}
		if byPK[pk], err = r.edge(); err != nil {
			return nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("edges: %w", err)
	}
	rows.Close()
	return byPK, loadEvidence(ctx, q, byPK)
}

// where collects the conditions of a WHERE clause and their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// whereIn adds "col IN (?, ...)" to w for values of any string type.
func whereIn[T ~string](w *where, col string, values []T) {
	w.conds = append(w.conds, col+" IN ("+placeholders(len(values))+")")
	for _, v := range values {
		w.args = append(w.args, string(v))
	}
}

func (w *where) String() string { return strings.Join(w.conds, " AND ") }

// window is a date window as conditions on d_first and d_last.
type window struct {
	from, to kg.Date
	// lo bounds d_first from below when the window has a start: nothing
	// that starts more than the longest stored span before the window can
	// reach into it.
	lo int64
}

func newWindow(ctx context.Context, q queryer, spanKey string, from, to kg.Date) (window, error) {
	w := window{from: from, to: to}
	if from.IsZero() {
		return w, nil
	}
	span, err := readSpan(ctx, q, spanKey)
	if err != nil {
		return w, err
	}
	w.lo = windowLo(from, span)
	return w, nil
}

// readSpan reads the longest stored span, in days, that spanKey names in
// the meta table.
func readSpan(ctx context.Context, q queryer, spanKey string) (int64, error) {
	var span int64
	if err := q.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, spanKey).Scan(&span); err != nil {
		return 0, fmt.Errorf("read %s: %w", spanKey, err)
	}
	return span, nil
}

// windowLo is the lowest d_first of a row that can reach into a window
// that starts at from, when no stored row spans more than span days.
func windowLo(from kg.Date, span int64) int64 {
	return dayKey(from.First().Add(-time.Duration(span) * 24 * time.Hour))
}

func (win window) apply(w *where) {
	if win.from.IsZero() && win.to.IsZero() {
		return
	}
	w.add("d_prec > 0") // a bounded window leaves undated rows out
	if !win.to.IsZero() {
		w.add("d_first <= ?", int64(win.to.LastKey()))
	}
	if !win.from.IsZero() {
		w.add("d_first >= ?", win.lo)
		w.add("d_last >= ?", int64(win.from.FirstKey()))
	}
}

// cursor is the sort key of an edge: where the next page starts.
type cursor struct {
	first int64
	prec  int
	id    string
}

// cursorVersion starts every cursor, so that a later format can be told
// apart and refused cleanly.
const cursorVersion = "e1"

func (c cursor) encode() string {
	raw := cursorVersion + ":" + strconv.FormatInt(c.first, 10) + ":" + strconv.Itoa(c.prec) + ":" + c.id
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func decodeCursor(s string) (cursor, error) {
	bad := kg.Errorf(kg.EINVALID, "invalid cursor %q", s)
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return cursor{}, bad
	}
	parts := strings.SplitN(string(raw), ":", 4) // the id holds colons itself
	if len(parts) != 4 || parts[0] != cursorVersion || parts[3] == "" {
		return cursor{}, bad
	}
	var c cursor
	if c.first, err = strconv.ParseInt(parts[1], 10, 64); err != nil {
		return cursor{}, bad
	}
	if c.prec, err = strconv.Atoi(parts[2]); err != nil || c.prec < 0 || c.prec > int(kg.PrecisionDay) {
		return cursor{}, bad
	}
	c.id = parts[3]
	return c, nil
}
