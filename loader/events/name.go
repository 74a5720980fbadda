package events

import "github.com/diplograph/diplograph/kg"

// Name returns the canonical name an event's id derives from: its type
// (label names an OTHER event: "Attack", "Demand"), its participants'
// canonical names in order, the place of a visit, and its date. Other
// inputs that add events (GDELT rows, loader/gdelt) name them with it, so
// that an event an article reports and one they record, of the same type,
// participants and day, are one node.
func Name(t kg.EventType, label string, participants []string, place string, d kg.Date) string {
	return eventName(t, label, participants, place, d)
}
