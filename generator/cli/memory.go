package cli

import (
	"os"
	"runtime"
	"runtime/debug"
	"strings"
)

// The collector's settings for a command: anzen is a short-lived batch
// command, so instead of collecting garbage from the first megabytes it
// lets the heap grow to memoryLimit and collects only then. A single
// clinic stays under it (no collection at all); a batch of hundreds stays
// bounded by it. A batch builds several clinics at once and gets perJob
// for each (a tighter limit makes the collector run all the time:
// measured with make bench). A server collects at serveGC percent instead.
const (
	memoryLimit = 96 << 20
	perJob      = 128 << 20
	serveGC     = 200
)

// gcSettings is how the collector runs: at Percent (debug.SetGCPercent;
// -1 turns the proportional collection off) and, when Limit is not zero,
// at the heap limit Limit (debug.SetMemoryLimit).
type gcSettings struct {
	Percent int
	Limit   int64
}

// gcPolicy is the collector's settings for the command args (without the
// program name) on a machine with cpus processors; ok is false when
// GOGC or GOMEMLIMIT is set in the environment (getenv), which then
// decides.
//
// A server (serve) lives on with its site in memory: a heap limit near
// what it keeps would make the collector run all through every rebuild.
// Collecting at three times the live heap was the fastest setting when
// it was measured (median of 12 edits, before rebuilds rendered only the
// changed pages: with the heap limit about 150 ms, GOGC 100 about 130,
// 200 about 90, 400 about 100); `make bench` measures today's. Any
// other command collects only at a heap limit: memoryLimit, or perJob
// for each clinic a batch of several profiles (.toml arguments) builds at
// once (as many as there are processors).
func gcPolicy(args []string, getenv func(string) string, cpus int) (s gcSettings, ok bool) {
	switch {
	case getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "":
		return gcSettings{}, false
	case len(args) > 0 && args[0] == "serve":
		return gcSettings{Percent: serveGC}, true
	}
	limit := int64(memoryLimit)
	if n := countProfiles(args); n > 1 {
		limit = perJob * int64(min(n, cpus))
	}
	return gcSettings{Percent: -1, Limit: limit}, true
}

// countProfiles counts the profile files among the arguments.
func countProfiles(args []string) int {
	n := 0
	for _, a := range args {
		if strings.HasSuffix(a, ".toml") {
			n++
		}
	}
	return n
}

// SetGC sets the garbage collector for the command args (without the
// program name), as gcPolicy decides; main calls it before Do.
func SetGC(args []string) {
	s, ok := gcPolicy(args, os.Getenv, runtime.NumCPU())
	if !ok {
		return
	}
	debug.SetGCPercent(s.Percent)
	if s.Limit != 0 {
		debug.SetMemoryLimit(s.Limit)
	}
}
