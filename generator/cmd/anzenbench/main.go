// Command anzenbench measures anzen's whole build of the default clinic
// (profile to finished site, handbook and report) against the stock hugo
// command building the Hugo project anzen generated, in the same run on the
// same machine, and prints wall time and peak memory for both and their
// ratio; with Chromium installed, also `anzen build --pdf` against a plain
// `chromium --headless --print-to-pdf` of the same finished handbook, and
// a batch with PDFs. Every build writes into a fresh folder (rebuilding
// one folder in a loop makes the file system scan deleted inodes). `make
// bench` runs it. It also measures anzen serve's rebuild after a profile
// edit, in process.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/anzen-dev/anzen/generator/build"
	"github.com/anzen-dev/anzen/generator/profile"
)

func main() {
	anzen := flag.String("anzen", "bin/anzen", "anzen binary")
	hugo := flag.String("hugo", "bin/hugo", "stock hugo binary (same version as the library)")
	runs := flag.Int("n", 10, "runs of each command (the median is reported)")
	batch := flag.Int("batch", 100, "clinics in the batch measurement (0: skip)")
	pdfRuns := flag.Int("pdf-runs", 3, "runs of the PDF measurements (0: skip)")
	pdfBatch := flag.Int("pdf-batch", 4, "clinics in the batch with PDFs")
	chromium := flag.String("chromium", "chromium", "Chromium executable for the PDF measurements")
	edits := flag.Int("serve-edits", 15, "profile edits in the anzen serve measurement (0: skip)")
	flag.Parse()
	// The serve measurement runs in this process, last: a process forked
	// from a larger one starts with its size, which would count in the
	// peak memory of the commands measured after it.
	defer func() {
		if *edits > 0 {
			if err := runServe(*edits); err != nil {
				fmt.Fprintln(os.Stderr, "anzenbench:", err)
				os.Exit(1)
			}
		}
	}()
	var stock sample
	if *runs > 0 {
		var err error
		if stock, err = run(*anzen, *hugo, *runs); err != nil {
			fmt.Fprintln(os.Stderr, "anzenbench:", err)
			os.Exit(1)
		}
	}
	if *batch > 0 && *runs > 0 {
		if err := runBatch(*anzen, *batch, stock); err != nil {
			fmt.Fprintln(os.Stderr, "anzenbench:", err)
			os.Exit(1)
		}
	}
	if *pdfRuns > 0 {
		if _, err := exec.LookPath(*chromium); err != nil {
			fmt.Printf("PDF: skipped (%v)\n", err)
			return
		}
		if err := runPDF(*anzen, *chromium, *pdfRuns, *pdfBatch); err != nil {
			fmt.Fprintln(os.Stderr, "anzenbench:", err)
			os.Exit(1)
		}
	}
}

// runPDF measures `anzen build --pdf` of the default clinic, cold (the
// browser is started by the command), against the baseline of a plain
// `chromium --headless --print-to-pdf` of the finished handbook.html it
// wrote, alternating the two; then a batch of clinics with PDFs, whose
// time per clinic after the first is the batch's time less one clinic's.
func runPDF(anzen, chromium string, n, batch int) error {
	tmp, err := os.MkdirTemp("", "anzenbench-pdf-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	fresh := 0
	dir := func() string { fresh++; return filepath.Join(tmp, fmt.Sprintf("out-%d", fresh)) }
	first := dir()
	if _, err := measure(anzen, "build", "--pdf", "-o", first); err != nil {
		return err
	}
	site := filepath.Join(first, "sakura-naika", "site")
	plain := func(handbook, pdf string) []string {
		args := []string{"--headless", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=" + pdf}
		if os.Geteuid() == 0 {
			args = append(args, "--no-sandbox")
		}
		return append(args, "file://"+handbook)
	}
	var as, cs, both []sample
	for i := 0; i < n; i++ {
		a, err := measure(anzen, "build", "--pdf", "-o", dir())
		if err != nil {
			return err
		}
		c, err := measure(chromium, plain(filepath.Join(site, "handbook.html"), filepath.Join(tmp, "plain.pdf"))...)
		if err != nil {
			return err
		}
		// Both handbooks (Japanese and English) one after the other, as
		// anzen prints both.
		c2, err := measure(chromium, plain(filepath.Join(site, "en", "handbook.html"), filepath.Join(tmp, "plain-en.pdf"))...)
		if err != nil {
			return err
		}
		as, cs, both = append(as, a), append(cs, c), append(both, sample{wall: c.wall + c2.wall, cpu: c.cpu + c2.cpu})
	}
	a, c, b := median(as), median(cs), median(both)
	size, files := du(filepath.Join(first, "sakura-naika"))
	fmt.Printf("PDF, default clinic, %d runs each, median wall time (cold: each command starts its browser)\n", n)
	fmt.Printf("  anzen build --pdf (site, both handbooks numbered in two prints each, the cards): %7.0f ms  %6.0f ms CPU (anzen's own)\n", ms(a.wall), ms(a.cpu))
	fmt.Printf("  chromium --headless --print-to-pdf handbook.html:                                %7.0f ms\n", ms(c.wall))
	fmt.Printf("  the same for handbook.html and en/handbook.html, one after the other:            %7.0f ms\n", ms(b.wall))
	fmt.Printf("  ratio anzen build --pdf / plain print of one handbook: %.2f; / of both handbooks: %.2f\n", float64(a.wall)/float64(c.wall), float64(a.wall)/float64(b.wall))
	fmt.Printf("  output: %.2f MB in %d files and folders\n", float64(size)/1e6, files)
	if batch < 2 {
		return nil
	}
	src, err := os.ReadFile("profiles/sakura-naika.toml")
	if err != nil {
		return err
	}
	args := []string{"build", "--pdf", "-o", dir()}
	for i := 0; i < batch; i++ {
		f := filepath.Join(tmp, fmt.Sprintf("clinic-%03d.toml", i))
		data := strings.Replace(string(src), `id = "sakura-naika"`, fmt.Sprintf(`id = "clinic-%03d"`, i), 1)
		if err := os.WriteFile(f, []byte(data), 0o644); err != nil {
			return err
		}
		args = append(args, f)
	}
	one, err := measure(anzen, "build", "--pdf", "-o", dir(), args[4])
	if err != nil {
		return err
	}
	all, err := measure(anzen, args...)
	if err != nil {
		return err
	}
	per := (all.wall - one.wall) / time.Duration(batch-1)
	fmt.Printf("batch of %d clinics with PDFs in one command: %.1f s; one clinic alone %.1f s; %.1f s per clinic after the first (%.2f × the plain print of one handbook)\n",
		batch, all.wall.Seconds(), one.wall.Seconds(), per.Seconds(), float64(per)/float64(c.wall))
	return nil
}

// du returns the bytes of the files under dir and how many files and
// folders it holds.
func du(dir string) (size int64, n int) {
	filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil {
			n++
			if !info.IsDir() {
				size += info.Size()
			}
		}
		return nil
	})
	return size, n - 1
}

// runBatch builds n clinics (copies of the default profile with their own
// ids) in one command and reports clinics per second, with the single
// clinic build measured in the same run.
func runBatch(anzen string, n int, stock sample) error {
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
	// Stock hugo's CPU time for one clinic's project bounds what any
	// build that renders the project with Hugo can reach on this machine.
	fmt.Printf("  stock hugo alone needs %.0f ms CPU per clinic: at most %.1f clinics/s on %d cores; the batch used %.0f ms CPU per clinic\n",
		ms(stock.cpu), float64(runtime.NumCPU())/stock.cpu.Seconds(), runtime.NumCPU(), ms(b.cpu)/float64(n))
	return nil
}

type sample struct {
	wall   time.Duration
	cpu    time.Duration // user + system
	maxRSS int64         // KiB
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
		s.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return s, nil
}

func median(ss []sample) sample {
	w := make([]time.Duration, len(ss))
	c := make([]time.Duration, len(ss))
	m := make([]int64, len(ss))
	for i, s := range ss {
		w[i], c[i], m[i] = s.wall, s.cpu, s.maxRSS
	}
	sort.Slice(w, func(i, j int) bool { return w[i] < w[j] })
	sort.Slice(c, func(i, j int) bool { return c[i] < c[j] })
	sort.Slice(m, func(i, j int) bool { return m[i] < m[j] })
	return sample{w[len(w)/2], c[len(c)/2], m[len(m)-1]}
}

func run(anzen, hugo string, n int) (sample, error) {
	tmp, err := os.MkdirTemp("", "anzenbench-")
	if err != nil {
		return sample{}, err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "out")
	// Warm up both (file cache), and produce the project hugo builds.
	if _, err := measure(anzen, "build", "--hugo-project", "-o", out); err != nil {
		return sample{}, err
	}
	project := filepath.Join(tmp, "project")
	if err := os.Rename(filepath.Join(out, "sakura-naika", "hugo"), project); err != nil {
		return sample{}, err
	}
	hugoArgs := []string{"--quiet", "-s", project, "-d", filepath.Join(tmp, "public"), "--cacheDir", filepath.Join(tmp, "hugocache")}
	if _, err := measure(hugo, hugoArgs...); err != nil {
		return sample{}, err
	}
	var as, hs []sample
	for i := 0; i < n; i++ {
		// A fresh folder each time, as a user's first build.
		a, err := measure(anzen, "build", "-o", fmt.Sprintf("%s-%d", out, i))
		if err != nil {
			return sample{}, err
		}
		h, err := measure(hugo, hugoArgs...)
		if err != nil {
			return sample{}, err
		}
		as, hs = append(as, a), append(hs, h)
	}
	a, h := median(as), median(hs)
	fmt.Printf("default clinic (sakura-naika), %d runs each, median wall time, peak RSS over all runs\n", n)
	fmt.Printf("  anzen build (profile → site + handbook + report): %7.1f ms  %6.1f ms CPU  %6.1f MiB\n", ms(a.wall), ms(a.cpu), mib(a.maxRSS))
	fmt.Printf("  stock hugo (the generated hugo/ project only):     %7.1f ms  %6.1f ms CPU  %6.1f MiB\n", ms(h.wall), ms(h.cpu), mib(h.maxRSS))
	fmt.Printf("  ratio anzen / hugo: time %.2f, CPU %.2f, memory %.2f\n", float64(a.wall)/float64(h.wall), float64(a.cpu)/float64(h.cpu), float64(a.maxRSS)/float64(h.maxRSS))
	size, files := du(filepath.Join(out+"-0", "sakura-naika"))
	fmt.Printf("  output (no PDF, no Hugo project): %.2f MB in %d files and folders\n", float64(size)/1e6, files)
	return h, nil
}

// runServe measures what anzen serve does after a one-line profile edit
// (the clinic's phone number, changed n times), in this process as serve
// runs it: the rebuild of the site kept open, then the handbook rendered
// as a browser reloading it asks for it; against the first build of the
// preview (a fresh Hugo site), measured in the same run.
func runServe(n int) error {
	defer debug.SetGCPercent(debug.SetGCPercent(200)) // as anzen serve sets it
	b, err := build.New()
	if err != nil {
		return err
	}
	src, err := os.ReadFile("profiles/sakura-naika.toml")
	if err != nil {
		return err
	}
	const phone = `phone = "03-5300-1234"`
	if !strings.Contains(string(src), phone) {
		return fmt.Errorf("profiles/sakura-naika.toml has no %s", phone)
	}
	tmp, err := os.MkdirTemp("", "anzenbench-serve-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	ctx := context.Background()
	var firsts, rebuilds, handbooks []sample
	var preview *build.Preview
	for i := 0; i <= n; i++ {
		text := strings.Replace(string(src), phone, fmt.Sprintf(`phone = "03-5300-%04d"`, 1235+i), 1)
		p, err := profile.Decode("sakura-naika.toml", []byte(text))
		if err != nil {
			return err
		}
		if i == 0 || i%5 == 0 {
			// A preview opened afresh: the first build serve makes.
			pv := build.NewPreview(tmp)
			start := time.Now()
			if _, err := pv.Build(ctx, b, p); err != nil {
				return err
			}
			firsts = append(firsts, sample{wall: time.Since(start)})
			pv.Close()
		}
		if i == 0 {
			continue
		}
		if preview == nil {
			preview = build.NewPreview(tmp)
			if _, err := preview.Build(ctx, b, p); err != nil {
				return err
			}
			continue
		}
		start := time.Now()
		if _, err := preview.Build(ctx, b, p); err != nil {
			return err
		}
		rebuilds = append(rebuilds, sample{wall: time.Since(start)})
		start = time.Now()
		if _, err := preview.Handbooks(ctx); err != nil {
			return err
		}
		handbooks = append(handbooks, sample{wall: time.Since(start)})
	}
	preview.Close()
	f, r, h := median(firsts), median(rebuilds), median(handbooks)
	lo, hi := spread(rebuilds)
	fmt.Printf("anzen serve, default clinic, %d one-line edits (the phone number), median wall time\n", len(rebuilds))
	fmt.Printf("  rebuild after an edit:                       %6.1f ms (%.1f–%.1f ms)\n", ms(r.wall), ms(lo), ms(hi))
	fmt.Printf("  the handbook, when a reloading page asks:    %6.1f ms\n", ms(h.wall))
	fmt.Printf("  first build (the preview opened afresh):     %6.1f ms\n", ms(f.wall))
	fmt.Printf("  ratio rebuild / first build: %.2f\n", float64(r.wall)/float64(f.wall))
	return nil
}

// spread is the shortest and longest wall time of ss.
func spread(ss []sample) (lo, hi time.Duration) {
	for i, s := range ss {
		if i == 0 || s.wall < lo {
			lo = s.wall
		}
		hi = max(hi, s.wall)
	}
	return lo, hi
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
func mib(kib int64) float64      { return float64(kib) / 1024 }
