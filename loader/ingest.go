package loader

import "github.com/diplograph/diplograph/kg"

// BatchOf returns the batch a load writes for results, merged as Load
// merges them: one record per entity and edge id, in first-seen order,
// with the reference datasets the edges cite. The API's ingestArticles
// writes its articles with it, so that they are extracted and merged
// exactly as a load of the same files.
func BatchOf(results []*Result) *kg.Batch {
	b := newBatcher()
	for _, r := range results {
		b.add(r)
	}
	return b.batch()
}
