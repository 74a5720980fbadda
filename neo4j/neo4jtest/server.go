package neo4jtest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/diplograph/diplograph/neo4j"
)

// serverPassword is the password of user neo4j on the servers a test
// starts itself: auth is on, as on a real server.
const serverPassword = "diplograph-restart"

// Server is a Neo4j of a test's own, on a data directory that outlives
// it, so that a test can kill it or stop it and start it again on the same
// data. It is started with the launcher scripts/with-neo4j exports as
// NEO4J_TEST_SERVER (scripts/neo4j-test-server with --data-dir).
type Server struct {
	// Config reaches the running server: its Bolt URI changes with every
	// start (a free port each time), the credentials do not.
	Config neo4j.Config

	dir     string
	logPath string
	// port is the Bolt port of the first start when SamePort asked to
	// keep it, "0" (a free one) otherwise.
	port    string
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	exited  chan struct{} // closed when the process has exited
	waitErr error         // the process's exit, once exited is closed
}

// StartServer starts a server that keeps its store in dir, and stops it
// (SIGKILL) when the test ends if the test has not. Without
// NEO4J_TEST_SERVER it skips loudly, or fails under
// DIPLOGRAPH_REQUIRE_NEO4J=1; a server that does not start fails the test.
func StartServer(tb testing.TB, dir string) *Server {
	tb.Helper()
	launcher := os.Getenv("NEO4J_TEST_SERVER")
	if launcher == "" {
		const msg = "NEO4J_TEST_SERVER is not set: the tests that stop and restart Neo4j did NOT RUN. Run the tests with scripts/with-neo4j (bash scripts/test does)."
		if os.Getenv("DIPLOGRAPH_REQUIRE_NEO4J") == "1" {
			tb.Fatal("DIPLOGRAPH_REQUIRE_NEO4J=1 but " + msg)
		}
		fmt.Fprintln(os.Stderr, "\n*** SKIP neo4j restart: "+msg+" ***")
		tb.Skip("SKIP: " + msg)
	}
	s := &Server{dir: dir, logPath: dir + ".log", port: "0"}
	tb.Cleanup(func() {
		if s.running() {
			s.Kill(tb)
		}
	})
	s.Start(tb)
	return s
}

// Start starts the server (again) on its data directory and waits until
// it takes connections.
func (s *Server) Start(tb testing.TB) {
	tb.Helper()
	if s.running() {
		tb.Fatal("neo4jtest: Start: the server is running")
	}
	log, err := os.OpenFile(s.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		tb.Fatal(err)
	}
	defer log.Close()
	fmt.Fprintf(log, "--- start %s\n", time.Now().Format(time.RFC3339))
	cmd := exec.Command(os.Getenv("NEO4J_TEST_SERVER"), "--data-dir", s.dir, "--password", serverPassword, "--port", s.port)
	cmd.Stderr = log
	// The server stops when its stdin ends: if the test binary dies, so
	// does the server.
	stdin, err := cmd.StdinPipe()
	if err != nil {
		tb.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		tb.Fatalf("neo4jtest: start %s: %v", cmd.Path, err)
	}
	s.cmd, s.stdin, s.exited = cmd, stdin, make(chan struct{})
	uri := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "BOLT_URI="); ok {
				uri <- u
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	go func() {
		s.waitErr = cmd.Wait()
		close(s.exited)
	}()
	select {
	case u := <-uri:
		s.Config = neo4j.Config{URI: u, Username: "neo4j", Password: serverPassword, Database: "neo4j"}
		tb.Logf("neo4jtest: server on %s ready in %v", s.dir, time.Since(start).Round(100*time.Millisecond))
	case <-s.exited:
		tb.Fatalf("neo4jtest: the server exited (%v) before it was ready; its log:\n%s", s.waitErr, s.logTail())
	case <-time.After(startTimeout()):
		s.Kill(tb)
		tb.Fatalf("neo4jtest: the server was not ready after %v; its log:\n%s", startTimeout(), s.logTail())
	}
}

// SamePort makes later starts listen on the port of the running server,
// so that a client that keeps its URI (a store, a diplograph server)
// finds the server again, as it would a real server restarted in place.
// Another process could take the port while the server is down; the
// start then fails, and the test with it.
func (s *Server) SamePort(tb testing.TB) {
	tb.Helper()
	i := strings.LastIndexByte(s.Config.URI, ':')
	if i < 0 {
		tb.Fatalf("neo4jtest: no port in %q", s.Config.URI)
	}
	s.port = s.Config.URI[i+1:]
}

// Kill kills the server with SIGKILL, as a crash or the OOM killer would,
// and waits until it is gone.
func (s *Server) Kill(tb testing.TB) {
	tb.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
		tb.Fatalf("neo4jtest: kill: %v", err)
	}
	<-s.exited
	s.stdin.Close()
}

// Stop stops the server cleanly with SIGTERM, as a service manager does,
// and fails the test unless it shuts down without error within two
// minutes.
func (s *Server) Stop(tb testing.TB) {
	tb.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		tb.Fatalf("neo4jtest: stop: %v", err)
	}
	select {
	case <-s.exited:
	case <-time.After(2 * time.Minute):
		s.Kill(tb)
		tb.Fatalf("neo4jtest: the server did not stop within 2 minutes of SIGTERM; its log:\n%s", s.logTail())
	}
	s.stdin.Close()
	// The JVM exits with 128+15 when SIGTERM ends it after its shutdown
	// hook (which stops Neo4j cleanly) has run.
	var exit *exec.ExitError
	if s.waitErr != nil && !(errors.As(s.waitErr, &exit) && exit.ExitCode() == 128+int(syscall.SIGTERM)) {
		tb.Fatalf("neo4jtest: the server stopped with %v; its log:\n%s", s.waitErr, s.logTail())
	}
}

func (s *Server) running() bool {
	if s.exited == nil {
		return false
	}
	select {
	case <-s.exited:
		return false
	default:
		return true
	}
}

// logTail returns the end of the server's log.
func (s *Server) logTail() string {
	b, err := os.ReadFile(s.logPath)
	if err != nil {
		return err.Error()
	}
	const max = 8 << 10
	if len(b) > max {
		b = b[len(b)-max:]
	}
	return string(b)
}

// startTimeout is how long Start waits for Bolt: NEO4J_TEST_START_TIMEOUT
// seconds, as scripts/with-neo4j reads it, or 180.
func startTimeout() time.Duration {
	var n int
	if _, err := fmt.Sscan(os.Getenv("NEO4J_TEST_START_TIMEOUT"), &n); err == nil && n > 0 {
		return time.Duration(n) * time.Second
	}
	return 180 * time.Second
}

// Import runs neo4j-admin database import full (from the same Maven
// artifacts as the server, through the launcher's "admin" mode) into the
// default database of the home dir, which a server started on it with
// StartServer then opens. args are the import options (neo4j.ImportArgs);
// the output is returned for the test's log. It skips or fails as
// StartServer does without the launcher, and fails when the import does.
func Import(tb testing.TB, dir string, args ...string) string {
	tb.Helper()
	launcher := os.Getenv("NEO4J_TEST_SERVER")
	if launcher == "" {
		const msg = "NEO4J_TEST_SERVER is not set: the bulk import tests did NOT RUN. Run the tests with scripts/with-neo4j (bash scripts/test does)."
		if os.Getenv("DIPLOGRAPH_REQUIRE_NEO4J") == "1" {
			tb.Fatal("DIPLOGRAPH_REQUIRE_NEO4J=1 but " + msg)
		}
		fmt.Fprintln(os.Stderr, "\n*** SKIP neo4j import: "+msg+" ***")
		tb.Skip("SKIP: " + msg)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	cmdArgs := append([]string{"admin", "database", "import", "full"}, args...)
	cmd := exec.Command(launcher, append(cmdArgs, "--overwrite-destination=true", "neo4j")...)
	cmd.Env = append(os.Environ(), "NEO4J_HOME="+dir, "NEO4J_CONF="+dir+"/conf")
	out, err := cmd.CombinedOutput()
	if err != nil {
		tb.Fatalf("neo4jtest: neo4j-admin database import full: %v\n%s", err, out)
	}
	return string(out)
}
