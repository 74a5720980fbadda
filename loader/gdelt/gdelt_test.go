package gdelt

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/loader/events"
	"github.com/diplograph/diplograph/loader/gazetteer"
)

// sample is the shared GDELT 2.0 export (2,111 rows of 2019-10-24).
const sample = "../../../shared/data/gdelt/gdelt2_20191024143000.export.CSV"

// testRow returns a GDELT 2.0 row with the given actors, code and day.
func testRow(id, a1, a1name, a2, a2name, code, day, geoType, geoName, url string) string {
	f := make([]string, columns)
	f[colGlobalEventID], f[colSQLDate] = id, day
	f[colActor1Code], f[colActor1Name] = a1, a1name
	f[colActor2Code], f[colActor2Name] = a2, a2name
	f[colEventCode] = code
	f[colActionGeoType], f[colActionGeoName] = geoType, geoName
	f[colDateAdded], f[colSourceURL] = day+"143000", url
	return strings.Join(f, "\t")
}

func TestEventKind(t *testing.T) {
	tests := []struct {
		code   string
		typ    kg.EventType
		label  string
		status kg.Status
	}{
		{"040", kg.Meeting, "", kg.Occurred},
		{"043", kg.Visit, "", kg.Occurred},
		{"041", kg.Call, "", kg.Occurred},
		{"046", kg.Talks, "", kg.Occurred},
		{"036", kg.Meeting, "", kg.Planned},
		{"057", kg.Signing, "", kg.Occurred},
		{"010", kg.Statement, "", kg.Occurred},
		{"0214", kg.OtherEvent, "Appeal", kg.Occurred},
		{"030", kg.OtherEvent, "Agreement", kg.Occurred},
		{"190", kg.OtherEvent, "Attack", kg.Occurred},
		{"1723", kg.OtherEvent, "Coercion", kg.Occurred},
		{"161", kg.OtherEvent, "Break of relations", kg.Occurred},
		{"145", kg.OtherEvent, "Protest", kg.Occurred},
	}
	for _, tc := range tests {
		typ, label, status := eventKind(tc.code)
		if typ != tc.typ || label != tc.label || status != tc.status {
			t.Errorf("eventKind(%q) = %s %q %s, want %s %q %s", tc.code, typ, label, status, tc.typ, tc.label, tc.status)
		}
	}
}

// TestActors maps actor codes to states and organizations.
func TestActors(t *testing.T) {
	m := newMapper(gazetteer.Default(), "test")
	day := kg.MustParseDate("2019-10-24")
	tests := []struct {
		code string
		want string // entity id, "" for none
	}{
		{"USA", "state:united-states"},
		{"USAGOV", "state:united-states"},
		{"RUSMIL", "state:russia"},
		{"JPNGOVLEG", "state:japan"},
		{"USABUS", ""}, // a country's businesses are not the state
		{"GBRCVL", ""}, // nor its civilians
		{"COP", ""},    // police of no known country
		{"GOV", ""},    // a government of no known country
		{"IGOUNO", "organization:united-nations"},
		{"IGOWSTNAT", "organization:nato"},
		{"IGOEUREEC", "organization:european-union"},
		{"IGOXYZ", ""},
		{"", ""},
	}
	for _, tc := range tests {
		e, ok := m.entity(actor{code: tc.code}, day)
		got := ""
		if ok {
			got = e.ID
		}
		if got != tc.want {
			t.Errorf("actor %q = %q, want %q", tc.code, got, tc.want)
		}
	}
}

func TestParseRowErrors(t *testing.T) {
	good := testRow("1", "USA", "UNITED STATES", "RUS", "RUSSIA", "040", "20191024", "", "", "https://example.org/a")
	tests := map[string]string{
		"too few columns": "1\t20191024\tUSA",
		"bad date":        strings.Replace(good, "20191024", "2019-10-24", 1),
		"no event code":   strings.Replace(good, "\t040\t", "\t\t", 1),
	}
	for name, line := range tests {
		if _, err := parseRow(line); err == nil {
			t.Errorf("%s: parsed", name)
		}
	}
	if _, err := parseRow(good); err != nil {
		t.Errorf("good row: %v", err)
	}
}

// TestRowGraph checks the graph of one row: the event named as the
// extractor names it, both participants, the place of a visit, and the
// source URL as the evidence's article.
func TestRowGraph(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "20191024143000.export.CSV")
	rows := []string{
		testRow("11", "JPNGOV", "JAPAN", "RUS", "RUSSIA", "042", "20190114", "4", "Moscow, Moskva, Russia", "https://example.org/visit"),
		testRow("12", "JPN", "JAPAN", "RUSGOV", "RUSSIA", "042", "20190114", "4", "Moscow, Moskva, Russia", "https://example.org/other"),
		testRow("13", "USABUS", "COMPANY", "", "", "040", "20190114", "", "", "https://example.org/skip"),
	}
	if err := os.WriteFile(path, []byte(strings.Join(rows, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var got kg.Batch
	r := &Reader{}
	sum, fails, err := r.Read(context.Background(), []string{path}, func(b *kg.Batch) error {
		got.Articles = append(got.Articles, b.Articles...)
		got.Entities = append(got.Entities, b.Entities...)
		got.Edges = append(got.Edges, b.Edges...)
		return nil
	})
	if err != nil || len(fails) > 0 {
		t.Fatalf("Read: %v %v", err, fails)
	}
	if diff := gocmp.Diff(Summary{Rows: 3, Events: 2, Skipped: 1}, sum); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	day := kg.MustParseDate("2019-01-14")
	wantEvent := kg.EntityID(kg.Event, events.Name(kg.Visit, "", []string{"Japan", "Russia"}, nil, "Moscow", day))
	var evs []string
	for _, e := range got.Entities {
		if e.Kind == kg.Event {
			evs = append(evs, e.ID)
		}
	}
	if diff := gocmp.Diff([]string{wantEvent}, evs); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	var types []string
	for _, e := range got.Edges {
		types = append(types, string(e.Type)+" "+e.From+" "+e.To)
		if len(e.Evidence) != 2 {
			t.Errorf("edge %s cites %d sources, want both rows'", e.ID, len(e.Evidence))
		}
	}
	slices.Sort(types)
	want := []string{
		"HELD_IN " + wantEvent + " place:moscow",
		"PARTICIPATED_IN state:japan " + wantEvent,
		"PARTICIPATED_IN state:russia " + wantEvent,
	}
	if diff := gocmp.Diff(want, types); diff != "" {
		t.Errorf("edges (-want +got):\n%s", diff)
	}
	var urls []string
	for _, a := range got.Articles {
		urls = append(urls, a.URL)
		if a.Text != "" {
			t.Errorf("article %s has text", a.ID)
		}
	}
	if diff := gocmp.Diff([]string{"https://example.org/visit", "https://example.org/other"}, urls); diff != "" {
		t.Errorf("source articles (-want +got):\n%s", diff)
	}
	if err := kg.ValidateBatch(&got); err != nil {
		t.Errorf("the graph is no valid batch: %v", err)
	}
}

// TestSample reads the shared export: every row parses, and the rows
// with a state or organization among their actors become events.
func TestSample(t *testing.T) {
	if _, err := os.Stat(sample); err != nil {
		t.Fatalf("the shared GDELT sample is missing (%v): it comes with ../shared", err)
	}
	n := 0
	sum, fails, err := (&Reader{}).Read(context.Background(), []string{sample}, func(b *kg.Batch) error {
		n++
		return kg.ValidateBatch(b)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(fails) > 0 {
		t.Errorf("%d rows failed, first %v", len(fails), fails[0])
	}
	if sum.Rows != 2111 || sum.Events+sum.Skipped != sum.Rows || sum.Events < 1000 {
		t.Errorf("summary %+v: want 2,111 rows, most of them events", sum)
	}
	t.Logf("%+v in %d batches", sum, n)
}

func TestSplit(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.txt", "20191024143000.export.CSV", "sub/20191024150000.export.csv", "b.csv"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	exports, rest, err := Split([]string{dir, filepath.Join(dir, "20191024143000.export.CSV"), filepath.Join(dir, "a.txt"), "-"})
	if err != nil {
		t.Fatal(err)
	}
	wantExports := []string{filepath.Join(dir, "20191024143000.export.CSV"), filepath.Join(dir, "sub/20191024150000.export.csv"), filepath.Join(dir, "20191024143000.export.CSV")}
	if diff := gocmp.Diff(wantExports, exports); diff != "" {
		t.Errorf("exports (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff([]string{dir, filepath.Join(dir, "a.txt"), "-"}, rest); diff != "" {
		t.Errorf("rest (-want +got):\n%s", diff)
	}
}

func BenchmarkReadSample(b *testing.B) {
	r := &Reader{Gaz: gazetteer.Default()}
	rows := 0
	for b.Loop() {
		sum, _, err := r.Read(context.Background(), []string{sample}, func(*kg.Batch) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
		rows += sum.Rows
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// TestDirectedRow checks that a row of a directed act (CAMEO's source and
// target) is named as the extractor names it, Actor1 by Actor2 kept apart,
// and that the target's edge has the role "target"; an undirected act
// sorts its participants.
func TestDirectedRow(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "20191024143000.export.CSV")
	rows := []string{
		testRow("21", "USA", "UNITED STATES", "IRQ", "IRAQ", "190", "20190114", "", "", "https://example.org/attack"),
		testRow("22", "USA", "UNITED STATES", "IRQ", "IRAQ", "040", "20190114", "", "", "https://example.org/meeting"),
	}
	if err := os.WriteFile(path, []byte(strings.Join(rows, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var ents []kg.Entity
	var edges []kg.Edge
	if _, _, err := (&Reader{}).Read(context.Background(), []string{path}, func(b *kg.Batch) error {
		ents = append(ents, b.Entities...)
		edges = append(edges, b.Edges...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	day := kg.MustParseDate("2019-01-14")
	attack := kg.EntityID(kg.Event, events.Name(kg.OtherEvent, "Attack", []string{"United States"}, []string{"Iraq"}, "", day))
	meeting := kg.EntityID(kg.Event, events.Name(kg.Meeting, "", []string{"Iraq", "United States"}, nil, "", day))
	names := map[string]string{}
	for _, e := range ents {
		names[e.ID] = e.Name
	}
	if got := names[attack]; got != "Attack on Iraq by United States, 2019-01-14" {
		t.Errorf("attack: %q, want 'Attack on Iraq by United States, 2019-01-14' (events: %v)", got, names)
	}
	if _, ok := names[meeting]; !ok {
		t.Errorf("no meeting %s among %v", meeting, names)
	}
	roles := map[string]string{}
	for _, e := range edges {
		if e.Type == kg.ParticipatedIn {
			roles[names[e.From]+" -> "+names[e.To]] = e.Role
		}
	}
	want := map[string]string{
		"United States -> Attack on Iraq by United States, 2019-01-14": "",
		"Iraq -> Attack on Iraq by United States, 2019-01-14":          "target",
		"United States -> " + names[meeting]:                           "",
		"Iraq -> " + names[meeting]:                                    "",
	}
	if diff := gocmp.Diff(want, roles); diff != "" {
		t.Errorf("roles (-want +got):\n%s", diff)
	}
}
