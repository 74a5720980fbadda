package text

import (
	"strings"
)

// Quotes returns the spans of quoted speech in text: between “ and ”,
// between two backquotes and two apostrophes (the Penn Treebank's
// convention), and between two straight quotes of one paragraph. The rules
// ask it to tell what a speaker says from what the article reports.
func Quotes(text string) []Span {
	out := []Span{}
	open := -1
	for i, r := range text {
		switch {
		case r == '“':
			open = i
		case r == '”' && open >= 0:
			out = append(out, Span{open, i})
			open = -1
		}
	}
	// Newswire in the Penn Treebank's convention (TempEval, much of
	// the LDC's news) opens quotes with `` and closes them with ''.
	for at := 0; ; {
		i := strings.Index(text[at:], "``")
		if i < 0 {
			break
		}
		open := at + i
		j := strings.Index(text[open+2:], "''")
		if j < 0 {
			break
		}
		out = append(out, Span{open, open + 2 + j})
		at = open + 2 + j + 2
	}
	start := 0
	for _, para := range strings.Split(text, "\n") {
		q := -1
		for i := 0; i < len(para); i++ {
			if para[i] == '"' {
				if q < 0 {
					q = i
				} else {
					out = append(out, Span{start + q, start + i})
					q = -1
				}
			}
		}
		start += len(para) + 1
	}
	return out
}
