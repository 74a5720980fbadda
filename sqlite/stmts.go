package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"time"
)

// stmtCache holds the read pool's prepared statements by their text.
// Preparing is a large part of a short read (SQLite parses and plans the
// statement each time; a hub's page statement has two dozen arms), and the
// read paths use a few hundred texts at most: their values are parameters,
// only the shape of a query (directions, how many types) changes the text.
// database/sql keeps each Stmt prepared on every connection that ran it.
//
// Preparing a statement on the pool takes a connection. A read transaction
// already holds one, and if every connection of the pool were held by a
// transaction waiting to prepare, none would ever be free: so inside a
// transaction a statement not cached yet runs unprepared, and is prepared
// in the background for the next time.
type stmtCache struct {
	db      *sql.DB
	mu      sync.Mutex
	m       map[string]*sql.Stmt
	pending map[string]bool
	closed  bool
}

// maxStmts bounds the cache; texts beyond it run unprepared.
const maxStmts = 512

// lookup returns the prepared statement of query, or nil.
func (c *stmtCache) lookup(query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[query]
}

// get returns the prepared statement of query, preparing it now if need
// be; nil when the cache is full. The caller must hold no connection.
func (c *stmtCache) get(ctx context.Context, query string) (*sql.Stmt, error) {
	if st := c.lookup(query); st != nil {
		return st, nil
	}
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return c.keep(query, st), nil
}

// prepareLater prepares query in the background, once.
func (c *stmtCache) prepareLater(query string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed || c.pending[query] || c.m[query] != nil || len(c.m)+len(c.pending) >= maxStmts {
		return
	}
	if c.pending == nil {
		c.pending = map[string]bool{}
	}
	c.pending[query] = true
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		st, err := c.db.PrepareContext(ctx, query)
		c.mu.Lock()
		delete(c.pending, query)
		c.mu.Unlock()
		if err == nil {
			c.keep(query, st)
		}
	}()
}

// keep caches st as the statement of query and returns the cached one,
// closing st when the cache is full, closed or has one already.
func (c *stmtCache) keep(query string, st *sql.Stmt) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.m[query]; old != nil || c.closed || len(c.m) >= maxStmts {
		st.Close()
		return old
	}
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	c.m[query] = st
	return st
}

// close closes every statement; statements prepared later are closed as
// they come.
func (c *stmtCache) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var errs []error
	for _, st := range c.m {
		errs = append(errs, st.Close())
	}
	c.m, c.closed = nil, true
	return errors.Join(errs...)
}

// readTx is a read transaction whose queries use the store's prepared
// statements. It is a queryer, like *sql.Tx.
type readTx struct {
	*sql.Tx
	stmts *stmtCache
}

// QueryContext runs query's prepared statement in the transaction (on the
// transaction's connection, where database/sql prepares it if it has not
// yet), or query unprepared when it is not cached yet.
func (t *readTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st := t.stmts.lookup(query)
	if st == nil {
		t.stmts.prepareLater(query)
		return t.Tx.QueryContext(ctx, query, args...)
	}
	return t.Tx.StmtContext(ctx, st).QueryContext(ctx, args...)
}

// QueryRowContext is QueryContext for one row.
func (t *readTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st := t.stmts.lookup(query)
	if st == nil {
		t.stmts.prepareLater(query)
		return t.Tx.QueryRowContext(ctx, query, args...)
	}
	return t.Tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
}

// pool is the read pool with the store's prepared statements, for reads of
// one statement, which need no transaction. It is a queryer.
type pool struct {
	*sql.DB
	stmts *stmtCache
}

// QueryContext runs query's prepared statement.
func (p pool) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := p.stmts.get(ctx, query)
	if err != nil || st == nil {
		return p.DB.QueryContext(ctx, query, args...)
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext runs query's prepared statement.
func (p pool) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := p.stmts.get(ctx, query)
	if err != nil || st == nil {
		return p.DB.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// read returns the read pool with the store's prepared statements.
func (s *Store) read() pool { return pool{DB: s.r, stmts: &s.stmts} }
