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

func TestFixBold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"連絡窓口は**伊藤 美香**です。", "連絡窓口は**伊藤 美香**です。"},
		{"連絡窓口は**（非常勤）伊藤 美香**です。", "連絡窓口は**\u200b（非常勤）伊藤 美香**です。"},
		{"代理は**伊藤 美香（非常勤）**です。", "代理は**伊藤 美香（非常勤）\u200b**です。"},
		{"代理は**（非常勤）**です。", "代理は**\u200b（非常勤）\u200b**です。"},
		{"担当：**（非常勤）伊藤**。", "担当：**（非常勤）伊藤**。"},
		{"- **（非常勤）伊藤**: 代理", "- **（非常勤）伊藤**: 代理"},
		{"**「A」**と**B**", "**「A」\u200b**と**B**"},
		{"escaped \\*\\* stays", "escaped \\*\\* stays"},
		{"| **x** | **（y）** |\n| a**（b）**c |", "| **x** | **（y）** |\n| a**\u200b（b）\u200b**c |"},
	}
	for _, tt := range tests {
		if got := fixBold(tt.in); got != tt.want {
			t.Errorf("fixBold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
