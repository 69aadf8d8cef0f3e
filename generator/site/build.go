package site

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/bep/logg"
	"github.com/gohugoio/hugo/common/hugo"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
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
	h      *hugolib.HugoSites
	src    afero.Fs
	pub    afero.Fs
	dir    string
	log    *bytes.Buffer
	logger loggers.Logger
}

// publishDir is where the site is rendered in memory.
const publishDir = "/public"

// Open loads a Hugo project given as files (slash paths relative to the
// project root). dir is the absolute path the project has on disk; Hugo's
// messages name files under it. Content and data may be added later with
// Add, before Build.
func Open(dir string, files map[string][]byte) (*Site, error) {
	// Hugo resolves its directories against the working directory and
	// requires some of them to be absolute.
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	src := afero.NewMemMapFs()
	s := &Site{src: src, dir: dir}
	// Hugo mounts only the directories that exist when it opens a project.
	for _, d := range []string{"content", "data", "layouts", "assets", "static", "i18n"} {
		if err := src.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return nil, err
		}
	}
	if err := s.Add(files); err != nil {
		return nil, err
	}
	var log bytes.Buffer
	logger := loggers.New(loggers.Options{Level: logg.LevelWarn, StdOut: &log, StdErr: &log, DistinctLevel: logg.LevelWarn})
	flags := config.New()
	flags.Set("workingDir", dir)
	flags.Set("publishDir", publishDir)
	flags.Set("environment", "production")

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
	pub := afero.NewMemMapFs()
	fs := hugofs.NewFromSourceAndDestination(src, pub, flags)
	h, err := hugolib.NewHugoSites(deps.DepsCfg{Configs: configs, Fs: fs, LogLevel: logger.Level(), StdOut: &log, StdErr: &log})
	if err != nil {
		return nil, fmt.Errorf("hugo: %w", err)
	}
	s.h, s.pub, s.log, s.logger = h, pub, &log, logger
	return s, nil
}

// Add puts files into the project before Build.
func (s *Site) Add(files map[string][]byte) error {
	for name, data := range files {
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
// are returned with the error.
func (s *Site) Build() error {
	// The project has no other builder, so Hugo's lock file
	// (.hugo_build.lock) would only be litter in it.
	if err := s.h.Build(hugolib.BuildCfg{NoBuildLock: true}); err != nil {
		return fmt.Errorf("hugo build: %w", err)
	}
	if n := s.logger.LoggCount(logg.LevelError) + s.logger.LoggCount(logg.LevelWarn); n > 0 {
		return errors.New("hugo build: " + s.log.String())
	}
	return nil
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

// Close releases Hugo's resources.
func (s *Site) Close() error { return s.h.Close() }

// HugoVersion is the version of the Hugo library anzen is built with.
func HugoVersion() string { return hugo.CurrentVersion.String() }
