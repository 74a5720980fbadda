// Package recognize finds the names in an article: the states, places,
// organizations and office holders the gazetteer knows (GazetteerNames),
// people introduced by a title (TitledPeople) or by the shape of the
// sentence around their name (NamedPeople), ministries (Ministries), and
// the facts that follow from names alone: territorial claims (Claims),
// where places lie (LinkPlaces) and which state succeeded which
// (LinkSuccessions). The recognizers of names claim the tokens of what
// they find (doc.Doc.Cover), so their order in extraction decides which
// reading of a word wins.
package recognize

import "github.com/diplograph/diplograph/loader/doc"

// rules is the document as the rules of this package see it, their
// receiver: a value that holds the *doc.Doc, so that their bodies read the
// shared state as x.Toks and x.Mentions through one pointer, as when all
// stages were one package.
type rules struct{ *doc.Doc }
