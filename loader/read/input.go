package read

import (
	"fmt"
	"strings"

	"github.com/diplograph/diplograph/kg"
)

// Input is one article given whole by a caller (the GraphQL API's
// ingestArticles) rather than read from a path: a text in the corpus
// layout or an HTML page, with what the caller knows of it.
type Input struct {
	Key    string // what the article id derives from
	Source string // where it came from, as the caller says
	URL    string
	Title  string // "" to take the title from the text or page
	// Published is a TIMEX3 date, "" to take it from the text or page.
	Published string
	Text      string // plain text; or
	HTML      string // a page, reduced to its main text as files are
}

// ParseInput turns in into a Document under the rules files are read by
// (size limit, text checks, boilerplate, title and date lines), or says
// why it cannot: the reason is a Failure's. maxSize is the largest text or
// page read, in bytes; 0 means DefaultMaxFileSize.
func ParseInput(in Input, maxSize int64) (Document, string) {
	if maxSize <= 0 {
		maxSize = DefaultMaxFileSize
	}
	raw := in.Text
	if in.HTML != "" {
		raw = in.HTML
	}
	switch {
	case in.Text != "" && in.HTML != "":
		return Document{}, "give the text or the HTML page, not both"
	case int64(len(raw)) > maxSize:
		return Document{}, fmt.Sprintf("too large: %d bytes, over the limit of %d", len(raw), maxSize)
	}
	if reason := badText([]byte(raw)); reason != "" {
		return Document{}, strings.Replace(reason, "file", "text", 1)
	}
	var doc Document
	if in.HTML != "" {
		var err error
		if doc, err = ParseHTML(in.Key, in.Source, []byte(in.HTML)); err != nil {
			return Document{}, err.Error()
		}
	} else {
		doc = ParseText(in.Key, in.Source, in.Text)
		if in.Title != "" || in.Published != "" {
			// Title and date given apart from the text, as JSON Lines
			// give them: the text is all body.
			doc.Body = strings.TrimSpace(Unwrap(in.Text))
		}
	}
	if in.Title != "" {
		doc.Title = in.Title
	}
	if in.Published != "" {
		d, err := kg.ParseDate(firstDatePart(in.Published))
		if err != nil {
			return Document{}, fmt.Sprintf("bad published date %q", in.Published)
		}
		doc.Published = d
	}
	doc.URL = in.URL
	if strings.TrimSpace(doc.Body) == "" {
		return Document{}, "no article text after removing boilerplate"
	}
	return doc, ""
}
