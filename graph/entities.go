package graph

import (
	"slices"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/kg"
)

// Node is the GraphQL Node interface: entity views and *kg.Article. It has
// no methods so that the domain's Article needs no GraphQL marker method.
type Node interface{}

// Entity is the GraphQL Entity interface. Each GraphQL object type that
// implements it (Person, State, …) is a view of one kg.Entity of that kind:
// gqlgen resolves interfaces by Go type, so each kind needs a Go type of its
// own, but none of them copies a field.
type Entity interface {
	IsNode()
	IsEntity()
	Domain() *kg.Entity
}

// entityView carries what all kinds share.
type entityView struct{ *kg.Entity }

func (entityView) IsNode()   {}
func (entityView) IsEntity() {}

// Domain returns the domain entity behind the view.
func (v entityView) Domain() *kg.Entity { return v.Entity }

// EndDate binds the GraphQL endDate field.
func (v entityView) EndDate() kg.Date { return v.End }

// Attributes lists Attrs sorted by key, so that output is stable.
func (v entityView) Attributes() []*model.Attribute {
	keys := make([]string, 0, len(v.Attrs))
	for k := range v.Attrs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]*model.Attribute, len(keys))
	for i, k := range keys {
		out[i] = &model.Attribute{Key: k, Value: v.Attrs[k]}
	}
	return out
}

// The views, one per kind.
type (
	Person       struct{ entityView }
	State        struct{ entityView }
	Organization struct{ entityView }
	Place        struct{ entityView }
	Treaty       struct{ entityView }
	Event        struct{ entityView }
)

// view wraps a domain entity in the GraphQL type of its kind; nil stays nil.
func view(e *kg.Entity) Entity {
	if e == nil {
		return nil
	}
	v := entityView{e}
	switch e.Kind {
	case kg.Person:
		return &Person{v}
	case kg.State:
		return &State{v}
	case kg.Organization:
		return &Organization{v}
	case kg.Place:
		return &Place{v}
	case kg.Treaty:
		return &Treaty{v}
	default:
		return &Event{v}
	}
}

func views(es []*kg.Entity) []Entity {
	out := make([]Entity, 0, len(es))
	for _, e := range es {
		if e != nil {
			out = append(out, view(e))
		}
	}
	return out
}
