package kg_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/kg"
)

// TestMergeEntityAliases checks that merged aliases do not depend on the
// order records arrive in (so a load's batch boundaries cannot change what
// a store holds), and that a name broken over lines is one alias.
func TestMergeEntityAliases(t *testing.T) {
	a := kg.Entity{ID: "organization:gatt", Name: "General Agreement on Tariffs and Trade", Aliases: []string{"GATT", "General Agreement on\nTariffs and Trade"}}
	b := kg.Entity{ID: "organization:gatt", Name: "General Agreement on Tariffs and Trade", Aliases: []string{"the GATT", "GATT", "  General  Agreement "}}
	c := kg.Entity{ID: "organization:gatt", Name: "GATT", Aliases: []string{"Tariffs and Trade accord"}}
	merge := func(recs ...kg.Entity) []string {
		dst := recs[0]
		dst.Aliases = append([]string(nil), dst.Aliases...)
		for _, r := range recs[1:] {
			kg.MergeEntity(&dst, &r)
		}
		return dst.Aliases
	}
	want := []string{"GATT", "General Agreement", "Tariffs and Trade accord", "the GATT"}
	for _, order := range [][]kg.Entity{{a, b, c}, {a, c, b}} {
		if diff := cmp.Diff(want, merge(order...)); diff != "" {
			t.Errorf("aliases (-want +got):\n%s", diff)
		}
	}
	if diff := cmp.Diff([]string{"a b", "c"}, kg.CleanAliases("x", []string{"c", " a\n b", "x", "", "c"})); diff != "" {
		t.Errorf("CleanAliases (-want +got):\n%s", diff)
	}
}
