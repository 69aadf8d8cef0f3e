package portfolio

import "testing"

// TestCell checks that a cell a spreadsheet would run as a formula is
// made text, and nothing else changes.
func TestCell(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+81 3": "'+81 3", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "": "", "さくら": "さくら", "2026-04-01": "2026-04-01", "a=b": "a=b",
	} {
		if got := cell(in); got != want {
			t.Errorf("cell(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFileKey checks that the record of a profile that could not be read
// is named so that it is no clinic id and stays in the folder.
func TestFileKey(t *testing.T) {
	for in, want := range map[string]string{
		"clients/Sakura Naika.toml": "file.sakura-naika",
		"../../etc/passwd":          "file.passwd",
		"a/b/x.y.toml":              "file.x-y",
	} {
		if got := FileKey(in); got != want {
			t.Errorf("FileKey(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestShownDate: the page shows dates as the documents write them, in its
// language; the time element keeps ISO 8601.
func TestShownDate(t *testing.T) {
	for _, tt := range []struct{ iso, lang, want string }{
		{"2026-05-01", "ja", "2026年5月1日"},
		{"2026-05-01", "en", "1 May 2026"},
		{"not a date", "ja", "not a date"},
	} {
		if got := shownDate(tt.iso, tt.lang); got != tt.want {
			t.Errorf("shownDate(%q, %s) = %q, want %q", tt.iso, tt.lang, got, tt.want)
		}
	}
}
