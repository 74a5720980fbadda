package kg_test

import (
	"encoding/base64"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/kg"
)

func TestSearchCursorRoundTrip(t *testing.T) {
	for _, k := range []kg.SearchKey{
		{Rank: kg.RankExact, Name: "japan", ID: "state:japan"},
		{Rank: kg.RankOther, Name: "", ID: "event:a:b:c"}, // colons in the id
		{Rank: kg.RankPrefix, Name: "сергей лавров", ID: "person:сергей-лавров"},
	} {
		got, err := kg.ParseSearchCursor(k.Cursor())
		if err != nil {
			t.Fatalf("ParseSearchCursor(%+v): %v", k, err)
		}
		if diff := gocmp.Diff(k, got); diff != "" {
			t.Errorf("round trip (-want +got):\n%s", diff)
		}
	}
}

func TestParseSearchCursorInvalid(t *testing.T) {
	enc := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	for _, c := range []string{
		"",
		"garbage!",
		enc(`s2:[0,"japan","state:japan"]`), // another version
		enc(`e1:19560101:3:edge:abc`),       // an edge cursor
		enc(`s1:[0,"japan"]`),
		enc(`s1:[3,"japan","state:japan"]`), // no such rank
		enc(`s1:[0,"japan",""]`),
		enc(`s1:{"rank":0}`),
		enc(`s1:[0,1,"state:japan"]`),
	} {
		_, err := kg.ParseSearchCursor(c)
		if kg.ErrorCode(err) != kg.EINVALID {
			t.Errorf("ParseSearchCursor(%q) = %v, want EINVALID", c, err)
		}
	}
}

func TestMentionList(t *testing.T) {
	var l kg.MentionList
	l.AddEdge(kg.Mentions, "article:a", "person:kono", -1) // no evidence
	l.AddEdge(kg.ParticipatedIn, "person:lavrov", "event:meeting", 3)
	l.AddEdge(kg.ParticipatedIn, "person:kono", "event:meeting", 1) // Kono now has a sentence
	l.AddEdge(kg.Mentions, "article:a", "person:cavusoglu", -1)
	l.AddEdge(kg.HeldIn, "event:meeting", "place:moscow", 0) // the meeting moves to 0
	l.Add("person:lavrov", 7)                                // a later sentence changes nothing
	want := []kg.Mention{
		{Entity: "event:meeting", Sentence: 0}, {Entity: "place:moscow", Sentence: 0},
		{Entity: "person:kono", Sentence: 1},
		{Entity: "person:lavrov", Sentence: 3},
		{Entity: "person:cavusoglu", Sentence: -1},
	}
	if diff := gocmp.Diff(want, l.List()); diff != "" {
		t.Errorf("List (-want +got):\n%s", diff)
	}
	if l.Len() != len(want) {
		t.Errorf("Len = %d, want %d", l.Len(), len(want))
	}
}
