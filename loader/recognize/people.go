package recognize

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/doc"
	"github.com/diplograph/diplograph/loader/gazetteer"
	"github.com/diplograph/diplograph/loader/lexicon"
	"github.com/diplograph/diplograph/loader/text"
)

// titles maps the folded words of an office title to the role recorded for
// it. The list is of offices that diplomacy news puts before a name;
// plurals cover "Foreign Ministers Kono and Lavrov".
var titles = func() *lexicon.Trie {
	t := &lexicon.Trie{}
	roles := map[string][]string{
		"President":               {"President", "Presidents", "Pres", "President Pro Tempore", "President pro tempore"},
		"Vice President":          {"Vice President", "Vice-President", "Vice Pres"},
		"Vice Chairman":           {"Vice Chairman", "Vice-Chairman", "Vice Chair"},
		"Vice Premier":            {"Vice Premier", "Vice-Premier"},
		"Prime Minister":          {"Prime Minister", "Prime Ministers", "Premier", "PM"},
		"Deputy Prime Minister":   {"Deputy Prime Minister"},
		"Foreign Minister":        {"Foreign Minister", "Foreign Ministers", "Minister for Foreign Affairs", "Minister of Foreign Affairs", "Foreign Affairs Minister", "External Affairs Minister", "Minister for External Affairs"},
		"Deputy Foreign Minister": {"Deputy Foreign Minister", "Vice Foreign Minister"},
		"Foreign Secretary":       {"Foreign Secretary"},
		"Secretary of State":      {"Secretary of State", "Secretaries of State"},
		"Defence Minister":        {"Defence Minister", "Defense Minister", "Minister of Defence", "Minister of Defense", "Minister for Defence"},
		"Secretary of Defense":    {"Defense Secretary", "Secretary of Defense", "Defence Secretary"},
		"Trade Minister":          {"Trade Minister", "Minister for Trade", "Minister of Trade", "Trade Representative"},
		"Finance Minister":        {"Finance Minister", "Minister of Finance", "Treasury Secretary", "Secretary of the Treasury"},
		"Minister":                {"Minister"},
		"Chancellor":              {"Chancellor"},
		"King":                    {"King"},
		"Queen":                   {"Queen"},
		"Crown Prince":            {"Crown Prince"},
		"Prince":                  {"Prince"},
		"Emperor":                 {"Emperor"},
		"Emir":                    {"Emir", "Amir"},
		"Sheikh":                  {"Sheikh"},
		"General Secretary":       {"General Secretary", "Party Secretary", "Communist Party leader", "party chief"},
		"Secretary-General":       {"Secretary-General", "Secretary General"},
		"Ambassador":              {"Ambassador", "Ambassadors", "Envoy", "Amb"},
		"Senator":                 {"Senator", "Sen"},
		"Chairman":                {"Chairman"},
		"Spokesman":               {"Spokesman", "Spokeswoman", "spokesperson"},
		"Governor":                {"Governor", "Gov"},
		"Speaker":                 {"Speaker", "House Speaker"},
		"Professor":               {"Professor", "Prof"},
		"Secretary":               {"Secretary"},
		"Director":                {"Director"},
		"Director-General":        {"Director-General", "Director General"},
		"Commissioner":            {"Commissioner"},
		"Judge":                   {"Judge", "Justice"},
		"Cardinal":                {"Cardinal", "Archbishop", "Bishop", "Pope", "Rabbi", "Imam"},
		"General":                 {"Gen"},
		"Admiral":                 {"Admiral", "Adm"},
		"Representative":          {"Representative", "Rep", "Congressman", "Congresswoman"},
		"Special Representative":  {"Special Representative", "Joint Special Representative", "High Representative"},
		"Special Envoy":           {"Special Envoy"},
		"High Commissioner":       {"High Commissioner"},
		"Under Secretary":         {"Undersecretary", "Under Secretary", "Under-Secretary"},
		"Adviser":                 {"Adviser", "Advisor", "Senior Adviser", "Senior Advisor", "National Security Adviser", "National Security Advisor"},
		"Aide":                    {"Aide", "Presidential Aide"},
		"Coordinator":             {"Coordinator", "Special Coordinator"},
		"Chief Executive":         {"Chief Executive", "CEO", "Chief Executive Officer"},
		"Chairperson":             {"Chairperson", "Chairwoman", "Chair"},
		"Councillor":              {"Councillor", "Councilor"},
		"Mayor":                   {"Mayor"},
		"Commander":               {"Commander", "Colonel", "Col", "Lieutenant", "Lt", "Lieutenant Colonel", "Lt Col", "Lieutenant General", "Lt Gen", "Major General", "Maj Gen", "Brigadier General"},
		"Consul":                  {"Consul", "Consul General"},
		"Mediator":                {"Mediator", "Chief Negotiator", "Negotiator"},
		"Lawmaker":                {"Lawmaker", "MP"},
		// Honorifics say that a name follows, and nothing of an office.
		"": {"Mr", "Mrs", "Ms", "Dr", "Madame", "Mme", "Shri", "Smt", "Hon", "Honourable", "Honorable", "Sir", "Dame", "Lord", "Lady", "Excellency", "Sayyid", "Sayyida",
			"His Excellency", "Her Excellency", "His Highness", "Her Highness", "Highness", "His Majesty", "Her Majesty", "His Royal Highness", "Her Royal Highness", "HRH",
			// Malaysian and Bruneian honours: "Tan Sri Muhyiddin Yassin", "Dato Erywan Pehin Yusof".
			"Tan Sri", "Puan Sri", "Datuk", "Datuk Seri", "Dato", "Dato Seri", "Dato Sri", "Datin", "Tun", "Toh Puan",
			"Rev", "Reverend", "Very Rev"},
		// "his Angolan counterpart João Lourenço": a name follows, and the
		// state before it is the person's.
		"counterpart": {"counterpart", "counterparts"},
	}
	for role, forms := range roles {
		for _, f := range forms {
			t.Add(f, lexicon.Ref{Name: role})
		}
	}
	return t
}()

// titleAt returns the role of the longest title starting at token i and the
// index of its last token.
func (x rules) titleAt(i int) (role string, last int, ok bool) {
	if i < len(x.Toks) && x.Toks[i].Key == "under" && !x.Toks[i].Upper() {
		// "under Secretary Dean Acheson": the preposition, and the
		// title is "Secretary".
		return "", 0, false
	}
	n := titles
	for j := i; j < len(x.Toks) && j < i+5; j++ {
		if j > i && !text.Adjacent(x.Toks[j-1], x.Toks[j]) {
			break
		}
		n = n.Next[x.Toks[j].Key]
		if n == nil {
			break
		}
		if len(n.Refs) > 0 {
			role, last, ok = n.Refs[0].Name, j, true
		}
	}
	return role, last, ok
}

// stateBefore returns the state named right before token i ("Japanese
// Foreign Minister", "Japan's Foreign Minister", "U.S. Secretary of State").
func (x rules) stateBefore(i int) (string, bool) {
	if i == 0 || !text.Adjacent(x.Toks[i-1], x.Toks[i]) && !x.Toks[i-1].Possessive {
		return "", false // a line break or a comma parts them
	}
	for start := max(0, i-4); start < i; start++ {
		m, ok := x.Longest(start)
		if !ok || m.Last != i-1 {
			continue
		}
		for _, r := range m.Refs {
			switch r.Kind {
			case lexicon.State, lexicon.Demonym, lexicon.Metonym, lexicon.Capital:
				return r.Name, true
			}
		}
		// "Bank of Japan Governor": the office is the organization's.
		return "", false
	}
	return "", false
}

// nameAfter reads up to three capitalized words from token i that are not
// a state, organization or place, as the name a title introduces.
func (x rules) nameAfter(i int) (first, last int, ok bool) {
	if i < len(x.Toks) && !x.Covered[i] {
		// A known office holder's full name, particles and all ("Daniel
		// arap Moi").
		if m, found := x.Longest(i); found && slices.ContainsFunc(m.Refs, func(r lexicon.Ref) bool { return r.Kind == lexicon.Person || r.Kind == lexicon.Actor }) && !x.nameRunsOn(m.Last) {
			return i, m.Last, true
		}
	}
	if x.InTitleCaseHeadline(i) {
		return i, -1, false // "Presidents Sign NATO Document": every word is capitalized
	}
	last = -1
	words, lower := 0, 0
	for j := i; j < len(x.Toks) && words < 4; j++ {
		t := x.Toks[j]
		if j > i && x.syllableAfterHyphen(j) {
			last = j // "Kim Ki-woong", "Yoon Suk-yeol": the given name's second syllable
			continue
		}
		if j > i && lower < 3 && x.lowerParticle(j, words) {
			lower++
			continue // "Sergio Vieira de Mello", "Ulisses Correia e Silva", "Mohammed bin Abdulaziz bin Saleh"
		}
		if !t.Upper() || unicode.IsDigit(text.FirstRune(t.Text)) || x.Covered[j] || (j > i && !text.Adjacent(x.Toks[j-1], t)) || text.IsFunctionWord(t.Key) && !x.initialAt(j) || t.Text == "I" || calendarWords[t.Key] {
			break // "Dr Kharrazi and I": the pronoun is no name
		}
		if m, found := x.Longest(j); found && !hasPersonRef(m.Refs) && !onlyGenerated(m.Refs) {
			break // "Foreign Minister Kono Japan …" stops at the state; a town's name may be a surname ("Eyal Arad")
		}
		if _, _, isTitle := x.titleAt(j); isTitle && !(j > i && t.Sep == "-") {
			break // but "Hussein al-Sheikh": a title's word joined by a hyphen is the name's
		}
		last = j
		if j > i && (t.Sep == "-" || t.Key == "al" || t.Key == "el") {
			continue // "Meshal Al-Ahmad Al-Jaber Al-Sabah": the article and a hyphenated part are no new word
		}
		words++
		if t.Possessive {
			break
		}
	}
	return i, last, last >= i
}

// nameParticles are the lower-case words inside personal names.
var nameParticles = map[string]bool{
	"de": true, "da": true, "di": true, "do": true, "dos": true, "das": true, "del": true, "della": true,
	"van": true, "von": true, "der": true, "den": true, "ter": true, "bin": true, "ibn": true, "al": true,
	"el": true, "le": true, "la": true, "du": true, "arap": true, "y": true,
}

// onlyGenerated reports whether every ref is of the generated tables'
// towns and companies, which a surname may spell.
func onlyGenerated(refs []lexicon.Ref) bool {
	return !slices.ContainsFunc(refs, func(r lexicon.Ref) bool { return r.Kind != lexicon.City && r.Kind != lexicon.ActorOrg })
}

func hasPersonRef(refs []lexicon.Ref) bool {
	return slices.ContainsFunc(refs, func(r lexicon.Ref) bool {
		return r.Kind == lexicon.Person || r.Kind == lexicon.Surname || r.Kind == lexicon.Actor
	})
}

// TitledPeople finds people introduced by an office title: "Foreign
// Minister Taro Kono", "Japanese Prime Minister Yasuhiro Nakasone",
// "Foreign Ministers Taro Kono and Sergey Lavrov", "President Reagan".
func TitledPeople(d *doc.Doc) {
	x := rules{d}
	for i := 0; i < len(x.Toks); i++ {
		if x.Covered[i] {
			continue
		}
		role, tlast, ok := x.titleAt(i)
		if !ok || tlast+1 >= len(x.Toks) {
			continue
		}
		// A title introduces a name only when capitalized ("President
		// Reagan") or after a state ("the Japanese foreign minister, …" is
		// not followed by a name and is skipped by nameAfter).
		if !titleAdjacent(x.Toks[tlast], x.Toks[tlast+1]) {
			// "Nigeria's President, Bola Tinubu, disclosed …": a name in
			// apposition after a comma, closed by another.
			if role != "" && role != "counterpart" && strings.TrimSpace(x.Toks[tlast+1].Sep) == "," && x.TokSent[tlast+1] == x.TokSent[tlast] {
				if first, last, ok := x.nameAfter(tlast + 1); ok && last > first && last+1 < len(x.Toks) && strings.HasPrefix(strings.TrimSpace(x.Toks[last+1].Sep), ",") {
					state, _ := x.stateBefore(i)
					if p := x.person(first, last, role, state); p != nil {
						x.Cover(first, last)
						i = last
					}
				}
			}
			continue // a title at the end of a line or sentence introduces no one
		}
		honorific := role == ""
		if role == "counterpart" {
			role = ""
		} else if role == "" && !honorificBefore(x.Toks[tlast], x.Toks[tlast+1]) {
			continue
		}
		if honorific && i > 0 && text.Adjacent(x.Toks[i-1], x.Toks[i]) && x.Toks[i-1].Upper() && x.TokSent[i-1] == x.TokSent[i] {
			if _, _, title := x.titleAt(i - 1); !title {
				continue // "Abang Johari Tun Openg": an honour inside a name is part of it
			}
		}
		state, _ := x.stateBefore(i)
		j := x.afterHonorifics(tlast + 1)
		if j < len(x.Toks) && !x.Toks[j].Upper() {
			// "Minister of Foreign Affairs and European Integration of
			// Montenegro Srdan Darmanovic": the office's complement, then
			// the name.
			c := j
			j = x.afterComplement(j)
			// "President of Uzbekistan Shavkat Mirziyoyev": the state the
			// complement names is a mention, and the holder's state.
			if s := x.statesIn(c, j-1); s != "" && state == "" {
				state = s
			}
		}
		for j < len(x.Toks) {
			first, last, ok := x.nameAfter(j)
			if !ok {
				break
			}
			var p *kg.Entity
			if royal[role] && first == last && j == x.afterHonorifics(tlast+1) {
				// "Prince Philip", "King Fahd": a monarch is known by
				// title and name, and that is the mention.
				p = x.royal(i, tlast, first, role, state)
			} else {
				p = x.person(first, last, role, state)
			}
			if p == nil {
				break
			}
			x.Cover(i, last)
			// "Foreign Ministers Taro Kono and Sergey Lavrov"
			if last+2 < len(x.Toks) && x.Toks[last+1].Key == "and" && x.Toks[last+2].Upper() && x.Toks[last+1].Start-x.Toks[last].End < 3 && !x.titleNear(last+2) && strings.HasSuffix(x.Toks[tlast].Key, "s") {
				// The title in the plural names both; "President Halimah
				// Yacob and Lee" names a president and someone else.
				j = last + 2
				continue
			}
			i = last
			break
		}
	}
}

// statesIn adds a mention for each state named among tokens first..last
// (a title's complement, which the title's holder then covers), and
// returns the last one's name: "of Uzbekistan", "of the Republic of
// Korea".
func (x rules) statesIn(first, last int) string {
	state := ""
	for j := first; j <= last; j++ {
		m, ok := x.Longest(j)
		if !ok || m.Last > last || !x.Free(m.First, m.Last) {
			continue
		}
		for _, r := range m.Refs {
			if r.Kind != lexicon.State {
				continue
			}
			name, ok := x.StateExisting(r.Name, x.TimeAt(x.Toks[j].Start))
			if !ok {
				break
			}
			e := x.Entity(kg.State, name)
			x.AddMention(e, x.Toks[m.First].Start, x.Toks[m.Last].End, x.Toks[m.Last].Possessive, false)
			state = name
			break
		}
		j = m.Last
	}
	return state
}

// royal are the titles that are part of a monarch's or royal's name.
var royal = map[string]bool{"King": true, "Queen": true, "Prince": true, "Crown Prince": true, "Emperor": true, "Emir": true, "Sheikh": true}

// royal resolves a royal named by title and one name (tokens i..tlast the
// title, first the name): the office data's monarch of that name, or else
// the title and name as the name ("Prince Philip"); the mention spans
// both.
func (x rules) royal(i, tlast, first int, role, state string) *kg.Entity {
	t0, t1 := x.Toks[i], x.Toks[first]
	written := x.Text[x.Toks[first].Start:t1.End]
	canonical := kg.CollapseSpace(x.Text[t0.Start:t1.End])
	var tenure *gazetteer.Tenure
	if hs := x.MatchingTenures(written, role, state); len(hs) > 0 {
		canonical, tenure = hs[0].Person, &hs[0]
	} else if h, ok := x.formerHolder(written, role); ok {
		canonical = h.Person
	} else if p, ok := x.namedEarlier(written, role); ok {
		canonical = p
	}
	p := x.Entity(kg.Person, canonical)
	x.AddMention(p, t0.Start, t1.End, t1.Possessive, false)
	x.NotePersonOffice(p, role, state, tenure, x.SentenceAt(t0.Start))
	return p
}

// namedEarlierEnding returns the one person the article has already
// named in full whose name ends with the two or more words first..last
// and is longer: "Al Thani" of "Tamim bin Hamad Al Thani".
func (x rules) namedEarlierEnding(first, last int) (string, bool) {
	if last == first || !familyArticles[x.Toks[first].Key] {
		return "", false
	}
	written := strings.Join(strings.Fields(x.Text[x.Toks[first].Start:x.Toks[last].End]), " ")
	found := ""
	for _, e := range x.Ents {
		if e.Kind != kg.Person || len(e.Name) <= len(written) || !strings.HasSuffix(e.Name, " "+written) {
			continue
		}
		if found != "" && found != e.Name {
			return "", false
		}
		found = e.Name
	}
	return found, found != ""
}

// familyArticles start the family names that news uses alone: "Al
// Thani", "Al-Sabah", "bin Salman".
var familyArticles = map[string]bool{"al": true, "el": true, "bin": true, "ibn": true, "abu": true}

// namedEarlier returns the one person the article has already named in
// full, under a title like this one, whose name starts with the given
// name alone: "Prince Mohammed" after "Crown Prince Mohammed bin Salman".
// Two such people ("Sheikh Mohammed bin Rashid" and "Sheikh Mohammed bin
// Zayed") leave it unresolved.
func (x rules) namedEarlier(given, role string) (string, bool) {
	found := ""
	for _, e := range x.Ents {
		if e.Kind != kg.Person || !strings.Contains(e.Attrs["role"], role) {
			continue
		}
		words := strings.Fields(e.Name)
		if len(words) < 2 || !strings.EqualFold(words[0], given) {
			continue
		}
		if found != "" && found != e.Name {
			return "", false
		}
		found = e.Name
	}
	return found, found != ""
}

// titleNear reports whether a title starts at token j or the next one:
// "Alan Greenspan and Vice Chairman Manuel Johnson" names a second
// office, not a second holder of the first.
func (x rules) titleNear(j int) bool {
	for k := j; k <= j+1 && k < len(x.Toks); k++ {
		if _, _, ok := x.titleAt(k); ok {
			return true
		}
	}
	return false
}

// abbreviations of titles, which a period may follow before the name:
// "Ms. Joanna Wronecka", "Dr. Lourdes Flores Nano", "Hon. Dalton Tagelagi".
var abbreviations = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "hon": true, "gen": true, "sen": true,
	"rep": true, "amb": true, "prof": true, "gov": true, "col": true, "lt": true, "maj": true, "adm": true, "pres": true, "mme": true, "smt": true}

// titleAdjacent reports whether b follows the title word a closely enough
// to be the name it introduces.
func titleAdjacent(a, b text.Token) bool {
	return text.Adjacent(a, b) || b.Sep == ". " && abbreviations[a.Key]
}

// honorificBefore reports whether the honorific a introduces b as a name:
// written as a word ("Ms", not "MS" of "MS-DOS") and apart from it.
func honorificBefore(a, b text.Token) bool {
	return !a.AllCaps() && (b.Sep == " " || b.Sep == ". ")
}

// afterHonorifics returns the first token at or after j that is not an
// honorific ("Prime Minister Shri Narendra Modi").
func (x rules) afterHonorifics(j int) int {
	for j < len(x.Toks) {
		role, last, ok := x.titleAt(j)
		if !ok || role != "" || last+1 >= len(x.Toks) || !titleAdjacent(x.Toks[last], x.Toks[last+1]) {
			return j
		}
		j = last + 1
	}
	return j
}

// afterComplement skips the complement of an office that starts at token
// j ("of Foreign Affairs and European Integration of Montenegro", "for
// Political Affairs") and returns the token of the name after it, or j
// when no name follows: the complement is "of" or "for" and capitalized
// words, and the name is one the tables know or that starts with a given
// name.
func (x rules) afterComplement(j int) int {
	k := x.Toks[j].Key
	if k != "of" && k != "for" && k != "and" {
		return j
	}
	// After "and" the office goes on ("Minister of Foreign Affairs and
	// European Integration of Montenegro"), and it must say "of" or
	// "for" again: "the Prime Minister and Foreign Minister Taro Aso"
	// holds two titles, which the rules read one by one.
	complement := k != "and"
	for n := j + 1; n < len(x.Toks) && n <= j+10; n++ {
		t := x.Toks[n]
		if x.TokSent[n] != x.TokSent[j] || !text.Adjacent(x.Toks[n-1], t) {
			return j
		}
		if !t.Upper() {
			if connectors[t.Key] {
				complement = complement || t.Key == "of" || t.Key == "for"
				continue
			}
			return j
		}
		if _, _, title := x.titleAt(n); title && k == "and" {
			return j // "Prime Minister and Minister of Foreign Affairs Josaia Voreqe Bainimarama": two titles
		}
		if n > j+1 && complement && (x.nameStartsAt(n) || x.stateEndsAt(n-1) && x.unknownPairAt(n)) {
			// "… for Political Affairs Thomas A. Shannon", "… of
			// Montenegro Srdan Darmanovic": after the state, two
			// capitalized words no table knows are the holder's name.
			return n
		}
	}
	return j
}

// stateEndsAt reports whether a state's name ends at token j.
func (x rules) stateEndsAt(j int) bool {
	for start := max(0, j-3); start <= j; start++ {
		if m, ok := x.Longest(start); ok && m.Last == j && slices.ContainsFunc(m.Refs, func(r lexicon.Ref) bool { return r.Kind == lexicon.State }) {
			return true
		}
	}
	return false
}

// unknownPairAt reports whether tokens n and n+1 are two adjacent
// capitalized words that no table knows and no grammar word is.
func (x rules) unknownPairAt(n int) bool {
	if n+1 >= len(x.Toks) || !text.Adjacent(x.Toks[n], x.Toks[n+1]) {
		return false
	}
	for _, j := range []int{n, n + 1} {
		t := x.Toks[j]
		if !t.Upper() || t.AllCaps() || text.IsFunctionWord(t.Key) || calendarWords[t.Key] || headWords[t.Key] {
			return false
		}
		if _, ok := x.Longest(j); ok {
			return false
		}
	}
	return true
}

// nameStartsAt reports whether a person's name likely starts at token n:
// the tables know a person there, or two capitalized words start with a
// given name.
func (x rules) nameStartsAt(n int) bool {
	if m, ok := x.Longest(n); ok {
		return hasPersonRef(m.Refs)
	}
	return n+1 < len(x.Toks) && x.Lex.Gaz.GivenName(x.Toks[n].Text) && x.Toks[n+1].Upper() && text.Adjacent(x.Toks[n], x.Toks[n+1])
}

// person resolves the name in tokens first..last, introduced by a title
// with role (may be "") of state (may be ""), to a person entity, and
// records the mention.
func (x rules) person(first, last int, role, state string) *kg.Entity {
	for j := first; j <= last; j++ {
		if k := x.Toks[j].Key; headWords[k] || legalForms[k] || notNameEnds[k] || companyWords[k] && j == last || k == "ministry" || k == "ministries" {
			return nil // "President of the Popular Christian Party", "American President Lines": no one's name
		}
	}
	if first == last {
		// One word: not a title's word ("Director-General"), an acronym
		// ("MS-DOS") or a letter.
		t := x.Toks[first]
		if _, _, isTitle := x.titleAt(first); isTitle || roleNouns[t.Key] || t.AllCaps() && len(t.Key) > 1 || len(t.Key) < 2 || t.Key == "jr" || t.Key == "sr" {
			return nil
		}
	}
	t0, t1 := x.Toks[first], x.Toks[last]
	written := x.Text[t0.Start:t1.End]
	canonical := written
	var tenure *gazetteer.Tenure
	if hs := x.MatchingTenures(written, role, state); len(hs) > 0 {
		canonical, tenure = hs[0].Person, &hs[0]
	} else if h, ok := x.formerHolder(written, role); ok {
		// "King Faisal visited in 1967", in a story of 1987: the one
		// king of that name the data knows, at any time.
		canonical = h.Person
	} else if full, ok := x.namedEarlierEnding(first, last); ok {
		// "Qatari Emir Al Thani" after "Sheikh Tamim bin Hamad Al
		// Thani": the family name of two words.
		canonical = full
	} else if first == last {
		// A surname alone after a title: someone the article named in
		// full, here or further on ("Mr. Mamabolo" before the rules for
		// untitled names have read "Jeremiah Mamabolo").
		if p := x.PersonBySurname(t0.Key); p != nil {
			canonical = p.Name
		} else if full, ok := x.fullNameElsewhere(first); ok {
			canonical = full
		} else if full, ok := x.namedEarlier(t0.Text, role); ok {
			// "Prime Minister Abiy" after "Prime Minister Abiy Ahmad":
			// Ethiopians, Arabs and Malays are called by the given name.
			canonical = full
		}
	}
	p := x.Entity(kg.Person, canonical)
	x.AddMention(p, t0.Start, t1.End, t1.Possessive, false)
	x.NotePersonOffice(p, role, state, tenure, x.SentenceAt(t0.Start))
	return p
}

// fullNameElsewhere returns the full name the article gives the surname
// at token i elsewhere: a given name of the reference tables right before
// the same word ("Jeremiah Mamabolo"). Only one such name will do.
func (x rules) fullNameElsewhere(i int) (string, bool) {
	k := x.Toks[i].Key
	found := ""
	for j := 1; j < len(x.Toks); j++ {
		if j == i || x.Toks[j].Key != k {
			continue
		}
		prev := x.Toks[j-1]
		if !text.Adjacent(prev, x.Toks[j]) || !prev.Upper() || prev.AllCaps() {
			continue
		}
		if !x.Lex.Gaz.GivenName(prev.Text) && !x.unknownGiven(j-1) {
			continue
		}
		name := prev.Text + " " + x.Toks[j].Text
		if found != "" && found != name {
			return "", false
		}
		found = name
	}
	return found, found != ""
}

// unknownGiven reports whether token k may be a given name no table
// knows, before a surname: inside its sentence, after a comma ("The
// Ambassador of Japan to Tonga, Kensaku Munenaga, …"), and no title, role,
// known name or word of grammar.
func (x rules) unknownGiven(k int) bool {
	if k == 0 || x.TokSent[k-1] != x.TokSent[k] || strings.TrimSpace(x.Toks[k].Sep) != "," {
		return false
	}
	t := x.Toks[k]
	if _, _, title := x.titleAt(k); title || roleNouns[t.Key] || text.IsFunctionWord(t.Key) || text.IsDeterminer(t.Key) || calendarWords[t.Key] {
		return false
	}
	_, known := x.Longest(k)
	return !known
}

// formerHolder returns the one person who held an office like role under
// name at any time, for a titled name that no one bore on the article's
// date; ok is false without a title or when several did.
func (x rules) formerHolder(name, role string) (gazetteer.Tenure, bool) {
	if role == "" || x.Published.IsZero() {
		return gazetteer.Tenure{}, false
	}
	var found []gazetteer.Tenure
	for _, t := range x.Lex.Gaz.HoldersOn(name, kg.Date{}) {
		if doc.SameRole(t.Role, role) && !slices.ContainsFunc(found, func(f gazetteer.Tenure) bool { return f.Person == t.Person }) {
			found = append(found, t)
		}
	}
	if len(found) != 1 {
		return gazetteer.Tenure{}, false
	}
	return found[0], true
}

// GazetteerNames finds the states, places, organizations and known
// people the gazetteer names. A capital is the city after a locative
// preposition ("met in Moscow") and the state otherwise ("Moscow
// rejected").
func GazetteerNames(d *doc.Doc) {
	x := rules{d}
	for i := 0; i < len(x.Toks); i++ {
		if x.Covered[i] {
			continue
		}
		m, ok := x.Longest(i)
		if !ok || !x.Free(m.First, m.Last) {
			continue
		}
		start, end := x.Toks[m.First].Start, x.Toks[m.Last].End
		poss := x.Toks[m.Last].Possessive
		kinds := map[lexicon.Kind]lexicon.Ref{}
		for _, r := range m.Refs {
			if _, seen := kinds[r.Kind]; !seen {
				kinds[r.Kind] = r
			}
		}
		locative := i > 0 && (x.locativeBefore(i) || x.listedPlace(i)) && !poss
		sent := x.SentenceAt(start)
		var e *kg.Entity
		switch {
		case has(kinds, lexicon.Person):
			r := kinds[lexicon.Person]
			e = x.Entity(kg.Person, r.Name)
			x.AddMention(e, start, end, poss, false)
			x.NotePersonOffice(e, "", "", nil, sent)
		case has(kinds, lexicon.Treaty):
			// Treaties are resolved with their context in treaties.Find.
			continue
		case has(kinds, lexicon.Capital) && !locative && !x.attributive(m.Last) && !x.datelinePlace(m.First, m.Last):
			// "Washington's support", "Moscow rejected": the state acts.
			name, ok := x.StateExisting(kinds[lexicon.Capital].Name, x.TimeAt(start))
			if !ok {
				continue
			}
			e = x.Entity(kg.State, name)
			x.AddMention(e, start, end, poss, false)
		case has(kinds, lexicon.Metonym) && has(kinds, lexicon.Place) && !locative && !x.afterLocative(i) && !x.datelinePlace(m.First, m.Last):
			// "The Kremlin said", "Downing Street said": the seat of
			// government stands for its state; "at the Kremlin" is the
			// building.
			name, ok := x.StateExisting(kinds[lexicon.Metonym].Name, x.TimeAt(start))
			if !ok {
				continue
			}
			e = x.Entity(kg.State, name)
			x.AddMention(e, start, end, poss, false)
		case has(kinds, lexicon.Org) && has(kinds, lexicon.Place) && !locative:
			// "the Pentagon said": the institution acts; "at the
			// Pentagon" is the building.
			e = x.Entity(kg.Organization, kinds[lexicon.Org].Name)
			x.AddMention(e, start, end, poss, false)
		case has(kinds, lexicon.Capital), has(kinds, lexicon.Place) && !has(kinds, lexicon.State) && !has(kinds, lexicon.Demonym):
			name := x.Text[start:end]
			if r, ok := kinds[lexicon.Place]; ok {
				name = r.Name
			} else if c, ok := x.canonicalCapital(m); ok {
				name = c
			}
			e = x.Entity(kg.Place, name)
			x.AddMention(e, start, end, poss, true)
			if state := x.placeState(name, kinds); state != "" {
				x.PlaceIn[e.ID] = doc.PlaceState{State: state, Sent: sent, Source: gazetteer.Places}
			}
		case has(kinds, lexicon.State), has(kinds, lexicon.Demonym), has(kinds, lexicon.Metonym), has(kinds, lexicon.Capital):
			var r lexicon.Ref
			for _, k := range []lexicon.Kind{lexicon.State, lexicon.Demonym, lexicon.Metonym, lexicon.Capital} {
				if rr, ok := kinds[k]; ok {
					r = rr
					break
				}
			}
			// The text itself decides between states sharing a name:
			// "Federal Republic of Germany" in 1955 is West Germany.
			if st, ok := x.Lex.Gaz.StateOn(x.Text[start:end], x.TimeAt(start)); ok && r.Kind != lexicon.Metonym {
				r.Name = st.Name
			}
			name, existed := x.StateExisting(r.Name, x.TimeAt(start))
			if !existed && r.Kind == lexicon.State && !x.Lex.States[r.Name].Historical {
				// "India" in 1905 is a land, not yet a state.
				e = x.Entity(kg.Place, name)
				x.AddMention(e, start, end, poss, true)
				break
			}
			e = x.Entity(kg.State, name)
			x.AddMention(e, start, end, poss, false)
		case has(kinds, lexicon.Org):
			name := kinds[lexicon.Org].Name
			if strings.EqualFold(x.Text[start:end], "Foreign Office") && !britishStory.MatchString(x.Text) {
				// "the Foreign Office said" in a story that never names
				// Britain is the foreign ministry of the state it is
				// about (Pakistan's, Germany's), not the FCDO.
				state := x.mainState()
				inside := m.Last+1 < len(x.Toks) && text.Adjacent(x.Toks[m.Last], x.Toks[m.Last+1]) && x.Toks[m.Last+1].Upper() ||
					m.First > 0 && text.Adjacent(x.Toks[m.First-1], x.Toks[m.First]) && x.Toks[m.First-1].Upper() && x.TokSent[m.First-1] == x.TokSent[m.First]
				if state == "" || inside {
					continue // "the India-Fiji Foreign Office Consultations": a word of a longer name
				}
				name = "Ministry of Foreign Affairs (" + state + ")"
			}
			e = x.Entity(kg.Organization, name)
			x.AddMention(e, start, end, poss, false)
		case has(kinds, lexicon.PlaceDemonym) && !(m.Last+1 < len(x.Toks) && text.Adjacent(x.Toks[m.Last], x.Toks[m.Last+1]) && x.Toks[m.Last+1].Upper()):
			// "key African issues": the region, named but not as the
			// place where something happens; "African Development Bank"
			// is another name's first word.
			e = x.Entity(kg.Place, kinds[lexicon.PlaceDemonym].Name)
			x.AddMention(e, start, end, poss, false)
		case has(kinds, lexicon.Actor):
			if x.InTitleCaseHeadline(m.First) && m.Last == m.First || !x.writtenAsName(m.First, m.Last) || x.nameRunsOn(m.Last) {
				continue
			}
			e = x.actorPerson(kinds[lexicon.Actor].Name, start, end)
			x.AddMention(e, start, end, poss, false)
		case has(kinds, lexicon.ActorOrg):
			if !x.writtenAsName(m.First, m.Last) {
				continue // "the U.S. military": a description, not a name
			}
			if x.officeEndsName(m.First, m.Last) {
				continue // "EU High Representative": the actor tables file offices as bodies; an office is no organization
			}
			e = x.Entity(kg.Organization, x.spelling(kinds[lexicon.ActorOrg].Name, start, end))
			x.AddMention(e, start, end, poss, false)
		case has(kinds, lexicon.City):
			c, ok := x.cityAt(kinds[lexicon.City].Name, m.First, m.Last)
			if !ok {
				continue
			}
			e = x.Entity(kg.Place, x.spelling(c.Name, start, end))
			x.AddMention(e, start, end, poss, true)
			if c.State != "" {
				x.PlaceIn[e.ID] = doc.PlaceState{State: c.State, Sent: sent, Source: gazetteer.Cities}
			}
		default: // a surname alone: resolve.Surnames decides with context
			continue
		}
		x.Cover(m.First, m.Last)
		i = m.Last
	}
}

func has(kinds map[lexicon.Kind]lexicon.Ref, k lexicon.Kind) bool { _, ok := kinds[k]; return ok }

// canonicalCapital returns the capital's name as the gazetteer spells it.
func (x rules) canonicalCapital(m lexicon.Match) (string, bool) {
	written := text.Keys(x.Text[x.Toks[m.First].Start:x.Toks[m.Last].End])
	for c := range x.Lex.Capitals {
		if slices.Equal(text.Keys(c), written) {
			return c, true
		}
	}
	return "", false
}

// placeState returns the state a place lies in, from the place table or
// the capital index.
func (x rules) placeState(name string, kinds map[lexicon.Kind]lexicon.Ref) string {
	if p, ok := x.Lex.Places[name]; ok && p.State != "" {
		return p.State
	}
	if s, ok := x.Lex.Capitals[name]; ok {
		return s
	}
	if r, ok := kinds[lexicon.Capital]; ok {
		return r.Name
	}
	return ""
}

// attributive reports whether the name ending at token i modifies the noun
// after it ("an elegant Moscow mansion"), which makes a capital a place.
func (x rules) attributive(i int) bool {
	if i+1 >= len(x.Toks) || x.Toks[i].Possessive || !text.Adjacent(x.Toks[i], x.Toks[i+1]) {
		return false
	}
	next := x.Toks[i+1]
	if next.Upper() || text.IsFunctionWord(next.Key) || actorVerbs[next.Key] {
		return false
	}
	k := next.Key
	return !strings.HasSuffix(k, "ed") && !strings.HasSuffix(k, "s") && !strings.HasSuffix(k, "ly")
}

// actorVerbs are verbs that make the capital before them the state acting.
var actorVerbs = map[string]bool{
	"said": true, "says": true, "has": true, "had": true, "is": true, "was": true, "will": true, "would": true,
	"can": true, "could": true, "may": true, "might": true, "must": true, "should": true, "wants": true,
	"insisted": true, "rejected": true, "accused": true, "warned": true, "agreed": true, "announced": true,
	"denied": true, "refused": true, "hopes": true, "fears": true, "believes": true, "did": true, "does": true,
}

// locativeBefore reports whether the words before token i make the name
// there a location: "in Moscow", "visit Tokyo", "a trip to Moscow" — but
// not "aid to Ankara", where "to" marks a recipient.
func (x rules) locativeBefore(i int) bool {
	if x.Toks[i-1].Key == "the" && i >= 2 {
		// "at the Pentagon", but not "at the Washington Conference",
		// where the name is a modifier of another.
		if n := x.nameEnd(i); n+1 < len(x.Toks) && text.Adjacent(x.Toks[n], x.Toks[n+1]) && x.Toks[n+1].Upper() {
			return false
		}
		i--
	}
	prev := x.Toks[i-1].Key
	if prev == "of" {
		// "the city of Tashkent", "the port of Aden": a settlement noun
		// says the name after it is a place.
		return i >= 2 && settlementNouns[x.Toks[i-2].Key]
	}
	if settlementNouns[prev] && !x.Toks[i-1].Upper() && x.TokSent[i-1] == x.TokSent[i] && text.Adjacent(x.Toks[i-1], x.Toks[i]) {
		return true // "the Indonesian capital Jakarta", "the port city Mombasa"
	}
	if prev != "to" {
		return isLocative(prev)
	}
	for j := i - 2; j >= 0 && j >= i-3; j-- {
		if motionWords[x.Toks[j].Key] {
			return true
		}
	}
	// "from Beijing Capital International Airport to Tokyo": a route.
	for j := i - 2; j >= 1 && j >= i-8 && x.TokSent[j] == x.TokSent[i]; j-- {
		if !x.Toks[j].Upper() && !connectors[x.Toks[j].Key] {
			break
		}
		if x.Toks[j-1].Key == "from" {
			return true
		}
	}
	return false
}

// writtenAsName reports whether the text writes tokens first..last as a
// name: every word capitalized but particles and words of grammar.
func (x rules) writtenAsName(first, last int) bool {
	for j := first; j <= last; j++ {
		t := x.Toks[j]
		if !t.Upper() && !text.IsFunctionWord(t.Key) && !nameParticles[t.Key] && !unicode.IsDigit(text.FirstRune(t.Text)) {
			return false
		}
	}
	return true
}

// afterLocative reports whether a locative preposition, and perhaps
// "the", stands right before token i: "in the White House East Room",
// where the name modifies another and locativeBefore says no.
func (x rules) afterLocative(i int) bool {
	if i > 0 && x.Toks[i-1].Key == "the" {
		i--
	}
	return i > 0 && isLocative(x.Toks[i-1].Key)
}

// nameEnd returns the last token of the gazetteer name at token i, i
// when there is none.
func (x rules) nameEnd(i int) int {
	if m, ok := x.Longest(i); ok {
		return m.Last
	}
	return i
}

// motionWords make "to" before a place mean "towards": "visit to Moscow",
// "flew to Geneva", "his way to Tokyo".
var motionWords = map[string]bool{
	"visit": true, "visits": true, "trip": true, "trips": true, "mission": true, "journey": true, "travel": true,
	"travels": true, "traveled": true, "travelled": true, "traveling": true, "travelling": true, "flew": true,
	"fly": true, "flies": true, "flying": true, "go": true, "goes": true, "went": true, "going": true, "come": true,
	"came": true, "coming": true, "return": true, "returned": true, "returning": true, "returns": true, "moved": true,
	"move": true, "headed": true, "head": true, "heads": true, "way": true, "tour": true, "delegation": true,
	"back": true, "sent": true, "ambassador": true, "envoy": true, "embassy": true, "arrive": true, "invited": true,
}

// settlementNouns make the name after "of" a place: "the city of
// Bukhara", "the port of Aden", "the town of Naqoura".
var settlementNouns = map[string]bool{
	"city": true, "town": true, "port": true, "village": true, "capital": true,
	"province": true, "region": true, "district": true, "municipality": true,
	"island": true, "islands": true, "resort": true, "outskirts": true, "suburbs": true,
}

// isLocative reports whether a word before a place name makes it a
// location: "in Moscow", "visit Tokyo".
func isLocative(k string) bool {
	switch k {
	case "in", "to", "at", "from", "near", "into", "toward", "towards", "visit", "visits", "visiting", "visited", "via", "outside", "inside", "around", "across", "reached", "left", "arrived":
		return true
	}
	return false
}

// roleNouns introduce what an unknown person is, after their name and a
// comma: "Mitsuru Uchida, professor of political science".
var roleNouns = map[string]bool{
	"professor": true, "spokesman": true, "spokeswoman": true, "spokesperson": true, "minister": true,
	"ambassador": true, "president": true, "chairman": true, "chairwoman": true, "leader": true,
	"official": true, "analyst": true, "adviser": true, "advisor": true, "aide": true, "secretary": true,
	"director": true, "head": true, "chief": true, "envoy": true, "diplomat": true, "senator": true,
	"governor": true, "member": true, "correspondent": true, "economist": true, "expert": true,
	"negotiator": true, "deputy": true, "vice": true, "premier": true, "general": true, "commander": true,
	"representative": true, "mayor": true, "king": true, "queen": true, "prince": true, "emir": true,
	"ceo": true, "chairperson": true, "coordinator": true, "counterpart": true, "lawyer": true, "politician": true,
}

// speechAfter are verbs that make the capitalized words before them a
// speaker: "Uchida said".
var speechAfter = map[string]bool{
	"said": true, "says": true, "told": true, "added": true, "stated": true, "announced": true,
	"declared": true, "warned": true, "stressed": true, "noted": true, "insisted": true,
	"pledged": true, "vowed": true, "urged": true, "reiterated": true, "emphasized": true, "emphasised": true,
	"underlined": true,
}

// sentenceConjunctions open sentences in capitals and are no names.
var sentenceConjunctions = map[string]bool{"but": true, "and": true, "so": true, "yet": true, "if": true, "when": true, "while": true, "as": true, "after": true, "before": true, "since": true, "yesterday": true, "today": true}

// calendarWords are capitalized but never names.
var calendarWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "january": true, "february": true, "march": true, "april": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
}

// NamedPeople finds people no title introduces and no reference table
// knows, by the shape of the sentence around a full name: "Mitsuru Uchida,
// professor of …", "John Smith said". A full name is two or three
// capitalized words that are not a known name.
func NamedPeople(d *doc.Doc) {
	x := rules{d}
	for i := 0; i+1 < len(x.Toks); i++ {
		first, last, ok := x.fullNameAt(i)
		if !ok {
			continue
		}
		if sentenceConjunctions[x.Toks[first].Key] {
			continue // "But Boren urged …": the conjunction is no given name
		}
		if !x.rolesAfter(last) && !x.roleBefore(first) && !x.looksLikeName(first, last) && !x.actsAsPerson(first, last) || x.hyphensOnly(first, last) {
			i = last
			continue
		}
		x.person(first, last, "", "")
		x.Cover(first, last)
		i = last
	}
}

// officeEndsName reports whether a title of office other than a military
// rank ends the name first..last after its first word: "EU High
// Representative", but not "Supermarkets General".
func (x rules) officeEndsName(first, last int) bool {
	for j := first + 1; j <= last; j++ {
		if role, end, ok := x.titleAt(j); ok && end == last && role != "" && role != "General" && role != "Commander" {
			return true
		}
	}
	return false
}

// companyElsewhere reports whether the article writes the words
// first..last elsewhere as a company's or an organization's name: before a
// legal form or a company's word ("Supermarkets General Corp"), or at the
// start of an organization it named.
func (x rules) companyElsewhere(first, last int) bool {
	n := last - first + 1
	for j := 0; j+n < len(x.Toks); j++ {
		if j == first {
			continue
		}
		same := true
		for k := 0; k < n && same; k++ {
			same = x.Toks[j+k].Key == x.Toks[first+k].Key
		}
		if same && (legalForms[x.Toks[j+n].Key] || companyWords[x.Toks[j+n].Key]) {
			return true
		}
	}
	written := x.Text[x.Toks[first].Start:x.Toks[last].End]
	for _, e := range x.Ents {
		if e.Kind == kg.Organization && strings.HasPrefix(e.Name, written) {
			return true
		}
	}
	return false
}

// personVerbs after a full name say that someone acts: "Bola Tinubu met",
// "Patrice Talon arrived".
var personVerbs = map[string]bool{
	"met": true, "meets": true, "visited": true, "visits": true, "hosted": true, "hosts": true,
	"welcomed": true, "welcomes": true, "arrived": true, "arrives": true,
	"spoke": true, "telephoned": true, "phoned": true, "congratulated": true, "chaired": true,
}

// meetWords before "with" make the name after it a party to the meeting:
// "met with Patrice Talon", "talks with Bola Tinubu".
var meetWords = map[string]bool{
	"met": true, "meet": true, "meets": true, "meeting": true, "talks": true, "talked": true, "spoke": true,
	"speak": true, "call": true, "conversation": true, "held": true, "holds": true, "consultations": true,
}

// actsAsPerson reports whether the capitalized words first..last act as a
// person in their sentence: a full name before a verb of meeting,
// travelling or speaking ("Bola Tinubu met …"), or after "met with"
// ("… met with Patrice Talon"). A phrase with an organization's or a
// company's word, or a headline in title case, says nothing.
func (x rules) actsAsPerson(first, last int) bool {
	if x.InTitleCaseHeadline(first) || x.Toks[first].AllCaps() || x.InLowerCase(x.Toks[first].Key) || x.InLowerCase(x.Toks[last].Key) || text.IsFunctionWord(x.Toks[first].Key) {
		return false // "But Boren met": a word the article also writes in lower case
	}
	if _, known := x.Longest(first); known {
		return false // "Senate Republicans": a name the tables know starts it
	}
	if x.companyElsewhere(first, last) {
		return false // "talks with Supermarkets General", the "Supermarkets General Corp" of the lede
	}
	for j := first; j <= last; j++ {
		if k := x.Toks[j].Key; headWords[k] || legalForms[k] || notNameEnds[k] || companyWords[k] || venueWords[k] {
			return false
		}
	}
	if last+1 < len(x.Toks) && x.Toks[last+1].Sep == " " && personVerbs[x.Toks[last+1].Key] {
		return true
	}
	if first >= 2 && x.Toks[first-1].Key == "with" && x.TokSent[first-1] == x.TokSent[first] {
		for j := first - 2; j >= 0 && j >= first-5 && x.TokSent[j] == x.TokSent[first]; j-- {
			if meetWords[x.Toks[j].Key] {
				return true
			}
		}
	}
	return false
}

// looksLikeName reports whether the capitalized words first..last are a
// person's name though nothing around them says so: they start with a
// given name of the reference tables ("Jeremiah Mamabolo"), or the actor
// tables know the person under another spelling ("Yuri Ushakov" for
// "Yuriy Ushakov"). A headline in title case says nothing, and a phrase
// with an organization's head word or legal form is no name.
func (x rules) looksLikeName(first, last int) bool {
	if x.InTitleCaseHeadline(first) {
		return false
	}
	for j := first; j <= last; j++ {
		if k := x.Toks[j].Key; headWords[k] || legalForms[k] || notNameEnds[k] || companyWords[k] && j == last {
			return false
		}
	}
	if x.Lex.Gaz.GivenName(x.Toks[first].Text) {
		return true
	}
	return len(x.Lex.Gaz.PeopleLike(x.Text[x.Toks[first].Start:x.Toks[last].End])) > 0
}

// syllableAfterHyphen reports whether token j is the lower-case second
// syllable of a Korean given name, joined by a hyphen to a capitalized
// syllable after the surname: "woong" of "Kim Ki-woong". Short, letters
// only, and no English word that follows a name with a hyphen
// ("Putin-backed", "Trump-era").
func (x rules) syllableAfterHyphen(j int) bool {
	t, prev := x.Toks[j], x.Toks[j-1]
	if t.Sep != "-" || t.Upper() || !prev.Upper() || j < 2 || !x.Toks[j-2].Upper() {
		return false
	}
	if n := utf8.RuneCountInString(t.Text); n < 2 || n > 5 || utf8.RuneCountInString(prev.Text) > 5 {
		return false
	}
	for _, r := range t.Text {
		if !unicode.IsLower(r) || r > unicode.MaxASCII {
			return false
		}
	}
	return !hyphenSuffixes[t.Key]
}

// hyphenSuffixes are the words English joins to a name with a hyphen.
var hyphenSuffixes = map[string]bool{
	"led": true, "era": true, "style": true, "based": true, "born": true, "made": true, "run": true,
	"owned": true, "like": true, "type": true, "free": true, "wide": true, "level": true, "bound": true,
	"held": true, "class": true, "aided": true, "armed": true, "area": true, "zone": true, "plus": true,
	"only": true, "first": true, "side": true, "year": true, "day": true, "time": true, "term": true,
	"era's": true, "war": true, "dated": true, "sized": true, "scale": true, "based's": true,
}

// britishStory finds a story about Britain, whose "Foreign Office" is the
// FCDO.
var britishStory = regexp.MustCompile(`\b(Britain|British|UK|U\.K\.|United Kingdom|London|Whitehall|England)\b`)

// nameRunsOn reports whether the name that ends at token last goes on
// with a capitalized word no table knows: the actor tables' "Le Thi Thu"
// is only the start of "Lê Thị Thu Hằng".
func (x rules) nameRunsOn(last int) bool {
	n := last + 1
	if n >= len(x.Toks) || x.TokSent[n] != x.TokSent[last] || !text.Adjacent(x.Toks[last], x.Toks[n]) || x.Toks[last].Possessive {
		return false
	}
	t := x.Toks[n]
	if !t.Upper() || t.AllCaps() || x.Covered[n] || calendarWords[t.Key] || text.IsFunctionWord(t.Key) || unicode.IsDigit(text.FirstRune(t.Text)) {
		return false
	}
	if _, _, title := x.titleAt(n); title {
		return false
	}
	if m, known := x.Longest(n); known && !onlyGenerated(m.Refs) {
		return false // a state, a place or a body of the curated tables; a town's name may be a given name ("Hằng")
	}
	return !headWords[t.Key] && !legalForms[t.Key] && !notNameEnds[t.Key] && !companyWords[t.Key]
}

// vietSurnames are the commonest Vietnamese family names, folded: a name
// that starts with one may have four words ("Lê Thị Thu Hằng").
var vietSurnames = map[string]bool{
	"nguyen": true, "tran": true, "le": true, "pham": true, "hoang": true, "huynh": true, "phan": true,
	"vu": true, "vo": true, "dang": true, "bui": true, "do": true, "ho": true, "ngo": true, "duong": true, "ly": true,
}

// fullNameAt reads two or three adjacent capitalized words at i that no
// mention has claimed, or four with a particle among them ("Abdul Wahid
// Al-Nur").
func (x rules) fullNameAt(i int) (int, int, bool) {
	last := i - 1
	words, lower := 0, 0
	long := vietSurnames[x.Toks[i].Key]
	for j := i; j < len(x.Toks) && (words < 3 || words == 3 && (lower > 0 || long || x.hasParticle(i, j))); j++ {
		t := x.Toks[j]
		if j > i && x.syllableAfterHyphen(j) {
			last = j // "Kim Ki-woong", "Yoon Suk-yeol": the given name's second syllable
			continue
		}
		if j > i && lower < 3 && x.lowerParticle(j, words) {
			// "Juan Ramon de la Fuente", "Ulisses Correia e Silva",
			// "Badr al Busaidi": the particle joins the words around it.
			lower++
			continue
		}
		if x.Covered[j] || !t.Upper() || t.AllCaps() && !x.initialAt(j) || calendarWords[t.Key] || (text.IsFunctionWord(t.Key) || text.IsDeterminer(t.Key)) && !x.initialAt(j) ||
			(j > i && !text.Adjacent(x.Toks[j-1], t)) || unicode.IsDigit(text.FirstRune(t.Text)) {
			break
		}
		if _, _, isTitle := x.titleAt(j); isTitle && !(j > i && t.Sep == "-") {
			break // but "Hussein al-Sheikh": a title's word joined by a hyphen is the name's
		}
		last = j
		if t.Possessive {
			break
		}
		if j > i && (t.Sep == "-" || t.Key == "al" || t.Key == "el") {
			continue // "Mohammed bin Abdulaziz bin Saleh Al Khulaifi": the article is no new word
		}
		words++
	}
	if last-i < 1 {
		return 0, 0, false
	}
	// The word before a name is not part of a longer capitalized phrase.
	if i > 0 && text.Adjacent(x.Toks[i-1], x.Toks[i]) && x.Toks[i-1].Upper() && !x.Covered[i-1] {
		return 0, 0, false
	}
	return i, last, true
}

// notNameEnds are words that make a capitalized phrase the name of
// something other than a person ("Roosevelt Administration", "World War
// Two", "Camp David Accords").
var notNameEnds = map[string]bool{
	"war": true, "wars": true, "administration": true, "era": true, "doctrine": true, "plan": true,
	"government": true, "conference": true, "summit": true, "talks": true, "agreement": true, "treaty": true,
	"accord": true, "accords": true, "declaration": true, "act": true, "crisis": true, "revolution": true,
	"dynasty": true, "empire": true, "period": true, "affair": true, "line": true, "river": true,
	"street": true, "square": true, "hall": true, "house": true, "palace": true, "bridge": true,
	"airport": true, "station": true, "hospital": true, "school": true, "prize": true, "award": true,
	"cup": true, "games": true, "day": true, "pact": true, "initiative": true, "strategy": true,
	"rights": true, "region": true, "province": true, "governorate": true, "district": true, "county": true,
}

// hyphensOnly reports whether the words first..last are joined by hyphens
// alone ("Allen-Bradley", "Borg-Warner"): a company's name, or a double
// surname, but no given name and surname.
func (x rules) hyphensOnly(first, last int) bool {
	for j := first + 1; j <= last; j++ {
		if !hyphenated(x.Toks[j-1], x.Toks[j]) {
			return false
		}
	}
	return true
}

// initialAt reports whether token j is a middle initial: "A." of "Thomas
// A. Shannon", which the tokenizer reads as the letter "A" with the period
// in the separator of the next word.
func (x rules) initialAt(j int) bool {
	t := x.Toks[j]
	return len(t.Text) == 1 && t.Upper() && j+1 < len(x.Toks) && x.Toks[j+1].Sep == ". " && x.Toks[j+1].Upper()
}

// lowerParticle reports whether token j is a name particle written in
// lower case inside a name: after words of the name and before another
// capitalized word. The Portuguese "e" ("Correia e Silva") joins only
// surnames, after two words of the name.
func (x rules) lowerParticle(j, words int) bool {
	t := x.Toks[j]
	if t.Upper() || words == 0 || j+1 >= len(x.Toks) || !text.Adjacent(x.Toks[j-1], t) || !text.Adjacent(t, x.Toks[j+1]) {
		return false
	}
	if !nameParticles[t.Key] && (t.Key != "e" || words < 2) {
		return false
	}
	next := x.Toks[j+1]
	if !next.Upper() && nameParticles[next.Key] && j+2 < len(x.Toks) && text.Adjacent(next, x.Toks[j+2]) {
		next = x.Toks[j+2] // "de la Fuente"
		j++
	}
	return next.Upper() && !next.AllCaps() && !x.Covered[j+1] && !nameParticles[next.Key]
}

// hasParticle reports whether a name particle stands among tokens
// first..last.
func (x rules) hasParticle(first, last int) bool {
	for j := first; j <= last; j++ {
		if nameParticles[x.Toks[j].Key] {
			return true
		}
	}
	return false
}

// rolesAfter reports whether the words after token i say it ends a person's
// name: a comma and a role ("…, professor of", "…, a senior official"), or
// a speech verb.
func (x rules) rolesAfter(i int) bool {
	if i+1 >= len(x.Toks) {
		return false
	}
	next := x.Toks[i+1]
	if next.Sep == " " && speechAfter[next.Key] {
		return true
	}
	if next.Sep != ", " {
		return false
	}
	for j := i + 1; j < len(x.Toks) && j <= i+4; j++ {
		k := x.Toks[j].Key
		if roleNouns[k] {
			return true
		}
		if j > i+1 && strings.ContainsAny(x.Toks[j].Sep, ",.;") {
			return false
		}
	}
	return false
}

// roleBefore reports whether a role phrase and a comma come right before
// token i: "the director-general of the Israeli Foreign Ministry, Abraham
// Tamir".
func (x rules) roleBefore(i int) bool {
	if i == 0 || x.Toks[i].Sep != ", " {
		return false
	}
	for j := i - 1; j >= 0 && j >= i-8; j-- {
		if roleNouns[x.Toks[j].Key] && !x.Toks[j].Upper() || x.Toks[j].Key == "director" {
			return true
		}
		if strings.ContainsAny(x.Toks[j].Sep, ",.;:") {
			return false
		}
	}
	return false
}
