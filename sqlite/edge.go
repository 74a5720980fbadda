package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/diplograph/diplograph/kg"
)

// Edge implements kg.Store: one lookup on the unique id, then the edge and
// its evidence as every page loads them.
func (s *Store) Edge(ctx context.Context, id string) (*kg.Edge, error) {
	var pk int64
	err := s.read().QueryRowContext(ctx, `SELECT pk FROM edges WHERE id = ?`, id).Scan(&pk)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kg.Errorf(kg.ENOTFOUND, "no edge %q", id)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: edge %s: %w", id, err)
	}
	byPK, err := loadEdgesByPK(ctx, s.read(), []int64{pk})
	if err != nil {
		return nil, fmt.Errorf("sqlite: edge %s: %w", id, err)
	}
	e, ok := byPK[pk]
	if !ok {
		return nil, kg.Errorf(kg.ENOTFOUND, "no edge %q", id)
	}
	return e, nil
}
