package storetest

import (
	"strings"
	"unicode/utf8"

	"github.com/diplograph/diplograph/kg"
)

// The fixture is a small slice of post-war Japanese diplomacy: Japan and the
// Soviet Union ending their state of war with the 1956 Joint Declaration,
// the 1960 security treaty with the United States, and Foreign Ministers
// Kono and Lavrov meeting in Moscow on 14 January 2019. Every test starts
// from diplomacy() on a fresh store, so the ids below name real things and
// the expected results can be checked by reading the data.

// Entity ids, derived the way loaders derive them.
var (
	idJapan       = kg.EntityID(kg.State, "Japan")
	idSoviet      = kg.EntityID(kg.State, "Soviet Union")
	idRussia      = kg.EntityID(kg.State, "Russia")
	idUS          = kg.EntityID(kg.State, "United States")
	idKono        = kg.EntityID(kg.Person, "Taro Kono")
	idLavrov      = kg.EntityID(kg.Person, "Sergey Lavrov")
	idCavusoglu   = kg.EntityID(kg.Person, "Mevlüt Çavuşoğlu")
	idHatoyama    = kg.EntityID(kg.Person, "Ichiro Hatoyama")
	idMFA         = kg.EntityID(kg.Organization, "Ministry of Foreign Affairs of Japan")
	idMoscow      = kg.EntityID(kg.Place, "Moscow")
	idTokyo       = kg.EntityID(kg.Place, "Tokyo")
	idKurils      = kg.EntityID(kg.Place, "Kuril Islands")
	idDeclaration = kg.EntityID(kg.Treaty, "Soviet-Japanese Joint Declaration")
	idAnpo        = kg.EntityID(kg.Treaty, "Treaty of Mutual Cooperation and Security between the United States and Japan")
	idWW2         = kg.EntityID(kg.Event, "Second World War")
	idMoscowTalks = kg.EntityID(kg.Event, "Moscow negotiations")
	idHatoyamaVis = kg.EntityID(kg.Event, "Hatoyama visit to Moscow")
	idSigning     = kg.EntityID(kg.Event, "Signing of the Joint Declaration")
	idEisenhower  = kg.EntityID(kg.Event, "Eisenhower visit to Japan")
	idSummit      = kg.EntityID(kg.Event, "Abe–Putin summit in Singapore")
	idKonoLavrov  = kg.EntityID(kg.Event, "Kono–Lavrov meeting")
	idPeaceTalks  = kg.EntityID(kg.Event, "Japan–Russia peace treaty negotiations")
	idArticle     = kg.ArticleID("kono-lavrov-2019-01-14")
)

// articleText is the body evidence offsets point into.
const articleText = "Japanese Foreign Minister Taro Kono met Russian Foreign Minister Sergey Lavrov in Moscow on 14 January 2019. " +
	"The ministers discussed a peace treaty on the basis of the 1956 Joint Declaration."

// sentence returns the evidence for the i-th sentence of articleText.
func sentence(i int) kg.Evidence {
	sentences := []string{
		"Japanese Foreign Minister Taro Kono met Russian Foreign Minister Sergey Lavrov in Moscow on 14 January 2019.",
		"The ministers discussed a peace treaty on the basis of the 1956 Joint Declaration.",
	}
	q := sentences[i]
	start := utf8.RuneCountInString(articleText[:strings.Index(articleText, q)])
	return kg.Evidence{Article: idArticle, Sentence: i, Quote: q, Start: start, End: start + utf8.RuneCountInString(q)}
}

// Named edges of the fixture, so that tests can list what they expect.
var (
	eJapanDeclaration  = edge(kg.PartyTo, idJapan, idDeclaration, "", "1956-10-19", "", kg.InForce)
	eSovietDeclaration = edge(kg.PartyTo, idSoviet, idDeclaration, "", "1956-10-19", "", kg.InForce)
	eHatoyamaSigned    = edge(kg.SignedEdge, idHatoyama, idDeclaration, "", "1956-10-19", "", kg.Signed)
	eJapanAnpo         = edge(kg.PartyTo, idJapan, idAnpo, "", "1960-01-19", "", kg.InForce)
	eUSAnpo            = edge(kg.PartyTo, idUS, idAnpo, "", "1960-01-19", "", kg.InForce)
	eJapanAllied       = edge(kg.AlliedWith, idJapan, idUS, "", "1960", "", "")
	eJapanMoscowTalks  = edge(kg.ParticipatedIn, idJapan, idMoscowTalks, "", "1956", "", kg.Occurred)
	eSovietMoscowTalks = edge(kg.ParticipatedIn, idSoviet, idMoscowTalks, "host", "1956-10", "", kg.Occurred)
	eTalksConcern      = edge(kg.Concerns, idMoscowTalks, idDeclaration, "", "", "", "")
	eHatoyamaVisit     = edge(kg.ParticipatedIn, idHatoyama, idHatoyamaVis, "", "1956-10-12", "", kg.Occurred)
	eVisitMoscow       = edge(kg.HeldIn, idHatoyamaVis, idMoscow, "", "", "", "")
	eKonoOffice        = edge(kg.HoldsOffice, idKono, idJapan, "Foreign Minister", "2017-08", "2019-09", "")
	eLavrovOffice      = edge(kg.HoldsOffice, idLavrov, idRussia, "Foreign Minister", "2004-03-09", "", "")
	eJapanClaims       = edge(kg.Claims, idJapan, idKurils, "", "", "", "")
	eTokyoInJapan      = edge(kg.LocatedIn, idTokyo, idJapan, "", "", "", "")
	eMoscowInRussia    = edge(kg.LocatedIn, idMoscow, idRussia, "", "", "", "")
	eSovietSucceeded   = edge(kg.SucceededBy, idSoviet, idRussia, "", "1991-12", "", "")
	eJapanSummit       = edge(kg.ParticipatedIn, idJapan, idSummit, "", "2018-11-14", "", kg.Occurred)
	eRussiaSummit      = edge(kg.ParticipatedIn, idRussia, idSummit, "", "2018-11-14", "", kg.Occurred)
	eKonoMeeting       = edge(kg.ParticipatedIn, idKono, idKonoLavrov, "", "2019-01-14", "", kg.Occurred, sentence(0))
	eLavrovMeeting     = edge(kg.ParticipatedIn, idLavrov, idKonoLavrov, "host", "2019-01-14", "", kg.Occurred, sentence(0))
	eMeetingMoscow     = edge(kg.HeldIn, idKonoLavrov, idMoscow, "", "2019-01-14", "", "", sentence(0))
	eMeetingConcerns   = edge(kg.Concerns, idKonoLavrov, idDeclaration, "", "2019-01-14", "", "", sentence(1))
	eMFAInJapan        = edge(kg.LocatedIn, idMFA, idTokyo, "", "", "", "")
	eMentionsKono      = edge(kg.Mentions, idArticle, idKono, "", "", "", "", sentence(0))
	eMentionsCavusoglu = edge(kg.Mentions, idArticle, idCavusoglu, "", "", "", "")
)

// japanEdges are the edges of Japan in the order Edges returns them: by
// date (coarser first on the same start day), undated last by id.
func japanEdges() []*kg.Edge {
	dated := []*kg.Edge{
		eJapanMoscowTalks, // 1956
		eJapanDeclaration, // 1956-10-19
		eJapanAllied,      // 1960
		eJapanAnpo,        // 1960-01-19
		eKonoOffice,       // 2017-08 .. 2019-09, IN
		eJapanSummit,      // 2018-11-14
	}
	undated := sortedByID(eJapanClaims, eTokyoInJapan) // CLAIMS out, LOCATED_IN in
	return append(dated, undated...)
}

// diplomacy returns the fixture as one fresh batch; tests may change it.
func diplomacy() *kg.Batch {
	d := kg.MustParseDate
	b := &kg.Batch{
		Articles: []kg.Article{{
			ID:        idArticle,
			Title:     "Kono and Lavrov hold talks in Moscow",
			URL:       "https://example.org/news/2019/01/14/kono-lavrov",
			Published: d("2019-01-14"),
			Source:    "testdata/kono-lavrov.txt",
			Text:      articleText,
		}},
		Entities: []kg.Entity{
			{ID: idJapan, Kind: kg.State, Name: "Japan", Aliases: []string{"Nippon", "日本"}, Attrs: map[string]string{"iso3": "JPN"}},
			{ID: idSoviet, Kind: kg.State, Name: "Soviet Union", Aliases: []string{"USSR", "Union of Soviet Socialist Republics", "Советский Союз"}, Attrs: map[string]string{"iso3": "SUN"}},
			{ID: idRussia, Kind: kg.State, Name: "Russia", Aliases: []string{"Russian Federation", "Россия"}, Attrs: map[string]string{"iso3": "RUS"}},
			{ID: idUS, Kind: kg.State, Name: "United States", Aliases: []string{"U.S.", "USA"}, Attrs: map[string]string{"iso3": "USA"}},
			{ID: idKono, Kind: kg.Person, Name: "Taro Kono", Aliases: []string{"Kono Taro", "河野太郎"}, Attrs: map[string]string{"role": "Foreign Minister", "state": idJapan}},
			{ID: idLavrov, Kind: kg.Person, Name: "Sergey Lavrov", Aliases: []string{"Sergei Lavrov", "Сергей Лавров"}, Attrs: map[string]string{"role": "Foreign Minister", "state": idRussia}},
			{ID: idCavusoglu, Kind: kg.Person, Name: "Mevlüt Çavuşoğlu", Attrs: map[string]string{"role": "Foreign Minister"}},
			{ID: idHatoyama, Kind: kg.Person, Name: "Ichiro Hatoyama", Aliases: []string{"鳩山一郎"}, Attrs: map[string]string{"role": "Prime Minister", "state": idJapan}},
			{ID: idMFA, Kind: kg.Organization, Name: "Ministry of Foreign Affairs of Japan", Aliases: []string{"MOFA", "Gaimushō"}},
			{ID: idMoscow, Kind: kg.Place, Name: "Moscow", Aliases: []string{"Москва"}},
			{ID: idTokyo, Kind: kg.Place, Name: "Tokyo", Aliases: []string{"東京"}},
			{ID: idKurils, Kind: kg.Place, Name: "Kuril Islands", Aliases: []string{"Northern Territories", "Курильские острова"}},
			{ID: idDeclaration, Kind: kg.Treaty, Name: "Soviet-Japanese Joint Declaration", Aliases: []string{"Japan-Soviet Joint Declaration of 1956", "日ソ共同宣言"},
				Date: d("1956-10-19"), Status: kg.InForce},
			{ID: idAnpo, Kind: kg.Treaty, Name: "Treaty of Mutual Cooperation and Security between the United States and Japan", Aliases: []string{"1960 security treaty", "Anpo"},
				Date: d("1960-01-19"), Status: kg.InForce},
			{ID: idWW2, Kind: kg.Event, Name: "Second World War", Aliases: []string{"World War II"}, EventType: kg.War, Status: kg.Occurred,
				Date: d("1939-09-01"), End: d("1945-09-02")},
			{ID: idMoscowTalks, Kind: kg.Event, Name: "Moscow negotiations", EventType: kg.Talks, Status: kg.Occurred,
				Date: d("1956-10"), End: d("1956-10-19"), Attrs: map[string]string{"cameo": "046"}},
			{ID: idHatoyamaVis, Kind: kg.Event, Name: "Hatoyama visit to Moscow", EventType: kg.Visit, Status: kg.Occurred, Date: d("1956-10-12")},
			{ID: idSigning, Kind: kg.Event, Name: "Signing of the Joint Declaration", EventType: kg.Signing, Status: kg.Occurred, Date: d("1956-10-19")},
			{ID: idEisenhower, Kind: kg.Event, Name: "Eisenhower visit to Japan", EventType: kg.Visit, Status: kg.Cancelled, Date: d("1960-06")},
			{ID: idSummit, Kind: kg.Event, Name: "Abe–Putin summit in Singapore", EventType: kg.Summit, Status: kg.Occurred, Date: d("2018-11-14")},
			{ID: idKonoLavrov, Kind: kg.Event, Name: "Kono–Lavrov meeting", EventType: kg.Meeting, Status: kg.Occurred, Date: d("2019-01-14"),
				Attrs: map[string]string{"cameo": "036"}},
			{ID: idPeaceTalks, Kind: kg.Event, Name: "Japan–Russia peace treaty negotiations", EventType: kg.Talks, Status: kg.Planned},
		},
	}
	for _, e := range []*kg.Edge{
		eJapanDeclaration, eSovietDeclaration, eHatoyamaSigned, eJapanAnpo, eUSAnpo, eJapanAllied,
		eJapanMoscowTalks, eSovietMoscowTalks, eTalksConcern, eHatoyamaVisit, eVisitMoscow,
		eKonoOffice, eLavrovOffice, eJapanClaims, eTokyoInJapan, eMoscowInRussia, eSovietSucceeded,
		eJapanSummit, eRussiaSummit, eKonoMeeting, eLavrovMeeting, eMeetingMoscow, eMeetingConcerns,
		eMFAInJapan, eMentionsKono, eMentionsCavusoglu,
	} {
		b.Edges = append(b.Edges, cloneEdge(e))
	}
	return b
}

// edge builds an edge with its derived id; dates are TIMEX3 strings.
func edge(t kg.EdgeType, from, to, role, date, end string, status kg.Status, ev ...kg.Evidence) *kg.Edge {
	return &kg.Edge{
		ID: kg.EdgeID(t, from, to, role), Type: t, From: from, To: to, Role: role,
		Date: kg.MustParseDate(date), End: kg.MustParseDate(end), Status: status, Evidence: ev,
	}
}

func cloneEdge(e *kg.Edge) kg.Edge {
	c := *e
	c.Evidence = append([]kg.Evidence(nil), e.Evidence...)
	return c
}

// entityByID returns a copy of the fixture entity with the given id.
func entityByID(id string) *kg.Entity {
	for _, e := range diplomacy().Entities {
		if e.ID == id {
			return &e
		}
	}
	panic("storetest: no fixture entity " + id)
}
