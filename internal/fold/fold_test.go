package fold_test

import (
	"testing"

	"github.com/diplograph/diplograph/internal/fold"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Çavuşoğlu", "cavusoglu"},
		{"CAVUSOGLU", "cavusoglu"},
		{"U.S.", "us"},
		{"Japan's  peace-treaty", "japans peace treaty"},
		{"Łukaszenko Ødegaard", "lukaszenko odegaard"},
		{"  1956 Declaration ", "1956 declaration"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := fold.Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
