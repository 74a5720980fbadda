package eval

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/diplograph/diplograph/internal/fold"
	"github.com/diplograph/diplograph/kg"
)

// pair is one gold item matched to one predicted item, by index.
type pair struct{ gold, pred int }

// align returns a one-to-one matching between nGold gold and nPred
// predicted items. score(i, j) is 0 when gold i and predicted j may not
// be matched and otherwise a positive strength of the evidence. The
// matching has the most pairs possible, and among those the greatest
// total strength: a greedy pass could pair a gold item with the predicted
// one another gold item needed and so report a miss that a fair reading
// would not. Pairs are returned in gold order. Ties are broken by input
// order, so results are stable.
func align(nGold, nPred int, score func(i, j int) int) []pair {
	if nGold == 0 || nPred == 0 {
		return nil
	}
	w := make([][]int, nGold)
	maxScore := 0
	for i := range w {
		w[i] = make([]int, nPred)
		for j := range w[i] {
			s := score(i, j)
			if s < 0 {
				s = 0
			}
			w[i][j] = s
			maxScore = max(maxScore, s)
		}
	}
	if maxScore == 0 {
		return nil
	}
	// Every pair is worth more than all strengths together, so the
	// optimum has as many pairs as possible before it weighs strengths.
	big := maxScore*min(nGold, nPred) + 1
	weight := func(i, j int) int64 {
		if w[i][j] == 0 {
			return 0
		}
		return int64(big + w[i][j])
	}
	var out []pair
	if nGold <= nPred {
		for i, j := range assign(nGold, nPred, weight) {
			if j >= 0 && w[i][j] > 0 {
				out = append(out, pair{i, j})
			}
		}
		return out
	}
	byGold := make([]int, nGold)
	for i := range byGold {
		byGold[i] = -1
	}
	for j, i := range assign(nPred, nGold, func(j, i int) int64 { return weight(i, j) }) {
		if i >= 0 && w[i][j] > 0 {
			byGold[i] = j
		}
	}
	for i, j := range byGold {
		if j >= 0 {
			out = append(out, pair{i, j})
		}
	}
	return out
}

// assign solves the assignment problem for n rows and m ≥ n columns with
// the Hungarian method, maximizing the total weight; it returns the column
// of each row. Weights are non-negative; a zero-weight assignment is the
// caller's "no pair". The sizes here (tens of items per article) make the
// O(n²m) cost negligible.
func assign(n, m int, weight func(i, j int) int64) []int {
	const inf = math.MaxInt64 / 4
	// Minimize the negated weights; rows and columns count from 1, and
	// column 0 is the algorithm's scratch slot.
	u := make([]int64, n+1)
	v := make([]int64, m+1)
	p := make([]int, m+1) // p[j]: row assigned to column j
	way := make([]int, m+1)
	minv := make([]int64, m+1)
	used := make([]bool, m+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		for j := range minv {
			minv[j] = inf
			used[j] = false
		}
		for {
			used[j0] = true
			i0 := p[j0]
			delta := int64(inf)
			j1 := 0
			for j := 1; j <= m; j++ {
				if used[j] {
					continue
				}
				cur := -weight(i0-1, j-1) - u[i0] - v[j]
				if cur < minv[j] {
					minv[j] = cur
					way[j] = j0
				}
				if minv[j] < delta {
					delta = minv[j]
					j1 = j
				}
			}
			for j := 0; j <= m; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	rows := make([]int, n)
	for i := range rows {
		rows[i] = -1
	}
	for j := 1; j <= m; j++ {
		if p[j] > 0 {
			rows[p[j]-1] = j - 1
		}
	}
	return rows
}

// folded returns the non-empty folds of names, as a set.
func folded(names ...[]string) map[string]bool {
	set := map[string]bool{}
	for _, ns := range names {
		for _, n := range ns {
			if f := fold.Fold(n); f != "" {
				set[f] = true
			}
		}
	}
	return set
}

// entityNameScore is the strength with which a predicted entity named
// pred (with aliases) matches a gold entity: 3 when the canonical names
// fold-equal, 2 when a gold mention is the predicted name, 1 when a gold
// mention is a predicted alias, 0 otherwise.
func entityNameScore(goldName string, mentions []string, pred string, aliases []string) int {
	return nameScore(goldName, mentions, pred, aliases, false)
}

// treatyNameScore is entityNameScore for treaties, which also gives 2 when
// the gold canonical name is a predicted alias: the extractor may keep
// the text's wording as the name and know the canonical one as an alias.
func treatyNameScore(goldName string, mentions []string, pred string, aliases []string) int {
	return nameScore(goldName, mentions, pred, aliases, true)
}

func nameScore(goldName string, mentions []string, pred string, aliases []string, canonicalAlias bool) int {
	p, gn := fold.Fold(pred), fold.Fold(goldName)
	as, ms := folded(aliases), folded(mentions)
	switch {
	case p != "" && p == gn:
		return 3
	case ms[p] || (canonicalAlias && as[gn]):
		return 2
	}
	for a := range as {
		if ms[a] {
			return 1
		}
	}
	return 0
}

// dateCompatible reports whether a predicted date may be the gold one: a
// nil or empty gold date accepts anything, an empty predicted date
// matches no gold date, and otherwise one date must lie within the other
// (see nested).
func dateCompatible(gold *string, pred string) bool {
	if gold == nil || strings.TrimSpace(*gold) == "" {
		return true
	}
	if strings.TrimSpace(pred) == "" {
		return false
	}
	return nested(*gold, pred)
}

// nested reports whether every day of one TIMEX3 date lies within the
// other: "1956" and "1956-10-19" are compatible (one is a coarser reading
// of the other), "1956-10" and "1956-11" are not, nor are "1956" and
// "1957". For plain YYYY[-MM[-DD]] values this is "equal, or one is a
// prefix of the other"; it also places weeks, quarters, seasons and
// decades ("2019-W04" lies within "2019-01"). Values kg.Date cannot read
// (a century "19XX") compare by prefix with X matching any digit.
func nested(a, b string) bool {
	if a == b {
		return true
	}
	da, errA := kg.ParseDate(a)
	db, errB := kg.ParseDate(b)
	if errA == nil && errB == nil {
		return da.Contains(db) || db.Contains(da)
	}
	return wildPrefix(a, b)
}

// wildPrefix reports whether the shorter of a and b is a prefix of the
// longer one, up to a "-" boundary, where X matches any digit.
func wildPrefix(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if a == "" {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == y || (x == 'X' && isDigit(y)) || (y == 'X' && isDigit(x)) {
			continue
		}
		return false
	}
	return len(a) == len(b) || b[len(a)] == '-'
}

// containsWord reports whether short occurs in long without cutting a word
// or number: "December, 1990" contains "1990" and "December", but "1990s"
// does not contain "1990".
func containsWord(long, short string) bool {
	if short == "" {
		return false
	}
	for off := 0; off <= len(long)-len(short); {
		i := strings.Index(long[off:], short)
		if i < 0 {
			return false
		}
		i += off
		j := i + len(short)
		before, _ := utf8.DecodeLastRuneInString(long[:i])
		first, _ := utf8.DecodeRuneInString(short)
		last, _ := utf8.DecodeLastRuneInString(short)
		after, _ := utf8.DecodeRuneInString(long[j:])
		if !(i > 0 && alnum(before) && alnum(first)) && !(j < len(long) && alnum(last) && alnum(after)) {
			return true
		}
		_, size := utf8.DecodeRuneInString(long[i:])
		off = i + size
	}
	return false
}

func alnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
