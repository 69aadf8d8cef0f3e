package cli

import (
	"crypto/sha256"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/anzen-dev/anzen"
	"github.com/anzen-dev/anzen/generator/portfolio"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/term"
)

// loader reads profiles with the vendor definitions they may reference:
// the embedded examples (profiles/vendors) and the folders given with
// -vendors, later folders replacing definitions of the same id.
type loader struct {
	vendors dirs
	cat     *profile.Catalog
	// shard keeps only the profiles of one shard (all when n is 0).
	shard shard
	// failed lists the profiles of the shard that could not be read.
	failed []portfolio.Failure
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
		// A profile belongs to the shard of its clinic id, one that
		// cannot be read to the shard of its file name.
		if (err != nil && !l.shard.has(filepath.ToSlash(filepath.Clean(n)))) || (err == nil && !l.shard.has(p.Clinic.ID)) {
			continue
		}
		if err != nil {
			l.failed = append(l.failed, portfolio.Failure{Profile: n, Error: err.Error()})
			fmt.Fprintln(stderr, term.Lines(err.Error()))
			code = 1
			continue
		}
		if other, dup := seen[p.Clinic.ID]; dup {
			msg := fmt.Sprintf("%s: clinic.id: %q is also the id of %s; each clinic needs its own id (it names the output folder)", n, p.Clinic.ID, other)
			l.failed = append(l.failed, portfolio.Failure{Profile: n, Error: msg})
			fmt.Fprintln(stderr, term.Lines(msg))
			code = 1
			continue
		}
		seen[p.Clinic.ID] = n
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Clinic.ID < out[j].Clinic.ID })
	return out, code
}

// shard is one of n parts of a set of profiles (-shard i/n): a profile
// belongs to the part its key hashes to, so the same profiles fall into
// the same parts on every machine, whatever order they are named in, and
// adding a profile moves no other.
type shard struct{ i, n int }

func (s *shard) String() string {
	if s.n == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.i, s.n)
}

// Set reads "i/n", 1 ≤ i ≤ n.
func (s *shard) Set(v string) error {
	a, b, ok := strings.Cut(v, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return fmt.Errorf("want i/n with 1 ≤ i ≤ n, like 2/8")
	}
	s.i, s.n = i, n
	return nil
}

// has tells whether the key (a clinic id, or the path of a profile that
// could not be read) is in the shard.
func (s shard) has(key string) bool {
	if s.n <= 1 {
		return true
	}
	// SHA-256, not FNV: FNV's low bits depend on few bits of the key,
	// and a modulus by a small n reads little else.
	sum := sha256.Sum256([]byte(key))
	return binary.BigEndian.Uint64(sum[:8])%uint64(s.n) == uint64(s.i-1)
}
