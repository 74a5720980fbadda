package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

// stmtCache holds the read pool's prepared statements by their text.
// Preparing is a large part of a short read (SQLite parses and plans the
// statement each time; a hub's page statement has two dozen arms), and the
// read paths use a few hundred texts at most: their values are parameters,
// only the shape of a query (directions, how many types) changes the text.
// database/sql keeps each Stmt prepared on every connection that ran it.
type stmtCache struct {
	db *sql.DB
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// maxStmts bounds the cache; texts beyond it run unprepared.
const maxStmts = 512

// get returns the prepared statement of query, nil when the cache is full.
func (c *stmtCache) get(ctx context.Context, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[query]; ok {
		return st, nil
	}
	if len(c.m) >= maxStmts {
		return nil, nil
	}
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	c.m[query] = st
	return st, nil
}

// close closes every statement.
func (c *stmtCache) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var errs []error
	for _, st := range c.m {
		errs = append(errs, st.Close())
	}
	c.m = nil
	return errors.Join(errs...)
}

// readTx is a read transaction whose queries use the store's prepared
// statements. It is a queryer, like *sql.Tx.
type readTx struct {
	*sql.Tx
	stmts *stmtCache
}

// QueryContext runs query's prepared statement in the transaction.
func (t *readTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := t.stmts.get(ctx, query)
	if err != nil || st == nil {
		return t.Tx.QueryContext(ctx, query, args...)
	}
	return t.Tx.StmtContext(ctx, st).QueryContext(ctx, args...)
}

// QueryRowContext runs query's prepared statement in the transaction.
func (t *readTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := t.stmts.get(ctx, query)
	if err != nil || st == nil {
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
