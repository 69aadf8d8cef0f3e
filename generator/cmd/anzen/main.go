// Command anzen turns a clinic profile into security-management documents:
// a static site, a printable handbook and a report. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/anzen-dev/anzen/generator/cli"
)

// memoryLimit bounds the heap: anzen is a short-lived batch command, so
// instead of collecting garbage from the first megabytes it lets the heap
// grow to this limit and collects only then. A single clinic stays under
// it (no collection at all); a batch of hundreds stays bounded by it.
// GOGC or GOMEMLIMIT in the environment override this.
const memoryLimit = 96 << 20

func main() {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(memoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Do(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
