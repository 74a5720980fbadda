package graph

import (
	"context"
	"slices"

	"github.com/diplograph/diplograph/curate"
	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/live"
)

// Curation is what the GraphQL layer needs to change the graph and to
// push changes: nil fields turn mutations or subscriptions off.
type Curation struct {
	// Service runs mutations; nil refuses every one with EFORBIDDEN.
	Service *curate.Service
	// Live serves graphChanged; nil refuses subscriptions.
	Live *live.Hub
	// MaxArticleBytes bounds one ingested article, as --max-file-size
	// bounds a loaded file; 0 means the reader's default.
	MaxArticleBytes int64
}

// The GraphQL views of curation records and of the things they touched:
// a record keeps each entity, edge and article as it was, not as it is, so
// these are plain fields with no edges to walk.
type (
	// EntityState is an entity as a record saw it.
	EntityState struct{ *kg.Entity }
	// EdgeState is an edge as a record saw it.
	EdgeState struct{ *kg.Edge }
	// ArticleState is an article's fields, as a record or an ingest saw
	// them.
	ArticleState struct{ *kg.Article }
	// EntityChange is an entity before and after a record.
	EntityChange struct {
		ID            string
		Before, After *EntityState
	}
	// EdgeChange is an edge before and after a record.
	EdgeChange struct {
		ID            string
		Before, After *EdgeState
	}
	// ArticleChange is an article before and after a record.
	ArticleChange struct {
		ID            string
		Before, After *ArticleState
	}
	// RuleChange is a rule before and after a record, as JSON.
	RuleChange struct {
		Kind, ID      string
		Before, After *string
	}
	// CurationConnection is a page of the curation log.
	CurationConnection struct {
		Edges      []*CurationEdge
		Nodes      []*kg.Curation
		PageInfo   *PageInfo
		TotalCount int
	}
	// CurationEdge is a record and its cursor.
	CurationEdge struct {
		Cursor string
		Node   *kg.Curation
	}
	// IngestPayload is what ingestArticles did.
	IngestPayload struct {
		Articles []*IngestedArticle
		Record   *kg.Curation
	}
	// IngestedArticle is what ingestArticles did with one article.
	IngestedArticle struct {
		Index        int
		Refused      *string
		Article      *ArticleState
		Entities     []*EntityState
		Edges        []*EdgeState
		NewEntityIds []string
		NewEdgeIds   []string
	}
	// GraphChange is one change of the feed, as a subscription selects it.
	GraphChange struct{ kg.Change }
	// ChangedEdge is an edge of a GraphChange.
	ChangedEdge struct{ kg.EdgeRef }
)

// EndDate binds endDate.
func (e EntityState) EndDate() kg.Date { return e.End }

// Attributes binds attributes, sorted by key.
func (e EntityState) Attributes() []*model.Attribute { return entityView{e.Entity}.Attributes() }

// EventType binds eventType: null unless set.
func (e EntityState) EventType() *kg.EventType {
	if e.Entity.EventType == "" {
		return nil
	}
	t := e.Entity.EventType
	return &t
}

// FromID binds fromId.
func (e EdgeState) FromID() string { return e.From }

// ToID binds toId.
func (e EdgeState) ToID() string { return e.To }

// EndDate binds endDate.
func (e EdgeState) EndDate() kg.Date { return e.End }

// Role binds role: null when empty.
func (e EdgeState) Role() *string { return nonEmpty(e.Edge.Role) }

// URL binds url: null when empty.
func (a ArticleState) URL() *string { return nonEmpty(a.Article.URL) }

// Source binds source: null when empty.
func (a ArticleState) Source() *string { return nonEmpty(a.Article.Source) }

// FromID binds fromId.
func (e ChangedEdge) FromID() string { return e.From }

// ToID binds toId.
func (e ChangedEdge) ToID() string { return e.To }

// EntityIds binds entityIds.
func (c GraphChange) EntityIds() []string { return nonNilStrings(c.Entities) }

// ArticleIds binds articleIds.
func (c GraphChange) ArticleIds() []string { return nonNilStrings(c.Articles) }

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func entityState(e *kg.Entity) *EntityState {
	if e == nil {
		return nil
	}
	return &EntityState{e}
}

func edgeState(e *kg.Edge) *EdgeState {
	if e == nil {
		return nil
	}
	return &EdgeState{e}
}

func articleState(a *kg.Article) *ArticleState {
	if a == nil {
		return nil
	}
	return &ArticleState{a}
}

// curationStore returns the store as a CurationStore, or an error when
// it is not one.
func (r *Resolver) curationStore() (kg.CurationStore, error) {
	cs, ok := r.Store.(kg.CurationStore)
	if !ok {
		return nil, kg.Errorf(kg.EINTERNAL, "the store keeps no curation log")
	}
	return cs, nil
}

// curationRecord returns the record id, nil for "" or none.
func (r *Resolver) curationRecord(ctx context.Context, id string) (*kg.Curation, error) {
	if id == "" {
		return nil, nil
	}
	cs, err := r.curationStore()
	if err != nil {
		return nil, err
	}
	c, err := cs.Curation(ctx, id)
	if kg.ErrorCode(err) == kg.ENOTFOUND {
		return nil, nil
	}
	return c, err
}

// redirected returns the entity a merged id resolves to, nil when id was
// not merged.
func (r *Resolver) redirected(ctx context.Context, id string) (*kg.Entity, error) {
	return redirected(ctx, r.Store, id)
}

// redirected returns the entity of store that a merged id resolves to, nil
// when id was not merged or store keeps no curation.
func redirected(ctx context.Context, store kg.Store, id string) (*kg.Entity, error) {
	cs, ok := store.(kg.CurationStore)
	if !ok {
		return nil, nil
	}
	rules, err := cs.Rules(ctx)
	if err != nil {
		return nil, err
	}
	target, _, _, ok := rules.Resolve(id)
	if !ok {
		return nil, nil
	}
	e, err := store.Entity(ctx, target)
	if kg.ErrorCode(err) == kg.ENOTFOUND {
		return nil, nil
	}
	return e, err
}

// curationPage turns a store page into a connection.
func curationPage(p *kg.CurationPage) *CurationConnection {
	c := &CurationConnection{Nodes: p.Records, TotalCount: p.TotalCount, PageInfo: &PageInfo{HasNextPage: p.HasNext}}
	if c.Nodes == nil {
		c.Nodes = []*kg.Curation{}
	}
	c.Edges = make([]*CurationEdge, len(p.Records))
	for i, rec := range p.Records {
		c.Edges[i] = &CurationEdge{Cursor: p.Cursors[i], Node: rec}
	}
	if n := len(p.Cursors); n > 0 {
		c.PageInfo.StartCursor, c.PageInfo.EndCursor = &p.Cursors[0], &p.Cursors[n-1]
	}
	return c
}

// service returns the curation service, or EFORBIDDEN when writes are off.
func (r *Resolver) service() (*curate.Service, error) {
	if r.Curator == nil || r.Curator.Service == nil {
		return nil, kg.Errorf(kg.EFORBIDDEN, "mutations are off on this server")
	}
	return r.Curator.Service, nil
}

// ruleChanges renders the rule diffs of a record.
func ruleChanges(ds []kg.RuleDiff) []*RuleChange {
	out := make([]*RuleChange, len(ds))
	for i, d := range ds {
		k := d.Key()
		rc := &RuleChange{Kind: string(k.Kind), ID: k.ID}
		for _, x := range []struct {
			r   *kg.Rule
			dst **string
		}{{d.Before, &rc.Before}, {d.After, &rc.After}} {
			if x.r != nil {
				if b, err := kg.EncodeRule(x.r); err == nil {
					s := string(b)
					*x.dst = &s
				}
			}
		}
		out[i] = rc
	}
	return out
}

// ingested renders what Ingest did.
func ingested(results []curate.IngestResult) []*IngestedArticle {
	out := make([]*IngestedArticle, len(results))
	for i, res := range results {
		a := &IngestedArticle{Index: i, NewEntityIds: nonNilStrings(res.NewEntities), NewEdgeIds: nonNilStrings(res.NewEdges)}
		if res.Refused != "" {
			a.Refused = &res.Refused
		}
		if res.Article != nil {
			art := *res.Article
			art.Text = ""
			a.Article = &ArticleState{&art}
		}
		for j := range res.Entities {
			a.Entities = append(a.Entities, &EntityState{&res.Entities[j]})
		}
		for j := range res.Edges {
			a.Edges = append(a.Edges, &EdgeState{&res.Edges[j]})
		}
		if a.Entities == nil {
			a.Entities = []*EntityState{}
		}
		if a.Edges == nil {
			a.Edges = []*EdgeState{}
		}
		out[i] = a
	}
	return out
}

// dropEmptyAliases keeps an alias list free of blanks.
func dropEmptyAliases(as []string) []string {
	return slices.DeleteFunc(slices.Clone(as), func(a string) bool { return kg.CollapseSpace(a) == "" })
}

// Prices of the curation fields (see complexity.go): an ingest extracts
// every article, a few ms of CPU for a news story (about 3 MB/s), priced
// as 150 units (7.5 ms) an article, so that one request may take the
// 100 articles ingestArticles allows and always counts as costly
// (admission.go); other mutations read and write what they touch, a few
// store calls.
func setCurationComplexity(c *ComplexityRoot) {
	c.Mutation.IngestArticles = func(child int, articles []*model.ArticleInput, _ *bool, _ *string) int {
		return child + 150*max(1, len(articles))
	}
	c.Query.CurationLog = func(child int, _ *string, first *int, _ *string) int {
		n := kg.DefaultFirst
		if first != nil {
			n = max(1, min(*first, kg.MaxFirst))
		}
		return 1 + n*child
	}
}
