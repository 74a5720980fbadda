package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/diplograph/diplograph/internal/hostile"
)

// hostileResult is what one hostile case cost the server, alone.
type hostileResult struct {
	name   string
	status int
	codes  []string
	cpu    time.Duration
	took   time.Duration
	anon   int64 // the server's peak RssAnon while it ran
	size   int
}

// runHostile sends each case of the hostile corpus alone and measures the
// server's CPU and memory for it, then sends them all again, four at a
// time, three rounds, while a probe asks { __typename } every 20 ms, and
// reports the probe's latencies.
func runHostile(ctx context.Context, cfg config, srv *server, set ids, shape graphShape, out, log io.Writer) error {
	cases := hostile.Cases(hostile.IDs{Hub: set.hub, Other: set.states[len(set.states)-1]})
	pid := srv.cmd.Process.Pid
	client := &http.Client{Timeout: 5 * time.Minute}
	post := func(body []byte) (int, []byte, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.url, bytes.NewReader(body))
		if err != nil {
			return 0, nil, err
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			return 0, nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp.StatusCode, b, err
	}
	var results []hostileResult
	for _, tc := range cases {
		fmt.Fprintf(log, "apibench: hostile: %s\n", tc.Name)
		stop := make(chan struct{})
		peaks := memoryPeaks(pid, 10*time.Millisecond, stop)
		cpu0, err := cpuTime(pid)
		if err != nil {
			return err
		}
		t0 := time.Now()
		status, b, err := post(tc.Body)
		took := time.Since(t0)
		cpu1, cerr := cpuTime(pid)
		close(stop)
		top := <-peaks
		if err != nil {
			return fmt.Errorf("%s: %w", tc.Name, err)
		}
		if cerr != nil {
			return cerr
		}
		r := hostileResult{name: tc.Name, status: status, cpu: cpu1 - cpu0, took: took, anon: top.anon, size: len(b)}
		codes, _ := hostile.Decode(b)
		for _, code := range codes {
			if !slices.Contains(r.codes, code) {
				r.codes = append(r.codes, code)
			}
		}
		results = append(results, r)
	}

	// All at once, with a probe.
	fmt.Fprintln(log, "apibench: hostile: all at once, with a probe")
	work := make(chan []byte)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range work {
				post(b)
			}
		}()
	}
	stop := make(chan struct{})
	peaks := memoryPeaks(pid, 10*time.Millisecond, stop)
	var lat []time.Duration
	probed := make(chan struct{})
	go func() {
		defer close(probed)
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			t0 := time.Now()
			if status, _, err := post([]byte(`{"query":"{ __typename }"}`)); err == nil && status == http.StatusOK {
				lat = append(lat, time.Since(t0))
			}
		}
	}()
	t0 := time.Now()
	for range 3 {
		for _, tc := range cases {
			work <- tc.Body
		}
	}
	close(work)
	wg.Wait()
	flood := time.Since(t0)
	close(stop)
	<-probed
	top := <-peaks
	slices.Sort(lat)

	host, _ := os.Hostname()
	fmt.Fprintf(out, "### Hostile requests, %s, %s\n\n", cfg.store, shape)
	fmt.Fprintf(out, "`%s` — %s, %d CPUs, host %s. Each case alone: the server's CPU time (10 ms ticks) and its peak RssAnon (sampled every 10 ms) while it ran.\n\n",
		command(cfg), time.Now().UTC().Format("2006-01-02 15:04 MST"), runtime.NumCPU(), host)
	fmt.Fprintln(out, "| case | status | codes | server CPU | wall | peak RssAnon | answer |")
	fmt.Fprintln(out, "|---|---:|---|---:|---:|---:|---:|")
	for _, r := range results {
		codes := fmt.Sprint(r.codes)
		if len(r.codes) == 0 {
			codes = "answered"
		}
		fmt.Fprintf(out, "| %s | %d | %s | %s | %s | %s | %.1f KB |\n", r.name, r.status, codes, ms(r.cpu), ms(r.took), mib(r.anon), float64(r.size)/1000)
	}
	if len(lat) > 0 {
		fmt.Fprintf(out, "\nAll %d cases three times, four at a time, in %s; meanwhile %d probes `{ __typename }`: p50 %s, p99 %s, max %s; the server's peak RssAnon %s.\n",
			len(cases), flood.Round(time.Millisecond), len(lat), ms(lat[(len(lat)-1)/2]), ms(lat[(len(lat)-1)*99/100]), ms(lat[len(lat)-1]), mib(top.anon))
	}
	return nil
}
