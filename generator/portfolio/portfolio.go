// Package portfolio summarises the clinics built into one output folder,
// for the vendor that looks after them: OUT/index.html (and its English
// twin index-en.html), OUT/portfolio.csv and OUT/calendar.ics, one row or
// set of events per clinic. It reads only what the builds left in the
// folder (each clinic's report.json, and a record of each clinic whose
// last build failed), so the portfolio can be made again without building
// the clinics, and after the outputs of several shards are merged.
package portfolio

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/anzen-dev/anzen/generator/findings"
	"github.com/anzen-dev/anzen/generator/internal/atomicfile"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/report"
)

// FailedDir is the folder under OUT holding a record of each clinic whose
// last build failed; its name cannot be a clinic id.
const FailedDir = "_failed"

// AssetsDir is the folder under OUT holding the portfolio page's style
// sheets and script.
const AssetsDir = "_portfolio"

// Failure is the record of a clinic whose last build failed.
type Failure struct {
	// Clinic is the clinic's id; empty when the profile could not be read.
	Clinic  string `json:"clinic,omitempty"`
	Name    string `json:"name,omitempty"`
	Profile string `json:"profile"`
	Error   string `json:"error"`
}

// Key names the failure's record: the clinic's id, or for a profile that
// could not be read, "file." and its file name (a dot: no clinic id has
// one).
func (f Failure) Key() string {
	if f.Clinic != "" {
		return f.Clinic
	}
	return FileKey(f.Profile)
}

// FileKey is the key of a profile file's failure record when the profile
// could not be read: "file." and the file's name as a slug.
func FileKey(file string) string {
	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	var b strings.Builder
	for _, r := range strings.ToLower(base) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '-' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return "file." + b.String()
}

// RecordFailure writes the failure's record under out.
func RecordFailure(out string, f Failure) error {
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Join(out, FailedDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, f.Key()+".json"), append(data, '\n'))
}

// ClearFailure removes the failure records of a clinic built successfully
// from a profile file.
func ClearFailure(out, clinic, file string) error {
	var errs []error
	for _, key := range []string{clinic, FileKey(file)} {
		if err := os.Remove(filepath.Join(out, FailedDir, key+".json")); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Row is one clinic of the portfolio.
type Row struct {
	// Key is the clinic's id, or the failure record's key of a profile
	// that could not be read.
	Key string
	// Report is the clinic's last good build (nil: none).
	Report *report.Report
	// Failure is set when the clinic's last build failed.
	Failure *Failure
	// Gaps and Confirms count the findings by kind.
	Gaps, Confirms int
	// Next are the next deadlines (at most three) on or after the
	// clinic's as-of date; Overdue counts those before it.
	Next    []report.Deadline
	Overdue int
	// Links to the clinic's outputs, relative to OUT; empty when the
	// output is not there.
	Site, Handbook, PDF, Calendar, Checklist string
}

// Name is the clinic's name, the profile file's for a profile that could
// not be read.
func (r Row) Name() string {
	switch {
	case r.Report != nil:
		return r.Report.Clinic.Name
	case r.Failure != nil && r.Failure.Name != "":
		return r.Failure.Name
	case r.Failure != nil:
		return filepath.Base(r.Failure.Profile)
	}
	return r.Key
}

// NameEn is the clinic's English name, or its name.
func (r Row) NameEn() string {
	if r.Report != nil && r.Report.Clinic.NameEn != "" {
		return r.Report.Clinic.NameEn
	}
	return r.Name()
}

// Count is the number of findings of a severity ("high", …).
func (r Row) Count(sev string) int {
	if r.Report == nil {
		return 0
	}
	return r.Report.FindingCounts[sev]
}

// Portfolio is every clinic of an output folder, by key.
type Portfolio struct {
	Rows []Row
}

// NextCount is how many upcoming deadlines a row lists.
const NextCount = 3

// Read reads the clinics built into out: every folder named as a clinic
// id that holds a report.json, and every failure record.
func Read(out string) (*Portfolio, error) {
	entries, err := os.ReadDir(out)
	if err != nil {
		return nil, err
	}
	rows := map[string]*Row{}
	var errs []error
	for _, e := range entries {
		if !e.IsDir() || !profile.ValidClinicID(e.Name()) {
			continue
		}
		file := filepath.Join(out, e.Name(), "report.json")
		r, err := report.Read(file)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if r.Clinic.ID != e.Name() {
			errs = append(errs, fmt.Errorf("%s: the report is of clinic %q", file, r.Clinic.ID))
			continue
		}
		rows[e.Name()] = newRow(out, e.Name(), r)
	}
	failed, err := os.ReadDir(filepath.Join(out, FailedDir))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		errs = append(errs, err)
	}
	for _, e := range failed {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		file := filepath.Join(out, FailedDir, e.Name())
		data, err := os.ReadFile(file)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		var f Failure
		if err := json.Unmarshal(data, &f); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", file, err))
			continue
		}
		key := strings.TrimSuffix(e.Name(), ".json")
		row, ok := rows[key]
		if !ok {
			row = &Row{Key: key}
			rows[key] = row
		}
		row.Failure = &f
	}
	pf := &Portfolio{Rows: []Row{}}
	for _, r := range rows {
		pf.Rows = append(pf.Rows, *r)
	}
	sort.Slice(pf.Rows, func(i, j int) bool { return pf.Rows[i].Key < pf.Rows[j].Key })
	return pf, errors.Join(errs...)
}

func newRow(out, id string, r *report.Report) *Row {
	row := &Row{Key: id, Report: r}
	row.Confirms = findings.Confirms(r.Findings)
	row.Gaps = len(r.Findings) - row.Confirms
	for _, d := range r.Deadlines {
		switch {
		case d.Past:
			row.Overdue++
		case len(row.Next) < NextCount:
			row.Next = append(row.Next, d)
		}
	}
	link := func(name string) string {
		if _, err := os.Stat(filepath.Join(out, id, filepath.FromSlash(name))); err != nil {
			return ""
		}
		return id + "/" + name
	}
	row.Site = link("site/index.html")
	row.Handbook = link("site/handbook.html")
	row.PDF = link("site/handbook.pdf")
	row.Calendar = link("calendar.ics")
	row.Checklist = link("checklist.xlsx")
	return row
}

// writeFile writes a file through a temporary file renamed into place,
// so a reader never sees half of it.
func writeFile(name string, data []byte) error {
	return atomicfile.WriteFile(name, data, 0o644)
}
