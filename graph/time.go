package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/internal/fold"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/walk"
)

// holdsOn reports whether a fact that started at start and ended at end
// (zero end: not ended) holds on day: it started on or before the day's
// end and did not end before the day started. An unknown start holds
// nowhere, since nothing says when it began.
func holdsOn(start, end, day kg.Date) bool {
	if start.IsZero() {
		return false
	}
	if start.First().After(day.Last()) {
		return false
	}
	return end.IsZero() || !end.Last().Before(day.First())
}

// officesOf returns a person's HOLDS_OFFICE edges, those held on asOf
// when it is given.
func (r *Resolver) officesOf(ctx context.Context, id string, asOf *kg.Date) ([]*kg.Edge, error) {
	asked := func(fields ...string) bool {
		return slices.ContainsFunc(fields, func(f string) bool { return selects(ctx, []string{"Edge"}, f) })
	}
	edges, err := r.allEdges(ctx, id, kg.Out, asked("from", "to"), asked(evidenceFields...), kg.HoldsOffice)
	if err != nil || asOf == nil {
		return edges, err
	}
	return slices.DeleteFunc(edges, func(e *kg.Edge) bool { return !holdsOn(e.Date, e.End, *asOf) }), nil
}

// treatiesOf returns the treaties a state is party to; with asOf, those
// binding it on that date.
func (r *Resolver) treatiesOf(ctx context.Context, id string, asOf *kg.Date) ([]*Treaty, error) {
	es, err := r.neighbours(ctx, id, kg.Out, kg.PartyTo)
	if err != nil {
		return nil, err
	}
	var out []*Treaty
	for _, e := range es {
		t, ok := view(e).(*Treaty)
		if !ok || asOf != nil && !treatyInForce(e, *asOf) {
			continue
		}
		out = append(out, t)
	}
	return out, nil
}

// treatyHorizon is how long after it began a treaty whose end nobody
// recorded is still taken to bind. Treaties end quietly (superseded,
// lapsed, overtaken by war) and articles rarely say so; past a
// generation, "nothing says it ended" is no evidence that it still binds.
const treatyHorizon = 25 // years

// treatyInForce reports whether treaty t bound its parties on day. It
// began at its entry into force (its signing when that is unknown) and
// binds until its end, where one is known: from an article ("expired in
// 2019") or from reference data (the treaty table's end, or the entry into
// force of the treaty that replaced it). Where no end is known it binds
// within treatyHorizon years of the last day it was known to be in force:
// the treaty table's version date when it says IN_FORCE, the last year of
// ATOP's or DCAD's coverage when they record it in effect, else its start. A treaty that failed, was only proposed or is under
// negotiation binds no one, nor does one the table records as signed but
// never in force (a declaration or memorandum not meant to bind).
func treatyInForce(t *kg.Entity, day kg.Date) bool {
	switch t.Status {
	case kg.Failed, kg.Proposed, kg.InNegotiation:
		return false
	}
	ref := kg.Status(t.Attrs["reference_status"])
	switch ref {
	case kg.Failed, kg.Proposed, kg.InNegotiation, kg.Signed:
		if t.Attrs["in_force"] == "" {
			return false
		}
	}
	start := t.Date
	if v, err := kg.ParseDate(t.Attrs["in_force"]); err == nil && !v.IsZero() {
		start = v
	}
	end := t.End
	if v, err := kg.ParseDate(t.Attrs["ended"]); err == nil && !v.IsZero() {
		end = v
	}
	if !end.IsZero() || start.IsZero() {
		return holdsOn(start, end, day)
	}
	// No known end: it binds up to treatyHorizon years after it was last
	// known to be in force.
	last := start
	known := func(attr string) {
		if d, err := kg.ParseDate(t.Attrs[attr]); err == nil && d.YearNum() > last.YearNum() {
			last = d
		}
	}
	if ref == kg.InForce {
		known("reference_as_of")
	}
	known("in_effect_as_of") // ATOP or DCAD found it in effect then
	return holdsOn(start, kg.Year(last.YearNum()+treatyHorizon), day)
}

// edgeSources returns the distinct stored articles an edge's evidence
// cites.
func (r *Resolver) edgeSources(ctx context.Context, e *kg.Edge) ([]*kg.Article, error) {
	as, err := r.loadArticles(ctx, e.Sources())
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(as, func(a *kg.Article) bool { return a == nil }), nil
}

// resolveRef turns an entity argument into an id (see resolveEntity).
func (r *Resolver) resolveRef(ctx context.Context, ref string) (string, error) {
	e, err := r.resolveEntity(ctx, ref)
	if err != nil {
		return "", err
	}
	return e.ID, nil
}

// resolveCandidates is how many search results a name is resolved among.
// Search ranks every exact name or alias match before any other, so the
// exact matches are all among them unless more than this many entities
// share one name.
const resolveCandidates = 50

// resolveEntity is ResolveEntity over the resolver's store.
func (r *Resolver) resolveEntity(ctx context.Context, ref string) (*kg.Entity, error) {
	return ResolveEntity(ctx, r.Store, ref)
}

// ResolveEntity turns an entity argument, of a GraphQL field or of a
// download, into the entity, trying in order:
// an exact id; an exact (case- and accent-folded) canonical name; an exact
// alias; the words of names and aliases, as search matches them. The first
// step that finds exactly one entity decides; one that finds several is
// ambiguous (EINVALID, listing the candidates), so that "Russia" is Russia
// although the Soviet Union and the Russian Empire have it as an alias,
// while "Georgia", a state and a place, is a question back to the client.
// Nothing found is ENOTFOUND.
func ResolveEntity(ctx context.Context, store kg.Store, ref string) (*kg.Entity, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return nil, kg.Errorf(kg.EINVALID, "an entity id or name is required")
	}
	if kg.KindOfID(ref) != "" {
		if e, err := store.Entity(ctx, ref); err == nil || kg.ErrorCode(err) != kg.ENOTFOUND {
			return e, err
		}
		// The id of an entity merged into another resolves to the
		// survivor (curation.go).
		if e, err := redirected(ctx, store, ref); e != nil || err != nil {
			return e, err
		}
	}
	cands, err := store.Search(ctx, kg.SearchQuery{Text: ref, First: resolveCandidates})
	if err != nil {
		return nil, fmt.Errorf("resolve %q: %w", ref, err)
	}
	key := fold.Fold(ref)
	byName := slices.DeleteFunc(slices.Clone(cands), func(c *kg.Entity) bool { return fold.Fold(c.Name) != key })
	byAlias := slices.DeleteFunc(slices.Clone(cands), func(c *kg.Entity) bool {
		return !slices.ContainsFunc(c.Aliases, func(a string) bool { return fold.Fold(a) == key })
	})
	for _, step := range [][]*kg.Entity{byName, byAlias, cands} {
		switch len(step) {
		case 0:
			continue
		case 1:
			return step[0], nil
		}
		names := make([]string, len(step))
		for i, c := range step {
			names[i] = c.Name + " (" + c.ID + ")"
		}
		return nil, kg.Errorf(kg.EINVALID, "%q is ambiguous: %s", ref, strings.Join(names, "; "))
	}
	if kg.KindOfID(ref) != "" {
		return nil, kg.Errorf(kg.ENOTFOUND, "no entity has the id %q", ref)
	}
	return nil, kg.Errorf(kg.ENOTFOUND, "no entity is named %q", ref)
}

// walkQuery checks and resolves the arguments every walk field shares.
func (r *Resolver) walkQuery(ctx context.Context, from, to string, maxHops *int, types []kg.EdgeType, since, until *kg.Date, timeRespecting *bool) (walk.Query, error) {
	var q walk.Query
	if slices.Contains(types, kg.Mentions) {
		return q, kg.Errorf(kg.EINVALID, "walks go between entities; MENTIONS edges lead to articles (see Article)")
	}
	var err error
	if q.From, err = r.resolveRef(ctx, from); err != nil {
		return q, err
	}
	if q.To, err = r.resolveRef(ctx, to); err != nil {
		return q, err
	}
	q.Types, q.MaxHops = types, 4
	if maxHops != nil {
		if *maxHops < 1 || *maxHops > kg.MaxHops {
			return q, kg.Errorf(kg.EINVALID, "maxHops must be between 1 and %d, got %d", kg.MaxHops, *maxHops)
		}
		q.MaxHops = *maxHops
	}
	if since != nil {
		q.Since = *since
	}
	if until != nil {
		q.Until = *until
	}
	if !q.Since.IsZero() && !q.Until.IsZero() && q.Until.Compare(q.Since) < 0 {
		return q, kg.Errorf(kg.EINVALID, "until %s is before since %s", q.Until, q.Since)
	}
	q.TimeRespecting = timeRespecting != nil && *timeRespecting
	return q, nil
}
