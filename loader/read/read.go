// Package read turns inputs into documents: it reads plain text, HTML and
// JSON Lines from files, directories and stdin (read.go, html.go), and
// cleans the text and finds the title and publication date (article.go).
// It does not extract, so that what reads an article and what extracts it
// can change apart, and an extractor can take documents from anywhere.
package read

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/diplograph/diplograph/kg"
)

// DefaultMaxFileSize is the largest article file read; larger files are
// reported, not loaded, because no article is that long and reading one
// would hold the whole file in memory.
const DefaultMaxFileSize = 20 << 20

// Failure is an input that could not be read, with the reason.
type Failure struct {
	Path   string `json:"path"` // file, "file:line" for JSON Lines, or "stdin"
	Reason string `json:"reason"`
}

// String gives the failure as a report prints it: "path: reason".
func (f Failure) String() string { return f.Path + ": " + f.Reason }

// Reader reads articles from paths.
type Reader struct {
	// MaxFileSize caps the size of one input; 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// Stdin is read for the path "-".
	Stdin io.Reader
	// FS, when set, is read instead of the operating system's files (the
	// bundled examples are an embed.FS).
	FS fs.FS
	// Timeout bounds the extraction of one document by
	// loader.ExtractAll, which takes its limits from the Reader it reads
	// with; 0 means DefaultTimeout. A document that takes longer is reported and
	// skipped.
	Timeout time.Duration
}

// DefaultTimeout is the default Reader.Timeout. Extraction runs at about
// 3 MB a second on one core (BENCHMARKS.md), so a document of the largest
// size read, 20 MB, takes some 7 s; this leaves room for a slow machine.
const DefaultTimeout = 2 * time.Minute

// articleExts are the file types a directory walk picks up.
var articleExts = map[string]bool{".txt": true, ".text": true, ".jsonl": true, ".ndjson": true, ".html": true, ".htm": true}

// Read calls fn with every document found under paths: files, directories
// (recursively, article files only) and "-" for stdin. Inputs that cannot
// be read are reported with their reason and skipped; Read goes on with
// the rest. It stops early only when fn or ctx returns an error.
func (r *Reader) Read(ctx context.Context, paths []string, fn func(Document) error) ([]Failure, error) {
	var fails []Failure
	seen := map[fileID]string{} // directories walked, over every path
	for _, p := range paths {
		if p == "-" {
			f, err := r.readStream(ctx, "stdin", "stdin", r.Stdin, fn)
			fails = append(fails, f...)
			if err != nil {
				return fails, err
			}
			continue
		}
		info, err := r.stat(p)
		if err != nil {
			fails = append(fails, Failure{p, describe(err)})
			continue
		}
		if !info.IsDir() {
			// A pipe or terminal named on the command line is read: that
			// is how a stream is given (bash's <(…) is a pipe). In a
			// directory walk only regular files are (see walk).
			if m := info.Mode(); m&(fs.ModeNamedPipe|fs.ModeCharDevice) == 0 {
				if reason := notRegular(m); reason != "" {
					fails = append(fails, Failure{p, reason})
					continue
				}
			}
			f, err := r.readFile(ctx, p, fn)
			fails = append(fails, f...)
			if err != nil {
				return fails, err
			}
			continue
		}
		err = r.walk(ctx, p, seen, func(path string) error {
			f, err := r.readFile(ctx, path, fn)
			fails = append(fails, f...)
			return err
		}, func(f Failure) { fails = append(fails, f) })
		if err != nil {
			return fails, err
		}
	}
	return fails, nil
}

// notRegular says why a file of this mode is not read, or "" for a
// regular file. A named pipe would block the load until something writes
// to it; devices and sockets are not articles.
func notRegular(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m&fs.ModeNamedPipe != 0:
		return "not a regular file (a named pipe): skipped"
	case m&fs.ModeSocket != 0:
		return "not a regular file (a socket): skipped"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return "not a regular file (a device): skipped"
	}
	return "not a regular file: skipped"
}

// walk calls read with every article file under root, in lexical order,
// and fail with every entry it skips for a reason. Hidden files and
// directories are passed over. Symbolic links are followed, to files and
// to directories (a tree of links to where articles are kept is a common
// layout, and a symlinked directory given as PATH must load what it
// holds); a directory reached again through a link or a second PATH
// (seen holds those walked), which would loop or load the same articles
// twice, is reported and not read again.
func (r *Reader) walk(ctx context.Context, root string, seen map[fileID]string, read func(path string) error, fail func(Failure)) error {
	if r.FS != nil {
		return fs.WalkDir(r.FS, root, func(path string, d fs.DirEntry, werr error) error {
			if werr != nil {
				fail(Failure{path, describe(werr)})
				return nil
			}
			if d.IsDir() {
				if path != root && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") || !articleExts[strings.ToLower(filepath.Ext(path))] {
				return nil
			}
			return read(path)
		})
	}
	var dir func(path string, info fs.FileInfo, depth int) error
	dir = func(path string, info fs.FileInfo, depth int) error {
		if depth > maxDepth {
			fail(Failure{path, fmt.Sprintf("more than %d directories deep: skipped", maxDepth)})
			return nil
		}
		if id, ok := idOf(info); ok {
			if first, dup := seen[id]; dup {
				fail(Failure{path, "directory already read as " + first + " (a symbolic link loop or a second link): skipped"})
				return nil
			}
			seen[id] = path
		}
		entries, err := os.ReadDir(path)
		if err != nil {
			fail(Failure{path, describe(err)})
			return nil
		}
		for _, d := range entries {
			if err := ctx.Err(); err != nil {
				return err
			}
			name := d.Name()
			if strings.HasPrefix(name, ".") {
				continue
			}
			p := filepath.Join(path, name)
			mode := d.Type()
			var info fs.FileInfo
			if mode&fs.ModeSymlink != 0 || mode.IsDir() {
				if info, err = os.Stat(p); err != nil { // follows the link
					fail(Failure{p, describe(err)})
					continue
				}
				mode = info.Mode()
			}
			if mode.IsDir() {
				if err := dir(p, info, depth+1); err != nil {
					return err
				}
				continue
			}
			if !articleExts[strings.ToLower(filepath.Ext(name))] {
				continue
			}
			if reason := notRegular(mode); reason != "" {
				fail(Failure{p, reason})
				continue
			}
			if err := read(p); err != nil {
				return err
			}
		}
		return nil
	}
	info, err := os.Stat(root)
	if err != nil {
		fail(Failure{root, describe(err)})
		return nil
	}
	return dir(root, info, 0)
}

// maxDepth bounds how deeply walk descends, also where a link loop cannot
// be told by device and inode.
const maxDepth = 64

func (r *Reader) stat(p string) (fs.FileInfo, error) {
	if r.FS != nil {
		return fs.Stat(r.FS, p)
	}
	return os.Stat(p)
}

func (r *Reader) open(p string) (io.ReadCloser, error) {
	if r.FS != nil {
		return r.FS.Open(p)
	}
	return os.Open(p)
}

func (r *Reader) maxSize() int64 {
	if r.MaxFileSize > 0 {
		return r.MaxFileSize
	}
	return DefaultMaxFileSize
}

func (r *Reader) readFile(ctx context.Context, p string, fn func(Document) error) ([]Failure, error) {
	f, err := r.open(p)
	if err != nil {
		return []Failure{{p, describe(err)}}, nil
	}
	defer f.Close()
	key := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
	return r.readStream(ctx, key, p, f, fn)
}

// readStream reads one input, plain text or JSON Lines by its name.
func (r *Reader) readStream(ctx context.Context, key, source string, in io.Reader, fn func(Document) error) ([]Failure, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in == nil {
		return []Failure{{source, "no input"}}, nil
	}
	ext := strings.ToLower(filepath.Ext(source))
	if ext == ".jsonl" || ext == ".ndjson" {
		return r.readJSONLines(source, in, fn)
	}
	data, err := io.ReadAll(io.LimitReader(in, r.maxSize()+1))
	if err != nil {
		return []Failure{{source, describe(err)}}, nil
	}
	if int64(len(data)) > r.maxSize() {
		return []Failure{{source, fmt.Sprintf("file too large: over %d MB", r.maxSize()>>20)}}, nil
	}
	if reason := badText(data); reason != "" {
		return []Failure{{source, reason}}, nil
	}
	var doc Document
	if ext == ".html" || ext == ".htm" {
		if doc, err = ParseHTML(key, source, data); err != nil {
			return []Failure{{source, err.Error()}}, nil
		}
	} else {
		doc = ParseText(key, source, string(data))
	}
	if strings.TrimSpace(doc.Body) == "" {
		return []Failure{{source, "no article text after removing boilerplate"}}, nil
	}
	return nil, fn(doc)
}

// jsonLine is one article of a JSON Lines file.
type jsonLine struct {
	ID        json.RawMessage `json:"id"`
	URL       string          `json:"url"`
	Title     string          `json:"title"`
	Published string          `json:"published"`
	Text      string          `json:"text"`
	// Common other names of the same fields (the Reuters-21578 export
	// uses newid, date and body), read when the documented ones are absent.
	NewID json.RawMessage `json:"newid"`
	Date  string          `json:"date"`
	Body  string          `json:"body"`
}

// normalize fills the documented fields from their other names.
func (jl *jsonLine) normalize() (id string) {
	raw := jl.ID
	if len(raw) == 0 {
		raw = jl.NewID
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		s = strings.Trim(string(raw), `"`) // a number
	}
	if jl.Published == "" {
		jl.Published = jl.Date
	}
	if jl.Text == "" {
		jl.Text = jl.Body
	}
	return s
}

// readJSONLines reads one {id,url,title,published,text} object per line;
// a bad line is reported as "file:line" and the others still load.
func (r *Reader) readJSONLines(source string, in io.Reader, fn func(Document) error) ([]Failure, error) {
	var fails []Failure
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), int(r.maxSize()))
	n := 0
	for sc.Scan() {
		n++
		where := fmt.Sprintf("%s:%d", source, n)
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		if !utf8.Valid(line) {
			fails = append(fails, Failure{where, "invalid UTF-8"})
			continue
		}
		var jl jsonLine
		if err := json.Unmarshal(line, &jl); err != nil {
			fails = append(fails, Failure{where, "invalid JSON: " + err.Error()})
			continue
		}
		id := jl.normalize()
		if strings.TrimSpace(jl.Text) == "" {
			// A story that is only its headline (2,535 of Reuters-21578's)
			// is kept when the headline says something: it becomes the
			// article's title, sentence 0, with no body.
			if !HeadlineWorthKeeping(jl.Title) {
				fails = append(fails, Failure{where, "no text"})
				continue
			}
			jl.Title = strings.Join(strings.Fields(jl.Title), " ") // wire headlines wrap lines
		}
		// JSON escapes can carry what a text file may not (\u0000): the
		// same check as for files.
		if reason := badText([]byte(jl.Title + "\n" + jl.Text)); reason != "" {
			fails = append(fails, Failure{where, reason})
			continue
		}
		key := id
		if key == "" {
			key = fmt.Sprintf("%s-%d", strings.TrimSuffix(filepath.Base(source), filepath.Ext(source)), n)
		}
		doc := ParseText(key, where, jl.Text)
		doc.Body = strings.TrimSpace(Unwrap(jl.Text)) // JSON gives title and date apart from the text
		doc.URL = jl.URL
		if jl.Title != "" {
			doc.Title = jl.Title
		}
		if jl.Published != "" {
			d, err := kg.ParseDate(firstDatePart(jl.Published))
			if err != nil {
				fails = append(fails, Failure{where, fmt.Sprintf("bad published date %q", jl.Published)})
				continue
			}
			doc.Published = d
		}
		if err := fn(doc); err != nil {
			return fails, err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("line %d longer than %d MB", n+1, r.maxSize()>>20)
		}
		fails = append(fails, Failure{source, describe(err)})
	}
	return fails, nil
}

// HeadlineWorthKeeping reports whether a story with no body is worth
// keeping for its headline alone: one of at least three words of two
// letters or more ("GM TO IDLE SIX CAR PLANTS NEXT WEEK", "BAT Industries
// 1986 pretax profit"), not an empty or one-word title, or a line of
// figures. On Reuters-21578 it keeps 1,798 of the 2,535 headline-only
// stories, and drops the 737 that have no headline either.
func HeadlineWorthKeeping(title string) bool {
	words := 0
	for _, w := range strings.Fields(title) {
		letters := 0
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if letters >= 2 {
			words++
		}
	}
	return words >= 3
}

// firstDatePart keeps the date of an RFC 3339 timestamp.
func firstDatePart(s string) string {
	if len(s) > 10 && s[4] == '-' && s[7] == '-' {
		return s[:10]
	}
	return s
}

// badText says why data is not an article, or "" when it is text.
func badText(data []byte) string {
	if len(bytes.TrimSpace(data)) == 0 {
		return "empty file"
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "binary file (contains NUL bytes)"
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, n := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		return fmt.Sprintf("invalid UTF-8 at byte %d", off)
	}
	ctrl := 0
	for _, b := range data {
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' {
			ctrl++
		}
	}
	if ctrl*100 > len(data) {
		return "binary file (control characters)"
	}
	return ""
}

// describe turns a file-system error into a reason without the path,
// which the failure already carries.
func describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}
