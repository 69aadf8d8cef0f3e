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
	cli.SetGC(os.Args[1:])
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
