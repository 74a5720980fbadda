package sqlite

import (
	"context"
	"fmt"
)

// Ping reads one row of the entities table through the read pool: it
// fails when the file can no longer be read (removed from under a closed
// connection, a failing disk, a closed store), at the cost of one page
// read and no scan.
func (s *Store) Ping(ctx context.Context) error {
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM entities)`).Scan(&n); err != nil {
		return fmt.Errorf("sqlite: ping %s: %w", s.path, err)
	}
	return nil
}
