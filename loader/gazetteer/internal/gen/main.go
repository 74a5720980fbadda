// Command gen builds the ODbL-licensed tables of package gazetteer from the
// mledoze/countries database and the project's hand-curated overlay:
//
//	loader/gazetteer/data/states.json        every sovereign state (UN members,
//	                                         observers, Taiwan, Kosovo) plus the
//	                                         historical states of the overlay
//	loader/gazetteer/data/places_mledoze.json the capitals of those states and the
//	                                         dependent territories
//
// Run it from loader/gazetteer with `go generate`, or from anywhere with
//
//	go run ./loader/gazetteer/internal/gen
//
// It finds the repository root (the directory holding go.mod) and reads
// ../shared/data/gazetteer/mledoze_countries.json next to it, which is where
// the project keeps shared data (see ../shared/README.md); -mledoze overrides
// the path. The output is deterministic: running it again on the same inputs
// writes the same bytes, and a test in this directory checks that the
// committed files are what it writes.
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"github.com/diplograph/diplograph/internal/reporoot"
	"log"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/gazetteer"
)

// mledozeCommit is the commit of mledoze/countries the shared copy was taken
// from (../shared/data/PROVENANCE.csv).
const mledozeCommit = "5e9f370050f83ad2ba4cb885f75d66114badf72c"

//go:embed overlay.json
var overlayJSON []byte

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	root, err := reporoot.Find()
	if err != nil {
		log.Fatal(err)
	}
	mledoze := flag.String("mledoze", filepath.Join(root, "..", "shared", "data", "gazetteer", "mledoze_countries.json"), "mledoze countries.json")
	out := flag.String("out", filepath.Join(root, "loader", "gazetteer", "data"), "output directory")
	flag.Parse()

	raw, err := os.ReadFile(*mledoze)
	if err != nil {
		log.Fatal(err)
	}
	files, err := Generate(raw, overlayJSON)
	if err != nil {
		log.Fatal(err)
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := os.WriteFile(filepath.Join(*out, name), files[name], 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// country is the part of a mledoze record the generator reads.
type country struct {
	Name struct {
		Common   string `json:"common"`
		Official string `json:"official"`
	} `json:"name"`
	CCA2        string   `json:"cca2"`
	CCA3        string   `json:"cca3"`
	UNMember    bool     `json:"unMember"`
	Capital     []string `json:"capital"`
	AltSpelling []string `json:"altSpellings"`
	Demonyms    map[string]struct {
		F string `json:"f"`
		M string `json:"m"`
	} `json:"demonyms"`
}

// overlay is the hand-curated input in overlay.json. Maps are keyed by the
// mledoze cca3 code unless said otherwise.
type overlay struct {
	gazetteer.Header
	// Names gives the canonical (Wikipedia-title) name where mledoze's
	// common name differs: "CZE": "Czech Republic".
	Names map[string]string `json:"names"`
	// Official overrides mledoze's official name.
	Official map[string]string `json:"official"`
	// Sovereign lists the non-UN members that are states here.
	Sovereign []string `json:"sovereign"`
	// ISO3 overrides the code (mledoze's user-assigned "UNK" for Kosovo is
	// not an ISO code).
	ISO3 map[string]string `json:"iso3"`
	// DropAliases and DropDemonyms remove mledoze names that mislead in
	// English news ("Island" for Iceland).
	DropAliases  map[string][]string `json:"drop_aliases"`
	DropDemonyms map[string][]string `json:"drop_demonyms"`
	// States adds news aliases, demonyms, extra capitals, metonyms and an
	// existence start to states.
	States map[string]struct {
		Aliases  []string `json:"aliases"`
		Demonyms []string `json:"demonyms"`
		Capitals []string `json:"capitals"`
		Metonyms []string `json:"metonyms"`
		From     kg.Date  `json:"from"`
	} `json:"states"`
	// Historical are the historical states, complete.
	Historical []gazetteer.State `json:"historical"`
	// Territories maps each dependent territory to the canonical name of
	// its sovereign, "" when sovereignty is disputed.
	Territories map[string]string `json:"territories"`
	// TerritoryNames, TerritoryTypes and TerritoryAliases adjust the
	// territory places.
	TerritoryNames   map[string]string   `json:"territory_names"`
	TerritoryTypes   map[string]string   `json:"territory_types"`
	TerritoryAliases map[string][]string `json:"territory_aliases"`
	// Capitals, keyed by mledoze's capital name, renames a capital and adds
	// aliases; State overrides the state the place lies in (Jerusalem).
	Capitals map[string]struct {
		Name    string   `json:"name"`
		Aliases []string `json:"aliases"`
		State   *string  `json:"state"`
	} `json:"capitals"`
	// NoPlural lists demonyms that have no plural in -s.
	NoPlural []string `json:"no_plural"`
}

// Generate returns the generated files by name.
func Generate(mledozeJSON, overlayJSON []byte) (map[string][]byte, error) {
	var countries []country
	if err := json.Unmarshal(mledozeJSON, &countries); err != nil {
		return nil, fmt.Errorf("mledoze: %w", err)
	}
	var ov overlay
	dec := json.NewDecoder(bytes.NewReader(overlayJSON))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ov); err != nil {
		return nil, fmt.Errorf("overlay: %w", err)
	}

	used := map[string]bool{} // overlay keys consumed, to catch typos
	var states []gazetteer.State
	var places []gazetteer.Place
	capitalOf := map[string]string{} // capital place name → state name
	for _, c := range countries {
		code := c.CCA3
		if sov, ok := ov.Territories[code]; ok {
			used["territory:"+code] = true
			if _, ok := ov.DropAliases[code]; ok {
				used["drop_aliases:"+code] = true
			}
			places = append(places, territory(c, sov, &ov))
			continue
		}
		if !c.UNMember && !slices.Contains(ov.Sovereign, code) {
			return nil, fmt.Errorf("%s (%s) is neither a state nor a listed territory", code, c.Name.Common)
		}
		s := gazetteer.State{
			Name:     c.Name.Common,
			Official: c.Name.Official,
			ISO3:     code,
		}
		if n, ok := ov.Names[code]; ok {
			s.Name = n
			used["name:"+code] = true
		}
		if o, ok := ov.Official[code]; ok {
			s.Official = o
			used["official:"+code] = true
		}
		if iso, ok := ov.ISO3[code]; ok {
			s.ISO3 = iso
			used["iso3:"+code] = true
		}
		// mledoze's common name becomes an alias when the canonical name
		// differs ("Czechia", "Türkiye").
		aliases := []string{c.Name.Common}
		aliases = append(aliases, englishAliases(c)...)
		add := ov.States[code]
		if _, ok := ov.States[code]; ok {
			used["state:"+code] = true
		}
		aliases = append(aliases, add.Aliases...)
		s.Aliases = clean(aliases, append([]string{s.Name, s.Official}, ov.DropAliases[code]...))
		if _, ok := ov.DropAliases[code]; ok {
			used["drop_aliases:"+code] = true
		}

		var dem []string
		if d, ok := c.Demonyms["eng"]; ok {
			dem = append(dem, splitDemonym(d.M)...)
			dem = append(dem, splitDemonym(d.F)...)
		}
		if _, ok := ov.DropDemonyms[code]; ok {
			used["drop_demonyms:"+code] = true
		}
		dem = clean(dem, ov.DropDemonyms[code])
		// Plurals are made for mledoze's adjectives only; the overlay
		// spells out the nouns it adds ("Briton", "Britons").
		var plurals []string
		for _, d := range dem {
			if p := plural(d, ov.NoPlural); p != "" {
				plurals = append(plurals, p)
			}
		}
		s.Demonyms = clean(slices.Concat(dem, add.Demonyms, plurals), nil)

		for _, capital := range append(slices.Clone(c.Capital), add.Capitals...) {
			name := capital
			if cc, ok := ov.Capitals[capital]; ok && cc.Name != "" {
				name = cc.Name
			}
			s.Capitals = append(s.Capitals, name)
		}
		s.Capitals = clean(s.Capitals, nil)
		for _, capital := range c.Capital {
			p := gazetteer.Place{Name: capital, Type: "city", State: s.Name}
			if cc, ok := ov.Capitals[capital]; ok {
				used["capital:"+capital] = true
				if cc.Name != "" {
					p.Name = cc.Name
				}
				p.Aliases = clean(cc.Aliases, []string{p.Name})
				if cc.State != nil {
					p.State = *cc.State
				}
			}
			if other, dup := capitalOf[p.Name]; dup {
				return nil, fmt.Errorf("capital %q of both %s and %s", p.Name, other, s.Name)
			}
			capitalOf[p.Name] = s.Name
			places = append(places, p)
		}
		s.Metonyms = clean(add.Metonyms, nil)
		s.From = add.From
		states = append(states, s)
	}
	for _, h := range ov.Historical {
		h.Historical = true
		states = append(states, h)
	}
	// Every overlay entry must have been used: a key that matches no
	// mledoze record is a typo that would otherwise drop data silently.
	var unused []string
	check := func(kind string, keys []string) {
		for _, k := range keys {
			if !used[kind+":"+k] {
				unused = append(unused, kind+":"+k)
			}
		}
	}
	check("name", slices.Collect(maps.Keys(ov.Names)))
	check("official", slices.Collect(maps.Keys(ov.Official)))
	check("iso3", slices.Collect(maps.Keys(ov.ISO3)))
	check("state", slices.Collect(maps.Keys(ov.States)))
	check("drop_aliases", slices.Collect(maps.Keys(ov.DropAliases)))
	check("drop_demonyms", slices.Collect(maps.Keys(ov.DropDemonyms)))
	check("territory", slices.Collect(maps.Keys(ov.Territories)))
	check("capital", slices.Collect(maps.Keys(ov.Capitals)))
	if len(unused) > 0 {
		slices.Sort(unused)
		return nil, fmt.Errorf("overlay entries match no mledoze record: %v", unused)
	}

	slices.SortFunc(states, func(a, b gazetteer.State) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(places, func(a, b gazetteer.Place) int { return strings.Compare(a.Name, b.Name) })

	source := "mledoze/countries " + mledozeCommit + " (countries.json: names, official names, alternative spellings, demonyms, capitals, ISO codes, UN membership), " +
		"via ../shared/data/gazetteer/mledoze_countries.json, combined with the project's hand-curated overlay " +
		"(loader/gazetteer/internal/gen/overlay.json: Wikipedia-title names, news aliases, demonym plurals, metonyms, existence dates, historical states, sovereigns of territories)"
	license := "ODbL-1.0 (Open Database License). This table is a derivative database of mledoze/countries " +
		"(https://github.com/mledoze/countries, (c) Mohammed Le Doze, ODbL-1.0) and is itself licensed under the ODbL 1.0: " +
		"https://opendatacommons.org/licenses/odbl/1-0/. See NOTICE at the repository root."
	generatedBy := "go generate ./loader/gazetteer (loader/gazetteer/internal/gen); do not edit, edit the overlay and regenerate"
	statesFile := struct {
		gazetteer.Header
		States []gazetteer.State `json:"states"`
	}{
		Header: gazetteer.Header{Source: source, License: license, Notes: []string{
			"States: UN members, the Holy See, the State of Palestine, Taiwan and Kosovo; dependent territories are in places_mledoze.json.",
			"Historical states (historical: true) are the overlay's own entries, never merged with their successors.",
			"from is set where the start matters for resolving names by date (successor states, new states); zero means the state existed throughout the period covered.",
		}, GeneratedBy: generatedBy},
		States: states,
	}
	placesFile := struct {
		gazetteer.Header
		Places []gazetteer.Place `json:"places"`
	}{
		Header: gazetteer.Header{Source: source, License: license, Notes: []string{
			"Capitals of the states in states.json (type city) and dependent territories (type territory).",
			"state is empty where sovereignty is disputed (Jerusalem, Western Sahara, Falkland Islands, Gibraltar, ...).",
		}, GeneratedBy: generatedBy},
		Places: places,
	}
	files := map[string][]byte{}
	var err error
	if files["states.json"], err = marshal(statesFile); err != nil {
		return nil, err
	}
	if files["places_mledoze.json"], err = marshal(placesFile); err != nil {
		return nil, err
	}
	return files, nil
}

func territory(c country, sovereign string, ov *overlay) gazetteer.Place {
	p := gazetteer.Place{Name: c.Name.Common, Type: "territory", State: sovereign}
	if n, ok := ov.TerritoryNames[c.CCA3]; ok {
		p.Name = n
	}
	if t, ok := ov.TerritoryTypes[c.CCA3]; ok {
		p.Type = t
	}
	aliases := append([]string{c.Name.Common, c.Name.Official}, englishAliases(c)...)
	aliases = append(aliases, ov.TerritoryAliases[c.CCA3]...)
	p.Aliases = clean(aliases, append([]string{p.Name}, ov.DropAliases[c.CCA3]...))
	return p
}

// englishWords mark an alternative spelling as an English formal name
// ("Republic of Chile") rather than a name in another language.
var englishWords = []string{"of", "Republic", "Kingdom", "Islands", "Island", "Emirates", "States"}

// englishAliases returns mledoze's alternative spellings that English news
// may use: acronyms of three or more capitals ("UAE", "DPRK") and English
// formal names. It drops ISO 3166 alpha-2 codes, inverted forms
// ("Korea, Republic of"), forms with parentheses and names in other
// languages and scripts, which would only add false matches.
func englishAliases(c country) []string {
	var out []string
	for _, a := range c.AltSpelling {
		if a == c.CCA2 || strings.Contains(a, ",") || strings.ContainsAny(a, "()") {
			continue
		}
		ascii := true
		for _, r := range a {
			if r > unicode.MaxASCII {
				ascii = false
				break
			}
		}
		if !ascii {
			continue
		}
		if isAcronym(a) {
			out = append(out, a)
			continue
		}
		for _, w := range strings.Fields(a) {
			if slices.Contains(englishWords, w) {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

func isAcronym(s string) bool {
	if len(s) < 3 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// splitDemonym splits mledoze's combined forms: "Antiguan, Barbudan",
// "Kittitian or Nevisian".
func splitDemonym(d string) []string {
	var out []string
	for _, part := range strings.Split(d, ",") {
		for _, p := range strings.Split(part, " or ") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// plural returns the plural noun of a demonym ("American" → "Americans",
// "Israeli" → "Israelis"), or "" when the plural is the adjective itself or
// irregular ("Japanese", "British", "French", "Swiss"); the overlay adds the
// irregular ones ("Britons", "Poles", "Danes").
func plural(d string, none []string) string {
	if slices.Contains(none, d) {
		return ""
	}
	for _, suffix := range []string{"ese", "ish", "ch", "sh", "ss", "s", "y", "z", "x"} {
		if strings.HasSuffix(d, suffix) {
			return ""
		}
	}
	return d + "s"
}

// clean trims names and drops empty ones, those in drop and exact repeats,
// keeping the first occurrence. Spellings that differ only in punctuation
// ("U.S." and "US") are both kept: an extractor that matches surface forms
// needs each.
func clean(names, drop []string) []string {
	var out []string
	seen := map[string]bool{"": true}
	for _, d := range drop {
		seen[d] = true
	}
	for _, n := range names {
		if n = strings.TrimSpace(n); !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
