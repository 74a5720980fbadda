package eval

// DateCompatible exposes dateCompatible to the external tests, which pin
// the date rule case by case.
var DateCompatible = dateCompatible

// Align exposes align with its pairs as [gold, predicted] index pairs.
func Align(nGold, nPred int, score func(i, j int) int) [][2]int {
	var out [][2]int
	for _, p := range align(nGold, nPred, score) {
		out = append(out, [2]int{p.gold, p.pred})
	}
	return out
}
