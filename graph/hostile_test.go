package graph_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"

	"github.com/diplograph/diplograph/internal/hostile"
)

// cpuTime is the CPU this process has used, user and system.
func cpuTime(t *testing.T) time.Duration {
	t.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

type hostileAnswer struct {
	status int
	size   int
	codes  []string
	data   bool
}

func postHostile(h http.Handler, body []byte) hostileAnswer {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	h.ServeHTTP(rec, req)
	a := hostileAnswer{status: rec.Code, size: rec.Body.Len()}
	a.codes, a.data = hostile.Decode(rec.Body.Bytes())
	return a
}

// TestHostileWorkIsBounded runs the hostile corpus (internal/hostile) on
// both stores. Each request, alone, must be refused with a code, or, if it
// is a valid query within the limits, answered, in under a CPU-second of
// this process and 300 MB of allocation, with an answer of a few KB at
// most (no input echoed back). Then all of them run at once, four at a
// time, while a probe asks { __typename } every 20 ms: its median latency
// must stay under 100 ms.
func TestHostileWorkIsBounded(t *testing.T) {
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		cases := hostile.Cases(hostile.IDs{Hub: "state:japan", Other: "state:russia"})
		for _, tc := range cases {
			t.Run(tc.Name, func(t *testing.T) {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				cpu0 := cpuTime(t)
				a := postHostile(h, tc.Body)
				cpu := cpuTime(t) - cpu0
				runtime.ReadMemStats(&after)
				alloc := after.TotalAlloc - before.TotalAlloc
				t.Logf("status %d, codes %v, %d bytes, CPU %v, allocated %d MB", a.status, a.codes, a.size, cpu, alloc>>20)
				if cpu > time.Second {
					t.Errorf("took %v of CPU, more than a second", cpu)
				}
				if alloc > 300<<20 {
					t.Errorf("allocated %d MB, more than 300", alloc>>20)
				}
				if a.size > 16<<10 && len(a.codes) > 0 {
					t.Errorf("answer of %d bytes: the request is echoed back", a.size)
				}
				if len(a.codes) == 0 {
					if !a.data {
						t.Errorf("status %d: neither an error nor an answer", a.status)
					}
					return
				}
				for _, code := range a.codes {
					if !slices.Contains(tc.Codes, code) {
						t.Errorf("error code %q, want one of %v", code, tc.Codes)
					}
				}
			})
		}

		// All at once, four at a time, with a probe.
		var wg sync.WaitGroup
		work := make(chan []byte)
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for b := range work {
					postHostile(h, b)
				}
			}()
		}
		done := make(chan struct{})
		var lat []time.Duration
		probed := make(chan struct{})
		go func() {
			defer close(probed)
			probe := []byte(`{"query":"{ __typename }"}`)
			for {
				select {
				case <-done:
					return
				case <-time.After(20 * time.Millisecond):
				}
				start := time.Now()
				if a := postHostile(h, probe); a.status != http.StatusOK || len(a.codes) > 0 {
					t.Errorf("probe answered %d %v", a.status, a.codes)
				}
				lat = append(lat, time.Since(start))
			}
		}()
		for range 3 {
			for _, tc := range cases {
				work <- tc.Body
			}
		}
		close(work)
		wg.Wait()
		close(done)
		<-probed
		if len(lat) == 0 {
			t.Fatal("no probe ran")
		}
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		median, worst := lat[len(lat)/2], lat[len(lat)-1]
		t.Logf("probe { __typename } during the flood: %d requests, median %v, max %v", len(lat), median, worst)
		if median > 100*time.Millisecond {
			t.Errorf("probe median %v during the flood, want under 100 ms", median)
		}
	})
}

// TestReadmeExamplesWithinLimits runs every GraphQL example of the README
// against the seeded store: each parses, validates and fits the limits
// (no ELIMIT, no GRAPHQL_* code), so the limits never refuse what the
// documentation shows.
func TestReadmeExamplesWithinLimits(t *testing.T) {
	raw, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```graphql\n(.*?)```").FindAllStringSubmatch(string(raw), -1)
	if len(blocks) < 5 {
		t.Fatalf("found %d GraphQL examples in the README", len(blocks))
	}
	eachStore(t, func(t *testing.T, c *client.Client, h http.Handler) {
		for _, b := range blocks {
			body, _ := json.Marshal(map[string]string{"query": b[1]})
			a := postHostile(h, body)
			for _, code := range a.codes {
				if code == "ELIMIT" || strings.HasPrefix(code, "GRAPHQL_") {
					t.Errorf("README example refused with %s:\n%s", code, b[1])
				}
			}
		}
	})
}
