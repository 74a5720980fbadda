package lexicon

import (
	"fmt"
	"hash/maphash"
	"strings"
)

// frozen is a Trie compiled into flat arrays that hold no pointers but one
// string. The lexicon's trie has some 300,000 nodes (GeoNames cities and
// the actor dictionaries); as maps of pointers they were most of the
// process's live heap, and the garbage collector walked them all at every
// cycle, which cost more than extraction itself. Here the collector sees
// one map without pointers, a few slices of integers and one string.
type frozen struct {
	// edges maps a node and the hash of a key to the child node.
	edges map[edge]uint32
	nodes []frozenNode
	refs  []frozenRef
	// blob holds every key, name and form; the others point into it.
	blob string
}

type edge struct {
	parent uint32
	key    uint64
}

type frozenNode struct {
	keyOff, keyLen     uint32 // the key that leads here, to check a hash match
	refStart, refCount uint32
}

type frozenRef struct {
	kind            Kind
	exact           bool
	nameOff, nameLn uint32
	formOff, formLn uint32
}

var seed = maphash.MakeSeed()

func hashKey(k string) uint64 { return maphash.String(seed, k) }

// freeze compiles t. Node 0 is the root.
func freeze(t *Trie) *frozen {
	f := &frozen{edges: map[edge]uint32{}}
	var blob strings.Builder
	offs := map[string]uint32{} // each distinct string once
	put := func(s string) (uint32, uint32) {
		if o, ok := offs[s]; ok {
			return o, uint32(len(s))
		}
		o := uint32(blob.Len())
		blob.WriteString(s)
		offs[s] = o
		return o, uint32(len(s))
	}
	var walk func(n *Trie, id uint32)
	walk = func(n *Trie, id uint32) {
		start := uint32(len(f.refs))
		for _, r := range n.Refs {
			no, nl := put(r.Name)
			fo, fl := put(r.form)
			f.refs = append(f.refs, frozenRef{kind: r.Kind, exact: r.exact, nameOff: no, nameLn: nl, formOff: fo, formLn: fl})
		}
		f.nodes[id].refStart, f.nodes[id].refCount = start, uint32(len(n.Refs))
		for k, c := range n.Next {
			cid := uint32(len(f.nodes))
			ko, kl := put(k)
			f.nodes = append(f.nodes, frozenNode{keyOff: ko, keyLen: kl})
			e := edge{id, hashKey(k)}
			if _, dup := f.edges[e]; dup {
				// Two keys of one node with one 64-bit hash: never seen,
				// and the tables are fixed, so a test would catch it.
				panic(fmt.Sprintf("lexicon: hash collision under node %d at %q", id, k))
			}
			f.edges[e] = cid
			walk(c, cid)
		}
	}
	f.nodes = append(f.nodes, frozenNode{})
	walk(t, 0)
	f.blob = blob.String()
	return f
}

// next returns the child of node n under key k.
func (f *frozen) next(n uint32, k string) (uint32, bool) {
	c, ok := f.edges[edge{n, hashKey(k)}]
	if !ok {
		return 0, false
	}
	nd := f.nodes[c]
	if f.blob[nd.keyOff:nd.keyOff+nd.keyLen] != k {
		return 0, false
	}
	return c, true
}

// refsOf returns the refs filed at node n.
func (f *frozen) refsOf(n uint32) []frozenRef {
	nd := f.nodes[n]
	return f.refs[nd.refStart : nd.refStart+nd.refCount]
}

// ref returns r as a Ref.
func (f *frozen) ref(r frozenRef) Ref {
	return Ref{Kind: r.kind, Name: f.blob[r.nameOff : r.nameOff+r.nameLn], exact: r.exact, form: f.blob[r.formOff : r.formOff+r.formLn]}
}
