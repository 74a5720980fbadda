package kg_test

import (
	"testing"

	"github.com/diplograph/diplograph/kg"
)

// TestCurationCursor checks the curation log's cursors, which both stores
// give out: a round trip, the newest end for "", and EINVALID otherwise.
func TestCurationCursor(t *testing.T) {
	for _, seq := range []int64{1, 42, 1 << 40} {
		got, err := kg.DecodeCurationCursor(kg.EncodeCurationCursor(seq))
		if err != nil || got != seq {
			t.Errorf("round trip of %d: %d, %v", seq, got, err)
		}
	}
	if got, err := kg.DecodeCurationCursor(""); err != nil || got != 1<<63-1 {
		t.Errorf(`"": %d, %v; want the newest end`, got, err)
	}
	for _, bad := range []string{"x", kg.EncodeCurationCursor(0), "Yz0x"} {
		if _, err := kg.DecodeCurationCursor(bad); kg.ErrorCode(err) != kg.EINVALID {
			t.Errorf("%q: %v, want EINVALID", bad, err)
		}
	}
}
