package eval_test

import (
	"math/rand/v2"
	"testing"

	"github.com/diplograph/diplograph/eval"
)

// TestAlignOptimal checks the matching against brute force on random
// small score tables: it must be one-to-one, use only allowed pairs, have
// as many pairs as possible and, among those, the greatest total score.
func TestAlignOptimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 2000 {
		n, m := rng.IntN(5), rng.IntN(5)
		w := make([][]int, n)
		for i := range w {
			w[i] = make([]int, m)
			for j := range w[i] {
				if rng.IntN(3) > 0 {
					w[i][j] = rng.IntN(4) // 0 forbids the pair
				}
			}
		}
		pairs := eval.Align(n, m, func(i, j int) int { return w[i][j] })
		usedG, usedP := map[int]bool{}, map[int]bool{}
		total := 0
		for _, p := range pairs {
			if usedG[p[0]] || usedP[p[1]] || w[p[0]][p[1]] == 0 {
				t.Fatalf("trial %d: bad pairs %v for %v", trial, pairs, w)
			}
			usedG[p[0]], usedP[p[1]] = true, true
			total += w[p[0]][p[1]]
		}
		bestN, bestW := brute(w, 0, map[int]bool{})
		if len(pairs) != bestN || total != bestW {
			t.Fatalf("trial %d: %d pairs weighing %d, best is %d weighing %d, for %v", trial, len(pairs), total, bestN, bestW, w)
		}
	}
}

// brute returns the largest number of pairs and then the greatest weight
// of a matching of rows i.. with the unused columns.
func brute(w [][]int, i int, used map[int]bool) (int, int) {
	if i == len(w) {
		return 0, 0
	}
	bestN, bestW := brute(w, i+1, used) // row i unmatched
	for j, s := range w[i] {
		if s == 0 || used[j] {
			continue
		}
		used[j] = true
		n, wt := brute(w, i+1, used)
		used[j] = false
		if n+1 > bestN || (n+1 == bestN && wt+s > bestW) {
			bestN, bestW = n+1, wt+s
		}
	}
	return bestN, bestW
}
