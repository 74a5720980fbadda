package sqlite

// SetMergeAbove sets the TotalCount above which Edges reads a page as one
// ordered range per edge type, and returns a function that restores it, so
// that the conformance suite can run on both plans.
func SetMergeAbove(n int) (restore func()) {
	old := mergeAbove
	mergeAbove = n
	return func() { mergeAbove = old }
}
