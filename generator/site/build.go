package site

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"sync"

	"github.com/bep/logg"
	"github.com/gohugoio/hugo/common/hugo"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
)

// hugoMu serialises Hugo builds in one process: Hugo keeps some
// process-wide state (its clock, caches of the template engine) that
// concurrent builds would share.
var hugoMu sync.Mutex

// Build runs Hugo in-process on the project in dir and writes the site to
// publishDir. cacheDir holds Hugo's generated resources; the caller removes
// it. Warnings and errors Hugo logs are returned with the error.
func Build(dir, publishDir, cacheDir string) error {
	hugoMu.Lock()
	defer hugoMu.Unlock()

	// Hugo resolves its directories against the working directory and
	// requires some of them to be absolute.
	for _, p := range []*string{&dir, &publishDir, &cacheDir} {
		abs, err := filepath.Abs(*p)
		if err != nil {
			return err
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
		return fmt.Errorf("hugo config: %w", err)
	}
	fs := hugofs.NewFrom(hugofs.Os, configs.LoadingInfo.BaseConfig)
	h, err := hugolib.NewHugoSites(deps.DepsCfg{Configs: configs, Fs: fs, LogLevel: logger.Level(), StdOut: &log, StdErr: &log})
	if err != nil {
		return fmt.Errorf("hugo: %w", err)
	}
	defer h.Close()
	if err := h.Build(hugolib.BuildCfg{}); err != nil {
		return fmt.Errorf("hugo build: %w", err)
	}
	if n := logger.LoggCount(logg.LevelError) + logger.LoggCount(logg.LevelWarn); n > 0 {
		return errors.New("hugo build: " + log.String())
	}
	return nil
}

// HugoVersion is the version of the Hugo library anzen is built with.
func HugoVersion() string { return hugo.CurrentVersion.String() }
