package neo4j

import (
	"slices"

	"github.com/diplograph/diplograph/kg"
)

// maxIndexedTermBytes is the longest term Lucene indexes, in UTF-8 bytes.
const maxIndexedTermBytes = 32766

// checkIndexedTerms refuses, with EINVALID, evidence that cites an article
// id longer than maxIndexedTermBytes. The evidence index makes each id one
// term, and Neo4j 5.26 meets a longer term only when it applies a committed
// transaction to the index: the commit fails after the transaction is in
// the log, and the database stops until the server restarts. (A stored
// article's id is bounded long before, by its range index, which refuses
// the write cleanly; evidence may cite articles that are not stored.)
func checkIndexedTerms(b *kg.Batch) error {
	for i := range b.Edges {
		for _, ev := range b.Edges[i].Evidence {
			if len(ev.Article) > maxIndexedTermBytes {
				return kg.Errorf(kg.EINVALID, "edge %s: evidence cites an article id of %d bytes, more than the %d Neo4j can index",
					b.Edges[i].ID, len(ev.Article), maxIndexedTermBytes)
			}
		}
	}
	return nil
}

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
