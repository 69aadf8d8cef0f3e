package cli

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"sort"

	"golang.org/x/sync/errgroup"

	"github.com/anzen-dev/anzen"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/term"
)

// loader reads profiles with the vendor definitions they may reference:
// the embedded examples (profiles/vendors) and the folders given with
// -vendors, later folders replacing definitions of the same id.
type loader struct {
	vendors dirs
	cat     *profile.Catalog
}

func (l *loader) flags(fl *flag.FlagSet) {
	fl.Var(&l.vendors, "vendors", "`DIR` of vendor definitions (<id>.toml) that profiles use with vendors[].definition (repeatable; over the embedded examples)")
}

// catalog reads the vendor definitions. A folder is opened confined to
// itself: a logo or a symbolic link that points outside it is refused.
func (l *loader) catalog() (*profile.Catalog, error) {
	if l.cat != nil {
		return l.cat, nil
	}
	cat := profile.NewCatalog()
	def, err := fs.Sub(anzen.Defaults(), anzen.DefaultVendors)
	if err != nil {
		return nil, err
	}
	if err := cat.AddDir(anzen.DefaultVendors, def); err != nil {
		return nil, err
	}
	for _, d := range l.vendors {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("-vendors %s: not a directory", d)
		}
		root, err := os.OpenRoot(d)
		if err != nil {
			return nil, fmt.Errorf("-vendors %s: %w", d, err)
		}
		err = cat.AddDir(d, root.FS())
		root.Close()
		if err != nil {
			return nil, err
		}
	}
	l.cat = cat
	return cat, nil
}

// load decodes the named profiles, or the embedded default when none is
// named. Problems are printed; the code is 1 when any profile failed.
func (l *loader) load(names []string, stderr io.Writer) ([]*profile.Profile, int) {
	cat, err := l.catalog()
	if err != nil {
		fmt.Fprintln(stderr, term.Lines(err.Error()))
		return nil, 1
	}
	if len(names) == 0 {
		p, err := profile.Load(anzen.Defaults(), anzen.DefaultProfile, profile.WithCatalog(cat))
		if err != nil {
			fmt.Fprintln(stderr, term.Lines(err.Error()))
			return nil, 1
		}
		return []*profile.Profile{p}, 0
	}
	// Profiles are independent: decode them side by side, then report
	// in the order they were named.
	loaded := make([]*profile.Profile, len(names))
	errs := make([]error, len(names))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, n := range names {
		g.Go(func() error {
			loaded[i], errs[i] = profile.LoadFile(n, profile.WithCatalog(cat))
			return nil
		})
	}
	g.Wait()
	code := 0
	var out []*profile.Profile
	seen := map[string]string{}
	for i, n := range names {
		p, err := loaded[i], errs[i]
		if err != nil {
			fmt.Fprintln(stderr, term.Lines(err.Error()))
			code = 1
			continue
		}
		if other, dup := seen[p.Clinic.ID]; dup {
			fmt.Fprintf(stderr, "%s: clinic.id: %q is also the id of %s; each clinic needs its own id (it names the output folder)\n", term.Name(n), p.Clinic.ID, term.Name(other))
			code = 1
			continue
		}
		seen[p.Clinic.ID] = n
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Clinic.ID < out[j].Clinic.ID })
	return out, code
}
