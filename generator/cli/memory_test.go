package cli

import "testing"

// TestGCPolicy: the environment decides when it sets GOGC or GOMEMLIMIT;
// a server collects by percentage; a build of one clinic, or of several
// on one processor, gets the base limit or one job's; a batch gets a
// job's limit per clinic built at once, at most one per processor.
func TestGCPolicy(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	tests := []struct {
		name string
		args []string
		env  map[string]string
		cpus int
		want gcSettings
		ok   bool
	}{
		{"GOGC decides", []string{"build", "a.toml", "b.toml"}, map[string]string{"GOGC": "100"}, 4, gcSettings{}, false},
		{"GOMEMLIMIT decides", []string{"serve"}, map[string]string{"GOMEMLIMIT": "1GiB"}, 4, gcSettings{}, false},
		{"serve", []string{"serve", "a.toml"}, nil, 4, gcSettings{Percent: serveGC}, true},
		{"no arguments", nil, nil, 4, gcSettings{Percent: -1, Limit: memoryLimit}, true},
		{"one clinic", []string{"build", "-pdf", "a.toml"}, nil, 4, gcSettings{Percent: -1, Limit: memoryLimit}, true},
		{"validate one", []string{"validate", "a.toml"}, nil, 4, gcSettings{Percent: -1, Limit: memoryLimit}, true},
		{"two clinics", []string{"build", "a.toml", "b.toml"}, nil, 4, gcSettings{Percent: -1, Limit: 2 * perJob}, true},
		{"more clinics than processors", []string{"build", "a.toml", "b.toml", "c.toml"}, nil, 2, gcSettings{Percent: -1, Limit: 2 * perJob}, true},
		{"several on one processor", []string{"build", "a.toml", "b.toml"}, nil, 1, gcSettings{Percent: -1, Limit: perJob}, true},
		{"other arguments are not profiles", []string{"build", "-o", "out", "a.toml", "notes.txt"}, nil, 4, gcSettings{Percent: -1, Limit: memoryLimit}, true},
	}
	for _, tt := range tests {
		got, ok := gcPolicy(tt.args, env(tt.env), tt.cpus)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: gcPolicy(%q) = %+v, %t; want %+v, %t", tt.name, tt.args, got, ok, tt.want, tt.ok)
		}
	}
}
