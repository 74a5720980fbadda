package events

import (
	"slices"
	"strings"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/doc"
	"github.com/diplograph/diplograph/loader/text"
)

// venue reports whether a place can hold an event: a city, island or
// site, not a sea or an ocean the text crosses.
func (x rules) venue(id string) bool {
	p, ok := x.Lex.Places[x.Ents[id].Name]
	if !ok {
		return true
	}
	switch p.Type {
	case "sea", "ocean", "strait", "gulf", "river", "continent":
		return false
	}
	return true
}

// recordEvents merges the mentions into events and records them.
func (x rules) recordEvents(ms []*eventMention) {
	type event struct {
		mentions []*eventMention
		parts    []string
		targets  []string
		hostedBy []string
		places   []string
		treaties []string
		date     kg.Date
		end      kg.Date
		status   kg.Status
		typ      kg.EventType
		label    string
		cameo    string
	}
	var events []*event
	// same reports whether m may report ev: the same kind of event, and
	// for a visit no host that ev does not have (a trip's stop in Rome is
	// the trip to Italy; "heading to Nairobi" after a visit to Tanzania is
	// another visit).
	same := func(ev *event, m *eventMention) bool {
		if ev.typ != m.typ || ev.label != m.label {
			return false
		}
		return !slices.ContainsFunc(m.hosts, func(h string) bool { return !slices.Contains(ev.parts, h) })
	}
	// The author of a release takes part in all it reports, and the
	// person a story is about in most of it; sharing them, or their
	// state, says nothing about two mentions being one event.
	hero := x.protagonist()
	heroState := ""
	if st := x.PersonState[hero]; st != "" {
		heroState = kg.EntityID(kg.State, st)
	}
	shares := func(a, b []string) bool {
		return slices.ContainsFunc(a, func(s string) bool {
			return s != hero && s != heroState && slices.Contains(b, s)
		})
	}
	// A headline sums up the story's lead, in fewer words and coarser
	// dates ("KING FAHD VISITS BRITAIN THIS WEEK" over "King Fahd …
	// begins a four-day state visit on Tuesday"): its mentions are read
	// after the body's and join an event of their kind that shares
	// someone, whatever its date.
	var body, head []*eventMention
	for _, m := range ms {
		if x.BodyStart > 0 && m.start < x.BodyStart {
			head = append(head, m)
		} else {
			body = append(body, m)
		}
	}
	var last *event
	for k, m := range append(body, head...) {
		if len(m.participants) == 0 && !m.anaphor {
			continue
		}
		var into *event
		if k >= len(body) {
			for _, ev := range events {
				if ev.typ == m.typ && ev.label == m.label && sharesAny(x.withStates(ev.parts), x.withStates(m.participants)) {
					into = ev
					break
				}
			}
			if into == nil && m.typ == kg.Call {
				// A readout's headline names the kind of talk its body
				// tells in a verb: "Secretary Blinken's Call with …" /
				// "Secretary Blinken spoke today with …" is a call.
				for _, ev := range events {
					if ev.typ == kg.Talks && x.newsTime(ev.date) && sharesAny(ev.parts, m.participants) &&
						!slices.ContainsFunc(ev.mentions, func(o *eventMention) bool { return !o.verb }) {
						ev.typ, ev.cameo = kg.Call, "041"
						into = ev
						break
					}
				}
			}
		}
		if into == nil && m.anaphor && last != nil && (m.date.IsZero() || m.inherited) {
			// "the talks", "Nakasone's visit": the last such event
			// reported; "that summit" the event just reported, even a
			// visit. "The talks" after a signing are talks of their own
			// ("In their joint statement issued after the talks, …").
			for i := len(events) - 1; i >= 0 && into == nil; i-- {
				if same(events[i], m) {
					into = events[i]
				}
			}
			if into == nil && m.demonstrative && len(m.hosts) == 0 {
				into = last
			}

		}
		if into == nil && m.inherited && last != nil && same(last, m) && m.sent-last.mentions[len(last.mentions)-1].sent <= 2 &&
			(shares(x.withStates(last.parts), x.withStates(m.participants)) || m.typ == kg.Visit && len(m.hosts) == 0 && sharesAny(last.parts, m.participants)) {
			// The next sentence about the same kind of event, with no
			// date of its own, goes on about that event ("The presidents
			// … have signed. Kwasniewski and Havel signed …"); a visit
			// by the same person to no new place is the same trip, even
			// the protagonist's ("I will visit … The key objective of my
			// visits …").
			into = last
		}
		if into == nil && last != nil && same(last, m) && last.mentions[len(last.mentions)-1].sent == m.sent && m.typ == kg.OtherEvent &&
			(m.date.IsZero() || m.inherited || last.date.Contains(m.date) || m.date.Contains(last.date)) {
			// One sentence tells one act of a kind in two words:
			// "Montenegro became NATO's newest member …, upon
			// depositing its instrument of accession … with the US
			// State Department".
			into = last
		}
		for _, ev := range events {
			if into != nil {
				break
			}
			if !same(ev, m) || !shares(ev.parts, m.participants) && !shares(ev.treaties, m.treaties) {
				continue
			}
			// A date of its own must agree (one within the other: "1949"
			// and the treaty's "1949-04-04"); a date from the context
			// yields to the event's.
			if m.date.IsZero() || m.inherited || ev.date.Contains(m.date) || m.date.Contains(ev.date) {
				into = ev
				if !m.inherited && m.date.Precision() > ev.date.Precision() && ev.date.Contains(m.date) {
					ev.date, ev.end = m.date, m.endD
				}
			}
		}
		if into == nil {
			if m.date.IsZero() || len(m.participants) == 0 {
				continue
			}
			into = &event{typ: m.typ, label: m.label, cameo: m.cameo, date: m.date, end: m.endD, status: m.status}
			events = append(events, into)
		}
		last = into
		into.mentions = append(into.mentions, m)
		into.parts = doc.Union(into.parts, m.participants)
		into.targets = doc.Union(into.targets, m.targets)
		into.hostedBy = doc.Union(into.hostedBy, m.hostedBy)
		into.places = doc.Union(into.places, m.places)
		into.treaties = doc.Union(into.treaties, m.treaties)
	}
	// What two people say or discuss on the day they talk by telephone
	// is the call ("President Putin and President Maduro discussed …",
	// "Obama stressed …" in a call's readout), not talks or a public
	// statement of its own.
	// Likewise what the people at a meeting discuss there ("a meeting
	// between Cho and Wang is expected … the two ministers will exchange
	// views") is the meeting.
	for _, call := range events {
		if call.typ != kg.Call && call.typ != kg.Meeting {
			continue
		}
		for _, ev := range events {
			if ev == call || ev.typ != kg.Statement && ev.typ != kg.Talks || ev.date != call.date || len(ev.mentions) == 0 {
				continue
			}
			if call.typ == kg.Meeting && (ev.typ != kg.Talks || slices.ContainsFunc(ev.mentions, func(m *eventMention) bool { return !m.verb })) {
				continue // "the talks" are talks of their own
			}
			if !slices.ContainsFunc(ev.parts, func(id string) bool { return x.Ents[id].Kind == kg.Person }) {
				continue
			}
			if call.typ == kg.Call {
				// On a call, sharing a caller is enough: "during an
				// official phone call, … Tagelagi spoke with … Joly".
				if !slices.ContainsFunc(ev.parts, func(id string) bool { return x.Ents[id].Kind == kg.Person && slices.Contains(call.parts, id) }) {
					continue
				}
			} else if slices.ContainsFunc(ev.parts, func(id string) bool { return !slices.Contains(call.parts, id) }) {
				continue
			}
			call.mentions = append(call.mentions, ev.mentions...)
			call.parts = doc.Union(call.parts, ev.parts)
			ev.mentions = nil
		}
	}
	// A press release is its issuer's statement: what "the Department
	// of State commends" or "the United States welcomes" on its day is
	// the release, by its author for them.
	for _, rel := range events {
		if !slices.ContainsFunc(rel.mentions, func(m *eventMention) bool { return m.release }) {
			continue
		}
		for _, ev := range events {
			if ev == rel || ev.typ != kg.Statement || ev.date != rel.date || len(ev.mentions) == 0 ||
				slices.ContainsFunc(ev.parts, func(id string) bool { return x.Ents[id].Kind == kg.Person }) {
				continue
			}
			rel.mentions = append(rel.mentions, ev.mentions...)
			rel.parts = doc.Union(rel.parts, ev.parts)
			ev.mentions = nil
		}
	}
	for _, ev := range events {
		if len(ev.mentions) == 0 {
			continue // merged into another
		}
		if ev.typ != kg.War && tooLong(ev.date, ev.end) {
			// Only a war is spread over more than a decade; any other
			// event dated so ("the last this century", a narrative's
			// century) has no placeable date, and is left out.
			continue
		}
		if ev.typ == kg.Visit && !slices.ContainsFunc(ev.parts, func(id string) bool { return x.Ents[id].Kind == kg.Person }) {
			// People visit, states receive them: "A Russian fleet made
			// the long trip …", "submarines to visit its ports".
			continue
		}
		if ev.label == "Reduction of relations" && len(ev.treaties) > 0 && !slices.ContainsFunc(ev.mentions, func(m *eventMention) bool {
			return x.Toks.CueIn(representationCue, x.Sents[m.sent].Start, x.Sents[m.sent].End)
		}) {
			// "Russia withdrew from the Open Skies Treaty": a withdrawal
			// from a treaty (WITHDREW_FROM, treaties/relations.go), not
			// a downgrade of relations with anyone.
			ev.label, ev.targets, ev.cameo = "Withdrawal", nil, "" // CAMEO has no code of its own for it
		}
		// A directed act names its sources and targets apart; when
		// every participant is a target, no one is known to act.
		var sources, targets []string
		for _, id := range ev.parts {
			if slices.Contains(ev.hostedBy, id) && len(ev.parts) > len(ev.hostedBy) {
				continue // a visit is named by its visitors: "Visit of Antony Blinken to Beijing"
			}
			if slices.Contains(ev.targets, id) {
				targets = append(targets, x.Ents[id].Name)
			} else {
				sources = append(sources, x.Ents[id].Name)
			}
		}

		slices.Sort(sources)
		slices.Sort(targets)
		place := ""
		if len(ev.places) > 0 {
			place = x.Ents[ev.places[0]].Name
		}
		name := eventName(ev.typ, ev.label, sources, targets, place, ev.date)
		for _, m := range ev.mentions {
			if m.name != "" {
				name = m.name // a war is known by its name
				break
			}
		}
		e := x.Entity(kg.Event, name)
		e.EventType, e.Status, e.Date, e.End = ev.typ, ev.status, ev.date, ev.end
		code := cameo[ev.typ]
		if ev.cameo != "" {
			code = ev.cameo
		}
		if ev.status == kg.Planned && (ev.typ == kg.Meeting || ev.typ == kg.Visit || ev.typ == kg.Talks || ev.typ == kg.Summit) {
			code = "036"
		}
		if code != "" {
			e.Attrs["cameo"] = code
		}
		sents := []int{}
		for _, m := range ev.mentions {
			if !slices.Contains(sents, m.sent) {
				sents = append(sents, m.sent)
			}
		}
		for _, s := range sents {
			for _, p := range ev.parts {
				role := ""
				switch {
				case slices.Contains(ev.targets, p):
					role = "target"
				case slices.Contains(ev.hostedBy, p):
					role = "host"
				}
				x.Edge(kg.ParticipatedIn, p, e.ID, role, ev.date, ev.end, ev.status, s)
			}
			for _, p := range ev.places {
				x.Edge(kg.HeldIn, e.ID, p, "", ev.date, ev.end, ev.status, s)
			}
			for _, t := range ev.treaties {
				x.Edge(kg.Concerns, e.ID, t, "", ev.date, ev.end, ev.status, s)
			}
		}
	}
}

// withStates returns the ids with, for each person, the state they act
// for: Kwasniewski and Havel are Poland and the Czech Republic.
func (x rules) withStates(ids []string) []string {
	out := slices.Clone(ids)
	for _, id := range ids {
		if st := x.PersonState[id]; st != "" {
			out = append(out, kg.EntityID(kg.State, st))
		}
	}
	return out
}

// representationCue names diplomatic relations or a state's
// representation, which a "Reduction of relations" reduces.
var representationCue = text.NewCues("relations|ties|ambassador|ambassadors|envoy|envoys|embassy|embassies|diplomats|diplomat|mission")

// eventName makes the canonical name an event's id derives from, so that
// two articles reporting the same meeting of the same people on the same
// day produce one node.
func eventName(t kg.EventType, label string, people, targets []string, place string, d kg.Date) string {
	who := joinNames(people)
	var s string
	switch t {
	case kg.Visit:
		s = "Visit of " + who
		if place != "" {
			s += " to " + place
		}
	case kg.Statement:
		s = "Statement by " + who
	case kg.Talks:
		s = "Talks of " + who
	case kg.Call:
		s = "Call between " + who
	case kg.Summons:
		switch {
		case len(targets) > 0 && len(people) > 0:
			s = "Summons of " + joinNames(targets) + " by " + who
		case len(targets) > 0:
			s = "Summons of " + joinNames(targets) // by whom, the text does not say
		default:
			s = "Summons by " + who
		}
	case kg.OtherEvent:
		// Accessions, attacks, demands, appeals, coercion: the trigger's
		// label says which.
		if label == "" {
			label = "Event"
		}
		switch prep, ok := targetPrepositions[label]; {
		case ok && len(targets) > 0 && len(people) > 0:
			// "Coercion of Japan by France, Germany and Russian Empire"
			s = label + " " + prep + " " + joinNames(targets) + " by " + who
		case ok && len(targets) > 0:
			s = label + " " + prep + " " + joinNames(targets) // by whom, the text does not say
		case ok:
			s = label + " by " + who // "Expulsion by Japan": Japan expelled
		default:
			s = label + " of " + who
		}
	default:
		s = strings.ToUpper(string(t[:1])) + strings.ToLower(string(t[1:])) + " of " + who
	}
	return s + ", " + d.String()
}

func joinNames(ns []string) string {
	switch len(ns) {
	case 0:
		return ""
	case 1:
		return ns[0]
	}
	return strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1]
}
