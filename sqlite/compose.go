package sqlite

import (
	"context"
	"fmt"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/walk"
)

// The reads that answer several questions at once (kg.Store's EntityEdges,
// EventsEdges and Neighborhood) are compositions of the single reads here:
// in-process, a call costs no round trip, so there is nothing to save by
// fusing the statements.

// EntityEdges returns the entity q.Entity and a page of its edges.
func (s *Store) EntityEdges(ctx context.Context, q kg.EdgeQuery) (*kg.Entity, *kg.EdgePage, error) {
	e, err := s.Entity(ctx, q.Entity)
	if err != nil {
		return nil, nil, err
	}
	p, err := s.Edges(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	return e, p, nil
}

// EventsEdges returns the events of q and a page of each one's edges.
func (s *Store) EventsEdges(ctx context.Context, q kg.EventQuery, eq kg.EdgeQuery) ([]*kg.Entity, []*kg.EdgePage, error) {
	evs, err := s.Events(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	qs := make([]kg.EdgeQuery, len(evs))
	for i, ev := range evs {
		qs[i] = eq
		qs[i].Entity = ev.ID
	}
	pages, err := s.EdgesBatch(ctx, qs)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: edges of %d events: %w", len(evs), err)
	}
	return evs, pages, nil
}

// Neighborhood reads the neighbourhood through EdgesBatch
// (walk.ReadNeighborhood).
func (s *Store) Neighborhood(ctx context.Context, q kg.NeighborhoodQuery) (*kg.Subgraph, error) {
	return walk.ReadNeighborhood(ctx, s, q)
}
