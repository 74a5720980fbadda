package loader

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/diplograph/diplograph/loader/read"
)

// ExtractAll reads the documents under paths and extracts them on one
// worker per CPU, calling fn with each result in input order (so that
// output and merges are the same on every run). It returns the inputs that
// could not be read, and the documents whose extraction ran past
// r.Timeout; it stops at the first error from fn or ctx, also in the
// middle of a long document.
func ExtractAll(ctx context.Context, r *read.Reader, paths []string, fn func(*Result) error) ([]read.Failure, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type job struct {
		seq int
		doc read.Document
	}
	type done struct {
		seq  int
		res  *Result
		fail *read.Failure
	}
	timeout := r.Timeout
	if timeout <= 0 {
		timeout = read.DefaultTimeout
	}
	workers := max(1, runtime.GOMAXPROCS(0))
	jobs := make(chan job, 2*workers)
	results := make(chan done, 2*workers)

	var fails []read.Failure
	var readErr error
	go func() {
		defer close(jobs)
		seq := 0
		fails, readErr = r.Read(ctx, paths, func(d read.Document) error {
			select {
			case jobs <- job{seq, d}:
				seq++
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				d := done{seq: j.seq}
				dctx, cancelDoc := context.WithTimeout(ctx, timeout)
				d.res, d.fail = extractWithin(dctx, j.doc, timeout)
				cancelDoc()
				if ctx.Err() != nil {
					return
				}
				select {
				case results <- d:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	// Results arrive out of order; hold them until their turn.
	pending := map[int]done{}
	next := 0
	var fnErr error
	var slow []read.Failure
	for d := range results {
		if fnErr != nil {
			continue // drain so the workers can exit
		}
		pending[d.seq] = d
		for d, ok := pending[next]; ok; d, ok = pending[next] {
			delete(pending, next)
			next++
			if d.fail != nil {
				slow = append(slow, *d.fail)
				continue
			}
			if fnErr = fn(d.res); fnErr != nil {
				cancel()
				break
			}
		}
	}
	fails = append(fails, slow...)
	if fnErr != nil {
		return fails, fnErr
	}
	if readErr == nil {
		readErr = ctx.Err() // interrupted: workers stopped mid-document
	}
	return fails, readErr
}

// extractWithin extracts doc, or says that it took longer than timeout.
func extractWithin(ctx context.Context, doc read.Document, timeout time.Duration) (*Result, *read.Failure) {
	r, err := ExtractContext(ctx, doc)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, &read.Failure{Path: doc.Source, Reason: fmt.Sprintf("extraction took longer than %s: skipped", timeout)}
		}
		return nil, nil // the load was interrupted; ExtractAll returns ctx's error
	}
	return r, nil
}
