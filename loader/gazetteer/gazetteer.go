// Package gazetteer is the reference data the loader uses to recognize
// states, places, organizations, office holders and treaties in news about
// diplomacy. The tables are embedded in the binary (data/*.json, data/*.csv)
// and parsed once by Default.
//
// Every table names its source and licence in its own header (`_source` and
// `_license` in the JSON files, `#` comment lines in the CSV file); NOTICE at
// the repository root collects them. In short: data/states.json and
// data/places_mledoze.json are derived from mledoze/countries and stay under
// the ODbL 1.0; everything else is facts curated by the project from public
// sources (REIGN, the US Office of the Historian's CC0 data, encyclopaedic
// common knowledge). No research-only corpus (Reuters-21578, TempEval,
// GDELT) was copied into any table.
//
// # Modelling choices
//
// Historical states are entries of their own and are never merged with their
// successors: the Soviet Union is not Russia, Prussia is not Germany, West
// Germany is not Germany. A historical state has a To date and names its
// successors in SucceededBy.
//
// Japan is one continuous entry from the Meiji era to today: the Empire of
// Japan and the post-war state are the same subject of international law (the
// 1947 constitution was enacted as an amendment of the Meiji constitution,
// and the treaties of the empire bound its successor government), and news
// and the project's gold annotations call both "Japan". Germany is continuous
// in the same way (German Empire, Weimar Republic, today's Federal Republic);
// only the 1949–1990 division gets entries of its own, East Germany and West
// Germany, which win over Germany for the names they carry while they exist.
//
// China is continuous too: "China" is the country whichever government ruled
// it, so a treaty China signed in 1915 names "China". "Taiwan" is the
// Republic of China since its government moved to Taipei (7 December 1949).
// The name "Republic of China" is deliberately carried by both; StateOn
// resolves it by date (China before 1949, Taiwan after) and State prefers
// Taiwan, whose official name it is today.
//
// The Russian Empire (1721–1917) and the Soviet Union (1922–1991) are
// separate entries; Russia begins on 25 December 1991. StateOn walks back
// from a state to the predecessor that existed on a date, so "Russian" in a
// 1905 text resolves to the Russian Empire and "Moscow" in 1987 to the Soviet
// Union.
//
// StateOn's walk back through predecessors also means that a constituent
// republic named before its independence resolves to the state it was part
// of: "Ukraine" in 1980 is the Soviet Union, "Slovakia" in 1970
// Czechoslovakia. Callers that want the region instead look the name up as
// a Place.
//
// Dependent territories (Hong Kong, Macau, Greenland, Puerto Rico …) are
// places of type "territory", not states. Places whose sovereignty is
// disputed (Kuril Islands, Senkaku Islands, Crimea, Kashmir, the Falklands,
// Western Sahara …) have an empty State.
//
// # Files
//
// The tables are data/*.json and data/tenures.csv, each with its source and
// licence in its header. data/states.json and data/places_mledoze.json are
// generated from ../shared/data/gazetteer/mledoze_countries.json and the
// curated overlay internal/gen/overlay.json: edit the overlay, then run
// `go generate ./loader/gazetteer` (a test fails while the committed files
// are stale). The other files are edited by hand; `go test
// ./loader/gazetteer` checks them against each other (Validate), against the
// project's gold annotations and against the Office of the Historian's list
// of presidents. Tenures and treaty statuses are current as of AsOf.
//
// # Matching
//
// All lookups compare keys made by fold.Fold (case, accents and punctuation
// ignored: "U.S." = "US" = "us", "Élysée" = "Elysee") with a leading article
// "the" removed ("the Kremlin" = "Kremlin", "The Hague" = "Hague"). Callers
// should only look up spans that look like names: the lookups are
// case-insensitive, so the pronoun "us" matches the United States.
package gazetteer

import (
	"bytes"
	"embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync"

	"github.com/diplograph/diplograph/kg"
)

//go:generate go run ./internal/gen
//go:generate go run ./internal/genref

// State is a sovereign state, current or historical.
type State struct {
	// Name is the canonical English short name as Wikipedia titles the
	// state: "Japan", "United States", "Soviet Union".
	Name string `json:"name"`
	// Official is the formal name: "United States of America".
	Official string `json:"official,omitempty"`
	// ISO3 is the ISO 3166-1 alpha-3 code, "" for historical states and
	// for states without one (Kosovo).
	ISO3 string `json:"iso3,omitempty"`
	// Aliases are other names news uses for the state: "U.S.", "America",
	// "USSR", "Britain". Demonyms are not aliases.
	Aliases []string `json:"aliases,omitempty"`
	// Demonyms are the adjective and the plural noun: "Japanese",
	// "American", "Americans", "Soviet", "Soviets".
	Demonyms []string `json:"demonyms,omitempty"`
	// Capitals are the capital first, then other seats of government news
	// uses for the state ("Tokyo said"). Each is also a Place.
	Capitals []string `json:"capitals,omitempty"`
	// Metonyms are seats of power used for the state: "the Kremlin", "the
	// White House", "Downing Street".
	Metonyms []string `json:"metonyms,omitempty"`
	// From and To bound the state's existence. From is set where the start
	// matters for resolving names by date (new states, successor states)
	// and zero for states that existed throughout the period the gazetteer
	// covers. To is zero for current states.
	From kg.Date `json:"from,omitzero"`
	To   kg.Date `json:"to,omitzero"`
	// SucceededBy names the successor states (canonical names).
	SucceededBy []string `json:"succeeded_by,omitempty"`
	// Historical is true for states that no longer exist.
	Historical bool `json:"historical,omitempty"`
}

// Place is a city, island, region, sea or site used as a place.
type Place struct {
	// Name is the canonical English name: "Moscow", "Kuril Islands",
	// "Washington, D.C.".
	Name string `json:"name"`
	// Type is one of "city", "island", "islands", "region", "peninsula",
	// "sea", "strait", "lake", "ocean", "continent", "territory", "site",
	// "building" and "river".
	Type string `json:"type"`
	// Aliases are other names: "Kurile Islands", "Northern Territories",
	// "Peking".
	Aliases []string `json:"aliases,omitempty"`
	// Demonyms are the adjectives of a region or continent ("African",
	// "Central American"): a mention of the place, not a location.
	Demonyms []string `json:"demonyms,omitempty"`
	// State is the canonical name of the state the place lies in, "" when
	// its sovereignty is disputed or it is international (seas, regions
	// spanning several states).
	State string `json:"state,omitempty"`
	// Region is the place's code as a first-level region of its state
	// (GeoNames' admin1 code, "MD" for Maryland), where it is one.
	Region string `json:"region,omitempty"`
}

// Organization is an international organization, news agency, parliament,
// party or other body news names as an actor. Per-country ministries are
// not listed: the extractor builds those from their shape ("the Japanese
// Foreign Ministry").
type Organization struct {
	// Name is the canonical English name as Wikipedia titles it.
	Name string `json:"name"`
	// Aliases are acronyms and other names: "UN", "U.N.", "NATO".
	Aliases []string `json:"aliases,omitempty"`
	// Type is one of "international", "agency", "parliament", "party",
	// "news", "company", "court", "military", "forum" and "armed" (a
	// non-state armed group: "Taliban", "Houthis").
	Type string `json:"type"`
	// State is the canonical state name for national bodies, "" for
	// international ones.
	State string `json:"state,omitempty"`
}

// Tenure is one term of one person in one office.
type Tenure struct {
	// Person is the canonical full name: "Vladimir Putin".
	Person string
	// Aliases are spelling variants and fuller forms: "Sergei Lavrov",
	// "George P. Shultz".
	Aliases []string
	// Surname is the name a news text uses alone: "Putin", "Abe". For
	// monarchs it is the regnal name ("Fahd"), for Chinese and Korean
	// names the family name ("Xi").
	Surname string
	// Role is the office as news names it for that state: "President",
	// "Prime Minister", "Foreign Minister", "Secretary of State",
	// "Foreign Secretary", "Minister for Foreign Affairs", "Chancellor",
	// "General Secretary", "Premier", "King", "Vice President" …
	Role string
	// State is the canonical name of the state whose office it is; "" for
	// offices of an organization (then Organization is set).
	State string
	// Organization is the canonical name of the organization whose office
	// it is ("United Nations" for its Secretary-General), "" for offices of
	// a state.
	Organization string
	// From and To bound the term, To zero if ongoing on AsOf. Their
	// precision is what the sources allow: the day where known, else the
	// month ("1972-01") or the year.
	From, To kg.Date
	// Line is the term's line in data/tenures.csv, the record a fact cites
	// (OfficeHolders.Evidence).
	Line int
}

// Record is the term as a sentence, the quote of its reference evidence.
func (t *Tenure) Record() string {
	of := t.State
	if of == "" {
		of = t.Organization
	}
	if t.To.IsZero() {
		return fmt.Sprintf("%s: %s of %s from %s, in office as of %s.", t.Person, t.Role, of, t.From, AsOf)
	}
	return fmt.Sprintf("%s: %s of %s from %s to %s.", t.Person, t.Role, of, t.From, t.To)
}

// Treaty is a treaty, agreement, declaration or pact.
type Treaty struct {
	// Name is the canonical English name as Wikipedia titles it, with
	// ASCII hyphens for en dashes: "Soviet-Japanese Joint Declaration".
	Name string `json:"name"`
	// Aliases are forms used in text: "1956 Declaration", "INF Treaty".
	Aliases []string `json:"aliases,omitempty"`
	// Date is the signing date, as precise as known.
	Date kg.Date `json:"date,omitzero"`
	// InForce is the date of entry into force, zero if unknown or never.
	InForce kg.Date `json:"in_force,omitzero"`
	// End is the date of termination, zero if in force or unknown.
	End kg.Date `json:"end,omitzero"`
	// Parties are canonical state or organization names. For multilateral
	// treaties they are the founding or principal parties, or empty.
	Parties []string `json:"parties,omitempty"`
	// Multilateral is true for treaties open to many parties.
	Multilateral bool `json:"multilateral,omitempty"`
	// Status is the treaty's state on AsOf: IN_FORCE, TERMINATED, SIGNED
	// (never ratified, or a declaration not meant to bind), FAILED (never
	// entered into force and abandoned), PROPOSED.
	Status kg.Status `json:"status"`
	// Replaces names the treaties this one succeeded (canonical names).
	Replaces []string `json:"replaces,omitempty"`
	// Record is what ATOP or DCAD record of the treaty, from
	// data/treaty_ends.tsv; nil when they do not.
	Record *TreatyRecord `json:"-"`
}

// TreatyRecord is an alliance of ATOP or a defence agreement of DCAD that
// a curated treaty matches (see internal/genref).
type TreatyRecord struct {
	Source     Dataset
	ID         string  // the dataset's id of the record: "atopid 3375"
	Line       int     // line of data/treaty_ends.tsv
	Begin, End kg.Date // End is zero while in effect
	InEffect   bool    // in effect when the dataset was compiled
}

// Gazetteer holds the reference tables. Lookups index the tables on first
// use, so a Gazetteer must not be modified or copied after its first lookup.
type Gazetteer struct {
	States        []State
	Places        []Place
	Organizations []Organization
	Tenures       []Tenure
	Treaties      []Treaty
	// Cities, Actors and Agents are generated from the field's reference
	// data (GeoNames, PETRARCH2): larger and coarser than the curated
	// tables, which win where both know a name.
	Cities []City
	Actors []Actor
	Agents []Agent

	once sync.Once
	idx  *index
	// refOnce builds ref, the index of the generated tables, on first use.
	refOnce sync.Once
	ref     *refIndex
}

// AsOf is the date the tables were last brought up to date: a Tenure with a
// zero To was ongoing then, and a Treaty's Status is its status then.
var AsOf = kg.MustParseDate("2025-01-31")

//go:embed data/states.json data/places_mledoze.json data/places.json data/regions.json data/organizations.json data/tenures.csv data/treaties.json data/cities.tsv data/actors.tsv data/agents.tsv data/treaty_ends.tsv
var embedded embed.FS

// Files lists the data files Load reads, in order.
var Files = []string{
	"data/states.json",
	"data/places_mledoze.json",
	"data/places.json",
	"data/regions.json",
	"data/organizations.json",
	"data/tenures.csv",
	"data/treaties.json",
	"data/cities.tsv",
	"data/actors.tsv",
	"data/agents.tsv",
	"data/treaty_ends.tsv",
}

var (
	defaultOnce sync.Once
	defaultG    *Gazetteer
)

// Default returns the embedded gazetteer, parsed once. It panics only if
// the embedded data is corrupt, which a test rules out.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		g, err := Load(embedded)
		if err != nil {
			panic(fmt.Sprintf("gazetteer: embedded data: %v", err))
		}
		defaultG = g
	})
	return defaultG
}

// Embedded returns the embedded data files, for tools that want to read the
// headers (source, licence) or ship the tables elsewhere.
func Embedded() fs.FS { return embedded }

// Header is the provenance block every JSON data file starts with.
type Header struct {
	Source  string   `json:"_source"`
	License string   `json:"_license"`
	Notes   []string `json:"_notes,omitempty"`
	// GeneratedBy names the generator of a generated file, which must not
	// be edited by hand.
	GeneratedBy string `json:"_generated_by,omitempty"`
}

// Load parses the data files listed in Files from fsys. Any malformed file
// is an EINVALID error naming the file. Load does not check the tables
// against each other; Validate does.
func Load(fsys fs.FS) (*Gazetteer, error) {
	g := &Gazetteer{}
	var statesFile struct {
		Header
		States []State `json:"states"`
	}
	if err := readJSON(fsys, "data/states.json", &statesFile); err != nil {
		return nil, err
	}
	g.States = statesFile.States
	for _, name := range []string{"data/places_mledoze.json", "data/places.json", "data/regions.json"} {
		var f struct {
			Header
			Places []Place `json:"places"`
		}
		if err := readJSON(fsys, name, &f); err != nil {
			return nil, err
		}
		g.Places = append(g.Places, f.Places...)
	}
	var orgs struct {
		Header
		Organizations []Organization `json:"organizations"`
	}
	if err := readJSON(fsys, "data/organizations.json", &orgs); err != nil {
		return nil, err
	}
	g.Organizations = orgs.Organizations
	var treaties struct {
		Header
		Treaties []Treaty `json:"treaties"`
	}
	if err := readJSON(fsys, "data/treaties.json", &treaties); err != nil {
		return nil, err
	}
	g.Treaties = treaties.Treaties
	b, err := fs.ReadFile(fsys, "data/tenures.csv")
	if err != nil {
		return nil, fmt.Errorf("read data/tenures.csv: %w", err)
	}
	if g.Tenures, err = ParseTenures(bytes.NewReader(b)); err != nil {
		return nil, fmt.Errorf("data/tenures.csv: %w", err)
	}
	if g.Cities, err = readTSV(fsys, "data/cities.tsv", parseCities); err != nil {
		return nil, err
	}
	if g.Actors, err = readTSV(fsys, "data/actors.tsv", parseActors); err != nil {
		return nil, err
	}
	if g.Agents, err = readTSV(fsys, "data/agents.tsv", parseAgents); err != nil {
		return nil, err
	}
	if err := g.readTreatyEnds(fsys); err != nil {
		return nil, err
	}
	return g, nil
}

func readJSON(fsys fs.FS, name string, v any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	// Unknown fields are typos in hand-edited data; better to fail than to
	// drop a fact silently.
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return kg.Errorf(kg.EINVALID, "%s: %v", name, err)
	}
	return nil
}

// TenureColumns is the header of the tenures CSV file.
var TenureColumns = []string{"person", "surname", "role", "state", "organization", "from", "to", "aliases"}

// ParseTenures reads tenures in the CSV format of data/tenures.csv: lines
// starting with '#' are comments, the first record is the header
// TenureColumns, aliases are separated by ';', dates are TIMEX3 values
// ("1982-07-16", "1972-01", "1901"). Blank lines are ignored.
func ParseTenures(r io.Reader) ([]Tenure, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = len(TenureColumns)
	header, err := cr.Read()
	if err != nil {
		return nil, kg.Errorf(kg.EINVALID, "header: %v", err)
	}
	if strings.Join(header, ",") != strings.Join(TenureColumns, ",") {
		return nil, kg.Errorf(kg.EINVALID, "header is %q, want %q", header, TenureColumns)
	}
	var out []Tenure
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, kg.Errorf(kg.EINVALID, "%v", err)
		}
		line, _ := cr.FieldPos(0)
		t := Tenure{
			Line:         line,
			Person:       strings.TrimSpace(rec[0]),
			Surname:      strings.TrimSpace(rec[1]),
			Role:         strings.TrimSpace(rec[2]),
			State:        strings.TrimSpace(rec[3]),
			Organization: strings.TrimSpace(rec[4]),
		}
		if t.From, err = kg.ParseDate(rec[5]); err != nil {
			return nil, kg.Errorf(kg.EINVALID, "line %d: from: %v", line, err)
		}
		if t.To, err = kg.ParseDate(rec[6]); err != nil {
			return nil, kg.Errorf(kg.EINVALID, "line %d: to: %v", line, err)
		}
		for _, a := range strings.Split(rec[7], ";") {
			if a = strings.TrimSpace(a); a != "" {
				t.Aliases = append(t.Aliases, a)
			}
		}
		if t.Person == "" || t.Role == "" || t.From.IsZero() {
			return nil, kg.Errorf(kg.EINVALID, "line %d: person, role and from are required", line)
		}
		out = append(out, t)
	}
}
