// Package tempeval scores a temporal tagger the way TempEval-3 (UzZaman
// et al., SemEval 2013, task 1 A) scored the extraction and normalization
// of temporal expressions: it reads TimeML documents (the TBAQ-cleaned
// training data, the platinum test set), runs a tagger over each
// document's text anchored at the document's creation time, and compares
// the tagger's TIMEX3 spans, types and values with the annotated ones.
//
// # Measures
//
// As the official scorer (TE3-evaluation.py with evaluate_entities.py)
// defines them, summed over all documents (micro-averages):
//
//   - Strict match: a gold and a system expression cover exactly the same
//     text. Relaxed match: they share at least one character. Precision
//     counts the system expressions that match some gold one, recall the
//     gold expressions that some system one matches, and F1 is their
//     harmonic mean, for each kind of match.
//   - Attributes (value, type) are judged on the gold expressions with a
//     relaxed match, against the system expression that matches them
//     (the strict one if there is one, else the one sharing the most
//     characters). Accuracy is the fraction judged right; attribute F1 is
//     accuracy × relaxed F1, the official "Value F1" and "Type F1".
//
// The creation time (the TIMEX3 of DCT, functionInDocument
// CREATION_TIME) is the anchor, never a scored expression; only the TEXT
// element is scored, as in the official evaluation. The official scorer
// aligns tokens with a tokenizer first; here spans are compared by
// character offsets after trimming white space, which agrees with it
// except where a tokenizer splits or joins words differently.
package tempeval

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/kg"
)

// Doc is one TimeML document.
type Doc struct {
	ID   string // DOCID, else the file name without extension
	Path string
	// DCT is the value of the document creation time ("1998-01-08"),
	// and Anchor that value as a date; zero when the document has none.
	DCT    string
	Anchor kg.Date
	// Text is the content of the TEXT element with its tags removed and
	// its character references decoded; Timexes index into it.
	Text    string
	Timexes []Timex
}

// Timex is an annotated temporal expression.
type Timex struct {
	ID    string // tid
	Type  string // DATE, TIME, DURATION or SET
	Value string // the TIMEX3 value: "1998-01-08", "P1W", "PRESENT_REF", …
	Mod   string // START, END, APPROX, … ("" when none)
	Text  string
	// Start and End are byte offsets into Doc.Text, End exclusive.
	Start, End int
}

// ErrNoText is returned for a document without a TEXT element: nothing
// in it could be scored.
var ErrNoText = errors.New("no TEXT element")

// Parse reads one TimeML document; name is used in errors and as its ID
// when it has no DOCID.
func Parse(name string, r io.Reader) (*Doc, error) {
	dec := xml.NewDecoder(r)
	doc := &Doc{Path: name}
	var (
		text       strings.Builder
		inText     bool
		inDCT      bool
		inDocID    bool
		sawText    bool
		open       *Timex
		openInText bool
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read TimeML %s: %w", name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "TEXT":
				inText, sawText = true, true
			case "DCT":
				inDCT = true
			case "DOCID":
				inDocID = true
			case "TIMEX3":
				a := attrs(t)
				if inDCT || a["functionInDocument"] == "CREATION_TIME" {
					if doc.DCT == "" {
						doc.DCT = a["value"]
					}
				}
				if inText {
					if open != nil {
						return nil, fmt.Errorf("read TimeML %s: TIMEX3 %s inside TIMEX3 %s", name, a["tid"], open.ID)
					}
					open = &Timex{ID: a["tid"], Type: a["type"], Value: a["value"], Mod: a["mod"], Start: text.Len()}
					openInText = true
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "TEXT":
				inText = false
			case "DCT":
				inDCT = false
			case "DOCID":
				inDocID = false
			case "TIMEX3":
				if open != nil && openInText {
					open.End = text.Len()
					open.Text = text.String()[open.Start:open.End]
					doc.Timexes = append(doc.Timexes, *open)
					open = nil
				}
			}
		case xml.CharData:
			switch {
			case inText:
				text.Write(t)
			case inDocID:
				doc.ID += strings.TrimSpace(string(t))
			}
		}
	}
	if !sawText {
		return nil, fmt.Errorf("read TimeML %s: %w", name, ErrNoText)
	}
	if open != nil {
		return nil, fmt.Errorf("read TimeML %s: TIMEX3 %s is not closed", name, open.ID)
	}
	if doc.ID == "" {
		doc.ID = strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	}
	doc.Text = text.String()
	if doc.DCT != "" {
		// A creation time may carry a time of day ("1998-01-08T18:30");
		// the anchor is its day.
		day, _, _ := strings.Cut(doc.DCT, "T")
		d, err := kg.ParseDate(day)
		if err != nil {
			return nil, fmt.Errorf("read TimeML %s: creation time %q: %w", name, doc.DCT, err)
		}
		doc.Anchor = d
	}
	return doc, nil
}

func attrs(t xml.StartElement) map[string]string {
	m := make(map[string]string, len(t.Attr))
	for _, a := range t.Attr {
		m[a.Name.Local] = a.Value
	}
	return m
}

// ReadFile reads the TimeML document at path.
func ReadFile(path string) (*Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read TimeML: %w", err)
	}
	defer f.Close()
	return Parse(path, f)
}

// ReadDir reads every *.tml file under dir, subdirectories included
// (TBAQ-cleaned holds TimeBank/ and AQUAINT/), in path order. A directory
// without TimeML files is an error: scoring nothing would report an empty
// success.
func ReadDir(dir string) ([]*Doc, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".tml") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read TimeML dir %s: %w", dir, err)
	}
	if len(paths) == 0 {
		return nil, kg.Errorf(kg.EINVALID, "no *.tml file under %s", dir)
	}
	slices.Sort(paths)
	docs := make([]*Doc, 0, len(paths))
	for _, p := range paths {
		d, err := ReadFile(p)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}
