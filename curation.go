package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/diplograph/diplograph/auth"
	"github.com/diplograph/diplograph/curate"
	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/live"
)

// Curation wiring of serve: who may write (tokens from a file or the
// environment, never from a flag's value), the curation service, and the
// live-update hub that reads the store's change feed.

// curationFlags adds the flags of curation and live updates to fs.
func (m *Main) curationFlags(fs *flag.FlagSet) {
	fs.StringVar(&m.TokensFile, "tokens-file", m.TokensFile, "serve: file of API tokens, one 'NAME read|write SECRET' a line (env DIPLOGRAPH_TOKENS_FILE; or the lines themselves in DIPLOGRAPH_TOKENS); without tokens mutations are off")
	fs.IntVar(&m.Live.PerClient, "live-per-client", 16, "serve: most live subscriptions (graphChanged) one client address may hold")
	fs.DurationVar(&m.Live.Poll, "live-poll", 250*time.Millisecond, "serve: how often the store's change feed is read for other processes' writes")
}

// curationEnv reads the environment defaults of the curation flags.
func (m *Main) curationEnv() {
	if v := os.Getenv("DIPLOGRAPH_TOKENS_FILE"); v != "" {
		m.TokensFile = v
	}
}

// loadTokens reads the tokens of serve: the file given, and the lines of
// DIPLOGRAPH_TOKENS; both may be used. A file other users can read is
// refused, as ssh refuses such a key.
func (m *Main) loadTokens() error {
	var text strings.Builder
	if m.TokensFile != "" {
		fi, err := os.Stat(m.TokensFile)
		if err != nil {
			return fmt.Errorf("tokens file: %w", err)
		}
		if fi.Mode().Perm()&0o077 != 0 {
			return fmt.Errorf("tokens file %s can be read by others (mode %v): chmod 600 it", m.TokensFile, fi.Mode().Perm())
		}
		b, err := os.ReadFile(m.TokensFile)
		if err != nil {
			return fmt.Errorf("tokens file: %w", err)
		}
		text.Write(b)
		text.WriteByte('\n')
	}
	text.WriteString(os.Getenv("DIPLOGRAPH_TOKENS"))
	t, err := auth.Parse(strings.NewReader(text.String()))
	if err != nil {
		return err
	}
	m.tokens = t
	return nil
}

// startLive starts the live-update hub on the store, when the store keeps
// a change feed, and returns what stops it.
func (m *Main) startLive(ctx context.Context) (stop func(), err error) {
	cs, ok := m.store.(kg.CurationStore)
	if !ok {
		return func() {}, nil
	}
	m.hub = live.New(cs, m.Live)
	if err := m.hub.Start(ctx); err != nil {
		return nil, fmt.Errorf("live updates: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := m.hub.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
			slog.ErrorContext(ctx, "live updates stopped", "err", err)
		}
	}()
	return func() { cancel(); wg.Wait() }, nil
}

// curator returns what the GraphQL layer needs for mutations and
// subscriptions.
func (m *Main) curator() *graph.Curation {
	cs, ok := m.store.(kg.CurationStore)
	if !ok {
		return nil
	}
	c := &graph.Curation{Live: m.hub, MaxArticleBytes: m.MaxFileSize}
	svc := &curate.Service{Store: cs}
	if m.hub != nil {
		svc.Committed = m.hub.Kick
	}
	c.Service = svc
	return c
}
