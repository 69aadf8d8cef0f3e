// Command anzen turns a clinic profile into security-management documents:
// a static site, a printable handbook and a report. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/anzen-dev/anzen/generator/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Do(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
