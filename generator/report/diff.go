package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"sort"
)

// Digest is a short fingerprint of a section's text or a chart, kept in
// report.json so the next build can tell what changed.
func Digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:12])
}

// Read reads a report.json written by an earlier build.
func Read(path string) (*Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &r, nil
}

// Base is what the documents were at the last version recorded in the
// 改訂履歴: report.json carries it while policy.version has no entry yet,
// so the entry, when written, lists every document changed since.
type Base struct {
	Version   string            `json:"version"`
	Documents []Document        `json:"documents"`
	Charts    map[string]string `json:"charts"`
}

// Report returns the base as a report to Diff against.
func (b *Base) Report() *Report {
	return &Report{Policy: Policy{Version: b.Version}, Documents: b.Documents, Charts: b.Charts}
}

// BaseFor returns the base a build of version carries, given the previous
// build's report (nil: none): none when the 改訂履歴 has the version
// (hasEntry); else the previous build's own base, or the previous build
// itself when its version differs.
func BaseFor(prev *Report, version string, hasEntry bool) *Base {
	switch {
	case hasEntry || prev == nil:
		return nil
	case prev.Base != nil:
		return prev.Base
	case prev.Policy.Version != version:
		return &Base{Version: prev.Policy.Version, Documents: prev.Documents, Charts: prev.Charts}
	}
	return nil
}

// JSON is the report as written to report.json and given to the site.
func (r *Report) JSON() ([]byte, error) {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// Change is a section or chart that differs between two builds.
type Change struct {
	// Kind is "changed", "added" or "removed".
	Kind     string
	Document string
	Section  string
}

// ChartDocument is the Document of a chart's Change.
const ChartDocument = "図"

// Diff compares two reports section by section, in the new report's
// document order (removed sections follow their document), then the
// charts.
func Diff(old, new *Report) []Change {
	type key struct{ doc, sec string }
	before := map[key]string{}
	title := map[key][2]string{}
	for _, d := range old.Documents {
		for _, s := range d.Sections {
			before[key{d.ID, s.ID}] = s.Digest
			title[key{d.ID, s.ID}] = [2]string{d.Title, s.Title}
		}
	}
	var out []Change
	seen := map[key]bool{}
	for _, d := range new.Documents {
		for _, s := range d.Sections {
			k := key{d.ID, s.ID}
			seen[k] = true
			switch dg, ok := before[k]; {
			case !ok:
				out = append(out, Change{"added", d.Title, s.Title})
			case dg != s.Digest:
				out = append(out, Change{"changed", d.Title, s.Title})
			}
		}
	}
	for _, d := range old.Documents {
		for _, s := range d.Sections {
			if k := (key{d.ID, s.ID}); !seen[k] {
				out = append(out, Change{"removed", title[k][0], title[k][1]})
			}
		}
	}
	var names []string
	for name := range new.Charts {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		switch dg, ok := old.Charts[name]; {
		case !ok:
			out = append(out, Change{"added", ChartDocument, name})
		case dg != new.Charts[name]:
			out = append(out, Change{"changed", ChartDocument, name})
		}
	}
	return out
}

// ChangedDocuments lists, once each and in order, the documents the
// changes touch (charts excluded: they belong to the documents showing
// them).
func ChangedDocuments(changes []Change) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range changes {
		if c.Document != ChartDocument && !seen[c.Document] {
			seen[c.Document] = true
			out = append(out, c.Document)
		}
	}
	return out
}

// Changes are the documents whose text changed since the previous build.
type Changes struct {
	// PreviousAsOf is the as-of date of the previous build.
	PreviousAsOf string `json:"previous_as_of"`
	// Documents are the changed documents, in document order (a removed
	// document last).
	Documents []ChangedDocument `json:"documents"`
}

// ChangedDocument is a document that changed, by id and title.
type ChangedDocument struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	TitleEn string `json:"title_en,omitempty"`
	// Kind is "changed", "added" or "removed".
	Kind string `json:"kind"`
}

// ChangesSince compares the report with the previous build's (nil: the
// first build, no changes to tell) document by document: a document
// changed when a section was added, removed or rewritten.
func (r *Report) ChangesSince(prev *Report) *Changes {
	if prev == nil {
		return nil
	}
	digests := func(d Document) map[string]string {
		m := map[string]string{}
		for _, s := range d.Sections {
			m[s.ID] = s.Digest
		}
		return m
	}
	before := map[string]Document{}
	for _, d := range prev.Documents {
		before[d.ID] = d
	}
	c := &Changes{PreviousAsOf: prev.AsOf, Documents: []ChangedDocument{}}
	seen := map[string]bool{}
	for _, d := range r.Documents {
		seen[d.ID] = true
		old, ok := before[d.ID]
		if !ok {
			c.Documents = append(c.Documents, ChangedDocument{d.ID, d.Title, d.TitleEn, "added"})
			continue
		}
		if !maps.Equal(digests(old), digests(d)) {
			c.Documents = append(c.Documents, ChangedDocument{d.ID, d.Title, d.TitleEn, "changed"})
		}
	}
	for _, d := range prev.Documents {
		if !seen[d.ID] {
			c.Documents = append(c.Documents, ChangedDocument{d.ID, d.Title, d.TitleEn, "removed"})
		}
	}
	return c
}
