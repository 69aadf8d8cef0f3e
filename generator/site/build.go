package site

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/bep/logg"
	"github.com/gohugoio/hugo/common/hugo"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
)

// Site is a Hugo project opened for building: configuration loaded and
// templates parsed. Opening needs only hugo.toml and the theme, so it can
// run while the clinic's content is still being generated.
type Site struct {
	h      *hugolib.HugoSites
	log    *bytes.Buffer
	logger loggers.Logger
}

// Open loads the Hugo project in dir, to be built into publishDir. cacheDir
// holds Hugo's generated resources; the caller removes it.
func Open(dir, publishDir, cacheDir string) (*Site, error) {
	// Hugo resolves its directories against the working directory and
	// requires some of them to be absolute.
	for _, p := range []*string{&dir, &publishDir, &cacheDir} {
		abs, err := filepath.Abs(*p)
		if err != nil {
			return nil, err
		}
		*p = abs
	}
	var log bytes.Buffer
	logger := loggers.New(loggers.Options{Level: logg.LevelWarn, StdOut: &log, StdErr: &log, DistinctLevel: logg.LevelWarn})
	flags := config.New()
	flags.Set("workingDir", dir)
	flags.Set("publishDir", publishDir)
	flags.Set("resourceDir", filepath.Join(cacheDir, "resources"))
	flags.Set("cacheDir", filepath.Join(cacheDir, "cache"))
	flags.Set("environment", "production")

	configs, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Flags:       flags,
		Fs:          hugofs.Os,
		Filename:    filepath.Join(dir, "hugo.toml"),
		Environment: "production",
		Logger:      logger,
	})
	if err != nil {
		return nil, fmt.Errorf("hugo config: %w", err)
	}
	fs := hugofs.NewFrom(hugofs.Os, configs.LoadingInfo.BaseConfig)
	h, err := hugolib.NewHugoSites(deps.DepsCfg{Configs: configs, Fs: fs, LogLevel: logger.Level(), StdOut: &log, StdErr: &log})
	if err != nil {
		return nil, fmt.Errorf("hugo: %w", err)
	}
	return &Site{h: h, log: &log, logger: logger}, nil
}

// Build renders the site. Warnings and errors Hugo logs fail the build and
// are returned with the error.
func (s *Site) Build() error {
	// The project is in a folder of its own that nothing else builds, so
	// Hugo's lock file (.hugo_build.lock) would only be litter in it.
	if err := s.h.Build(hugolib.BuildCfg{NoBuildLock: true}); err != nil {
		return fmt.Errorf("hugo build: %w", err)
	}
	if n := s.logger.LoggCount(logg.LevelError) + s.logger.LoggCount(logg.LevelWarn); n > 0 {
		return errors.New("hugo build: " + s.log.String())
	}
	return nil
}

// Close releases Hugo's resources.
func (s *Site) Close() error { return s.h.Close() }

// Build opens the project in dir and builds it into publishDir.
func Build(dir, publishDir, cacheDir string) error {
	s, err := Open(dir, publishDir, cacheDir)
	if err != nil {
		return err
	}
	defer s.Close()
	return s.Build()
}

// HugoVersion is the version of the Hugo library anzen is built with.
func HugoVersion() string { return hugo.CurrentVersion.String() }
