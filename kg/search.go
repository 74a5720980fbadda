package kg

import (
	"encoding/base64"
	"encoding/json"
	"strings"
)

// Search ranks. Every store orders search results by rank, then folded
// name, then id (see Store.Search).
const (
	RankExact  = 0 // the text is a name or alias
	RankPrefix = 1 // a name or alias starts with the text's words
	RankOther  = 2 // the names hold the text's words elsewhere
)

// SearchKey is where an entity stands in search order. Stores page search
// results by it, and encode it the same way, so that a search cursor means
// the same thing whichever store issued it.
type SearchKey struct {
	Rank int    // RankExact, RankPrefix or RankOther
	Name string // the entity's folded name
	ID   string
}

// searchCursorPrefix starts every search cursor, so that a later format
// (or an edge cursor) can be told apart and refused cleanly.
const searchCursorPrefix = "s1:"

// Cursor encodes k as an opaque cursor.
func (k SearchKey) Cursor() string {
	b, _ := json.Marshal([]any{k.Rank, k.Name, k.ID}) // an int and strings cannot fail
	return base64.RawURLEncoding.EncodeToString(append([]byte(searchCursorPrefix), b...))
}

// ParseSearchCursor decodes a cursor made by SearchKey.Cursor. Anything else
// is EINVALID.
func ParseSearchCursor(s string) (SearchKey, error) {
	bad := Errorf(EINVALID, "invalid cursor %q", s)
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return SearchKey{}, bad
	}
	body, ok := strings.CutPrefix(string(raw), searchCursorPrefix)
	if !ok {
		return SearchKey{}, bad
	}
	var parts []json.RawMessage
	var k SearchKey
	if json.Unmarshal([]byte(body), &parts) != nil || len(parts) != 3 ||
		json.Unmarshal(parts[0], &k.Rank) != nil || json.Unmarshal(parts[1], &k.Name) != nil || json.Unmarshal(parts[2], &k.ID) != nil ||
		k.Rank < RankExact || k.Rank > RankOther || k.ID == "" {
		return SearchKey{}, bad
	}
	return k, nil
}
