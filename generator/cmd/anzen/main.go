// Command anzen turns a clinic profile into security-management documents:
// a static site, a printable handbook and a report. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/anzen-dev/anzen/generator/cli"
)

// memoryLimit bounds the heap: anzen is a short-lived batch command, so
// instead of collecting garbage from the first megabytes it lets the heap
// grow to this limit and collects only then. A single clinic stays under
// it (no collection at all); a batch of hundreds stays bounded by it.
// A batch builds several clinics at once and gets perJob for each (a
// tighter limit makes the collector run all the time: measured with make
// bench). GOGC or GOMEMLIMIT in the environment override this.
const (
	memoryLimit = 96 << 20
	perJob      = 128 << 20
	serveGC     = 200
)

func main() {
	switch {
	case os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "":
	case len(os.Args) > 1 && os.Args[1] == "serve":
		// A server lives on with its site in memory: a heap limit near
		// what it keeps would make the collector run all through every
		// rebuild. Collecting at three times the live heap keeps a
		// rebuild after a profile edit near 90 ms on two cores (median of
		// 12 edits: with the heap limit about 150 ms, GOGC 100 about 130,
		// 200 about 90, 400 about 100).
		debug.SetGCPercent(serveGC)
	default:
		limit := int64(memoryLimit)
		if n := profiles(os.Args[1:]); n > 1 {
			limit = perJob * int64(min(n, runtime.NumCPU()))
		}
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(limit)
	}
	ctx, stop := context.Background(), func() {}
	if len(os.Args) > 1 && (os.Args[1] == "build" || os.Args[1] == "serve") {
		// The first Ctrl-C stops the build and keeps the previous
		// output; a second one ends the process at once. The other
		// commands write nothing but through a rename, and are ended by
		// the signal itself (catching it there would only ignore it).
		ctx, stop = signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
		go func() {
			<-ctx.Done()
			stop()
		}()
	}
	code := cli.Do(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// profiles counts the profile files among the arguments.
func profiles(args []string) int {
	n := 0
	for _, a := range args {
		if strings.HasSuffix(a, ".toml") {
			n++
		}
	}
	return n
}
