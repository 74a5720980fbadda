package neo4j

import "strings"

// luceneTerm returns s as one quoted Lucene term: "s", with the two
// characters that mean something inside quotes, " and \, escaped. The
// query parser then reads every other character (":", "-", "*", AND,
// whitespace) as text, so that caller text is never query syntax. The
// query string still travels as a parameter.
func luceneTerm(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		if r == '"' || r == '\\' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}
