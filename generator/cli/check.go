package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"

	anzen "github.com/anzen-dev/anzen"
	"github.com/anzen-dev/anzen/generator/findings"
	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/term"
	"github.com/anzen-dev/anzen/generator/verdict"
)

// checked is one profile's result, as `anzen check --format json` prints
// it.
type checked struct {
	Profile  string             `json:"profile"`
	Clinic   string             `json:"clinic"`
	Name     string             `json:"name"`
	AsOf     string             `json:"as_of"`
	Counts   map[string]int     `json:"counts"`
	Findings []findings.Finding `json:"findings"`
}

func runCheck(args []string, stdout, stderr io.Writer, now func() time.Time) int {
	fl := flag.NewFlagSet("anzen check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	format := fl.String("format", "text", "output `FORMAT`: text or json")
	failOn := fl.String("fail-on", "high", "exit 1 when a finding of this `SEVERITY` or worse exists (info, low, medium, high, none)")
	asOfFlag := fl.String("as-of", "", "judge dates as of `DATE` (2026-04-01); default today")
	english := fl.Bool("english", false, "instead of findings, print the Japanese texts the English pages show untranslated, as [english] lines to add to the profile")
	var ld loader
	ld.flags(fl)
	fl.Usage = func() {
		fmt.Fprintf(stderr, "Usage: anzen check [flags] [PROFILE.toml ...]\n\nLists the gaps in each profile (no profile: the embedded example clinic).\n\nFlags:\n")
		fl.PrintDefaults()
	}
	if code, ok := parse(fl, args); !ok {
		return code
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "anzen check: -format %q: want text or json\n", *format)
		return 2
	}
	threshold, fail := findings.Severity(0), *failOn != "none"
	if fail {
		var err error
		if threshold, err = findings.ParseSeverity(*failOn); err != nil {
			fmt.Fprintf(stderr, "anzen check: -fail-on: %v, or none\n", err)
			return 2
		}
	}
	asOf := today(now())
	if *asOfFlag != "" {
		t, err := time.Parse("2006-01-02", *asOfFlag)
		if err != nil {
			fmt.Fprintf(stderr, "anzen check: -as-of %q: want a date like 2026-04-01\n", *asOfFlag)
			return 2
		}
		asOf = t
	}
	profiles, code := ld.load(fl.Args(), stderr)
	if *english {
		for _, p := range profiles {
			printUntranslated(stdout, p)
		}
		return code
	}
	msgs, err := defaultMessages()
	if err != nil {
		fmt.Fprintln(stderr, "anzen check:", term.Lines(err.Error()))
		return 1
	}
	var results []checked
	for _, p := range profiles {
		fs := findings.Check(p, verdict.Judge(p, asOf), msgs)
		results = append(results, checked{p.File, p.Clinic.ID, p.Clinic.Name, asOf.Format("2006-01-02"), findings.Count(fs), fs})
		if w, ok := findings.Worst(fs); fail && ok && w >= threshold {
			code = 1
		}
	}
	if *format == "json" {
		if results == nil {
			results = []checked{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(results); err != nil {
			fmt.Fprintln(stderr, "anzen check:", term.Lines(err.Error()))
			return 1
		}
		return code
	}
	for _, r := range results {
		confirm := 0
		for _, f := range r.Findings {
			if f.Kind == findings.KindConfirm {
				confirm++
			}
		}
		fmt.Fprintf(stdout, "%s: %s — %d findings (high %d, medium %d, low %d, info %d; %d gaps, %d to confirm) as of %s\n",
			term.Name(r.Profile), term.Name(r.Name), len(r.Findings), r.Counts["high"], r.Counts["medium"], r.Counts["low"], r.Counts["info"], len(r.Findings)-confirm, confirm, r.AsOf)
		for _, f := range r.Findings {
			kind := ""
			if f.Kind == findings.KindConfirm {
				kind = " (to confirm)"
			}
			fmt.Fprintf(stdout, "  %-6s %s: %s%s\n", strings.ToUpper(f.Severity.String()), term.Name(f.Path), term.Name(f.Title), kind)
			fmt.Fprintf(stdout, "         id %s\n", term.Name(f.ID))
			fmt.Fprintf(stdout, "         %s\n", term.Name(f.Detail))
			fmt.Fprintf(stdout, "         → %s [%s]\n", term.Name(f.Action), strings.Join(f.Refs, " "))
		}
	}
	return code
}

// defaultMessages loads the embedded finding rules and wording.
func defaultMessages() (*fragment.Messages, error) {
	tmpl, err := fs.Sub(anzen.Defaults(), "templates")
	if err != nil {
		return nil, err
	}
	return fragment.LoadMessages(fragment.Layer{Name: "templates", FS: tmpl})
}

// printUntranslated prints the profile's texts that have no English as
// lines of its [english] table, the English left to write.
func printUntranslated(w io.Writer, p *profile.Profile) {
	texts := p.Untranslated()
	name := term.Name(p.File)
	if name == "" {
		name = p.Clinic.ID
	}
	if len(texts) == 0 {
		fmt.Fprintf(w, "# %s: every Japanese text has English\n", name)
		return
	}
	fmt.Fprintf(w, "# %s: %d Japanese texts show untranslated on the English pages.\n", name, len(texts))
	fmt.Fprintf(w, "# Add these lines to the profile's [english] table and write the English\n# between the empty quotes (a line left empty is an error).\n")
	if len(p.English) == 0 {
		fmt.Fprintln(w, "[english]")
	}
	for _, t := range texts {
		fmt.Fprintf(w, "%s = \"\"\n", term.Name(profile.Quote(t)))
	}
}
