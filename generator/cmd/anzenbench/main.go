// Command anzenbench measures anzen's whole build of the default clinic
// (profile to finished site, handbook and report) against the stock hugo
// command building the Hugo project anzen generated, in the same run on the
// same machine, and prints wall time and peak memory for both and their
// ratio. `make bench` runs it.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"syscall"
	"time"
)

func main() {
	anzen := flag.String("anzen", "bin/anzen", "anzen binary")
	hugo := flag.String("hugo", "bin/hugo", "stock hugo binary (same version as the library)")
	runs := flag.Int("n", 10, "runs of each command (the median is reported)")
	flag.Parse()
	if err := run(*anzen, *hugo, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "anzenbench:", err)
		os.Exit(1)
	}
}

type sample struct {
	wall   time.Duration
	maxRSS int64 // KiB
}

func measure(name string, args ...string) (sample, error) {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = nil, os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return sample{}, fmt.Errorf("%s %v: %w", name, args, err)
	}
	s := sample{wall: time.Since(start)}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.maxRSS = ru.Maxrss
	}
	return s, nil
}

func median(ss []sample) sample {
	w := make([]time.Duration, len(ss))
	m := make([]int64, len(ss))
	for i, s := range ss {
		w[i], m[i] = s.wall, s.maxRSS
	}
	sort.Slice(w, func(i, j int) bool { return w[i] < w[j] })
	sort.Slice(m, func(i, j int) bool { return m[i] < m[j] })
	return sample{w[len(w)/2], m[len(m)-1]}
}

func run(anzen, hugo string, n int) error {
	tmp, err := os.MkdirTemp("", "anzenbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "out")
	// Warm up both (file cache), and produce the project hugo builds.
	if _, err := measure(anzen, "build", "-o", out); err != nil {
		return err
	}
	project := filepath.Join(tmp, "project")
	if err := os.Rename(filepath.Join(out, "sakura-naika", "hugo"), project); err != nil {
		return err
	}
	hugoArgs := []string{"--quiet", "-s", project, "-d", filepath.Join(tmp, "public"), "--cacheDir", filepath.Join(tmp, "hugocache")}
	if _, err := measure(hugo, hugoArgs...); err != nil {
		return err
	}
	var as, hs []sample
	for i := 0; i < n; i++ {
		a, err := measure(anzen, "build", "-o", out)
		if err != nil {
			return err
		}
		h, err := measure(hugo, hugoArgs...)
		if err != nil {
			return err
		}
		as, hs = append(as, a), append(hs, h)
	}
	a, h := median(as), median(hs)
	fmt.Printf("default clinic (sakura-naika), %d runs each, median wall time, peak RSS over all runs\n", n)
	fmt.Printf("  anzen build (profile → site + handbook + report): %7.1f ms  %6.1f MiB\n", ms(a.wall), mib(a.maxRSS))
	fmt.Printf("  stock hugo (the generated hugo/ project only):     %7.1f ms  %6.1f MiB\n", ms(h.wall), mib(h.maxRSS))
	fmt.Printf("  ratio anzen / hugo: time %.2f, memory %.2f\n", float64(a.wall)/float64(h.wall), float64(a.maxRSS)/float64(h.maxRSS))
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
func mib(kib int64) float64      { return float64(kib) / 1024 }
