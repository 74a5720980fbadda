package tempeval

import (
	"strings"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/timex"
)

// TimexTagger is the project's tagger, loader/timex, with every type of
// expression it knows (timex.FindAll: dates, times, durations and sets).
func TimexTagger(text string, anchor kg.Date) []System {
	found := timex.FindAll(text, anchor)
	out := make([]System, 0, len(found))
	for _, t := range found {
		out = append(out, System{Start: t.Start, End: t.End, Type: t.Type, Value: timeML(t.Value)})
	}
	return out
}

// timeML writes a value as TimeML 1.2 does where the project's TIMEX3
// values differ: a decade is its first three digits ("195", where the
// project writes "195X"), a century its first two ("19" for "19XX").
func timeML(v string) string {
	switch {
	case len(v) == 4 && strings.HasSuffix(v, "XX") && isDigits(v[:2]):
		return v[:2]
	case len(v) == 4 && v[3] == 'X' && isDigits(v[:3]):
		return v[:3]
	}
	return v
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
