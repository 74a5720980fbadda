package main

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// neo4jMemory reads the resident memory of the Neo4j server that NEO4J_URI
// points at, when it runs on this machine: the process that listens on the
// URI's port.
func neo4jMemory() (memory, error) {
	u, err := url.Parse(neo4jConfig().URI)
	if err != nil {
		return memory{}, err
	}
	port, err := strconv.Atoi(u.Port())
	if err != nil {
		return memory{}, fmt.Errorf("NEO4J_URI %s: no port", u)
	}
	pid, err := listener(port)
	if err != nil {
		return memory{}, err
	}
	return readMemory(pid)
}

// listener returns the process listening on a local TCP port: the socket's
// inode from /proc/net/tcp (and tcp6), then the process with a descriptor
// of that socket.
func listener(port int) (int, error) {
	inode := ""
	for _, f := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(b), "\n")[1:] {
			// sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
			fs := strings.Fields(line)
			if len(fs) < 10 || fs[3] != "0A" { // 0A: LISTEN
				continue
			}
			_, hexPort, ok := strings.Cut(fs[1], ":")
			if p, err := strconv.ParseInt(hexPort, 16, 32); ok && err == nil && int(p) == port {
				inode = fs[9]
			}
		}
	}
	if inode == "" {
		return 0, fmt.Errorf("no process listens on port %d here", port)
	}
	want := "socket:[" + inode + "]"
	fds, _ := filepath.Glob("/proc/[0-9]*/fd/*")
	for _, fd := range fds {
		if link, err := os.Readlink(fd); err == nil && link == want {
			pid, err := strconv.Atoi(strings.Split(fd, "/")[2])
			if err == nil {
				return pid, nil
			}
		}
	}
	return 0, fmt.Errorf("no process found with the socket listening on port %d", port)
}
