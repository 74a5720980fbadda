package events

import "github.com/diplograph/diplograph/kg"

// Name returns the canonical name an event's id derives from: its type
// (label names an OTHER event: "Attack", "Demand"), its sources' and
// targets' canonical names in order, the place of a visit, and its date.
// Other inputs that add events (GDELT rows, loader/gdelt) name them with
// it, so that an event an article reports and one they record, of the same
// type, participants and day, are one node.
func Name(t kg.EventType, label string, sources, targets []string, place string, d kg.Date) string {
	return eventName(t, label, sources, targets, place, d)
}

// Directed reports whether events of the type and label have a source and
// a target kept apart (an attack, a coercion, sanctions, a summons): their
// name says who did what to whom, and the target's PARTICIPATED_IN edge has
// the role "target".
func Directed(t kg.EventType, label string) bool {
	return t == kg.Summons || (t == kg.OtherEvent && directed(label))
}
