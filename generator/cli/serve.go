package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"

	"github.com/anzen-dev/anzen"
	"github.com/anzen-dev/anzen/generator/build"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/serve"
	"github.com/anzen-dev/anzen/generator/term"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("anzen serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	port := fl.Int("port", 8080, "TCP `PORT` to listen on (0: any free port)")
	addr := fl.String("addr", "127.0.0.1", "`ADDRESS` to listen on; only this machine can connect to the default")
	var templates, themes, content dirs
	fl.Var(&templates, "templates", "`DIR` of fragments layered over the defaults (repeatable; watched)")
	fl.Var(&themes, "themes", "`DIR` layered over the default themes/ (repeatable; watched)")
	fl.Var(&content, "content", "`DIR` of fixed pages layered over the default content/ (repeatable; watched)")
	var ld loader
	ld.flags(fl)
	fl.Usage = func() {
		fmt.Fprintf(stderr, "Usage: anzen serve [flags] [PROFILE.toml]\n\nBuilds the clinic's site, serves it on this machine and rebuilds when the\nprofile or an overlay changes; open pages reload.\n\nFlags:\n")
		fl.PrintDefaults()
	}
	if code, ok := parse(fl, args); !ok {
		return code
	}
	if fl.NArg() > 1 {
		fmt.Fprintln(stderr, "anzen serve: one profile at a time")
		return 2
	}
	if !loopback(*addr) {
		fmt.Fprintf(stderr, "anzen serve: warning: -addr %s is not a loopback address: anyone on the network who can reach it can read the clinic's documents (staff phones, findings, systems)\n", term.Name(*addr))
	}
	opts := overlays(templates, themes, content, nil)
	watch := append(append(append(append([]string{}, templates...), themes...), content...), ld.vendors...)
	file := fl.Arg(0)
	if file != "" {
		watch = append(watch, file)
	}
	for i, w := range watch {
		abs, err := filepath.Abs(w)
		if err != nil {
			fmt.Fprintln(stderr, "anzen serve:", term.Lines(err.Error()))
			return 1
		}
		watch[i] = abs
	}
	// Templates change only with an overlay; without one the builder, and
	// its parsed fragments, is kept from one rebuild to the next.
	var kept *build.Builder
	builder := func() (*build.Builder, error) {
		if kept != nil {
			return kept, nil
		}
		b, err := build.New(opts...)
		if err == nil && len(templates)+len(themes)+len(content) == 0 {
			kept = b
		}
		return b, err
	}
	preview := build.NewPreview(filepath.Join(os.TempDir(), "anzen-preview"))
	defer preview.Close()
	buildSite := func(ctx context.Context) (map[string][]byte, error) {
		ld.cat = nil // vendor definitions are watched: read them again
		cat, err := ld.catalog()
		if err != nil {
			return nil, err
		}
		var p *profile.Profile
		if file == "" {
			p, err = profile.Load(anzen.Defaults(), anzen.DefaultProfile, profile.WithCatalog(cat))
		} else {
			p, err = profile.LoadFile(file, profile.WithCatalog(cat))
		}
		if err != nil {
			return nil, err
		}
		b, err := builder()
		if err != nil {
			return nil, err
		}
		return preview.Build(ctx, b, p)
	}
	// The handbooks, which every edit changes, are rendered when one is
	// asked for: a rebuild renders only the pages that changed.
	s := serve.New(buildSite, watch, stderr, serve.WithDeferred(build.PreviewDeferred(), preview.Handbooks))
	if err := s.Rebuild(ctx); err != nil {
		return 1
	}
	if err := s.ListenAndServe(ctx, net.JoinHostPort(*addr, strconv.Itoa(*port))); err != nil {
		fmt.Fprintln(stderr, "anzen serve:", term.Lines(err.Error()))
		return 1
	}
	return 0
}

// loopback tells whether addr is an address only this machine can reach.
func loopback(addr string) bool {
	if addr == "localhost" {
		return true
	}
	ip := net.ParseIP(addr)
	return ip != nil && ip.IsLoopback()
}
