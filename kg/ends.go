package kg

import "context"

// FillEnds sets EdgePage.Ends on the pages whose query asked for them
// (EdgeQuery.Ends), reading the entities at the ends of all their edges
// with one call of entities (a store's Entities): for stores that read
// edges and entities apart. An end that is no entity (the article a
// MENTIONS edge starts at) is left out.
func FillEnds(ctx context.Context, entities func(context.Context, []string) ([]*Entity, error), qs []EdgeQuery, pages []*EdgePage) error {
	var ids []string
	seen := map[string]bool{}
	for i, q := range qs {
		if !q.Ends || pages[i] == nil {
			continue
		}
		for _, e := range pages[i].Edges {
			for _, id := range [2]string{e.From, e.To} {
				if !seen[id] {
					seen[id] = true
					ids = append(ids, id)
				}
			}
		}
	}
	if len(ids) == 0 {
		for i, q := range qs {
			if q.Ends && pages[i] != nil {
				pages[i].Ends = map[string]*Entity{}
			}
		}
		return nil
	}
	es, err := entities(ctx, ids)
	if err != nil {
		return err
	}
	byID := make(map[string]*Entity, len(es))
	for _, e := range es {
		if e != nil {
			byID[e.ID] = e
		}
	}
	for i, q := range qs {
		if !q.Ends || pages[i] == nil {
			continue
		}
		ends := map[string]*Entity{}
		for _, e := range pages[i].Edges {
			for _, id := range [2]string{e.From, e.To} {
				if x := byID[id]; x != nil {
					ends[id] = x
				}
			}
		}
		pages[i].Ends = ends
	}
	return nil
}
