package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/anzen-dev/anzen/generator/build"
	"github.com/anzen-dev/anzen/generator/internal/atomicfile"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/report"
)

// revision compares a profile with the last build of its clinic in out.
// When policy.version changed and the 改訂履歴 has no entry for the new
// version, it drafts one — dated the effective date, listing the documents
// whose text changed — and, with record, appends it to the profile file
// (written back by atomicfile.Update) and returns the profile read again.
// The message says what happened or what to do; it is empty when there is
// nothing to say.
func revision(b *build.Builder, p *profile.Profile, out string, record bool, opts ...profile.Option) (*profile.Profile, string, error) {
	// No readable previous report (first build, or a folder the build
	// itself will complain about): nothing to compare with.
	prev, err := report.Read(filepath.Join(out, p.Clinic.ID, "report.json"))
	if err != nil {
		return p, "", nil
	}
	v := p.Policy.Version
	base := report.BaseFor(prev, v, p.HasRevision(v))
	if base == nil {
		return p, "", nil
	}
	gen, err := b.Generate(p)
	if err != nil {
		return p, "", err
	}
	summary := "見直し（文書の内容に変更なし）"
	if docs := report.ChangedDocuments(report.Diff(base.Report(), gen.Report)); len(docs) > 0 {
		summary = "改訂：" + strings.Join(docs, "、")
	}
	rev := profile.Revision{Version: v, Date: p.Policy.Effective, Summary: summary}
	entry := fmt.Sprintf("[[policy.history]]\n  version = %s\n  date = %s\n  summary = %s", profile.Quote(v), rev.Date.Format("2006-01-02"), profile.Quote(summary))
	if !record {
		return p, fmt.Sprintf("%s: policy.version changed from %s to %s but the 改訂履歴 has no entry for %s; add one, or build with -record-history to append:\n  %s",
			p.File, base.Version, v, v, entry), nil
	}
	data, err := os.ReadFile(p.File)
	if err != nil {
		return p, "", fmt.Errorf("profile: %w", err)
	}
	changed, np, err := profile.AppendRevision(p.File, data, rev, opts...)
	if err != nil {
		return p, "", err
	}
	if err := atomicfile.Update(p.File, changed, len(data)); err != nil {
		return p, "", fmt.Errorf("%s: %w", p.File, err)
	}
	return np, fmt.Sprintf("%s: appended to the 改訂履歴:\n  %s", p.File, entry), nil
}
