package main

import "testing"

func TestCORSOriginsFlag(t *testing.T) {
	t.Setenv("DIPLOGRAPH_CORS_ORIGINS", "https://env.example")
	m := NewMain()
	if err := m.ParseFlags(nil); err != nil || m.CORSOrigins != "https://env.example" {
		t.Errorf("env: %q, %v", m.CORSOrigins, err)
	}
	m = NewMain()
	if err := m.ParseFlags([]string{"serve", "--cors-origins", "*"}); err != nil || m.CORSOrigins != "*" {
		t.Errorf("flag overrides env: %q, %v", m.CORSOrigins, err)
	}
}
