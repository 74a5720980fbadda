package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/diplograph/diplograph/internal/fold"
)

// The Phoenix actor files (TABARI format, ../shared/data/petrarch2/
// dictionaries.rst): a record is a primary phrase, optionally with a code
// and a comment; synonyms on lines starting with '+'; and date
// restrictions "[CODE <date]", "[CODE >date]", "[CODE date-date]" on
// lines starting with a tab. Words are joined by '_'.
var actorFiles = []string{
	"petrarch2/Phoenix.Countries.actors.txt",
	"petrarch2/Phoenix.International.actors.txt",
	"petrarch2/Phoenix.MilNonState.actors.txt",
}

// actor is one record, read.
type actor struct {
	names []string // the primary phrase, then synonyms, as written
	codes []code
	note  string
	file  string
}

// code is a date-restricted affiliation: CODE from ISO3 country (or IGO,
// NGO, MNC …) and sector (GOV, ELI, MIL, REB …).
type code struct {
	code     string
	from, to string // TIMEX3 dates, "" for open
}

var restriction = regexp.MustCompile(`\[([A-Z~-]+)\s*(?:([<>])\s*([0-9]{6,8})|([0-9]{6,8})\s*-\s*([0-9]{6,8}))?\s*\]`)

// readActors parses one actor file.
func readActors(raw []byte, file string) []actor {
	var out []actor
	var cur *actor
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		body, comment, _ := strings.Cut(line, "#")
		trimmed := strings.TrimSpace(body)
		switch {
		case trimmed == "":
			continue
		case strings.HasPrefix(trimmed, "<!--"):
			continue
		case strings.HasPrefix(body, "+"):
			if cur != nil {
				name, rest, _ := strings.Cut(trimmed[1:], "[")
				cur.names = append(cur.names, strings.TrimSpace(name))
				if rest != "" {
					cur.codes = append(cur.codes, parseCodes("["+rest)...)
				}
			}
		case body[0] == '\t' || body[0] == ' ':
			if cur != nil {
				cur.codes = append(cur.codes, parseCodes(trimmed)...)
			}
		default:
			out = append(out, actor{file: file})
			cur = &out[len(out)-1]
			name, rest, _ := strings.Cut(trimmed, "[")
			cur.names = []string{strings.TrimSpace(name)}
			cur.codes = parseCodes("[" + rest)
			cur.note = strings.TrimSpace(comment)
		}
	}
	return out
}

func parseCodes(s string) []code {
	var out []code
	for _, m := range restriction.FindAllStringSubmatch(s, -1) {
		c := code{code: strings.Trim(m[1], "~")}
		switch {
		case m[2] == "<":
			c.to = tabariDate(m[3])
		case m[2] == ">":
			c.from = tabariDate(m[3])
		case m[4] != "":
			c.from, c.to = tabariDate(m[4]), tabariDate(m[5])
		}
		if c.code == "" || c.code == "---" || strings.Trim(c.code, "-") == "" {
			continue
		}
		if (m[2] != "" || m[4] != "") && c.from == "" && c.to == "" {
			continue // a malformed date: the restriction is not trusted
		}
		out = append(out, c)
	}
	return out
}

// tabariDate reads YYMMDD (years from 30 are 19YY, as in TABARI) or
// YYYYMMDD as a TIMEX3 day, "" when it is no date.
func tabariDate(s string) string {
	var y, m, d string
	switch len(s) {
	case 6:
		y, m, d = s[:2], s[2:4], s[4:6]
		if y >= "30" {
			y = "19" + y
		} else {
			y = "20" + y
		}
	case 8:
		y, m, d = s[:4], s[4:6], s[6:8]
	default:
		return ""
	}
	if m < "01" || m > "12" || d < "01" || d > "31" || y < "1800" {
		return ""
	}
	return y + "-" + m + "-" + d
}

// orgWords are the words that make a phrase an organization's name.
var orgWords = setOf(`ORGANIZATION ORGANISATION ORGANIZATIONS COUNCIL COMMITTEE COMMISSION AGENCY UNION ASSOCIATION
	ALLIANCE FRONT MOVEMENT PARTY ARMY FORCES FORCE BRIGADE BRIGADES BATTALION GROUP BANK FUND INSTITUTE FOUNDATION CENTER
	CENTRE COURT TRIBUNAL MINISTRY DEPARTMENT OFFICE AUTHORITY COMPANY CORPORATION CORP INC LTD NETWORK PROGRAMME PROGRAM
	MISSION SECRETARIAT ASSEMBLY PARLIAMENT CONGRESS FEDERATION LEAGUE SOCIETY CHURCH UNIVERSITY COMMAND GUARD GUARDS POLICE
	SERVICE SERVICES BUREAU BOARD COALITION CONFERENCE FORUM INITIATIVE PROJECT TRUST WATCH NATIONS COMMUNITY CARTEL
	BROTHERHOOD JIHAD MILITIA MILITIAS REBELS FACTION CELL CELLS CORPS LEGION REGIME GOVERNMENT CABINET SENATE AIRLINES
	AIRWAYS OIL PETROLEUM GAS ENERGY BANKS TELEVISION RADIO NEWS TIMES POST HERALD PRESS AGENCY EMBASSY CONSULATE
	PRESIDENCY MOVEMENTS ORGANIZATIONS GROUPS COUNCILS COMMITTEES`)

// titleWords start an alias that is a title and a name ("FOREIGN_MINISTER_
// SERGEY_LAVROV"), or make it no name at all ("UN_SECRETARY_GENERAL").
var titleWords = setOf(`PRESIDENT PRIME MINISTER FOREIGN SECRETARY GENERAL AMBASSADOR AMB. CHAIRMAN CHIEF KING QUEEN PRINCE
	SHEIKH EMIR SULTAN DEPUTY VICE SENATOR GOVERNOR MAYOR COMMANDER LEADER HEAD DIRECTOR SPOKESMAN ENVOY CHANCELLOR
	PREMIER COLONEL GEN. GEN LT. MAJOR CAPTAIN ADMIRAL MARSHAL JUDGE JUSTICE BISHOP CARDINAL POPE AYATOLLAH IMAM MULLAH
	DR. DR MR. MR MRS. MRS MS. MS SIR LORD FORMER RUSSIAN AMERICAN U.S. US UN U.N. SECRETARY-GENERAL DEFENSE DEFENCE INTERIOR
	FINANCE TRADE MINISTERS PRESIDENTIAL SPECIAL SENIOR ACTING PERMANENT JOINT EXECUTIVE`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// words splits a phrase into its words.
func words(phrase string) []string {
	return strings.FieldsFunc(phrase, func(r rune) bool { return r == '_' || r == ' ' })
}

// isOrg reports whether a phrase names an organization.
func isOrg(ws []string) bool {
	for _, w := range ws {
		if orgWords[strings.Trim(w, ".,()")] {
			return true
		}
	}
	return false
}

// isAcronym reports whether a one-word phrase is an acronym: "IAEA", "ICJ".
func isAcronym(ws []string) bool {
	return len(ws) == 1 && len(ws[0]) >= 2 && len(ws[0]) <= 8 && strings.IndexFunc(strings.ReplaceAll(ws[0], ".", ""), func(r rune) bool { return !unicode.IsUpper(r) }) < 0
}

// personName returns a phrase as a person's name, title case, without the
// titles it starts with; "" when it is not a name of two to five words.
func personName(phrase string) string {
	ws := words(phrase)
	for len(ws) > 0 && titleWords[ws[0]] {
		ws = ws[1:]
	}
	if len(ws) < 2 || len(ws) > 5 || isOrg(ws) || ws[0] == "THE" {
		return "" // "THE_INEVITABLES": a name never starts with "the"
	}
	for _, w := range ws {
		if titleWords[w] || strings.ContainsFunc(w, unicode.IsDigit) || strings.ContainsAny(w, "()/&+") {
			return ""
		}
	}
	return titleCase(ws)
}

// orgName returns a phrase as an organization's name, title case: "" for
// a phrase that is not one (without an organization's head word, unless
// any is taken: a company's name need not have one).
func orgName(phrase string, any bool) string {
	ws := words(phrase)
	if len(ws) > 0 && ws[0] == "THE" {
		ws = ws[1:]
	}
	if len(ws) == 0 {
		return ""
	}
	if isAcronym(ws) {
		return ws[0]
	}
	if !any && !isOrg(ws) || len(ws) > 10 {
		return ""
	}
	return titleCase(ws)
}

// orgPrefixes start the codes of organizations: international and
// non-governmental organizations and companies.
var orgPrefixes = []string{"IGO", "NGO", "MNC"}

// classify says whether a record is a person or an organization, and its
// name; "" when it is neither (a country's record, a bare word).
//
// A phrase that reads as a name is a person when the dictionary dates
// their offices (people hold offices for a time) or it starts with a given
// name of such a dated person. Undated phrases of the form are mostly
// groups, bodies and places ("Black September", "Proletarian Reprisals",
// "White House", "Cayman Islands"): the dictionaries list them among
// people because they code them the same way. They are organizations
// when coded as a group (rebels, NGOs, militants, opposition) or named
// with an organization's head word, and are left out otherwise.
func classify(a actor, given map[string]bool) (kind, name string) {
	ws := words(a.names[0])
	company := slices.ContainsFunc(a.codes, func(c code) bool { return strings.HasPrefix(c.code, "MNC") })
	international := slices.ContainsFunc(a.codes, func(c code) bool {
		return slices.ContainsFunc(orgPrefixes, func(p string) bool { return strings.HasPrefix(c.code, p) })
	})
	switch {
	case len(ws) == 1:
		// One word: an acronym of an organization ("IAEA", "HAMAS"), or a
		// mononym or surname, too ambiguous to keep.
		if isAcronym(ws) && (international || len(ws[0]) <= 5 && strings.HasSuffix(a.file, "MilNonState.actors.txt")) {
			return "ORGANIZATION", ws[0]
		}
		return "", ""
	case company:
		return "ORGANIZATION", orgName(a.names[0], true)
	}
	// A title and a name ("SECRETARY-GENERAL_BAN_KI-MOON") is a person:
	// personName drops the titles, and refuses a phrase with an
	// organization's head word.
	if p := personName(a.names[0]); p != "" {
		if dated(a) || given[strings.Fields(p)[0]] {
			return "PERSON", p
		}
		if slices.ContainsFunc(a.names[1:], func(n string) bool { return isOrg(words(n)) }) {
			// "WHITE_HOUSE_ +EXECUTIVE_OFFICE_OF_THE_PRESIDENT_…"
			return "ORGANIZATION", orgName(a.names[0], true)
		}
		if n := orgName(a.names[0], groupCoded(a)); n != "" {
			return "ORGANIZATION", n
		}
		return "", ""
	}
	return "ORGANIZATION", orgName(a.names[0], false)
}

// dated reports whether any of a's codes has a date.
func dated(a actor) bool {
	return slices.ContainsFunc(a.codes, func(c code) bool { return c.from != "" || c.to != "" })
}

// groupCoded reports whether a is coded as a group: rebels, militants,
// opposition, an NGO or an international organization. A state's
// military or services are not: their undated records are descriptions
// ("United States Military") more than names.
func groupCoded(a actor) bool {
	return slices.ContainsFunc(a.codes, func(c code) bool {
		for _, g := range []string{"REB", "IMG", "OPP", "NGO", "IGO", "RAD"} {
			if strings.Contains(c.code, g) {
				return true
			}
		}
		return false
	})
}

// givenNames returns the first words of the names of the people the
// dictionaries date, title case: the given names of people who held
// offices ("Sergey", "Louise", "Abu").
func givenNames(all []actor) map[string]bool {
	out := map[string]bool{}
	for _, a := range all {
		if !dated(a) || len(a.codes) == 0 {
			continue
		}
		if p := personName(a.names[0]); p != "" {
			if w := strings.Fields(p)[0]; len(w) > 2 && !strings.Contains(w, ".") {
				out[w] = true
			}
		}
	}
	return out
}

// particles stay lower case inside a name.
var particles = setOf(`OF THE AND FOR IN ON AT TO DE DA DI DU DEL DELLA DOS DAS VAN VON DER DEN LA LE BIN IBN BINT AL EL`)

// titleCase writes upper-case words as a name: "SERGEY", "LAVROV" →
// "Sergey Lavrov"; "MCCAIN" → "McCain"; "O'BRIEN" → "O'Brien";
// "AL-ASSAD" → "al-Assad" inside a name; particles lower case.
func titleCase(ws []string) string {
	out := make([]string, len(ws))
	for i, w := range ws {
		if i > 0 && particles[w] {
			out[i] = strings.ToLower(w)
			continue
		}
		if len(w) <= 4 && strings.Contains(w, ".") { // initials: "V.", "D.C."
			out[i] = w
			continue
		}
		if len(w) <= 5 && isAcronym([]string{w}) && !hasVowel(w) {
			out[i] = w // "IAEA" stays, "BAN" is a name
			continue
		}
		var b strings.Builder
		upperNext := true
		for j, r := range strings.ToLower(w) {
			switch {
			case upperNext:
				b.WriteRune(unicode.ToUpper(r))
				upperNext = false
			default:
				b.WriteRune(r)
			}
			if r == '-' || r == '\'' || r == '’' {
				upperNext = true
			}
			if j == 1 && strings.HasPrefix(strings.ToLower(w), "mc") && len(w) > 3 {
				upperNext = true
			}
		}
		s := b.String()
		if i > 0 {
			for _, p := range []string{"Al-", "El-"} {
				if strings.HasPrefix(s, p) {
					s = strings.ToLower(p) + s[len(p):]
				}
			}
		}
		out[i] = s
	}
	return strings.Join(out, " ")
}

func hasVowel(w string) bool { return strings.ContainsAny(w, "AEIOUY") }

// actors writes data/actors.tsv: one person or organization a line, as
// kind, name, aliases (';'), codes (';', each CODE[:from][:to]) and the
// dictionary's note. People are kept when at least one code places them
// (a state's government, opposition, military or rebels, or an
// international organization); organizations when their phrase has an
// organization's head word or is an acronym. Aliases of one word and
// aliases that are a title and a name are dropped: a surname alone, or a
// title, names someone only next to the full name, which the extractor
// resolves within an article.
func actors(shared fs.FS, c codes) ([]byte, error) {
	type row struct {
		kind, name string
		aliases    []string
		codes      []code
		note       string
	}
	byKey := map[string]*row{}
	var order []string
	var all []actor
	for _, file := range actorFiles {
		raw, err := fs.ReadFile(shared, file)
		if err != nil {
			return nil, err
		}
		all = append(all, readActors(raw, file)...)
	}
	given := givenNames(all)
	{
		for _, a := range all {
			if len(a.codes) == 0 {
				continue
			}
			if len(a.codes) == 1 && a.codes[0].from == "" && a.codes[0].to == "" && len(a.codes[0].code) == 3 {
				continue // a country's or territory's own record ("HKG")
			}
			kind, name := classify(a, given)
			if name == "" {
				continue
			}
			var aliases []string
			for _, n := range a.names[1:] {
				var al string
				if kind == "PERSON" {
					al = personName(n)
				} else if p := personName(n); p == "" || !given[strings.Fields(p)[0]] {
					// Not a person the record lumps in with the body
					// ("UNITED_STATES_MILITARY_ +JOHN_KIRBY").
					al = orgName(n, true)
				}
				if al != "" && al != name && !slices.Contains(aliases, al) {
					aliases = append(aliases, al)
				}
			}
			key := kind + "\x00" + fold.Fold(name)
			if r, ok := byKey[key]; ok {
				for _, al := range aliases {
					if !slices.Contains(r.aliases, al) {
						r.aliases = append(r.aliases, al)
					}
				}
				r.codes = append(r.codes, a.codes...)
				continue
			}
			note := a.note
			if kind != "PERSON" || strings.Contains(note, "CountryInfo") || strings.Contains(note, "NGO_Actors") || strings.Contains(note, "IGOrulers") || strings.Contains(note, "kkl ") {
				note = "" // only a person's note says something (an office)
			}
			byKey[key] = &row{kind: kind, name: name, aliases: aliases, codes: a.codes, note: clean(note)}
			order = append(order, key)
		}
	}
	var b bytes.Buffer
	b.WriteString("# source: " + "PETRARCH2 / Phoenix actor dictionaries, github.com/openeventdata/petrarch2 at 676801cd9cb2924bbbad09f86d15c9323e7097bf (Phoenix.Countries.actors.txt from CountryInfo.140130, Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt), ../shared/data/petrarch2/.\n")
	b.WriteString("# license: MIT, Copyright (c) 2014 Open Event Data Alliance (see NOTICE). Transformed: names in title case, titles and one-word aliases dropped, dates as TIMEX3 days (YYMMDD read as 19YY from 30, else 20YY), codes kept as in the source (ISO3 or IGO/NGO/MNC prefix, then sector: GOV, ELI, MIL, OPP, REB ...).\n")
	b.WriteString("# generated by loader/gazetteer/internal/genref: do not edit; run `go generate ./loader/gazetteer`.\n")
	b.WriteString("kind\tname\taliases\tcodes\tnote\n")
	for _, key := range order {
		r := byKey[key]
		var cs []string
		for _, cd := range r.codes {
			s := cd.code
			if cd.from != "" || cd.to != "" {
				s += ":" + cd.from + ":" + cd.to
			}
			if !slices.Contains(cs, s) {
				cs = append(cs, s)
			}
		}
		var als []string
		for _, a := range r.aliases {
			als = append(als, clean(a))
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n", r.kind, clean(r.name), strings.Join(als, ";"), strings.Join(cs, ";"), r.note)
	}
	return b.Bytes(), nil
}
