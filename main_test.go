package main

import (
	"os"
	"testing"
)

// TestMain lets a test run the real program as a child process, to see
// its exit status and what it prints: with DIPLOGRAPH_TEST_MAIN=1 the
// test binary is diplograph itself, and its arguments are diplograph's.
func TestMain(m *testing.M) {
	if os.Getenv("DIPLOGRAPH_TEST_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}
