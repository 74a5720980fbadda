package main

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
)

// TestDockerComposeScale parses docker-compose.yml with the "scale"
// profile (no Docker engine runs here) and checks the setup docs/scaling.md
// describes: two server replicas on the routing neo4j:// scheme, not
// seeding, draining before they stop, with no port of their own, behind a
// proxy whose configuration (deploy/haproxy.cfg, mounted) checks /readyz
// and finds the replicas by the service's name. That HAProxy accepts the
// configuration was checked by hand (haproxy -c, 2.6.12), not here.
func TestDockerComposeScale(t *testing.T) {
	t.Setenv("NEO4J_PASSWORD", "test-secret")
	load := func(profiles ...string) *types.Project {
		opts, err := cli.NewProjectOptions([]string{"docker-compose.yml"},
			cli.WithOsEnv, cli.WithProfiles(profiles), cli.WithName("diplograph"))
		if err != nil {
			t.Fatal(err)
		}
		p, err := opts.LoadProject(context.Background())
		if err != nil {
			t.Fatalf("docker-compose.yml does not load with profiles %v: %v", profiles, err)
		}
		return p
	}
	if p := load(); slices.Contains(p.ServiceNames(), "app") || slices.Contains(p.ServiceNames(), "proxy") {
		t.Errorf("without the profile the services are %v: the replicas and the proxy must be opt-in", p.ServiceNames())
	}
	p := load("scale")
	app, err := p.GetService("app")
	if err != nil {
		t.Fatal(err)
	}
	if app.Deploy == nil || app.Deploy.Replicas == nil || *app.Deploy.Replicas != 2 {
		t.Errorf("app deploy = %+v, want 2 replicas", app.Deploy)
	}
	if len(app.Ports) != 0 {
		t.Errorf("app publishes %+v: replicas cannot share a host port; the proxy publishes", app.Ports)
	}
	if uri := app.Environment["NEO4J_URI"]; uri == nil || !strings.HasPrefix(*uri, "neo4j://") {
		t.Errorf("app NEO4J_URI = %v, want the routing scheme neo4j://", uri)
	}
	cmd := strings.Join(app.Command, " ")
	for _, want := range []string{"serve", "--seed=false", "--shutdown-delay"} {
		if !strings.Contains(cmd, want) {
			t.Errorf("app command %q lacks %s", cmd, want)
		}
	}
	if app.StopGracePeriod == nil || *app.StopGracePeriod < types.Duration(35e9) {
		t.Errorf("app stop_grace_period = %v, want room for the drain delay and a 30 s request", app.StopGracePeriod)
	}
	if dep, ok := app.DependsOn["neo4j"]; !ok || dep.Condition != types.ServiceConditionHealthy {
		t.Errorf("app depends_on = %+v, want neo4j service_healthy", app.DependsOn)
	}
	// The flags the replicas run with are the binary's.
	m := NewMain()
	if err := m.ParseFlags(app.Command); err != nil {
		t.Errorf("the binary refuses the replicas' command %q: %v", app.Command, err)
	}

	proxy, err := p.GetService("proxy")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(proxy.Ports, func(p types.ServicePortConfig) bool { return p.Target == 8090 && p.Published == "8090" }) {
		t.Errorf("proxy ports = %+v, want 8090:8090", proxy.Ports)
	}
	if _, ok := proxy.DependsOn["app"]; !ok {
		t.Errorf("proxy depends_on = %+v, want app", proxy.DependsOn)
	}
	var cfg string
	for _, v := range proxy.Volumes {
		if strings.HasSuffix(v.Source, "deploy/haproxy.cfg") && strings.HasSuffix(v.Target, "haproxy.cfg") && v.ReadOnly {
			cfg = "deploy/haproxy.cfg"
		}
	}
	if cfg == "" {
		t.Fatalf("proxy volumes = %+v, want deploy/haproxy.cfg mounted read-only", proxy.Volumes)
	}
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"bind :8090", "option httpchk GET /readyz", "http-check expect status 200", "server-template app ", "app:8080", "resolvers docker"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %q", cfg, want)
		}
	}
}
