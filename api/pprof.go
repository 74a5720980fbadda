package api

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/pprof"
)

// ServePprof serves the runtime profiles of net/http/pprof at addr on a
// mux of their own (the package's init registers them on
// http.DefaultServeMux, which nothing here serves). It says where on out,
// and returns a function that stops serving.
func ServePprof(addr string, out io.Writer) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("pprof: listen on %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	fmt.Fprintf(out, "diplograph profiles on http://%s/debug/pprof/\n", ln.Addr())
	return func() { srv.Close() }, nil
}
