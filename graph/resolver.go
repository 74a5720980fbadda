// Package graph is diplograph's GraphQL layer: gqlgen's generated executor
// (generated.go, model/), thin resolvers (*.resolvers.go) over a kg.Store,
// and the helpers they share (entities.go, connection.go, errors.go).
package graph

//go:generate go run github.com/99designs/gqlgen generate

import "github.com/diplograph/diplograph/kg"

// Resolver holds the dependencies every resolver shares.
type Resolver struct {
	Store kg.Store
	// Curation serves mutations and subscriptions (curation.go); nil
	// turns them off.
	Curator *Curation
}
