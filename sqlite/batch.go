package sqlite

import (
	"context"

	"github.com/diplograph/diplograph/kg"
)

// EdgesBatch implements kg.Store. Each query is an index range scan of its
// own entity's edges, so running them one after another costs what one
// statement with a UNION would, and keeps Edges's cursor logic in one place.
func (s *Store) EdgesBatch(ctx context.Context, qs []kg.EdgeQuery) ([]*kg.EdgePage, error) {
	return kg.EdgesOneByOne(ctx, s.Edges, qs)
}
