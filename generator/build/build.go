// Package build turns clinic profiles into finished output folders: it runs
// the stages (assemble, report, site) for one clinic and writes the result
// into a temporary directory that replaces the clinic's folder only when
// everything succeeded.
package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/anzen-dev/anzen"
	"github.com/anzen-dev/anzen/generator/assemble"
	"github.com/anzen-dev/anzen/generator/calendar"
	"github.com/anzen-dev/anzen/generator/chart"
	"github.com/anzen-dev/anzen/generator/checklist"
	"github.com/anzen-dev/anzen/generator/findings"
	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/internal/atomicfile"
	"github.com/anzen-dev/anzen/generator/layerfs"
	"github.com/anzen-dev/anzen/generator/pdf"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/report"
	"github.com/anzen-dev/anzen/generator/site"
	"github.com/anzen-dev/anzen/generator/verdict"
	"github.com/anzen-dev/anzen/generator/workbook"
)

// Builder builds clinics with one set of templates, theme and content. It
// is safe for concurrent use.
type Builder struct {
	set *fragment.Set
	// skeleton is the site skeleton's hugo.toml; static the theme and
	// fixed pages, the same for every clinic.
	skeleton []byte
	static   map[string][]byte
	asOf     time.Time
	pdf      *pdf.Printer
	zip      bool
	project  bool
	keyRef   func() string
	// themes is the themes/ tree with the overlays, for the portfolio.
	themes fs.FS
}

// Option configures a Builder.
type Option func(*config)

type config struct {
	templates, themes, content, site []string
	asOf                             time.Time
	pdf                              *pdf.Printer
	zip                              bool
	project                          bool
}

// WithTemplates layers a directory of fragments over the default ones; a
// fragment with the same id replaces the default.
func WithTemplates(dir string) Option {
	return func(c *config) { c.templates = append(c.templates, dir) }
}

// WithThemes layers a directory over the default themes/ tree (it holds
// anzen/layouts/…).
func WithThemes(dir string) Option { return func(c *config) { c.themes = append(c.themes, dir) } }

// WithContent layers a directory of fixed pages over the default content/.
func WithContent(dir string) Option { return func(c *config) { c.content = append(c.content, dir) } }

// WithSite layers a directory over the default site skeleton (hugo.toml).
func WithSite(dir string) Option { return func(c *config) { c.site = append(c.site, dir) } }

// WithAsOf sets the date the documents and findings are current as of; by
// default each profile's last review date, so output depends on the
// profile alone.
func WithAsOf(t time.Time) Option { return func(c *config) { c.asOf = t } }

// WithPDF prints each clinic's handbooks to PDF with the printer:
// site/handbook.pdf and site/emergency-card.pdf, and the same under
// site/en/ in English.
func WithPDF(p *pdf.Printer) Option { return func(c *config) { c.pdf = p } }

// WithZip also writes each clinic's folder as out/<clinic-id>.zip. The
// archive is made before the folder replaces the previous one, so a
// failed archive leaves the previous folder and archive as they were.
func WithZip() Option { return func(c *config) { c.zip = true } }

// WithHugoProject also writes each clinic's generated Hugo project to
// hugo/, for those who want to build it with the stock hugo command.
func WithHugoProject() Option { return func(c *config) { c.project = true } }

// New loads the templates and returns a Builder.
func New(opts ...Option) (*Builder, error) {
	var c config
	for _, o := range opts {
		o(&c)
	}
	def := anzen.Defaults()
	sub := func(dir string) fs.FS {
		s, err := fs.Sub(def, dir)
		if err != nil {
			panic(err) // the embedded tree always has these directories
		}
		return s
	}
	layered := func(dir string, extra []string) (fs.FS, error) {
		layers := []fs.FS{sub(dir)}
		for _, d := range extra {
			fsys, err := overlay(dir, d)
			if err != nil {
				return nil, err
			}
			layers = append(layers, fsys)
		}
		return layerfs.New(layers...), nil
	}
	tl := []fragment.Layer{{Name: "templates", FS: sub("templates")}}
	for _, d := range c.templates {
		fsys, err := overlay("templates", d)
		if err != nil {
			return nil, err
		}
		tl = append(tl, fragment.Layer{Name: d, FS: fsys})
	}
	set, err := fragment.Load(tl...)
	if err != nil {
		return nil, err
	}
	b := &Builder{set: set, asOf: c.asOf, pdf: c.pdf, zip: c.zip, project: c.project}
	b.keyRef = sync.OnceValue(b.keyReference)
	skel, err := layered("site", c.site)
	if err != nil {
		return nil, err
	}
	if b.skeleton, err = fs.ReadFile(skel, "hugo.toml"); err != nil {
		return nil, fmt.Errorf("site skeleton: %w", err)
	}
	themes, err := layered("themes", c.themes)
	if err != nil {
		return nil, err
	}
	b.themes = themes
	theme, err := fs.Sub(themes, site.ThemeName)
	if err != nil {
		return nil, err
	}
	content, err := layered("content", c.content)
	if err != nil {
		return nil, err
	}
	if b.static, err = site.Static(theme, content); err != nil {
		return nil, err
	}
	return b, nil
}

// overlay opens a directory given on the command line as a file system
// confined to it: a symbolic link that points outside the directory fails
// to open instead of reading another file of the machine.
func overlay(what, dir string) (fs.FS, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%s overlay %s: not a directory", what, dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("%s overlay %s: %w", what, dir, err)
	}
	return regularFS{root.FS(), dir}, nil
}

// MaxOverlayFile is the largest file an overlay may hold: a template, a
// page, a font or an image is far smaller.
const MaxOverlayFile = 64 << 20

// regularFS opens only folders and regular files of at most
// MaxOverlayFile bytes: a named pipe would block the build when opened,
// and a device or a huge file would never finish reading. What it
// refuses is an error naming the file.
type regularFS struct {
	fsys fs.FS
	dir  string // the overlay's folder, named in errors
}

func (r regularFS) Open(name string) (fs.File, error) {
	st, err := fs.Stat(r.fsys, name)
	if err != nil {
		return nil, err
	}
	switch {
	case st.IsDir():
	case !st.Mode().IsRegular():
		what := "a device"
		switch {
		case st.Mode()&fs.ModeNamedPipe != 0:
			what = "a named pipe"
		case st.Mode()&fs.ModeSocket != 0:
			what = "a socket"
		}
		return nil, &fs.PathError{Op: "open", Path: filepath.Join(r.dir, name), Err: fmt.Errorf("%s, not a regular file: an overlay holds only folders and files", what)}
	case st.Size() > MaxOverlayFile:
		return nil, &fs.PathError{Op: "open", Path: filepath.Join(r.dir, name), Err: fmt.Errorf("file is %d bytes; the limit is %d", st.Size(), MaxOverlayFile)}
	}
	return r.fsys.Open(name)
}

// Themes returns the themes/ tree in effect: the defaults with the
// overlays.
func (b *Builder) Themes() fs.FS { return b.themes }

// Fragments returns the fragment set in effect.
func (b *Builder) Fragments() *fragment.Set { return b.set }

// Result describes one finished clinic build.
type Result struct {
	Clinic string
	// Dir is the clinic's output folder.
	Dir       string
	Documents int
	Report    *report.Report
	// Phases are the wall times of the build's steps, in order.
	Phases []Phase
}

// Phase is a named step of a clinic's build and how long it took.
type Phase struct {
	Name string
	Time time.Duration
}

// phases records the time since the previous mark.
type phases struct {
	last time.Time
	list []Phase
}

func (p *phases) mark(name string) {
	now := time.Now()
	p.list = append(p.list, Phase{name, now.Sub(p.last)})
	p.last = now
}

// Output is a generated clinic before it is written: the Hugo project's
// generated files (content and data; the theme is added when written) and
// the report.
type Output struct {
	Content map[string][]byte
	Report  *report.Report
	Docs    *assemble.Result
	DocsEn  *assemble.Result
	// Facts are what the documents were given, judged from the profile:
	// for the Japanese documents and for the English ones.
	Facts   *assemble.Facts
	FactsEn *assemble.Facts
}

// Generate runs the stages that produce data, without touching the disk.
func (b *Builder) Generate(p *profile.Profile) (*Output, error) { return b.generate(p, nil) }

// generate is Generate, reusing the sections cache has checked when it is
// not nil, with the site's options opts.
func (b *Builder) generate(p *profile.Profile, cache *assemble.Cache, opts ...site.ContentOption) (*Output, error) {
	asOf := b.asOf
	if asOf.IsZero() {
		asOf = p.Policy.LastReview
	}
	// The Japanese and English documents are independent: judge and
	// assemble them side by side. The English pages show the profile's
	// texts in English where its english table has them.
	pe := p.In("en")
	year := checklist.SheetYear(asOf)
	var fj, fe *assemble.Facts
	var res, en *assemble.Result
	var g errgroup.Group
	g.Go(func() (err error) {
		fj = b.judge(p, "ja", asOf, year)
		res, err = assemble.Assemble(p, b.set, fj, assemble.WithAsOf(asOf), assemble.WithCache(cache))
		return err
	})
	g.Go(func() (err error) {
		fe = b.judge(pe, "en", asOf, year)
		en, err = assemble.Assemble(pe, b.set, fe, assemble.WithAsOf(asOf), assemble.WithLang("en"), assemble.WithCache(cache))
		return err
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	vj, ve := fj.Verdicts, fe.Verdicts
	charts := chart.Files(p, pe, b.set.Messages)
	rep := report.New(p, b.set, res, charts, asOf, findings.Bilingual(p, vj, pe, ve, b.set.Messages))
	rep.SetChecklist(fj.Checklist)
	rep.SetEnglish(en)
	rep.SetDeadlines(p, pe, vj, ve, b.set.Messages)
	if b.pdf != nil {
		opts = append(opts, site.WithHandbookPDF())
	}
	files, err := site.Content(res, en, rep, charts, b.KeyReference(), b.set.Messages, opts...)
	if err != nil {
		return nil, fmt.Errorf("clinic %s: %w", p.Clinic.ID, err)
	}
	maps.Copy(files, site.Brand(p.Brand()))
	if b.pdf != nil {
		// The site links the PDFs it will have.
		files[site.PrintData] = fmt.Appendf(nil, `{"pdf": true, "en": %t}`+"\n", hasEnglish(p))
	}
	return &Output{Content: files, Report: rep, Docs: res, DocsEn: en, Facts: fj, FactsEn: fe}, nil
}

// judge makes the facts a clinic's documents in one language show: p is
// the profile as that language's pages show it (p.In("en") for English),
// whose names the facts carry. The judgements are the same in either
// language; year, the checklist's year, depends on the date alone and is
// worked out once for both.
func (b *Builder) judge(p *profile.Profile, lang string, asOf time.Time, year checklist.Year) *assemble.Facts {
	return judge(b.set, p, lang, asOf, year)
}

// judge is what Builder.judge does with the fragment set's checklist items
// and messages.
func judge(set *fragment.Set, p *profile.Profile, lang string, asOf time.Time, year checklist.Year) *assemble.Facts {
	v := verdict.Judge(p, asOf)
	items, m := set.Refs.Checklist, set.Messages
	return &assemble.Facts{
		Verdicts:      v,
		RoleMatrix:    chart.Roles(p, lang, m),
		Checklist:     checklist.Clinic(p, v, items, m),
		VendorSheets:  checklist.Vendors(p, v, items, m),
		ChecklistYear: year,
	}
}

// Clinic builds one clinic into out/<clinic-id>/: site/ (the built site,
// with the handbooks handbook.html and en/handbook.html; with WithPDF their
// PDFs and the emergency card's beside them), report.json, and with
// WithHugoProject hugo/ (the project). The folder is replaced only when the
// whole build succeeded; on failure or cancellation the previous folder is
// left as it was and nothing else remains.
func (b *Builder) Clinic(ctx context.Context, p *profile.Profile, out string) (res *Result, err error) {
	ph := &phases{last: time.Now()}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, fmt.Errorf("output %s: %w", out, err)
	}
	// A build killed outright (SIGKILL, power cut) cannot clean up after
	// itself; its temporary folder is removed by a later build of the
	// clinic, once its lock shows that no build is using it.
	sc, err := newScratchDir(out, p.Clinic.ID)
	if err != nil {
		return nil, fmt.Errorf("clinic %s: output %s: %w", p.Clinic.ID, out, err)
	}
	tmp := sc.path
	defer func() {
		sc.release()
		if err != nil {
			err = fmt.Errorf("clinic %s: %w", p.Clinic.ID, err)
		}
	}()
	// want lists every file the build writes and its size, to check the
	// folder before it replaces the previous one.
	want := map[string]int{}
	expect := func(dir string, files map[string][]byte) {
		for name, data := range files {
			want[path.Join(dir, name)] = len(data)
		}
	}
	hugoDir := filepath.Join(tmp, "hugo")

	var written errgroup.Group
	defer written.Wait()
	gen, siteFiles, err := b.render(ctx, p, hugoDir, ph, func(files map[string][]byte) {
		if b.project {
			expect("hugo", files)
			written.Go(func() error { return writeFiles(hugoDir, files) })
		}
	})
	if err != nil {
		return nil, err
	}
	siteDir := filepath.Join(tmp, "site")
	expect("site", siteFiles)
	written.Go(func() error { return writeFiles(siteDir, siteFiles) })
	if err := written.Wait(); err != nil {
		return nil, err
	}
	ph.mark("write site")
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if b.pdf != nil {
		date := b.asOf
		if date.IsZero() {
			date = p.Policy.LastReview
		}
		// The last build's page numbers are the first guess: a profile
		// edit seldom moves a heading to another page.
		last := filepath.Join(out, p.Clinic.ID, "site")
		if err := b.printHandbooks(ctx, siteDir, last, siteFiles, date, hasEnglish(p)); err != nil {
			return nil, err
		}
		want["site/handbook.pdf"] = -1
		want["site/emergency-card.pdf"] = -1
		// The print fills the handbooks' page numbers in: their size is
		// no longer the one rendered.
		for _, name := range []string{"site/handbook.html", "site/en/handbook.html"} {
			if _, ok := want[name]; ok {
				want[name] = -1
			}
		}
		ph.mark("pdf")
	}
	// report.json is the report the site was given as data, with the
	// revision base carried over from the previous build while
	// policy.version has no 改訂履歴 entry, and the documents changed
	// since the previous build.
	prev, _ := report.Read(filepath.Join(out, p.Clinic.ID, "report.json"))
	r := *gen.Report
	r.Changes = r.ChangesSince(prev)
	if !p.HasRevision(p.Policy.Version) {
		r.Base = report.BaseFor(prev, p.Policy.Version, false)
	}
	data, err := r.JSON()
	if err != nil {
		return nil, err
	}
	xlsx, err := workbook.Workbook(workbook.Clinic{Name: p.Clinic.Name, Pharmacy: p.Clinic.Type == profile.TypePharmacy, AsOf: r.AsOf},
		gen.Facts.Checklist, gen.Facts.VendorSheets, b.set.Messages)
	if err != nil {
		return nil, fmt.Errorf("checklist.xlsx: %w", err)
	}
	extra := map[string][]byte{
		"report.json":    data,
		"calendar.ics":   ClinicCalendar(&r),
		"checklist.xlsx": xlsx,
	}
	for name, data := range extra {
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			return nil, err
		}
		want[name] = len(data)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// MkdirTemp made the folder private; the output is for everyone who
	// reads the shared folder or the web server.
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	ph.mark("report")
	if err := verify(tmp, want); err != nil {
		return nil, err
	}
	var zsc *scratch
	if b.zip {
		if zsc, err = zipScratch(out, p.Clinic.ID, tmp, p.Policy.LastReview); err != nil {
			return nil, fmt.Errorf("zip: %w", err)
		}
		defer zsc.release()
		ph.mark("zip")
	}
	final := filepath.Join(out, p.Clinic.ID)
	if zsc != nil {
		// The archive replaces a file only: anything else there would make
		// the rename fail after the folder had been replaced.
		if st, err := os.Lstat(final + ".zip"); err == nil && !st.Mode().IsRegular() {
			return nil, fmt.Errorf("zip: %s exists and is not a file; the previous output is unchanged", final+".zip")
		}
	}
	if err := atomicfile.ReplaceDir(tmp, final); err != nil {
		return nil, err
	}
	if zsc != nil {
		if err := os.Rename(zsc.path, final+".zip"); err != nil {
			return nil, fmt.Errorf("zip: %w (the folder is new, the archive is not)", err)
		}
	}
	ph.mark("replace output")
	return &Result{Clinic: p.Clinic.ID, Dir: final, Documents: len(gen.Docs.Documents), Report: &r, Phases: ph.list}, nil
}

// ClinicCalendar is a clinic's calendar.ics: its deadlines, stamped with
// the report's as-of date.
func ClinicCalendar(r *report.Report) []byte {
	stamp, _ := time.Parse("2006-01-02", r.AsOf)
	return calendar.Encode(calendar.Calendar{
		Name:   r.Clinic.Name + " 期限 / Deadlines",
		Stamp:  stamp,
		Events: calendar.Events(r, ""),
	})
}

// render builds a clinic's site in memory. Hugo loads its configuration
// and parses the theme while the documents are generated, and builds from
// memory: neither needs the other, nor the disk. project receives the
// Hugo project's files as they become known (the theme and configuration,
// then the generated content), to write them out meanwhile.
func (b *Builder) render(ctx context.Context, p *profile.Profile, hugoDir string, ph *phases, project func(map[string][]byte)) (*Output, map[string][]byte, error) {
	cfg, err := site.Config(b.skeleton, p.Clinic.Name)
	if err != nil {
		return nil, nil, err
	}
	static := maps.Clone(b.static)
	static["hugo.toml"] = cfg
	opened := make(chan struct{})
	var hs *site.Site
	var openErr error
	go func() {
		defer close(opened)
		hs, openErr = site.Open(hugoDir, static)
	}()
	defer func() {
		<-opened
		if hs != nil {
			hs.Close()
		}
	}()
	project(static)
	gen, err := b.Generate(p)
	if err != nil {
		return nil, nil, err
	}
	ph.mark("generate")
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	project(gen.Content)
	if <-opened; openErr != nil {
		return nil, nil, openErr
	}
	ph.mark("wait hugo open")
	if err := hs.Add(gen.Content); err != nil {
		return nil, nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if err := hs.Build(ctx); err != nil {
		return nil, nil, err
	}
	ph.mark("hugo build")
	files, err := hs.Files()
	return gen, files, err
}

// Preview keeps a clinic's site open in memory from one build to the
// next, for a preview server: no project, report or handbook folder is
// written, and after the first build Hugo renders only the pages that
// depend on what changed. The handbooks, which every edit changes, are
// rendered only when asked for (Handbooks).
type Preview struct {
	dir string
	hs  *site.Site
	// checked keeps the sections last checked: a section whose text did
	// not change is not parsed again.
	checked *assemble.Cache
	// project is the project last built, its handbooks deferred.
	project map[string][]byte
}

// NewPreview returns a preview whose Hugo project is named as being in
// dir (Hugo's messages name files under it; nothing is written there).
func NewPreview(dir string) *Preview { return &Preview{dir: dir, checked: assemble.NewCache()} }

// Build generates p's documents with b and builds the site, returning it
// by slash path, without its handbooks (see Handbooks). The builder may
// differ from one call to the next (an overlay changed): what it
// generates differently is rebuilt.
func (pv *Preview) Build(ctx context.Context, b *Builder, p *profile.Profile) (map[string][]byte, error) {
	files, err := pv.build(ctx, b, p)
	if err != nil {
		return nil, fmt.Errorf("clinic %s: %w", p.Clinic.ID, err)
	}
	// Hugo leaves the handbooks it rendered last in place: they are out
	// of date.
	for _, name := range handbooks {
		delete(files, name)
	}
	return files, nil
}

// PreviewDeferred are the pages of the site Preview.Build leaves out and
// Handbooks renders, by slash path.
func PreviewDeferred() []string { return slices.Clone(handbooks) }

// Handbooks renders the handbooks of the site last built and returns the
// whole site, handbooks included. After a failed build, that is the last
// good one (opened afresh: a failed build closes the site).
func (pv *Preview) Handbooks(ctx context.Context) (map[string][]byte, error) {
	if pv.project == nil {
		return nil, errors.New("preview: Handbooks before a build")
	}
	hb, err := site.Handbooks(pv.project)
	if err != nil {
		return nil, err
	}
	files := maps.Clone(pv.project)
	maps.Copy(files, hb)
	if err := pv.rebuild(ctx, files); err != nil {
		return nil, err
	}
	return pv.hs.Files()
}

func (pv *Preview) build(ctx context.Context, b *Builder, p *profile.Profile) (map[string][]byte, error) {
	cfg, err := site.Config(b.skeleton, p.Clinic.Name)
	if err != nil {
		return nil, err
	}
	files := maps.Clone(b.static)
	files["hugo.toml"] = cfg
	gen, err := b.generate(p, pv.checked, site.WithDeferredHandbooks())
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	maps.Copy(files, gen.Content)
	if err := pv.rebuild(ctx, files); err != nil {
		return nil, err
	}
	pv.project = files
	return pv.hs.Files()
}

// rebuild builds files, as a rebuild of the site kept open or, when there
// is none or it cannot take the change, a site opened afresh.
func (pv *Preview) rebuild(ctx context.Context, files map[string][]byte) error {
	if pv.hs != nil {
		err := pv.hs.Rebuild(ctx, files)
		if err == nil {
			return nil
		}
		// After a failed rebuild Hugo's state is not to be trusted: the
		// site is opened afresh.
		pv.Close()
		if !errors.Is(err, site.ErrReopen) {
			return err
		}
	}
	hs, err := site.Open(pv.dir, files, site.Rebuilding())
	if err != nil {
		return err
	}
	if err := hs.Build(ctx); err != nil {
		hs.Close()
		return err
	}
	pv.hs = hs
	return nil
}

// Close releases the site kept open.
func (pv *Preview) Close() error {
	if pv.hs == nil {
		return nil
	}
	err := pv.hs.Close()
	pv.hs = nil
	return err
}

// hasEnglish tells whether a profile has English for its texts (an
// english table or the clinic's English name): only then is its English
// handbook printed.
func hasEnglish(p *profile.Profile) bool { return len(p.English) > 0 || p.Clinic.NameEn != "" }

// handbooks are the site's handbooks, by slash path.
var handbooks = site.HandbookOutputs()

// cardID is the emergency card's id in the handbook, printed on its own as
// emergency-card.pdf.
const cardID = "doc-emergency-card"

// printHandbooks prints each handbook of the site in siteDir (files is the
// site as written there) to handbook.pdf beside it, and the emergency card
// alone to emergency-card.pdf (the English ones only when english),
// starting from the page numbers of the handbooks in lastDir; the
// handbooks are printed side by side, each in a tab of its own. The
// handbook's table of contents then gets the page numbers of its PDF.
func (b *Builder) printHandbooks(ctx context.Context, siteDir, lastDir string, files map[string][]byte, date time.Time, english bool) error {
	var g errgroup.Group
	for _, name := range handbooks {
		page, ok := files[name]
		if !ok || (!english && strings.HasPrefix(name, "en/")) {
			continue
		}
		g.Go(func() error {
			file := filepath.Join(siteDir, filepath.FromSlash(name))
			alone := []string{}
			if bytes.Contains(page, []byte(`id="`+cardID+`"`)) {
				alone = append(alone, cardID)
			}
			var guess map[string]int
			if last, err := os.ReadFile(filepath.Join(lastDir, filepath.FromSlash(name))); err == nil {
				guess = pdf.PageNumbers(last)
			}
			book, err := b.pdf.PrintBook(ctx, file, date, guess, alone...)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			dir := filepath.Dir(file)
			outputs := map[string][]byte{"handbook.pdf": book.PDF}
			if card, ok := book.Alone[cardID]; ok {
				outputs["emergency-card.pdf"] = card
			}
			for out, data := range outputs {
				// The PDF's text must be the handbook's: a font that
				// shares glyphs between kanji and radicals would give
				// both the radical's code point.
				if err := pdf.CheckText(data, string(page)); err != nil {
					return fmt.Errorf("%s: %w", path.Join(path.Dir(name), out), err)
				}
				if err := os.WriteFile(filepath.Join(dir, out), data, 0o644); err != nil {
					return err
				}
			}
			if numbered := pdf.NumberPages(page, book.Pages); !bytes.Equal(numbered, page) {
				return os.WriteFile(file, numbered, 0o644)
			}
			return nil
		})
	}
	return g.Wait()
}

// writeFiles writes a generated tree under dir.
func writeFiles(dir string, files map[string][]byte) error {
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if !filepath.IsLocal(filepath.FromSlash(name)) {
			return fmt.Errorf("refusing to write %q outside %s", name, dir)
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// ErrIncomplete is returned when the folder a build wrote does not hold
// every file it wrote, at its size: something else changed it, and it
// must not replace the previous output.
var ErrIncomplete = errors.New("output incomplete")

// verify checks that dir holds every file of want (slash path → size; -1
// for any size) as a regular file of that size.
func verify(dir string, want map[string]int) error {
	var bad []string
	for name, size := range want {
		st, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name)))
		switch {
		case err != nil:
			bad = append(bad, name+" is missing")
		case !st.Mode().IsRegular():
			bad = append(bad, name+" is not a regular file")
		case size >= 0 && st.Size() != int64(size):
			bad = append(bad, fmt.Sprintf("%s has %d bytes, wrote %d", name, st.Size(), size))
		}
	}
	if len(bad) == 0 {
		return nil
	}
	sort.Strings(bad)
	if len(bad) > 5 {
		bad = append(bad[:5], fmt.Sprintf("and %d more", len(bad)-5))
	}
	return fmt.Errorf("%w in %s (the previous output is kept): %s", ErrIncomplete, dir, strings.Join(bad, "; "))
}

// ErrNotDir is returned when the clinic's output path exists and is not a
// directory anzen can replace.
var ErrNotDir = atomicfile.ErrNotDir
