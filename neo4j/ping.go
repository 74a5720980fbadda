package neo4j

import (
	"context"
	"fmt"
)

// pingQuery asks the database for nothing: it needs a reader that serves
// the store's database, which is what a readiness check wants to know.
const pingQuery = `RETURN 1 AS ok`

// Ping runs one trivial read on the store's database (routed to a reader
// on a cluster). The driver retries a lost connection, so Ping returns
// within ctx's deadline, not MaxRetryTime: give it a short one.
func (s *Store) Ping(ctx context.Context) error {
	if _, err := s.query(ctx, pingQuery, nil); err != nil {
		return fmt.Errorf("neo4j: ping %s: %w", s.uri, err)
	}
	return nil
}
