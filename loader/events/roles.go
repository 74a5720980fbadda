package events

import (
	"slices"
	"strings"
	"unicode"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/text"
)

// This file holds who does what to whom: the acts that have a source and
// a target (CAMEO's dyads: an attack, a coercion, an expulsion, sanctions)
// keep them apart, so that the event's name says who did it to whom and
// the target's PARTICIPATED_IN edge has the role "target".

// targetPrepositions are the labels of directed acts, with the word their
// name puts before the target: "Attack on Iraq by United States",
// "Coercion of Japan by France, …".
var targetPrepositions = map[string]string{
	"Attack": "on", "Coercion": "of", "Expulsion": "of", "Demand": "on", "Appeal": "to",
	"Sanctions": "on", "Reduction of relations": "with", "Break of relations": "with", "Suspension": "with",
	"Release": "of", "Intervention": "in",
}

// directed reports whether events of the label have a source and a target.
func directed(label string) bool {
	_, ok := targetPrepositions[label]
	return ok
}

// targetsOf returns the participants of m that its trigger (tokens
// first..last) acts on: those named as the verb's object, right after it
// ("attacked the Russian fleet") or inside a phrase with a gap ("forced
// Japan to give up …"), after "on", "against" or "of" after a noun ("an
// attack on Iraq", "sanctions against Russia"), or after "with" for
// relations ("broke off diplomatic relations with Syria"). The others are
// its sources. An act told by a noun with no source before it ("the Aug. 7
// terrorist blasts …") has targets only: who did it is unknown.
func (x rules) targetsOf(m *eventMention, first, last int, nominal bool, winEnd int) []string {
	if !nominal && first > 0 && x.TokSent[first-1] == x.TokSent[first] && passiveAux[x.Toks[first-1].Key] && !strings.HasSuffix(x.Toks[first].Key, "ing") {
		// "The French ambassador to Bamako was summoned": the subject
		// is acted on; who acted follows "by", if anyone.
		sent := x.Sents[x.TokSent[first]]
		var out []string
		for _, mm := range x.MentionsIn(sent.Start, x.Toks[first].Start) {
			if slices.Contains(m.participants, mm.ID) && !slices.Contains(out, mm.ID) {
				out = append(out, mm.ID)
			}
		}
		return out
	}
	if last > first+1 && !nominal {
		// The object inside the phrase: "forced Japan to".
		if out := x.objectNames(m, first+1, last, winEnd); len(out) > 0 {
			return out
		}
	}
	i := last + 1
	if i >= len(x.Toks) || x.TokSent[i] != x.TokSent[last] {
		return nil
	}
	switch {
	case strings.HasSuffix(m.label, "relations") || m.label == "Suspension":
		for j := i; j < len(x.Toks) && j <= i+4 && x.TokSent[j] == x.TokSent[last]; j++ {
			switch x.Toks[j].Key {
			case "with":
				return x.objectNames(m, j+1, j+8, winEnd)
			case "to", "from", "in":
				// "recalled its ambassador to Russia", "withdrew its
				// envoy from Qatar": the envoy's host is the target.
				if j > i && envoyWords[x.Toks[j-1].Key] {
					return x.objectNames(m, j+1, j+8, winEnd)
				}
			}
		}
		return nil
	case nominal || !x.verbalForm(first):
		// A noun's source is its modifier ("NATO airstrikes", "Iranian
		// missile attack"); everyone else it names is acted on. With no
		// modifier, who acted is unknown.
		src := x.modifierActor(first)
		return slices.DeleteFunc(slices.Clone(m.participants), func(id string) bool { return id == src })
	}
	if out := x.objectNames(m, i, i+7, winEnd); len(out) > 0 {
		return out
	}
	// The act's object is a thing, its target after a preposition:
	// "imposed sanctions on Russia", "issued its Twenty-One Demands of
	// China".
	for j := i; j < len(x.Toks) && j <= i+3 && x.TokSent[j] == x.TokSent[last]; j++ {
		switch x.Toks[j].Key {
		case "on", "against", "of", "upon", "to":
			return x.objectNames(m, j+1, j+8, winEnd)
		}
		if x.Toks[j].Upper() || j > i && strings.ContainsAny(x.Toks[j].Sep, ",;:") {
			break
		}
	}
	return nil
}

// passiveAux before a participle make it passive: "was summoned", "were
// expelled".
var passiveAux = map[string]bool{"was": true, "were": true, "been": true, "is": true, "are": true, "being": true, "be": true}

// envoyWords name a state's representation abroad, whose host a recall
// or a downgrade of relations acts on.
var envoyWords = map[string]bool{
	"ambassador": true, "ambassadors": true, "envoy": true, "envoys": true, "embassy": true, "embassies": true,
	"diplomats": true, "diplomat": true, "chargé": true, "charge": true, "mission": true,
}

// quantityWords open a noun phrase as its determiner does: "expelled two
// Russian diplomats", "several Iranian officials".
var quantityWords = map[string]bool{
	"one": true, "two": true, "three": true, "four": true, "five": true, "six": true, "seven": true,
	"eight": true, "nine": true, "ten": true, "dozens": true, "several": true, "some": true, "more": true, "many": true, "all": true,
}

// objectNames returns the participants of m named in the noun phrase
// that starts at token i (before token to and byte winEnd): the first
// actor after articles and titles, and those joined to it by "and" or
// commas. It returns nil when the phrase names no one ("expel most
// foreigners").
func (x rules) objectNames(m *eventMention, i, to, winEnd int) []string {
	var out []string
	at := -1
	if i < len(x.Toks) {
		switch x.Toks[i].Key {
		case "to", "on", "against", "of", "with", "upon":
			i++ // "turned to the United States"
		}
	}
	for j := i; j < len(x.Toks) && j < to && x.Toks[j].Start < winEnd && x.TokSent[j] == x.TokSent[i]; j++ {
		if j > i && strings.ContainsAny(x.Toks[j].Sep, ";:") {
			break
		}
		for _, mm := range x.MentionsAt(x.Toks[j].Start) {
			if !x.actor(mm) || !slices.Contains(m.participants, mm.ID) || slices.Contains(out, mm.ID) {
				continue
			}
			if at >= 0 && !joinsNames(x.Text[x.Toks[at].End:mm.Start]) {
				continue
			}
			out = append(out, mm.ID)
			at = x.Toks.At(mm.End) - 1
		}
		if at < 0 && !text.IsDeterminer(x.Toks[j].Key) && !quantityWords[x.Toks[j].Key] && !isDigits(x.Toks[j].Key) &&
			!x.Toks[j].Upper() && x.Toks[j].Key != "its" && x.Toks[j].Key != "their" && x.Toks[j].Key != "the" {
			break
		}
		if at >= 0 && j > at+3 {
			break
		}
	}
	return out
}

// verbalForm reports whether the trigger word at token i is a verb form
// that takes an object: a past or present participle, or a verb after
// "to" or a modal ("forced", "attacking", "to expel").
func (x rules) verbalForm(i int) bool {
	k := x.Toks[i].Key
	return strings.HasSuffix(k, "ed") || strings.HasSuffix(k, "ing") || x.verbal(i) || pastForms[k]
}

// modifierActor returns the actor that modifies an event noun at token i
// as its source: "NATO airstrikes", "U.S. air strikes", "Russia's
// invasion". It returns "" when none stands right before the noun.
func (x rules) modifierActor(i int) string {
	if i == 0 {
		return ""
	}
	start := x.Toks[i].Start
	for _, m := range x.MentionsIn(x.Sents[x.TokSent[i]].Start, start) {
		if !x.actor(m) {
			continue
		}
		// Up to two lower-case nouns between: "Iranian missile attack".
		gap := strings.Trim(x.Text[m.End:start], "'’s ")
		words := strings.Fields(gap)
		ok := len(words) <= 2
		for _, w := range words {
			ok = ok && !capitalized(w) && !text.IsFunctionWord(strings.ToLower(w)) && !strings.ContainsAny(w, ",;")
		}
		if ok {
			return m.ID
		}
	}
	return ""
}

// capitalized reports whether s starts with an upper-case letter.
func capitalized(s string) bool { return s != "" && unicode.IsUpper(text.FirstRune(s)) }

// opinionVerbs introduce what someone thinks or argues, not what
// happened: "Other Americans argued that … forcing them to interact …
// was a necessity".
var opinionVerbs = map[string]bool{
	"argued": true, "argue": true, "argues": true, "believed": true, "believe": true, "believes": true,
	"thought": true, "think": true, "thinks": true, "feared": true, "fear": true, "fears": true,
	"speculated": true, "suspected": true, "suggested": true, "worried": true, "hoped": true, "doubted": true,
	// What is denied or only reported is not asserted either: "Erdogan
	// denied that he had met Assad", "reports that the two met".
	"denied": true, "denies": true, "deny": true, "denying": true, "refuted": true, "disputed": true,
	"reports": true, "claims": true, "rumors": true, "rumours": true, "allegations": true, "speculation": true,
}

// conditional reports whether the trigger at token i lies in a clause
// that "if", "unless" or "whether" opens: back to the clause's start, at
// a comma, a semicolon or the sentence's start.
func (x rules) conditional(i int) bool {
	for j := i - 1; j >= 0 && j >= i-12 && x.TokSent[j] == x.TokSent[i]; j-- {
		switch x.Toks[j].Key {
		case "if", "unless", "whether":
			return true
		}
		if strings.ContainsAny(x.Toks[j].Sep, ",;:") {
			return false
		}
	}
	return false
}

// inOpinion reports whether the trigger at token i lies in a clause that
// an opinion verb and "that" introduce in its sentence.
func (x rules) inOpinion(i int) bool {
	for j := i - 1; j > 0 && j >= i-30 && x.TokSent[j] == x.TokSent[i]; j-- {
		if x.Toks[j].Key == "that" && opinionVerbs[x.Toks[j-1].Key] {
			return true
		}
	}
	return false
}

// relativeSource reports, for a verb at token i right after a relative
// pronoun ("The Dayton Agreement, which ended the Bosnian War"), whether
// the noun the pronoun stands for is an actor; ok is false when the verb
// follows no relative pronoun.
func (x rules) relativeSource(i int) (actor, ok bool) {
	j := i - 1
	for j >= 0 && x.TokSent[j] == x.TokSent[i] && (sentenceAdverbs[x.Toks[j].Key] || strings.HasSuffix(x.Toks[j].Key, "ly")) {
		j--
	}
	if j < 1 || x.TokSent[j] != x.TokSent[i] {
		return false, false
	}
	switch x.Toks[j].Key {
	case "which", "that", "who":
	default:
		return false, false
	}
	at := x.Toks[j].Start
	for _, m := range x.MentionsIn(x.Sents[x.TokSent[i]].Start, at) {
		if m.End <= at && strings.Trim(x.Text[m.End:at], " ,") == "" {
			return x.actor(m) && !x.inName(m.Start, kg.Treaty), true
		}
	}
	return false, true
}

// partnerAt reports whether the token at i is one of words in the
// sentence of the token before it.
func (x rules) partnerAt(i int, words ...string) bool {
	return i > 0 && i < len(x.Toks) && x.TokSent[i] == x.TokSent[i-1] && slices.Contains(words, x.Toks[i].Key)
}

// subjectActor returns the actor named last before the verb at token i in
// its clause, its likely subject, or "".
func (x rules) subjectActor(i int) string {
	sent := x.TokSent[i]
	for j := i - 1; j >= 0 && j >= i-12 && x.TokSent[j] == sent; j-- {
		if j < i-1 && strings.ContainsAny(x.Toks[j+1].Sep, ",;:") {
			break
		}
		for _, m := range x.MentionsAt(x.Toks[j].Start) {
			if x.actor(m) && !x.inName(m.Start, kg.Treaty) {
				return m.ID
			}
		}
	}
	return ""
}

// isDigits reports whether k is a number written in digits ("12").
func isDigits(k string) bool {
	for _, c := range k {
		if c < '0' || c > '9' {
			return false
		}
	}
	return k != ""
}
