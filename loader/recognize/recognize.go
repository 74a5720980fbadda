// Package recognize finds the names in an article: the states, places,
// organizations and office holders the gazetteer knows (GazetteerNames),
// people introduced by a title (TitledPeople) or by the shape of the
// sentence around their name (NamedPeople), ministries (Ministries), and
// the facts that follow from names alone: territorial claims (Claims),
// where places lie (LinkPlaces) and which state succeeded which
// (LinkSuccessions). Each recognizer claims the tokens of what it finds
// (doc.Doc.Cover), so their order in the pipeline decides which reading
// of a word wins.
package recognize

import "github.com/diplograph/diplograph/loader/doc"

// rules is the document as the rules of this package see it: their bodies
// read the shared state as x.Toks, x.Mentions.
type rules struct{ *doc.Doc }
