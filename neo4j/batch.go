package neo4j

import (
	"context"

	"github.com/diplograph/diplograph/kg"
)

// EdgesBatch implements kg.Store by running Edges for each query: Edges's
// Cypher depends on the query's types and direction (relationship types
// cannot be parameters), so a batch of mixed queries is no single
// statement, and each is one indexed expansion from its entity.
func (s *Store) EdgesBatch(ctx context.Context, qs []kg.EdgeQuery) ([]*kg.EdgePage, error) {
	return kg.EdgesOneByOne(ctx, s.Edges, qs)
}
