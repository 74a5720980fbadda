package loader

import (
	"strings"
)

// quoted reports whether byte off lies inside quotation marks: between
// “ and ”, “ and ”, or two straight quotes of one paragraph.
func (x *extraction) quoted(off int) bool {
	if x.quotes == nil {
		x.quotes = quoteSpans(x.text)
	}
	for _, q := range x.quotes {
		if q.Start <= off && off < q.End {
			return true
		}
	}
	return false
}

func quoteSpans(text string) []span {
	out := []span{}
	open := -1
	for i, r := range text {
		switch {
		case r == '“':
			open = i
		case r == '”' && open >= 0:
			out = append(out, span{open, i})
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
		out = append(out, span{open, open + 2 + j})
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
					out = append(out, span{start + q, start + i})
					q = -1
				}
			}
		}
		start += len(para) + 1
	}
	return out
}
