package read

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/timex"
)

// Document is an article as read, before extraction.
type Document struct {
	Key       string  // name the article id is derived from (file name without extension, a JSONL id)
	Source    string  // where it came from
	URL       string  // for documents that carry one
	Title     string  // "" when the document gives none
	Published kg.Date // zero when the document gives none
	Body      string  // cleaned body text
}

// boilerplate matches lines that are page furniture, not article text.
// They are matched against a whole trimmed line, case-insensitively.
var boilerplate = regexp.MustCompile(`(?i)^(` + strings.Join([]string{
	`subscribe( to| now|\b).*`,
	`sign up( for| to).*`,
	`back to top`,
	`(click|tap) here.*`,
	`share( this)?( article| story)?( on \w+)?`,
	`(print|email|share|tweet)( this)?( page| article)?`,
	`advertisement`,
	`related (articles|stories|content|coverage)`,
	`read more.*`,
	`follow us on.*`,
	`all rights reserved.*`,
	`copyright ©?.*\d{4}.*`,
	`©.*`,
	`skip to (main )?content`,
	`(top|main) menu`,
	`newsletter.*`,
	`reuters`,
}, "|") + `)$`)

// datelineAgency matches the agency tag a dateline may carry after the date,
// "(EIRNS)—" or "(Reuters) -", so it can be skipped when the date is taken.
var datelineAgency = regexp.MustCompile(`^\s*(\([^)]{1,40}\))?\s*[-–—:]*\s*`)

// ParseText reads a plain-text article: boilerplate lines dropped, the first
// remaining line as title, then the publication date from a line of its own
// (the corpus layout "title, date, body") or from the dateline that opens
// the body ("Jan. 15, 2019 (EIRNS)—…"). The dateline stays in the body:
// evidence offsets point into the text as written.
func ParseText(key, source, raw string) Document {
	doc := Document{Key: key, Source: source}
	raw = strings.ReplaceAll(raw, "\r\n", "\n")
	raw = strings.ReplaceAll(raw, "\r", "\n")
	var lines []string
	for _, line := range strings.Split(raw, "\n") {
		line = strings.TrimRightFunc(line, unicode.IsSpace)
		if boilerplate.MatchString(strings.TrimSpace(line)) {
			continue
		}
		lines = append(lines, line)
	}
	i := 0
	next := func() (string, bool) { // next non-blank line
		for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
			i++
		}
		if i == len(lines) {
			return "", false
		}
		return strings.TrimSpace(lines[i]), true
	}
	if line, ok := next(); ok && looksLikeTitle(line, lines, i) {
		doc.Title = line
		i++
		// The corpus layout puts the date on the second line, possibly
		// blank; a blank line right after the title is not a date.
		if i < len(lines) {
			if d, end, ok := timex.ParseDateline(strings.TrimSpace(lines[i])); ok && strings.TrimSpace(strings.TrimSpace(lines[i])[end:]) == "" {
				doc.Published = d
				i++
			}
		}
	}
	doc.Body = strings.TrimSpace(strings.Join(lines[min(i, len(lines)):], "\n"))
	if doc.Published.IsZero() {
		if d, _, ok := timex.ParseDateline(doc.Body); ok {
			doc.Published = d
		}
	}
	return doc
}

// looksLikeTitle reports whether the line at index i, the first non-blank
// one, is a headline rather than the start of the body: it is short, does
// not end like a sentence, or is followed by a blank line or a date line.
func looksLikeTitle(line string, lines []string, i int) bool {
	if _, _, ok := timex.ParseDateline(line); ok {
		return false
	}
	if len(line) > 200 {
		return false
	}
	if !strings.HasSuffix(line, ".") || len(line) < 100 {
		return true
	}
	return i+1 < len(lines) && strings.TrimSpace(lines[i+1]) == ""
}

// Unwrap joins the lines of a text hard-wrapped at a fixed width (the
// Reuters-21578 stories, e-mail copies of releases) back into paragraphs:
// a name broken over two lines ("President Alan\nGarcia") is then one
// name to the extractor. A text is wrapped when most of its line breaks
// fall inside a sentence (the line before ends without a full stop, a
// colon or a closing quote) and its lines are no longer than a page is
// wide; a paragraph-per-line text, whose lines end sentences, is left as
// it is. In a wrapped text a blank line or an indented line starts a
// paragraph, and every other line break is a space.
func Unwrap(text string) string {
	lines := strings.Split(text, "\n")
	breaks, inside, long := 0, 0, 0
	for i := 0; i+1 < len(lines); i++ {
		cur, next := strings.TrimRight(lines[i], " \t"), lines[i+1]
		if len(cur) > 100 {
			long++
		}
		if strings.TrimSpace(cur) == "" || strings.TrimSpace(next) == "" {
			continue
		}
		breaks++
		if r, _ := utf8.DecodeLastRuneInString(cur); !strings.ContainsRune(".!?:\"”’)", r) {
			inside++
		}
	}
	if breaks < 3 || inside*10 < breaks*6 || long*10 > len(lines) {
		return text
	}
	var b strings.Builder
	for i, line := range lines {
		if i == 0 {
			b.WriteString(strings.TrimRight(line, " \t"))
			continue
		}
		prevBlank := strings.TrimSpace(lines[i-1]) == ""
		switch {
		case strings.TrimSpace(line) == "":
			b.WriteString("\n")
		case prevBlank:
			b.WriteString("\n" + strings.TrimSpace(line))
		case line[0] == ' ' || line[0] == '\t':
			b.WriteString("\n\n" + strings.TrimSpace(line)) // an indented line starts a paragraph
		default:
			b.WriteString(" " + strings.TrimRight(line, " \t"))
		}
	}
	return b.String()
}
