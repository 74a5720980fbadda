package loader

import (
	"context"
	"runtime"
	"sync"
)

// ExtractAll reads the documents under paths and extracts them on one
// worker per CPU, calling fn with each result in input order (so that
// output and merges are the same on every run). It returns the inputs that
// could not be read; it stops at the first error from fn or ctx.
func ExtractAll(ctx context.Context, r *Reader, paths []string, fn func(*Result) error) ([]Failure, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type job struct {
		seq int
		doc Document
	}
	type done struct {
		seq int
		res *Result
	}
	workers := max(1, runtime.GOMAXPROCS(0))
	jobs := make(chan job, 2*workers)
	results := make(chan done, 2*workers)

	var fails []Failure
	var readErr error
	go func() {
		defer close(jobs)
		seq := 0
		fails, readErr = r.Read(ctx, paths, func(d Document) error {
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
				select {
				case results <- done{j.seq, Extract(j.doc)}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	// Results arrive out of order; hold them until their turn.
	pending := map[int]*Result{}
	next := 0
	var fnErr error
	for d := range results {
		if fnErr != nil {
			continue // drain so the workers can exit
		}
		pending[d.seq] = d.res
		for r, ok := pending[next]; ok; r, ok = pending[next] {
			delete(pending, next)
			next++
			if fnErr = fn(r); fnErr != nil {
				cancel()
				break
			}
		}
	}
	if fnErr != nil {
		return fails, fnErr
	}
	return fails, readErr
}
