package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math"
)

// schemaVersion is stored in PRAGMA user_version. Open creates the schema
// in an empty file, upgrades a file of an older version (see upgrades) and
// refuses a file written by a newer version.
const schemaVersion = 3

// applicationID is stored in PRAGMA application_id so that Open can tell a
// diplograph database from another program's SQLite file ("dplg").
const applicationID = 0x64706c67

// undatedFirst is the first-day key of an undated row. It sorts after every
// real yyyymmdd key, which puts undated edges last in date order without a
// second sort column; its last-day key is 0, so no bounded window reaches it.
const undatedFirst = math.MaxInt64

// schema creates every table and index. Dates are stored as:
//
//	date, end_date  the TIMEX3 values, to rebuild the kg.Date
//	d_first         Date.FirstKey (undatedFirst when there is no date)
//	d_prec          Date.Precision, to order coarser before finer
//	d_last          the last day of Date or End, whichever is later, as a
//	                yyyymmdd key: a window overlaps the row when
//	                d_first <= window.last and d_last >= window.first.
var schema = append([]string{
	`CREATE TABLE articles (
		id        TEXT PRIMARY KEY,
		title     TEXT NOT NULL,
		url       TEXT NOT NULL,
		published TEXT NOT NULL,
		source    TEXT NOT NULL,
		body      TEXT NOT NULL
	)`,

	`CREATE TABLE entities (
		pk         INTEGER PRIMARY KEY, -- the FTS5 rowid
		id         TEXT NOT NULL UNIQUE,
		kind       TEXT NOT NULL,
		name       TEXT NOT NULL,
		folded     TEXT NOT NULL, -- fold.Fold(name): search results sort by it
		aliases    TEXT NOT NULL, -- JSON array
		event_type TEXT NOT NULL,
		status     TEXT NOT NULL,
		date       TEXT NOT NULL,
		end_date   TEXT NOT NULL,
		d_first    INTEGER NOT NULL,
		d_prec     INTEGER NOT NULL,
		d_last     INTEGER NOT NULL,
		attrs      TEXT NOT NULL -- JSON object
	)`,
	// Entities by kind in date order. The event window query is a range of
	// this index (kind = 'EVENT', d_first between bounds) read in page
	// order, so it stops after one page; Stats counts kinds from it alone.
	// (A partial index on events alone loses to any index on kind in
	// SQLite's planner, which then sorts every event.)
	`CREATE INDEX entities_by_kind_date ON entities (kind, d_first, d_prec, id, d_last)`,

	// Every folded name and alias of an entity, for ranking search results
	// (exact, then prefix, then the rest).
	`CREATE TABLE entity_names (
		entity INTEGER NOT NULL, -- entities.pk
		folded TEXT NOT NULL,
		PRIMARY KEY (entity, folded)
	) WITHOUT ROWID`,

	// One row per entity (rowid = entities.pk) holding the folded words of
	// all its names. The text is folded before it gets here, so the
	// tokenizer only splits on spaces; remove_diacritics 2 is a second line
	// of defence. Contentless: the words are never read back.
	`CREATE VIRTUAL TABLE entity_fts USING fts5 (
		words,
		content = '',
		contentless_delete = 1,
		tokenize = 'unicode61 remove_diacritics 2'
	)`,

	`CREATE TABLE edges (
		pk       INTEGER PRIMARY KEY,
		id       TEXT NOT NULL UNIQUE,
		type     TEXT NOT NULL,
		from_id  TEXT NOT NULL,
		to_id    TEXT NOT NULL,
		role     TEXT NOT NULL,
		status   TEXT NOT NULL,
		date     TEXT NOT NULL,
		end_date TEXT NOT NULL,
		d_first  INTEGER NOT NULL,
		d_prec   INTEGER NOT NULL,
		d_last   INTEGER NOT NULL
	)`,
	// The two ends. Each index is ordered the way pages are (date, then id)
	// within an entity and type, and covers the columns that counting,
	// windows and path search read, so those never touch the table.
	`CREATE INDEX edges_out ON edges (from_id, type, d_first, d_prec, id, d_last, to_id)`,
	`CREATE INDEX edges_in ON edges (to_id, type, d_first, d_prec, id, d_last, from_id)`,

	// Evidence, one row per sentence an edge was read from. The unique key
	// (one item per article and sentence, as kg.MergeEdge has it) is what
	// makes loading the same evidence twice a no-op; rowid order is the
	// order evidence was first seen.
	`CREATE TABLE evidence (
		edge     INTEGER NOT NULL, -- edges.pk
		article  TEXT NOT NULL,
		sentence INTEGER NOT NULL,
		start    INTEGER NOT NULL,
		"end"    INTEGER NOT NULL,
		quote    TEXT NOT NULL,
		UNIQUE (edge, article, sentence)
	)`,

	// Evidence by article, in sentence order: what an article mentions
	// (Mentions) is an index range of it.
	evidenceByArticle,

	// How many edges each entity (or article) has, by type and direction:
	// dir 0 counts edges that start at it, 1 edges that end at it, 2
	// self-loops (counted in both of the others too). TotalCount of an
	// undated page, and the cost of growing a path search, are then sums of
	// a few rows instead of a scan of a hub's edges. Put keeps it in step
	// when it inserts an edge, and Curate when it deletes one.
	`CREATE TABLE degrees (
		entity TEXT NOT NULL,
		type   TEXT NOT NULL,
		dir    INTEGER NOT NULL,
		n      INTEGER NOT NULL,
		PRIMARY KEY (entity, type, dir)
	) WITHOUT ROWID`,

	// Small facts about the whole store. span_days holds the longest span, in
	// days, of any dated event or edge: a window query may then bound
	// d_first from below as well (window.first - span_days), which keeps it
	// an index range instead of a scan of everything before the window.
	`CREATE TABLE meta (
		key   TEXT PRIMARY KEY,
		value INTEGER NOT NULL
	) WITHOUT ROWID`,
	`INSERT INTO meta (key, value) VALUES ('event_span_days', 0), ('edge_span_days', 0)`,
}, curationSchema...) // the curation log and the change feed: curate.go

const evidenceByArticle = `CREATE INDEX evidence_by_article ON evidence (article, sentence, edge)`

// upgrades[v] turns a version v schema into version v+1.
var upgrades = map[int][]string{
	1: {evidenceByArticle},
	2: curationSchema,
}

// migrate creates the schema in a new database and checks an existing one,
// then puts the file in WAL mode: readers never block the writer nor the
// writer readers, and each read transaction sees one consistent snapshot.
// A file that is not ours is refused before anything in it changes.
func (s *Store) migrate(ctx context.Context) error {
	if err := s.createSchema(ctx); err != nil {
		return err
	}
	var mode string
	if err := s.w.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode); err != nil {
		return fmt.Errorf("set WAL mode: %w", err)
	}
	if mode != "wal" {
		return fmt.Errorf("set WAL mode: the file stays in %s mode", mode)
	}
	return nil
}

func (s *Store) createSchema(ctx context.Context) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		if sqliteCode(err) == sqliteNotADB {
			return fmt.Errorf("not a SQLite database: %w", err)
		}
		return err
	}
	defer tx.Rollback()

	var version, appID, tables int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		if sqliteCode(err) == sqliteNotADB {
			return fmt.Errorf("not a SQLite database: %w", err)
		}
		return fmt.Errorf("read schema version: %w", err)
	}
	if err := tx.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return fmt.Errorf("read application id: %w", err)
	}
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return fmt.Errorf("read schema: %w", err)
	}
	switch {
	case appID != 0 && appID != applicationID:
		return fmt.Errorf("not a diplograph database (application_id %#x)", appID)
	case version == schemaVersion:
		return nil
	case version > schemaVersion:
		return fmt.Errorf("database schema version %d is newer than this program's (%d): upgrade diplograph", version, schemaVersion)
	case version == 0 && tables > 0:
		return fmt.Errorf("not a diplograph database: it has tables but no diplograph schema")
	case version > 0:
		for v := version; v < schemaVersion; v++ {
			for _, stmt := range upgrades[v] {
				if _, err := tx.ExecContext(ctx, stmt); err != nil {
					return fmt.Errorf("upgrade schema from version %d: %w", v, err)
				}
			}
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", schemaVersion)); err != nil {
			return fmt.Errorf("set schema version: %w", err)
		}
		return tx.Commit()
	}

	for _, stmt := range schema {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("create schema: %w", err)
		}
	}
	// PRAGMAs take no parameters; both values are constants.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", schemaVersion)); err != nil {
		return fmt.Errorf("set schema version: %w", err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
		return fmt.Errorf("set application id: %w", err)
	}
	return tx.Commit()
}

// queryer is what both *sql.DB and *sql.Tx offer; helpers take it so that
// they run inside whichever transaction their caller holds.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}
