package assemble

import "testing"

func TestApplyInserts(t *testing.T) {
	tests := []struct {
		src  string
		ins  []insert
		want string
	}{
		{"abc", nil, "abc"},
		{"abc", []insert{{3, "!"}}, "abc!"},
		{"abc", []insert{{0, "<"}, {3, ">"}}, "<abc>"},
		{"### a\n### b\n", []insert{{11, " {#x-2}"}, {5, " {#x-1}"}}, "### a {#x-1}\n### b {#x-2}\n"},
		{"ab", []insert{{1, "1"}, {1, "2"}}, "a12b"},
	}
	for _, tt := range tests {
		if got := applyInserts(tt.src, append([]insert(nil), tt.ins...)); got != tt.want {
			t.Errorf("applyInserts(%q, %v) = %q, want %q", tt.src, tt.ins, got, tt.want)
		}
	}
}
