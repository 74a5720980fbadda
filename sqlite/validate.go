package sqlite

import (
	"slices"

	"github.com/diplograph/diplograph/kg"
)

// The batch and query checks are the domain's, shared by every store so
// that the stores agree on what is invalid.
var (
	validateBatch  = kg.ValidateBatch
	pageSize       = kg.PageSize
	checkWindow    = kg.CheckWindow
	checkEdgeTypes = kg.CheckEdgeTypes
)

// distinct returns the values of s each once, sorted.
func distinct[T ~string](s []T) []T {
	return slices.Compact(slices.Sorted(slices.Values(s)))
}
