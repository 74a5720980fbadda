package graph

import (
	"context"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	coderws "github.com/coder/websocket"

	"github.com/diplograph/diplograph/auth"
	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/live"
	"github.com/diplograph/diplograph/loader/read"
)

// addLiveTransports adds the transports of subscriptions: server-sent
// events (a POST with Accept: text/event-stream, which must come before
// the POST transport that would take it) and graphql-ws over a websocket,
// whose handshake checks the page's origin against origins (CORS's list;
// the server's own pages are always allowed).
func addLiveTransports(srv *handler.Server, origins []string) {
	srv.AddTransport(transport.SSE{KeepAlivePingInterval: 15 * time.Second})
	var patterns []string
	for _, o := range origins {
		if o == "*" {
			patterns = append(patterns, "*")
			continue
		}
		if _, host, ok := strings.Cut(o, "://"); ok {
			patterns = append(patterns, host)
		}
	}
	srv.AddTransport(transport.Websocket{
		KeepAlivePingInterval: 15 * time.Second,
		Implementation: transport.CoderWebsocketImplementation{
			AcceptOptions: coderws.AcceptOptions{OriginPatterns: patterns},
		},
	})
}

// isLive reports whether r opens a subscription stream.
func isLive(r *http.Request) bool {
	return r.Header.Get("Upgrade") != "" ||
		r.Method == http.MethodPost && strings.Contains(r.Header.Get("Accept"), "text/event-stream")
}

// withLive sends subscription streams to srv as they are: without the
// per-request deadline and dataloaders of other requests (a stream lasts,
// and a dataloader's cache would serve old values to later events), and
// with the server's read and write deadlines lifted, so that an idle
// stream is not cut after a minute. The hub, when there is one, limits
// the streams a client holds open (429 beyond). Every other request goes
// to next.
func withLive(srv http.Handler, hub *live.Hub, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isLive(r) {
			next.ServeHTTP(w, r)
			return
		}
		if hub != nil {
			client := ""
			if req := auth.FromContext(r.Context()); req != nil {
				client = req.Client
			}
			release, ok := hub.Admit(client)
			if !ok {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusTooManyRequests)
				io.WriteString(w, `{"errors":[{"message":"too many live connections from this client","extensions":{"code":"ELIMIT"}}]}`)
				return
			}
			defer release()
		}
		rc := http.NewResponseController(w)
		_ = rc.SetReadDeadline(time.Time{})
		_ = rc.SetWriteDeadline(time.Time{})
		srv.ServeHTTP(w, r)
	})
}

// graphChanged subscribes to the change feed, and turns what it sends into
// GraphChange values until the subscription ends.
func (r *Resolver) graphChanged(ctx context.Context, entity *string, types []kg.EdgeType) (<-chan *GraphChange, error) {
	if r.Curator == nil || r.Curator.Live == nil {
		return nil, kg.Errorf(kg.EFORBIDDEN, "live updates are off on this server")
	}
	if err := kg.CheckEdgeTypes(types); err != nil {
		return nil, err
	}
	f := live.Filter{Types: types}
	if entity != nil {
		e, err := r.resolveEntity(ctx, *entity)
		if err != nil {
			return nil, err
		}
		f.Entity = e.ID
	}
	client := ""
	if req := auth.FromContext(ctx); req != nil {
		client = req.Client
	}
	in, err := r.Curator.Live.Subscribe(ctx, client, f)
	if err != nil {
		return nil, err
	}
	out := make(chan *GraphChange)
	go func() {
		defer close(out)
		for ch := range in {
			select {
			case out <- &GraphChange{ch}:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}

// articleInputs turns the GraphQL input into the reader's.
func articleInputs(in []*model.ArticleInput) []read.Input {
	out := make([]read.Input, len(in))
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	for i, a := range in {
		out[i] = read.Input{Key: str(a.Key), Title: str(a.Title), Text: str(a.Text), HTML: str(a.HTML),
			Published: str(a.Published), URL: str(a.URL), Source: str(a.Source)}
	}
	return out
}

// evidenceOf turns an EvidenceInput into evidence.
func evidenceOf(e *model.EvidenceInput) kg.Evidence {
	ev := kg.Evidence{Article: e.ArticleID, Sentence: e.Sentence, Quote: e.Quote}
	if e.Start != nil {
		ev.Start = *e.Start
	}
	if e.End != nil {
		ev.End = *e.End
	}
	return ev
}
