package profile

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
)

// Quote writes s as a TOML basic string: it escapes quotes, backslashes
// and control characters, so no text can break out of its value.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case unicode.IsControl(r):
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// HasRevision tells whether the 改訂履歴 has an entry for the version.
func (p *Profile) HasRevision(version string) bool {
	for _, h := range p.Policy.History {
		if h.Version == version {
			return true
		}
	}
	return false
}

// AppendRevision returns data, the content of the profile file at path,
// with a [[policy.history]] entry added at the end (everything else,
// comments included, kept as it was), and the profile decoded from the
// result. It writes nothing: the caller writes the bytes back, and only
// when the result decodes and validates (err is nil).
func AppendRevision(path string, data []byte, rev Revision, opts ...Option) ([]byte, *Profile, error) {
	var b bytes.Buffer
	b.Write(data)
	if len(data) > 0 && !bytes.HasSuffix(data, []byte("\n")) {
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "\n[[policy.history]]\nversion = %s\ndate = %s\nsummary = %s\n", Quote(rev.Version), rev.Date.Format("2006-01-02"), Quote(rev.Summary))
	p, err := Decode(path, b.Bytes(), opts...)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: cannot append a [[policy.history]] entry (add it by hand): %w", path, err)
	}
	return b.Bytes(), p, nil
}
