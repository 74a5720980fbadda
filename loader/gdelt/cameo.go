package gdelt

import "github.com/diplograph/diplograph/kg"

// eventKind maps a CAMEO event code to the graph's event type, the label
// of an OTHER event, and its status, as the article extractor types the
// events it codes with the same code (loader/events: its cameo table and
// triggers' labels), so that the same event from both inputs gets the same
// name. Codes the extractor never makes are OTHER events labelled by their
// CAMEO root category.
func eventKind(code string) (kg.EventType, string, kg.Status) {
	switch code {
	case "036": // express intent to meet or negotiate
		return kg.Meeting, "", kg.Planned
	case "040", "044": // consult; meet at a "third" location
		return kg.Meeting, "", kg.Occurred
	case "041": // discuss by telephone
		return kg.Call, "", kg.Occurred
	case "042", "043": // make a visit; host a visit
		return kg.Visit, "", kg.Occurred
	case "045", "046": // mediate; engage in negotiation
		return kg.Talks, "", kg.Occurred
	case "057": // sign formal agreement
		return kg.Signing, "", kg.Occurred
	case "161": // reduce or break diplomatic relations
		return kg.OtherEvent, "Break of relations", kg.Occurred
	case "174": // expel or deport individuals
		return kg.OtherEvent, "Expulsion", kg.Occurred
	}
	root := code
	if len(root) > 2 {
		root = root[:2]
	}
	switch root {
	case "01": // make public statement
		return kg.Statement, "", kg.Occurred
	case "04": // consult
		return kg.Meeting, "", kg.Occurred
	}
	if label, ok := rootLabels[root]; ok {
		return kg.OtherEvent, label, kg.Occurred
	}
	return kg.OtherEvent, "Event", kg.Occurred
}

// rootLabels name the CAMEO root categories; where the extractor labels
// events of a code in the category (Appeal 020, Agreement 030, Demand 100,
// Suspension 160, Coercion 170, Attack 190), the label is the extractor's.
var rootLabels = map[string]string{
	"02": "Appeal",
	"03": "Agreement", // intent to cooperate
	"05": "Diplomatic cooperation",
	"06": "Material cooperation",
	"07": "Aid",
	"08": "Concession",
	"09": "Investigation",
	"10": "Demand",
	"11": "Disapproval",
	"12": "Rejection",
	"13": "Threat",
	"14": "Protest",
	"15": "Show of force",
	"16": "Suspension", // reduce relations
	"17": "Coercion",
	"18": "Assault",
	"19": "Attack", // fight
	"20": "Mass violence",
}
