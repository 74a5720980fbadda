// Command genref builds package gazetteer's tables from the field's
// reference data in ../shared/data (see its README and PROVENANCE.csv):
//
//	data/cities.tsv     GeoNames cities of 15,000+ inhabitants (CC BY 4.0):
//	                    name, state, first-level region code, population
//	                    and, for cities of 100,000+, the Latin-script other
//	                    names English text may use
//	data/regions.json   GeoNames continents and US states (CC BY 4.0)
//	data/actors.tsv     the people and organizations of the PETRARCH2 /
//	                    Phoenix actor dictionaries (MIT): names, aliases and
//	                    the dated codes that say whom they acted for
//	data/agents.tsv     the Phoenix agent dictionary (MIT): role words
//	                    ("foreign minister", "envoy", "rebels") and their
//	                    sector codes
//	data/treaty_ends.tsv  when the curated treaties that ATOP 5.1 or DCAD
//	                    1.0 record began and ended (free with citation)
//
// Run it from loader/gazetteer with `go generate`, or from anywhere in the
// repository with `go run ./loader/gazetteer/internal/genref`. The output
// is deterministic, and a test checks that the committed files are what it
// writes.
package main

import (
	"encoding/json"
	"flag"
	"github.com/diplograph/diplograph/internal/reporoot"
	"io/fs"
	"log"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/diplograph/diplograph/loader/gazetteer"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("genref: ")
	root, err := reporoot.Find()
	if err != nil {
		log.Fatal(err)
	}
	shared := flag.String("shared", filepath.Join(root, "..", "shared", "data"), "the shared data directory")
	out := flag.String("out", filepath.Join(root, "loader", "gazetteer", "data"), "output directory")
	flag.Parse()
	files, err := Generate(os.DirFS(*shared), os.DirFS(filepath.Join(root, "loader", "gazetteer")))
	if err != nil {
		log.Fatal(err)
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := os.WriteFile(filepath.Join(*out, name), files[name], 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// Generate returns the generated files by name, from the shared data
// directory and the package's committed tables (pkg holds data/): the
// states table gives the canonical state names every table uses, and the
// curated places win over generated ones.
func Generate(shared, pkg fs.FS) (map[string][]byte, error) {
	statesJSON, err := fs.ReadFile(pkg, "data/states.json")
	if err != nil {
		return nil, err
	}
	codes, err := readCodes(shared, statesJSON)
	if err != nil {
		return nil, err
	}
	curated, err := curatedNames(pkg)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	if files["cities.tsv"], err = cities(shared, codes); err != nil {
		return nil, err
	}
	if files["regions.json"], err = regions(shared, curated); err != nil {
		return nil, err
	}
	if files["actors.tsv"], err = actors(shared, codes); err != nil {
		return nil, err
	}
	if files["agents.tsv"], err = agents(shared); err != nil {
		return nil, err
	}
	if files["treaty_ends.tsv"], err = treatyEnds(shared, pkg); err != nil {
		return nil, err
	}
	return files, nil
}

// curatedNames returns the keys of every name and alias of the curated
// states and places.
func curatedNames(pkg fs.FS) (map[string]bool, error) {
	keys := map[string]bool{}
	var states struct {
		States []gazetteer.State `json:"states"`
	}
	b, err := fs.ReadFile(pkg, "data/states.json")
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &states); err != nil {
		return nil, err
	}
	for _, s := range states.States {
		for _, n := range append(append([]string{s.Name, s.Official}, s.Aliases...), s.Capitals...) {
			keys[gazetteer.Key(n)] = true
		}
	}
	for _, name := range []string{"data/places.json", "data/places_mledoze.json"} {
		var places struct {
			Places []gazetteer.Place `json:"places"`
		}
		b, err := fs.ReadFile(pkg, name)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, &places); err != nil {
			return nil, err
		}
		for _, p := range places.Places {
			for _, n := range append([]string{p.Name}, p.Aliases...) {
				keys[gazetteer.Key(n)] = true
			}
		}
	}
	return keys, nil
}
