// Command anzenbench measures anzen's whole build of the default clinic
// (profile to finished site, handbook and report) against the stock hugo
// command building the Hugo project anzen generated, in the same run on the
// same machine, and prints wall time and peak memory for both and their
// ratio. `make bench` runs it.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

func main() {
	anzen := flag.String("anzen", "bin/anzen", "anzen binary")
	hugo := flag.String("hugo", "bin/hugo", "stock hugo binary (same version as the library)")
	runs := flag.Int("n", 10, "runs of each command (the median is reported)")
	batch := flag.Int("batch", 100, "clinics in the batch measurement (0: skip)")
	flag.Parse()
	if err := run(*anzen, *hugo, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "anzenbench:", err)
		os.Exit(1)
	}
	if *batch > 0 {
		if err := runBatch(*anzen, *batch); err != nil {
			fmt.Fprintln(os.Stderr, "anzenbench:", err)
			os.Exit(1)
		}
	}
}

// runBatch builds n clinics (copies of the default profile with their own
// ids) in one command and reports clinics per second, with the single
// clinic build measured in the same run.
func runBatch(anzen string, n int) error {
	tmp, err := os.MkdirTemp("", "anzenbench-batch-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	src, err := os.ReadFile("profiles/sakura-naika.toml")
	if err != nil {
		return err
	}
	args := []string{"build", "-o", filepath.Join(tmp, "out")}
	for i := 0; i < n; i++ {
		f := filepath.Join(tmp, fmt.Sprintf("clinic-%03d.toml", i))
		data := strings.Replace(string(src), `id = "sakura-naika"`, fmt.Sprintf(`id = "clinic-%03d"`, i), 1)
		if err := os.WriteFile(f, []byte(data), 0o644); err != nil {
			return err
		}
		args = append(args, f)
	}
	single, err := measure(anzen, "build", "-o", filepath.Join(tmp, "single"), args[3])
	if err != nil {
		return err
	}
	b, err := measure(anzen, args...)
	if err != nil {
		return err
	}
	fmt.Printf("batch of %d clinics in one command (no PDF): %.2f s, %.1f clinics/s, peak %.1f MiB; one clinic alone: %.0f ms (%.1f clinics/s)\n",
		n, b.wall.Seconds(), float64(n)/b.wall.Seconds(), mib(b.maxRSS), ms(single.wall), 1/single.wall.Seconds())
	return nil
}

type sample struct {
	wall   time.Duration
	maxRSS int64 // KiB
}

func measure(name string, args ...string) (sample, error) {
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = nil, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return sample{}, fmt.Errorf("%s %v: %w\n%s", name, args[:min(len(args), 4)], err, stderr.String())
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
