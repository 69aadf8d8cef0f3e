package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/bep/logg"
	"github.com/fsnotify/fsnotify"
	"github.com/gohugoio/hugo/common/hmaps"
	"github.com/gohugoio/hugo/common/hugo"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/config/security"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/spf13/afero"
)

// Site is a Hugo project opened for building: configuration loaded and
// templates parsed. Hugo reads the project from memory and writes the site
// to memory: the project can be written to disk for the user at the same
// time, opening needs only hugo.toml and the theme (so it can run while
// the clinic's content is still being generated), and a full disk is met
// by anzen's own writes, not by Hugo's renderers (which can deadlock on
// ten or more write errors in v0.165.0).
type Site struct {
	h   *hugolib.HugoSites
	src afero.Fs
	pub afero.Fs
	dir string
	log *syncBuffer
	// stuck is set when a build was abandoned.
	stuck  bool
	logger loggers.Logger
	// files is the project as given to Open and Add, for Rebuild to
	// tell what changed (kept only by a site opened with Rebuilding).
	files map[string][]byte
}

// Option configures Open.
type Option func(*options)

type options struct{ rebuilding bool }

// Rebuilding opens the site for Rebuild: Hugo runs as in its server mode,
// recording what each page depends on so that a rebuild renders only the
// pages that depend on changed files.
func Rebuilding() Option { return func(o *options) { o.rebuilding = true } }

// ErrReopen is returned by Rebuild for a change Hugo cannot apply to the
// open site exactly (its configuration changed, or a file was removed,
// whose page would stay in the built site): open the site again.
var ErrReopen = errors.New("site: the change needs the site opened again")

// publishDir is where the site is rendered in memory.
const publishDir = "/public"

// Open loads a Hugo project given as files (slash paths relative to the
// project root). dir is the absolute path the project has on disk; Hugo's
// messages name files under it. Content and data may be added later with
// Add, before Build.
func Open(dir string, files map[string][]byte, opts ...Option) (*Site, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	// Hugo resolves its directories against the working directory and
	// requires some of them to be absolute.
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	src := afero.NewMemMapFs()
	s := &Site{src: src, dir: dir}
	if o.rebuilding {
		s.files = map[string][]byte{}
	}
	// Hugo mounts only the directories that exist when it opens a
	// project, and the content is added later.
	dirs := []string{"content", "data", "layouts", "assets", "static", "i18n"}
	var cfg struct {
		Languages map[string]struct {
			ContentDir string `toml:"contentDir"`
		} `toml:"languages"`
	}
	if _, err := toml.Decode(string(files["hugo.toml"]), &cfg); err != nil {
		return nil, fmt.Errorf("hugo.toml: %w", err)
	}
	for _, l := range cfg.Languages {
		if l.ContentDir != "" && filepath.IsLocal(filepath.FromSlash(l.ContentDir)) {
			dirs = append(dirs, l.ContentDir)
		}
	}
	for _, d := range dirs {
		if err := src.MkdirAll(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil {
			return nil, err
		}
	}
	if err := s.Add(files); err != nil {
		return nil, err
	}
	var log syncBuffer
	logger := loggers.New(loggers.Options{Level: logg.LevelWarn, StdOut: &log, StdErr: &log, DistinctLevel: logg.LevelWarn})
	flags := config.New()
	flags.Set("workingDir", dir)
	flags.Set("publishDir", publishDir)
	flags.Set("environment", "production")
	if o.rebuilding {
		flags.Set("internal", hmaps.Params{"running": true, "watch": true})
		// anzen serve reloads pages with its own script; Hugo's would ask
		// for a /livereload.js that nothing serves.
		flags.Set("disableLiveReload", true)
	}

	configs, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Flags:       flags,
		Fs:          src,
		Filename:    filepath.Join(dir, "hugo.toml"),
		Environment: "production",
		Logger:      logger,
	})
	if err != nil {
		return nil, fmt.Errorf("hugo config: %w", err)
	}
	// Overlays (a vendor's theme, site skeleton or content) are Hugo
	// templates and configuration: code that runs with the clinic's data.
	// The security policy is set here, over whatever hugo.toml says.
	if err := lockSecurity(configs); err != nil {
		return nil, err
	}
	pub := afero.NewMemMapFs()
	fs := hugofs.NewFromSourceAndDestination(src, pub, flags)
	h, err := hugolib.NewHugoSites(deps.DepsCfg{Configs: configs, Fs: fs, LogLevel: logger.Level(), StdOut: &log, StdErr: &log})
	if err != nil {
		return nil, fmt.Errorf("hugo: %w", err)
	}
	s.h, s.pub, s.log, s.logger = h, pub, &log, logger
	return s, nil
}

// Security is the Hugo security policy every build runs under, given to
// Hugo as a command-line flag would be, so that no hugo.toml (an overlay's
// included) can widen it: no remote resources (resources.GetRemote), no
// environment variables (getenv), no external programs, no inline
// shortcodes, no HTML content files.
func Security() hmaps.Params {
	none := []string{"none"}
	return hmaps.Params{
		"exec":                   hmaps.Params{"allow": none, "osEnv": none},
		"funcs":                  hmaps.Params{"getenv": none},
		"http":                   hmaps.Params{"urls": none, "methods": none, "mediaTypes": none},
		"allowContent":           []string{"! ^text/html$"},
		"enableInlineShortcodes": false,
		"node": hmaps.Params{"permissions": hmaps.Params{
			"disable": false, "allowRead": []string{"."}, "allowWrite": []string{},
			"allowAddons": []string{}, "allowWorker": []string{}, "allowChildProcess": []string{},
		}},
	}
}

// lockSecurity replaces the security policy of every language's
// configuration with Security, before Hugo creates what uses it.
func lockSecurity(configs *allconfig.Configs) error {
	sec, err := security.DecodeConfig(config.NewFrom(hmaps.Params{"security": Security()}))
	if err != nil {
		return fmt.Errorf("hugo security policy: %w", err)
	}
	configs.Base.Security = sec
	for _, c := range configs.LanguageConfigMap {
		c.Security = sec
	}
	return nil
}

// Add puts files into the project before Build.
func (s *Site) Add(files map[string][]byte) error {
	for name, data := range files {
		if s.files != nil {
			s.files[name] = data
		}
		p := filepath.Join(s.dir, filepath.FromSlash(name))
		if err := s.src.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := afero.WriteFile(s.src, p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Build renders the site. Warnings and errors Hugo logs fail the build and
// are returned with the error. It returns when ctx ends, after
// BuildTimeout, or when Hugo has stopped on errors but does not return:
// the site is then abandoned (Hugo's goroutines are left to the end of
// the process) and cannot be used again.
func (s *Site) Build(ctx context.Context) error { return s.build(ctx) }

// BuildTimeout bounds one Hugo build: a clinic of a thousand systems
// builds in about a minute on two busy cores. (A variable so that tests
// can show a stuck build ending without waiting ten minutes.)
var BuildTimeout = 10 * time.Minute

// stopGrace is how long Hugo may take to return once it has stopped
// rendering because of errors. Hugo v0.165.0 can deadlock there (its page
// walker blocks on a queue whose workers have quit), about one build in
// six when every page fails.
const stopGrace = 3 * time.Second

// ErrStuck is returned when Hugo does not finish; the Site is abandoned.
var ErrStuck = errors.New("Hugo did not finish")

func (s *Site) build(ctx context.Context, events ...fsnotify.Event) error {
	if s.stuck {
		return fmt.Errorf("hugo build: %w (an earlier build)", ErrStuck)
	}
	// Hugo closes this channel when it stops on errors. It is read before
	// the build starts: a rebuild replaces it (with one that only that
	// rebuild's errors close) while it runs.
	stopped := s.h.Done()
	done := make(chan error, 1)
	go func() {
		// The project has no other builder, so Hugo's lock file
		// (.hugo_build.lock) would only be litter in it.
		done <- s.h.Build(hugolib.BuildCfg{NoBuildLock: true}, events...)
	}()
	timeout := time.NewTimer(BuildTimeout)
	defer timeout.Stop()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		s.stuck = true
		return fmt.Errorf("hugo build: %w", ctx.Err())
	case <-timeout.C:
		s.stuck = true
		return fmt.Errorf("hugo build: %w in %v", ErrStuck, BuildTimeout)
	case <-stopped:
		// Hugo stops after ten errors; it returns at once, unless stuck.
		grace := time.NewTimer(stopGrace)
		defer grace.Stop()
		select {
		case err = <-done:
		case <-ctx.Done():
			s.stuck = true
			return fmt.Errorf("hugo build: %w", ctx.Err())
		case <-grace.C:
			s.stuck = true
			return fmt.Errorf("hugo build: rendering pages: %w after stopping on errors on many pages: a template (a --themes or --site overlay?) fails on every page%s", ErrStuck, s.logged())
		}
	}
	if err != nil {
		return fmt.Errorf("hugo build: %w", err)
	}
	if n := s.logger.LoggCount(logg.LevelError) + s.logger.LoggCount(logg.LevelWarn); n > 0 {
		return errors.New("hugo build: " + s.log.String())
	}
	return nil
}

// logged returns what Hugo logged, as the end of a message.
func (s *Site) logged() string {
	if l := strings.TrimSpace(s.log.String()); l != "" {
		return ":\n" + l
	}
	return ""
}

// syncBuffer is a buffer that Hugo's goroutines may write while a build
// that did not finish is reported.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func (b *syncBuffer) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.b.Reset()
}

// Rebuild makes files the project (every file Open and Add were given,
// changed or not) and builds again, telling Hugo which files changed or
// were added so that it renders only what depends on them. The site must
// have been opened with Rebuilding and built once.
func (s *Site) Rebuild(ctx context.Context, files map[string][]byte) error {
	if s.files == nil {
		return errors.New("site: Rebuild on a site not opened with Rebuilding")
	}
	for name := range s.files {
		if _, ok := files[name]; !ok {
			return ErrReopen
		}
	}
	if !bytes.Equal(files["hugo.toml"], s.files["hugo.toml"]) {
		return ErrReopen
	}
	changed := map[string][]byte{}
	var events []fsnotify.Event
	for name, data := range files {
		old, ok := s.files[name]
		if ok && bytes.Equal(old, data) {
			continue
		}
		changed[name] = data
		op := fsnotify.Write
		if !ok {
			op = fsnotify.Create
		}
		events = append(events, fsnotify.Event{Name: filepath.Join(s.dir, filepath.FromSlash(name)), Op: op})
	}
	if len(events) == 0 {
		return nil
	}
	sort.Slice(events, func(i, j int) bool { return events[i].Name < events[j].Name })
	if err := s.Add(changed); err != nil {
		return err
	}
	s.log.Reset()
	s.logger.Reset()
	return s.build(ctx, events...)
}

// Files returns the built site, by slash path relative to its root.
func (s *Site) Files() (map[string][]byte, error) {
	files := map[string][]byte{}
	err := afero.Walk(s.pub, publishDir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := afero.ReadFile(s.pub, p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(publishDir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	return files, err
}

// Close releases Hugo's resources; an abandoned site's are left to the
// end of the process, since Hugo may still be using them.
func (s *Site) Close() error {
	if s.stuck {
		return nil
	}
	return s.h.Close()
}

// HugoVersion is the version of the Hugo library anzen is built with.
func HugoVersion() string { return hugo.CurrentVersion.String() }
