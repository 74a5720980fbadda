// Package examples holds the articles diplograph loads into an empty store
// on first start, so that a new user has a graph to query at once: the EIR
// article the project started from and the U.S. Department of State's
// public-domain "Milestones" essays on the treaties and alliances it
// mentions. Sources and terms are in NOTICE.
package examples

import "embed"

// Articles holds the bundled articles under "articles/".
//
//go:embed articles/*.txt
var Articles embed.FS

// Dir is the directory of Articles that holds the articles.
const Dir = "articles"
