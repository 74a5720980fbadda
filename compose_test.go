package main

import (
	"context"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
)

// TestDockerCompose parses docker-compose.yml with the Compose
// specification's own Go library (no Docker engine runs here) and checks
// what users rely on: Neo4j with a data volume, auth and a healthcheck; the
// server built from the Dockerfile, on :8080, waiting for Neo4j to be
// healthy, configured by the same variables the binary reads; and a
// one-shot load service.
func TestDockerCompose(t *testing.T) {
	t.Setenv("NEO4J_PASSWORD", "test-secret")
	opts, err := cli.NewProjectOptions([]string{"docker-compose.yml"},
		cli.WithOsEnv, cli.WithProfiles([]string{"load"}), cli.WithName("diplograph"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := opts.LoadProject(context.Background())
	if err != nil {
		t.Fatalf("docker-compose.yml does not load: %v", err)
	}
	svc := func(name string) types.ServiceConfig {
		s, err := p.GetService(name)
		if err != nil {
			t.Fatalf("service %s: %v", name, err)
		}
		return s
	}

	neo := svc("neo4j")
	if !strings.HasPrefix(neo.Image, "neo4j:5") {
		t.Errorf("neo4j image = %q, want neo4j:5…", neo.Image)
	}
	if auth := neo.Environment["NEO4J_AUTH"]; auth == nil || *auth != "neo4j/test-secret" {
		t.Errorf("NEO4J_AUTH = %v, want it from NEO4J_PASSWORD", auth)
	}
	if neo.HealthCheck == nil || len(neo.HealthCheck.Test) == 0 {
		t.Error("neo4j has no healthcheck")
	}
	if !slices.ContainsFunc(neo.Volumes, func(v types.ServiceVolumeConfig) bool { return v.Target == "/data" && v.Type == types.VolumeTypeVolume }) {
		t.Errorf("neo4j volumes = %+v, want a named volume on /data", neo.Volumes)
	}

	app := svc("diplograph")
	if app.Build == nil || app.Build.Dockerfile != "Dockerfile" {
		t.Errorf("diplograph build = %+v, want the repository's Dockerfile", app.Build)
	}
	if !slices.ContainsFunc(app.Ports, func(p types.ServicePortConfig) bool { return p.Target == 8080 && p.Published == "8080" }) {
		t.Errorf("diplograph ports = %+v, want 8080:8080", app.Ports)
	}
	if dep, ok := app.DependsOn["neo4j"]; !ok || dep.Condition != types.ServiceConditionHealthy {
		t.Errorf("diplograph depends_on = %+v, want neo4j service_healthy", app.DependsOn)
	}

	// Every variable the services set is one the binary reads.
	src, err := os.ReadFile("server.go")
	if err != nil {
		t.Fatal(err)
	}
	read := map[string]bool{}
	for _, m := range regexp.MustCompile(`"((?:DIPLOGRAPH|NEO4J)_[A-Z_]+)"`).FindAllStringSubmatch(string(src), -1) {
		read[m[1]] = true
	}
	for _, s := range []types.ServiceConfig{app, svc("load")} {
		for name := range s.Environment {
			if !read[name] {
				t.Errorf("service %s sets %s, which diplograph does not read", s.Name, name)
			}
		}
		if v := s.Environment["DIPLOGRAPH_STORE"]; v == nil || *v != "neo4j" {
			t.Errorf("service %s: DIPLOGRAPH_STORE = %v, want neo4j", s.Name, v)
		}
	}

	load := svc("load")
	if len(load.Command) == 0 || load.Command[0] != "load" {
		t.Errorf("load command = %v, want load …", load.Command)
	}
	if load.Restart != "no" {
		t.Errorf("load restart = %q, want a one-shot service", load.Restart)
	}
	if dep, ok := load.DependsOn["neo4j"]; !ok || dep.Condition != types.ServiceConditionHealthy {
		t.Errorf("load depends_on = %+v, want neo4j service_healthy", load.DependsOn)
	}
}

// TestDockerfileBuildsTheBinary checks that the Dockerfile builds this
// module's main package, the binary the README runs.
func TestDockerfileBuildsTheBinary(t *testing.T) {
	df, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"FROM golang:1.26", "go build", " .\n", "ENTRYPOINT [\"/diplograph\"]", "CGO_ENABLED=0"} {
		if !strings.Contains(string(df), want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
}
