package pdf

import (
	"testing"
	"time"
)

func TestReproducible(t *testing.T) {
	date := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct{ in, want string }{
		{"/CreationDate (D:20261126162056+00'00')\n/ModDate (D:20261126162056+00'00')>>",
			"/CreationDate (D:20260401000000+00'00')\n/ModDate (D:20260401000000+00'00')>>"},
		{"/CreationDate (D:20261126162056Z)", "/CreationDate (D:20260401000000Z)"},
		{"/ID (node00000119)>> /Headers [(node00000119)] /ID (node00000007)", "/ID (node00000001)>> /Headers [(node00000001)] /ID (node00000002)"},
		{"no dates here", "no dates here"},
	}
	for _, tt := range tests {
		got := string(Reproducible([]byte(tt.in), date))
		if got != tt.want {
			t.Errorf("Reproducible(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if len(got) != len(tt.in) {
			t.Errorf("length changed: %d → %d", len(tt.in), len(got))
		}
	}
}
