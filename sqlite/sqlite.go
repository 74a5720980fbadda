// Package sqlite is diplograph's embedded default store: the whole kg.Store
// in one SQLite file, on modernc.org/sqlite, a translation of SQLite to pure
// Go, so the binary needs no C toolchain and no server.
//
// Layout: entities, edges and articles are rows; dates are kept twice, as
// the TIMEX3 string the kg.Date is rebuilt from and as integer yyyymmdd keys
// (kg.Date.FirstKey/LastKey) that indexes range over. Edges are indexed by
// each end, type and date, so a page of an entity's edges and the
// neighbours a path search needs are index range scans, and each entity's
// edge counts by type and direction are kept up to date, so that a page's
// TotalCount and the cost of growing a path search are known without
// scanning a hub's edges. Pages are keyset pages. Path is a bidirectional
// breadth-first search in Go, one query per level, that takes the
// neighbours of hubs from a cache (hubs.go) checked against the degrees
// table. Names are searched
// through an FTS5 index of folded words (internal/fold), so search means
// the same thing here as in every other store.
//
// The package's benchmarks (bench_test.go) run on a generated graph; with
// DIPLOGRAPH_BENCH_EDGES=1000000 they measure the sizes the project's
// latency targets are set at.
//
// Concurrency: reads go through a pool of connections and see a consistent
// snapshot each (WAL mode). Writes are serialized in Go and go through a
// single connection that begins with BEGIN IMMEDIATE, so two Puts never race
// for SQLite's write lock and never fail with SQLITE_BUSY.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver

	"github.com/diplograph/diplograph/kg"
)

var _ kg.Store = (*Store)(nil)

// Store is a kg.Store in one SQLite database file. It is safe for
// concurrent use.
type Store struct {
	path string
	// w is the write pool: one connection, so that writes queue in
	// database/sql instead of in SQLite's busy handler. mu serializes Put
	// around it, so a Put waiting for its turn holds no connection.
	w  *sql.DB
	mu sync.Mutex
	// r is the read pool; its connections are query_only. stmts holds its
	// prepared statements.
	r     *sql.DB
	stmts stmtCache
	// hubs caches the neighbours of hubs for Path.
	hubs hubCache
	// rules caches the curation rules Put applies (curate.go).
	rules rulesCache
}

// Open opens the database at path, creating the file, its parent
// directories and the schema when they do not exist. A file that is not a
// SQLite database, or a SQLite database of another program, is refused.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("sqlite: open: empty path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("sqlite: open %s: is a directory, want a database file", path)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}

	s := &Store{path: path}
	if s.w, err = sql.Open("sqlite", dsn(abs, true)); err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	s.w.SetMaxOpenConns(1)
	s.w.SetMaxIdleConns(1)
	s.w.SetConnMaxLifetime(0)
	s.w.SetConnMaxIdleTime(0)
	if err := s.migrate(ctx); err != nil {
		s.w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}

	if s.r, err = sql.Open("sqlite", dsn(abs, false)); err != nil {
		s.w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	n := max(4, 2*runtime.GOMAXPROCS(0))
	s.r.SetMaxOpenConns(n)
	s.r.SetMaxIdleConns(n)
	s.r.SetConnMaxIdleTime(0)
	s.stmts.db = s.r
	if err := s.r.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	return s, nil
}

// dsn returns the data source name for the file at abs.
//
// Settings, and why (WAL mode itself is set by migrate, once the file is
// known to be ours: it is a lasting change to the file):
//   - synchronous=NORMAL: in WAL mode this fsyncs at checkpoints, not at
//     every commit. A killed process loses nothing it committed, and a Put
//     cut short is rolled back, because a Put is one transaction; only a
//     power cut or an OS crash can lose the last commits, never corrupt
//     the file. A loader can re-run a batch, since Put is idempotent.
//   - busy_timeout: other processes that open the same file (a second
//     loader, the sqlite3 shell) wait for the lock instead of failing.
//   - _txlock=immediate on the writer: a Put takes the write lock when it
//     begins, not at its first write, so it cannot deadlock against
//     another writer half way and fail with SQLITE_BUSY.
//   - foreign keys stay off: the one relation that matters, an edge's ends,
//     may name an entity or an article, which no foreign key can express;
//     Put checks it inside its transaction instead.
//   - query_only on the readers, so a bug in a read path cannot write.
//   - mmap_size on the readers: pages are read from the OS page cache in
//     place instead of by one pread each. On the 1M-edge graph (557 MiB)
//     a random entity with its first 20 edges through GraphQL took ~10-15%
//     less server CPU and the server answered ~30% more requests a second
//     (2 runs each, alternating, load ~2.5). Only address space is
//     reserved; the writer keeps ordinary I/O.
func dsn(abs string, writer bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(OFF)")
	q.Add("_pragma", "cache_size(-32768)") // 32 MiB of page cache per connection
	q.Add("_pragma", "temp_store(MEMORY)")
	if writer {
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(1)")
		q.Add("_pragma", "mmap_size(4294967296)")
	}
	// A file: URI with an escaped path, so that a '?' or '#' in a file name
	// cannot be mistaken for the start of the parameters.
	u := url.URL{Scheme: "file", OmitHost: true, Path: abs, RawQuery: q.Encode()}
	return u.String()
}

// Close releases the store's connections. It lets SQLite refresh its query
// planner statistics first, as SQLite recommends on closing.
func (s *Store) Close() error {
	var errs []error
	if s.r != nil {
		errs = append(errs, s.stmts.close(), s.r.Close())
	}
	if s.w != nil {
		s.mu.Lock()
		_, _ = s.w.Exec("PRAGMA optimize")
		errs = append(errs, s.w.Close())
		s.mu.Unlock()
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("sqlite: close %s: %w", s.path, err)
	}
	return nil
}

// readTx begins a read transaction: every query of one Store call sees the
// same snapshot of the database.
func (s *Store) readTx(ctx context.Context) (*readTx, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	return &readTx{Tx: tx, stmts: &s.stmts}, nil
}

// SQLite result codes this package tells apart. The driver's error type has
// a Code method; matching on it keeps the driver a blank import.
const (
	sqliteNotADB = 26 // SQLITE_NOTADB: the file is not a database
)

func sqliteCode(err error) int {
	var c interface{ Code() int }
	if errors.As(err, &c) {
		return c.Code() & 0xff // the primary code, without the extended bits
	}
	return 0
}
