package fragment

import "testing"

func TestFirstSentence(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"紙のカルテで診療する。復旧後に入力する。", "紙のカルテで診療する"},
		{"紙のカルテで診療する", "紙のカルテで診療する"},
		{"Keep seeing patients on paper. Enter the records later.", "Keep seeing patients on paper"},
		{"Keep seeing patients on paper.", "Keep seeing patients on paper"},
		{"", ""},
	} {
		if got := FirstSentence(tt.in); got != tt.want {
			t.Errorf("FirstSentence(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
