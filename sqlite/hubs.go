package sqlite

import (
	"context"
	"fmt"
	"sync"
)

// hubCache keeps, for the path search, the far ends of the edges of hubs:
// entities with hubDegree edges or more (a state, a capital, a ministry),
// which a search that reaches one would otherwise read from the index,
// tens of thousands of rows, on every search that passes by. The few
// hubs of a graph hold most of its edges' ends (at 1,000,000 generated
// edges, 36 entities hold 168,000), so a bounded cache of them serves
// nearly every search.
//
// An entry needs little invalidation: only curations delete edges (and
// count them in meta's edge_removals), and an edge's type and ends never
// change (its id derives from them), so between two removals a hub's
// neighbours of some types only ever grow, and an entry whose counts equal
// the degrees table, and whose removal count equals meta's, both read in
// the searching transaction's snapshot, holds exactly that snapshot's
// neighbours, whichever process wrote the file.
type hubCache struct {
	mu      sync.Mutex
	entries map[hubKey]*hubEntry
	size    int // far ends held, over all entries
}

// maxHubEnds bounds the far ends the cache holds (at ~50 bytes each, about
// 100 MB).
const maxHubEnds = 2_000_000

// hubKey is a hub and the edge types walked, as typesKey writes them.
type hubKey struct{ node, types string }

// hubEntry is the far ends of a hub's edges of the key's types: of those
// that start at it (out) and of those that end there (in), a self-loop in
// both, as the degrees table counts it.
type hubEntry struct {
	out, in  []string
	removals int64 // meta's edge_removals when the entry was read
}

// get returns the entry of k if it matches degree, the hub's out and in
// degrees in the caller's snapshot; nil if it is missing or stale.
func (c *hubCache) get(k hubKey, degree [2]int64, removals int64) *hubEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entries[k]
	if e == nil || e.removals != removals || int64(len(e.out)) != degree[degreeOut] || int64(len(e.in)) != degree[degreeIn] {
		return nil
	}
	return e
}

// put stores e under k, first dropping other entries while the cache would
// hold more than maxHubEnds ends.
func (c *hubCache) put(k hubKey, e *hubEntry) {
	n := len(e.out) + len(e.in)
	if n > maxHubEnds {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[hubKey]*hubEntry{}
	}
	if old := c.entries[k]; old != nil {
		c.size -= len(old.out) + len(old.in)
		delete(c.entries, k)
	}
	for victim, old := range c.entries {
		if c.size+n <= maxHubEnds {
			break
		}
		c.size -= len(old.out) + len(old.in)
		delete(c.entries, victim)
	}
	c.entries[k] = e
	c.size += n
}

// hubNeighbours returns the far ends of the edges of node of the walked
// types (w), from the cache when its entry matches degree, else read in tx
// and cached.
func (s *Store) hubNeighbours(ctx context.Context, tx *readTx, node string, types string, w where, degree [2]int64) (*hubEntry, error) {
	k := hubKey{node, types}
	var removals int64
	if err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'edge_removals'`).Scan(&removals); err != nil {
		return nil, fmt.Errorf("neighbours of %s: %w", node, err)
	}
	if e := s.hubs.get(k, degree, removals); e != nil {
		return e, nil
	}
	e := &hubEntry{removals: removals}
	for _, side := range []struct {
		near, far string
		into      *[]string
	}{{"from_id", "to_id", &e.out}, {"to_id", "from_id", &e.in}} {
		rows, err := tx.QueryContext(ctx, `SELECT `+side.far+` FROM edges WHERE `+side.near+` = ? AND `+w.String(), append([]any{node}, w.args...)...)
		if err != nil {
			return nil, fmt.Errorf("neighbours of %s: %w", node, err)
		}
		for rows.Next() {
			var far string
			if err := rows.Scan(&far); err != nil {
				rows.Close()
				return nil, fmt.Errorf("neighbours of %s: %w", node, err)
			}
			*side.into = append(*side.into, far)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("neighbours of %s: %w", node, err)
		}
	}
	// Counts that differ from the snapshot's degrees would make a stale
	// entry look fresh later; such an entry (a degrees table out of step,
	// which Put never leaves) is used once and not kept.
	if int64(len(e.out)) == degree[degreeOut] && int64(len(e.in)) == degree[degreeIn] {
		s.hubs.put(k, e)
	}
	return e, nil
}
