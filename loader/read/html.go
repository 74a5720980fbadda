package read

import (
	"bytes"
	"fmt"
	"strings"

	readability "github.com/go-shiori/go-readability"
	"golang.org/x/net/html"

	"github.com/diplograph/diplograph/kg"
)

// ParseHTML reads an HTML page: go-readability (a port of Mozilla's
// Readability, the reader view of Firefox) finds the main text and drops
// navigation, ads and comments; the title and publication date come from
// the page's metadata (og:title, article:published_time, JSON-LD, <time>).
// A page without a date in its metadata may still carry a dateline in its
// text, which ParseText's rules find.
func ParseHTML(key, source string, raw []byte) (Document, error) {
	art, err := readability.FromReader(bytes.NewReader(raw), nil)
	if err != nil {
		return Document{}, fmt.Errorf("no readable article in page: %w", err)
	}
	var body string
	if art.Node != nil {
		body = blockText(art.Node)
	} else {
		body = art.TextContent
	}
	doc := ParseText(key, source, body)
	// The page's own title beats the first line of its text, which may be
	// a heading of the article or a stray caption.
	if t := strings.TrimSpace(art.Title); t != "" {
		if doc.Title != "" && doc.Title != t {
			doc.Body = strings.TrimSpace(doc.Title + "\n\n" + doc.Body)
		}
		if strings.HasPrefix(doc.Body, t) {
			doc.Body = strings.TrimSpace(strings.TrimPrefix(doc.Body, t))
		}
		doc.Title = t
	}
	if art.PublishedTime != nil && !art.PublishedTime.IsZero() {
		doc.Published = kg.DayOf(*art.PublishedTime)
	}
	return doc, nil
}

// blockElements end a paragraph: their text is separated from what follows
// by a blank line, so sentences never run across them.
var blockElements = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "blockquote": true, "section": true, "article": true, "header": true, "footer": true,
	"tr": true, "table": true, "ul": true, "ol": true, "pre": true, "figcaption": true, "dd": true, "dt": true,
}

// blockText renders a DOM subtree as plain text with paragraphs separated by
// blank lines and whitespace inside them collapsed, as a reader sees it.
func blockText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template":
				return
			case "br":
				b.WriteString("\n")
				return
			}
		}
		block := n.Type == html.ElementNode && blockElements[n.Data]
		if block {
			b.WriteString("\n\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteString("\n\n")
		}
	}
	walk(n)
	var paras []string
	for _, p := range strings.Split(b.String(), "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n")
}
