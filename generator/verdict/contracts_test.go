package verdict

import (
	"reflect"
	"testing"
)

// TestContracts: the contracts whose deadlines are near, and those that
// lack terms, as of the last review.
func TestContracts(t *testing.T) {
	ids := func(ts []*Terms) []string {
		var out []string
		for _, x := range ts {
			out = append(out, x.ID)
		}
		return out
	}
	for _, tt := range []struct {
		file         string
		due, lacking []string
		confidential map[string]State
	}{
		// The レセコン's notice deadline (1 August 2026) is 122 days off;
		// its contract says nothing of the data at the end.
		{"../../profiles/sakura-naika.toml", []string{"tokyo-medsys"}, []string{"tokyo-medsys"},
			map[string]State{"tokyo-medsys": Met, "medicloud": Met}},
		// Confidentiality not written: unknown, not no.
		{"testdata/three-dental.toml", []string{"naniwa-dental"}, []string{"naniwa-dental"},
			map[string]State{"naniwa-dental": Unknown}},
	} {
		c := load(t, tt.file)
		if got := ids(c.Contracts.Due); !reflect.DeepEqual(got, tt.due) {
			t.Errorf("%s: due %q, want %q", tt.file, got, tt.due)
		}
		if got := ids(c.Contracts.Lacking); !reflect.DeepEqual(got, tt.lacking) {
			t.Errorf("%s: lacking %q, want %q", tt.file, got, tt.lacking)
		}
		for _, x := range c.Contracts.Lacking {
			if want, ok := tt.confidential[x.ID]; ok && x.Confidentiality != want {
				t.Errorf("%s: %s confidentiality %v, want %v", tt.file, x.ID, x.Confidentiality, want)
			}
		}
	}
}
