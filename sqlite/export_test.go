package sqlite

// ForceHubPlans makes Edges and Events treat every entity as a hub, as if
// it had thousands of edges, and returns a function that undoes it: the
// conformance suite's small entities would otherwise never reach the
// queries written for hubs.
func ForceHubPlans() (restore func()) {
	oldMerge, oldHub := mergeAbove, hubDegree
	mergeAbove, hubDegree = -1, 0
	return func() { mergeAbove, hubDegree = oldMerge, oldHub }
}
