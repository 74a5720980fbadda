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

// TestFoldConcurrent guards against sharing one stateful transformer
// between goroutines, which corrupts output and panics under load.
func TestFoldConcurrent(t *testing.T) {
	done := make(chan bool)
	for range 8 {
		go func() {
			for range 2000 {
				if got := fold.Fold("Çavuşoğlu Ødegaard"); got != "cavusoglu odegaard" {
					t.Errorf("Fold = %q", got)
				}
			}
			done <- true
		}()
	}
	for range 8 {
		<-done
	}
}
