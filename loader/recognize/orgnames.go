package recognize

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/doc"
	"github.com/diplograph/diplograph/loader/lexicon"
	"github.com/diplograph/diplograph/loader/text"
)

// headWords end (or, before "of", start) the names of organizations:
// "Sudan Revolutionary Front", "Popular Christian Party", "Office of
// External Affairs". Ministries are left to Ministries, which names them
// by their state.
var headWords = map[string]bool{
	"commission": true, "committee": true, "council": true, "party": true, "organization": true,
	"organisation": true, "agency": true, "authority": true, "mission": true, "front": true,
	"movement": true, "army": true, "forces": true, "office": true, "secretariat": true,
	"institute": true, "institution": true, "foundation": true, "bank": true, "fund": true,
	"union": true, "league": true, "alliance": true, "coalition": true, "court": true,
	"tribunal": true, "assembly": true, "parliament": true, "congress": true, "federation": true,
	"association": true, "corporation": true, "company": true, "international": true,
	"centre": true, "center": true, "bureau": true,
	"board": true, "department": true, "university": true, "college": true, "academy": true,
	"network": true, "group": true, "brigades": true, "brigade": true, "guard": true,
	"police": true, "service": true, "services": true, "directorate": true, "observatory": true,
}

// legalForms end the names of companies: "Aceto Corp", "Dixons Group Plc".
var legalForms = map[string]bool{
	"inc": true, "corp": true, "co": true, "ltd": true, "plc": true, "ag": true, "sa": true, "nv": true,
	"llc": true, "gmbh": true, "spa": true, "bhd": true, "corporation": true, "incorporated": true,
	"limited": true, "holdings": true, "cos": true, "lp": true, "llp": true, "pty": true, "kk": true,
}

// companyWords end the names of companies as news writes them without a
// legal form: "Ashland Oil", "Bethlehem Steel", "AmSouth Bancorp",
// "Eastern Airlines". A name the tables know as a person's ("David
// Steel") stays a person's.
var companyWords = map[string]bool{
	"industries": true, "bancorp": true, "bancshares": true, "securities": true, "savings": true, "trust": true,
	"resources": true, "steel": true, "airlines": true, "airways": true, "oil": true, "petroleum": true,
	"communications": true, "systems": true, "motors": true, "enterprises": true, "electric": true, "foods": true,
	"mines": true, "mining": true, "associates": true, "partners": true, "markets": true, "capital": true,
	"financial": true, "investments": true, "energy": true, "technologies": true, "technology": true,
	"telephone": true, "telecommunications": true, "pharmaceuticals": true, "laboratories": true, "labs": true,
	"chemicals": true, "chemical": true, "stores": true, "brands": true, "products": true, "insurance": true,
	"realty": true, "properties": true, "electronics": true, "computers": true, "software": true,
	"semiconductor": true, "semiconductors": true, "shipping": true, "railroad": true, "railway": true,
	"trustco": true, "fabrics": true, "optics": true, "research": true, "gazeta": true, "gazette": true,
	"lines": true,
}

// carrierWords end a company's name even inside a longer capitalized
// phrase: "Malaysia Airlines Flight 17".
var carrierWords = map[string]bool{"airlines": true, "airways": true}

// companyNouns after a capitalized name make it a company: "the Rosneft oil
// giant", "the Gazprom energy company".
var companyNouns = map[string]bool{
	"giant": true, "company": true, "firm": true, "group": true, "corporation": true, "conglomerate": true,
	"carmaker": true, "automaker": true, "airline": true, "producer": true, "maker": true,
	"manufacturer": true, "operator": true, "utility": true, "lender": true, "insurer": true,
	"miner": true, "retailer": true, "broadcaster": true, "newspaper": true, "exporter": true, "supplier": true,
}

// pluralNouns are company words that are also plain plural nouns: a name
// ending with one is a company only when its other words are names.
var pluralNouns = map[string]bool{"partners": true, "associates": true, "markets": true, "resources": true, "products": true, "systems": true, "brands": true, "stores": true}

// commonWords reports whether every word first..last is one the article
// also writes in lower case ("dialogue"): common nouns, not a name.
func (x rules) commonWords(first, last int) bool {
	for j := first; j <= last; j++ {
		if !x.InLowerCase(x.Toks[j].Key) && !connectors[x.Toks[j].Key] {
			return false
		}
	}
	return true
}

// partisan words before a chamber describe its majority: "the Republican
// Congress", "a Democratic Senate".
var partisan = map[string]bool{"republican": true, "democratic": true, "democrat": true, "conservative": true, "labour": true, "liberal": true, "opposition": true}

// connectors may stand between the capitalized words of one name.
var connectors = map[string]bool{"of": true, "for": true, "on": true, "and": true, "the": true, "in": true, "de": true, "du": true, "des": true, "y": true}

// Organizations finds the organizations no table names, by the shape of
// their names: a name with its acronym in parentheses ("Joint Monitoring
// and Evaluation Commission (JMEC)"), a name with an organization's head
// word ("Sudan Revolutionary Front", "Office of External Affairs"), a
// company by its legal form ("Aceto Corp") or by what the text calls it
// ("the Rosneft oil giant"); and then every other use of an acronym the
// article defined. It runs before GazetteerNames, so that a longer name
// wins over a known one inside it ("African Union-United Mission in
// Darfur" over "African Union"), and leaves names the tables know whole
// to it.
func Organizations(d *doc.Doc) {
	x := rules{d}
	acronyms := map[string]*kg.Entity{}
	for i := 0; i < len(x.Toks); i++ {
		if x.Covered[i] || !x.Toks[i].Upper() {
			continue
		}
		if _, tlast, title := x.titleAt(i); title && tlast > i {
			i = tlast // "President Pro Tempore of …": a title of several words is no name's start
			continue
		}
		if i >= 2 && (x.Toks[i-1].Key == "of" || x.Toks[i-1].Key == "for") && (roleNouns[x.Toks[i-2].Key] || x.officeAt(i-2)) && !x.knownAt(i) && !x.notAnOrgStart(i) {
			// "Minister of Foreign Affairs and International
			// Cooperation": the portfolio of an office, not an
			// organization, nor is any part of it.
			if end := x.phraseEnd(i); end > i {
				i = end
			}
			continue
		}
		first, last, acr, ok := x.orgAt(i)
		if m, known := x.Longest(i); known && slices.ContainsFunc(m.Refs, curated) && (!ok || last <= m.Last) {
			i = m.Last // a name the tables know, and nothing longer: none starts inside it
			continue
		}
		if !ok {
			continue
		}
		name := kg.CollapseSpace(x.Text[x.Toks[first].Start:x.Toks[last].End])
		if known, ok := x.knownAcronym(last + 1); ok && acr != "" {
			name = known
		}
		kind, place := kg.Organization, false
		if acronymSites[x.Toks[last].Key] {
			// "Grand Ethiopian Renaissance Dam (GERD)": a name with its
			// acronym that ends with a venue's word is a place.
			kind, place = kg.Place, true
		}
		e := x.Entity(kind, name)
		x.AddMention(e, x.Toks[first].Start, x.Toks[last].End, x.Toks[last].Possessive, place)
		x.Cover(first, last)
		if acr != "" {
			acronyms[acr] = e
		}
		i = last
	}
	// The acronyms the article defined, wherever they stand alone; the
	// longest first, so that "SLM/MM" is not read as "SLM".
	acrs := slices.SortedFunc(maps.Keys(acronyms), func(a, b string) int { return cmp.Or(len(b)-len(a), strings.Compare(a, b)) })
	for i := range x.Toks {
		if x.Covered[i] {
			continue
		}
		for _, acr := range acrs {
			e := acronyms[acr]
			if end, ok := x.acronymAt(i, acr); ok {
				x.AddMention(e, x.Toks[i].Start, x.Toks[end].End, x.Toks[end].Possessive, e.Kind == kg.Place)
				x.Cover(i, end)
				break
			}
		}
	}
}

// officeAt reports whether a title of office (not an honorific) ends at
// token j: "Minister" of "Minister of Foreign Affairs".
func (x rules) officeAt(j int) bool {
	for k := max(0, j-2); k <= j; k++ {
		if role, end, ok := x.titleAt(k); ok && end == j && role != "" {
			return true
		}
	}
	return false
}

// orgAt reads an organization's name that starts at token i, and the
// acronym the text gives it, if any. The name is read run by run (runs of
// capitalized words, joined by connectors such as "of" and "and"): it ends
// with the first run that holds a head word or a legal form (at its last
// such word), or with the run an acronym in parentheses follows, and then
// may go on over "of" and a name ("Office of External Affairs"). A run the
// tables know by itself ends the search ("Conference on Security in Asia
// and …" stops at Asia), and a name whose end the tables know is theirs
// ("U.S. Congress", "the Soviet Union").
func (x rules) orgAt(i int) (first, last int, acronym string, ok bool) {
	if x.InTitleCaseHeadline(i) || connectors[x.Toks[i].Key] || x.notAnOrgStart(i) {
		return 0, 0, "", false
	}

	end := x.phraseEnd(i)
	if end < 0 {
		return 0, 0, "", false
	}
	// "Ministry of International Relations and Cooperation": a ministry
	// whose portfolio Ministries does not know is named whole here.
	if x.Toks[i].Key == "ministry" && i+2 <= end && x.Toks[i+1].Key == "of" && x.Toks[i+2].Upper() {
		if _, known := ministries[strings.ToLower(x.Text[x.Toks[i+2].Start:x.Toks[min(i+3, end)].End])]; known {
			return 0, 0, "", false
		}
		if _, known := ministries[x.Toks[i+2].Key]; known {
			return 0, 0, "", false
		}
		last := end
		for last > i+2 && connectors[x.Toks[last].Key] {
			last--
		}
		return i, last, "", true
	}
	// A state's or a known body's possessive is no part of the name after
	// it: "India's Central Drugs Standard Control Organisation" is the
	// Organisation, of India; "the State Department's Bureau of Western
	// Hemisphere Affairs" is the Bureau, and "President Reagan's Council
	// of Economic Advisers" the Council.
	if m, ok := x.Longest(i); ok && x.Toks[m.Last].Possessive && slices.ContainsFunc(m.Refs, func(r lexicon.Ref) bool {
		return r.Kind == lexicon.State || r.Kind == lexicon.Capital || r.Kind == lexicon.Org || r.Kind == lexicon.Person || r.Kind == lexicon.Surname
	}) {
		return 0, 0, "", false
	}
	// A name the tables know, then "and": two names, not one ("Asia and
	// International …").
	if m, ok := x.Longest(i); ok && slices.ContainsFunc(m.Refs, curated) && m.Last < end && connectors[x.Toks[m.Last+1].Key] {
		return 0, 0, "", false
	}
	// The longest span an acronym in parentheses abbreviates: "Sudan
	// Liberation Movement–Minni Minnawi (SLM/MM)".
	for j := end; j > i; j-- {
		acr, ok := x.acronymAfter(j)
		if !ok || x.roleIn(i, j) {
			continue
		}
		if initialsMatch(x.Toks[i:j+1], acr) {
			if eventNouns[x.Toks[j].Key] {
				return 0, 0, "", false // "6th India-Fiji Foreign Office Consultations (FOC)": a meeting, not a body
			}
			if !x.tablesKnow(i, j) {
				return i, j, acr, true
			}
			break // "General Secretariat of the Organization of American States (OAS)": the acronym is a known name's
		}
		if _, known := x.knownAcronym(j + 1); known && x.hasHeadWord(i, j) {
			// "the African Union-United Mission in Darfur (UNAMID)": a
			// name, however loosely written, of the body the tables
			// know by that acronym.
			return i, j, acr, true
		}
	}
	for j := i; j <= end; j++ {
		t := x.Toks[j]
		if connectors[t.Key] {
			continue
		}
		if x.roleAt(j) {
			return 0, 0, "", false // "CEO of …", "Second Vice President of …": a role, not an organization
		}
		if j > i && connectors[x.Toks[j-1].Key] && x.knownAt(j) {
			return 0, 0, "", false // the next run is a name of its own
		}
		if unicode.IsDigit(text.FirstRune(t.Text)) {
			return 0, 0, "", false
		}
		runEnd := j == end || connectors[x.Toks[j+1].Key]
		if (legalForms[t.Key] || companyWords[t.Key] && (runEnd || carrierWords[t.Key])) && j > i && !x.knownPerson(i, j) {
			if !legalForms[t.Key] && pluralNouns[t.Key] && x.commonWords(i, j-1) {
				return 0, 0, "", false // "ASEAN's Dialogue Partners": common nouns in capitals, no company
			}
			return i, j, "", true
		}
		if t.Key == "international" && j+1 <= end && !connectors[x.Toks[j+1].Key] && x.Toks[j+1].Upper() && capitalizedWords(x.Toks[i:j+1]) >= 2 {
			// "Malaysia International Halal Showcase": "International"
			// inside a name does not end it; the run does.
			k := j
			for k+1 <= end && !connectors[x.Toks[k+1].Key] && x.Toks[k+1].Upper() && !x.roleAt(k+1) {
				k++
			}
			// Only when the run ends the name: an acronym follows, or a
			// body's or an event's word ends it ("… Halal Showcase
			// (MIHAS)"); else the run may go on into a person's name.
			if _, acr := x.acronymAfter(k); (acr || headWords[x.Toks[k].Key] || companyWords[x.Toks[k].Key]) && !x.tablesKnow(i, k) {
				return i, k, "", true
			}
		}
		if _, chamber := chambers[t.Key]; chamber && j == i+1 && partisan[x.Toks[i].Key] {
			return 0, 0, "", false // "the Republican Congress": a majority, not a body's name
		}
		if headWords[t.Key] && capitalizedWords(x.Toks[i:j+1]) >= 2 {
			// The last head word of this run ("Army Medical Center"), and
			// a word hyphenated to it ("Movement-North").
			k := j
			for k < end && !connectors[x.Toks[k+1].Key] && x.Toks[k+1].Upper() && !x.roleAt(k+1) {
				k++
				if headWords[x.Toks[k].Key] || legalForms[x.Toks[k].Key] || hyphenated(x.Toks[k-1], x.Toks[k]) && k == j+1 {
					j = k
				}
			}
			last := x.ofTail(j, end)
			if x.tablesKnow(i, last) {
				return 0, 0, "", false
			}
			return i, last, "", true
		}
		if headWords[t.Key] && j+1 <= end && tailStarts[x.Toks[j+1].Key] {
			// "Office of External Affairs", "General Secretariat of …"
			if last := x.ofTail(j, end); last > j && !x.tablesKnow(i, last) {
				return i, last, "", true
			}
			if j > i && !x.tablesKnow(i, j) {
				return i, j, "", true
			}
			return 0, 0, "", false
		}
		if runEnd && x.companyAfter(j) && capitalizedWords(x.Toks[i:j+1]) <= 2 && !x.tablesKnow(i, j) {
			return i, j, "", true // "the Rosneft oil giant"
		}
	}
	return 0, 0, "", false
}

// roleAt reports whether token j is a title of office or a role word:
// "Second Vice President of the …" and "CEO of the …" are roles at an
// organization, not its name.
func (x rules) roleAt(j int) bool {
	if j+1 < len(x.Toks) && headWords[x.Toks[j+1].Key] && text.Adjacent(x.Toks[j], x.Toks[j+1]) {
		return false // "General Secretariat", "General Assembly": an adjective of the name
	}
	if _, _, ok := x.titleAt(j); ok {
		return true
	}
	return roleNouns[x.Toks[j].Key]
}

// roleIn reports whether a role word stands among tokens first..last.
func (x rules) roleIn(first, last int) bool {
	for j := first; j <= last; j++ {
		if x.roleAt(j) {
			return true
		}
	}
	return false
}

// knownPerson reports whether the tables know tokens first..last as a
// person: "David Steel" is a politician, not a steel company.
func (x rules) knownPerson(first, last int) bool {
	m, ok := x.Longest(first)
	return ok && m.Last == last && hasPersonRef(m.Refs)
}

// knownAt reports whether a curated table names the words that start at
// token j.
func (x rules) knownAt(j int) bool {
	m, ok := x.Longest(j)
	return ok && slices.ContainsFunc(m.Refs, curated)
}

// curated reports whether a ref is of the curated tables.
func curated(r lexicon.Ref) bool {
	return r.Kind != lexicon.City && r.Kind != lexicon.Actor && r.Kind != lexicon.ActorOrg
}

// tablesKnow reports whether the tables name tokens first..last or a part
// of them that ends at last: "U.S. Congress" ends with a known
// organization, "the Soviet Union" is a state, "Democratic Republic of the
// Congo (DRC)" too; those are GazetteerNames'.
func (x rules) tablesKnow(first, last int) bool {
	for j := first; j <= last; j++ {
		if !x.Toks[j].Upper() || j > first && tailStarts[x.Toks[j-1].Key] {
			continue // "… Organization of America": a name after "of" is the organization's own
		}
		if m, ok := x.Longest(j); ok && m.Last == last && slices.ContainsFunc(m.Refs, curated) {
			return true
		}
	}
	return false
}

// phraseEnd returns the last token of the capitalized phrase starting at
// token i: capitalized words and connectors, adjacent, within a sentence,
// at most twelve; -1 when there is no phrase.
func (x rules) phraseEnd(i int) int {
	end := -1
	for j := i; j < len(x.Toks) && j < i+12; j++ {
		t := x.Toks[j]
		if j > i && (!text.Adjacent(x.Toks[j-1], t) && !hyphenated(x.Toks[j-1], t) && !possessiveWithin(x.Toks[j-1], t) || x.TokSent[j] != x.TokSent[i]) {
			break
		}
		if !t.Upper() && !connectors[t.Key] {
			break
		}
		if x.Covered[j] {
			break
		}
		end = j
	}
	return end
}

// hyphenated reports whether b follows a with a hyphen or dash and no
// space: "Union-United", "Movement–North".
func hyphenated(a, b text.Token) bool {
	return b.Sep == "-" || b.Sep == "–" || b.Sep == "—"
}

// possessiveWithin reports whether b follows a possessive a inside one
// name: "Sudan People's Liberation Movement".
func possessiveWithin(a, b text.Token) bool {
	return a.Possessive && b.Upper() && (b.Sep == "'s " || b.Sep == "’s ")
}

// notAnOrgStart reports whether the phrase at token i starts with what is
// no organization: a title of office ("Foreign Minister …"), a month or
// day, a pronoun at a sentence start.
func (x rules) notAnOrgStart(i int) bool {
	if _, _, isTitle := x.titleAt(i); isTitle {
		return true
	}
	k := x.Toks[i].Key
	return calendarWords[k] || text.IsFunctionWord(k) || text.IsDeterminer(k) || eventNouns[k]
}

// acronymSites end the names of sites that news gives an acronym: "Grand
// Ethiopian Renaissance Dam (GERD)", "John F. Kennedy International
// Airport (JFK)". A clearing house or a centre with an acronym is a body.
var acronymSites = map[string]bool{"dam": true, "airport": true, "palace": true, "stadium": true, "canal": true, "bridge": true, "airbase": true}

// eventNouns open the names of meetings, not of the bodies that hold
// them: "the 20th Meeting Mexico-Guatemala Migratory and Consular Affairs
// Group".
var eventNouns = map[string]bool{"meeting": true, "session": true, "round": true, "talks": true, "visit": true, "ceremony": true, "consultations": true}

// ofTail extends a name that ends at token last over "of" and the
// capitalized words after it, up to token end, but not over a name the
// tables know: "Office of External Affairs", but "General Secretariat" of
// "the Organization of American States".
func (x rules) ofTail(last, end int) int {
	j := last + 1
	if j > end || !tailStarts[x.Toks[j].Key] {
		return last
	}
	k := j + 1
	if k <= end && x.Toks[k].Key == "the" {
		k++
	}
	if k > end || !x.Toks[k].Upper() || unicode.IsDigit(text.FirstRune(x.Toks[k].Text)) {
		return last
	}
	if m, found := x.Longest(k); found && slices.ContainsFunc(m.Refs, curated) && (m.Last >= end || !x.Toks[m.Last+1].Upper() || connectors[x.Toks[m.Last+1].Key] || x.roleAt(m.Last+1)) {
		// A known name after "of" is its own ("General Secretariat of
		// the Organization of American States"), unless the name runs on
		// past it ("Bureau of Western Hemisphere Affairs").
		return last
	}
	// Capitalized words and "of", "for", "the" between them. "and" ends
	// the name ("Court of Justice and the Executive Secretary …") unless
	// it joins the two fields of one ministry: "Department of Health and
	// Family Welfare", "Ministry of Trade and Industry".
	tail, ands := last, 0
	for ; k <= end && (x.Toks[k].Upper() || tailConnectors[x.Toks[k].Key] || x.Toks[k].Key == "and" && ands == 0 && x.fieldAfterAnd(k, end)); k++ {
		if x.Toks[k].Key == "and" {
			ands++
		}
		if x.Toks[k].Upper() {
			tail = k
		}
	}
	return tail
}

// fieldAfterAnd reports whether the "and" at token k joins a second field
// to a ministry's name: a capitalized run follows that is no name of its
// own (no title, no name the tables know): "Health and Human Services".
func (x rules) fieldAfterAnd(k, end int) bool {
	j := k + 1
	if j > end || !x.Toks[j].Upper() || connectors[x.Toks[j].Key] {
		return false
	}
	for ; j <= end && x.Toks[j].Upper() && !connectors[x.Toks[j].Key]; j++ {
		if x.roleAt(j) {
			return false
		}
		if _, found := x.Longest(j); found {
			return false
		}
	}
	return true
}

// tailStarts start the part of a name after its head word: "Office of
// External Affairs", "Authority on Development".
var tailStarts = map[string]bool{"of": true, "for": true, "on": true}

// tailConnectors may stand inside the part of a name after "of".
var tailConnectors = map[string]bool{"of": true, "for": true, "the": true, "on": true, "de": true}

// capitalizedWords counts the capitalized words of a phrase.
func capitalizedWords(toks []text.Token) int {
	n := 0
	for _, t := range toks {
		if t.Upper() && !connectors[t.Key] {
			n++
		}
	}
	return n
}

// companyAfter reports whether one or two lower-case words after token
// end name a company: "oil giant", "company", "energy firm".
func (x rules) companyAfter(end int) bool {
	for j := end + 1; j < len(x.Toks) && j <= end+2; j++ {
		t := x.Toks[j]
		if !text.Adjacent(x.Toks[j-1], t) || t.Upper() {
			return false
		}
		if companyNouns[t.Key] {
			return true
		}
	}
	return false
}

// acronymAfter returns the acronym in parentheses right after token i:
// "(JMEC)", "(SLM/MM)", "(SPLM-N)".
func (x rules) acronymAfter(i int) (string, bool) {
	rest := x.Text[x.Toks[i].End:]
	if x.Toks[i].Possessive {
		return "", false
	}
	rest = strings.TrimLeft(rest, " ")
	if !strings.HasPrefix(rest, "(") {
		return "", false
	}
	close := strings.IndexByte(rest, ')')
	if close < 3 || close > 16 {
		return "", false
	}
	acr := rest[1:close]
	letters := 0
	for _, r := range acr {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == '/' || r == '-' || r == '.' || r == '&' || unicode.IsDigit(r):
		default:
			return "", false
		}
	}
	if letters < 2 {
		return "", false
	}
	return acr, true
}

// knownAcronym returns the organization the curated tables name by the
// acronym at token i, as written in parentheses after a name.
func (x rules) knownAcronym(i int) (string, bool) {
	if i >= len(x.Toks) || !x.Toks[i].AllCaps() {
		return "", false
	}
	m, ok := x.Longest(i)
	if !ok || !strings.HasPrefix(x.Text[x.Toks[m.Last].End:], ")") {
		return "", false // the whole acronym, not a known name inside it
	}
	for _, r := range m.Refs {
		if r.Kind == lexicon.Org {
			return r.Name, true
		}
	}
	return "", false
}

// hasHeadWord reports whether tokens first..last hold an organization's
// head word.
func (x rules) hasHeadWord(first, last int) bool {
	for j := first; j <= last; j++ {
		if headWords[x.Toks[j].Key] {
			return true
		}
	}
	return false
}

// initialsMatch reports whether an acronym abbreviates the capitalized
// words of a name: its letters are, in order, initials of the words
// ("JMEC": Joint Monitoring and Evaluation Commission; "SPLM-N": Sudan
// People's Liberation Movement-North), or, for an acronym of another
// language ("ODCA" for the Christian Democrat Organization of America),
// the same initials in another order.
func initialsMatch(words []text.Token, acr string) bool {
	var initials []rune
	for _, t := range words {
		if connectors[t.Key] || !t.Upper() {
			continue
		}
		r := []rune(t.Text)
		initials = append(initials, unicode.ToUpper(r[0]))
		// "PLO" may spell the initials of "Palestine Liberation
		// Organization"; an acronym among the words counts whole.
		if t.AllCaps() && len(r) > 1 {
			initials = append(initials, r[1:]...)
		}
	}
	var letters []rune
	for _, r := range acr {
		if unicode.IsUpper(r) {
			letters = append(letters, r)
		}
	}
	if len(letters) < 2 || len(initials) < 2 || letters[0] != initials[0] && !slices.Contains(initials, letters[0]) {
		return false
	}
	// In order.
	j := 0
	for _, r := range initials {
		if j < len(letters) && r == letters[j] {
			j++
		}
	}
	if j == len(letters) {
		return true
	}
	// In another order: every letter an initial, as many as there are.
	rest := slices.Clone(initials)
	for _, r := range letters {
		k := slices.Index(rest, r)
		if k < 0 {
			return false
		}
		rest = slices.Delete(rest, k, k+1)
	}
	return len(letters) >= 3
}

// acronymAt reports whether the text at token i spells acr exactly (its
// letters in capitals, with its slashes and hyphens), and the token it
// ends at.
func (x rules) acronymAt(i int, acr string) (int, bool) {
	parts := strings.FieldsFunc(acr, func(r rune) bool { return r == '/' || r == '-' })
	if len(parts) == 0 || i+len(parts) > len(x.Toks) {
		return 0, false
	}
	for j, p := range parts {
		t := x.Toks[i+j]
		if t.Text != p || (j > 0 && x.Covered[i+j]) {
			return 0, false
		}
	}
	return i + len(parts) - 1, true
}
