package verdict

import (
	"reflect"
	"testing"
)

// TestOffsite: the systems whose medical information is kept outside the
// premises.
func TestOffsite(t *testing.T) {
	for _, tt := range []struct {
		file        string
		systems     []string
		unconfirmed []bool
		national    bool
		media       []string
	}{
		// The national terminal and the booking cloud, whose place is
		// not confirmed in writing; the backup disk is taken out.
		{"../../profiles/aoba-dental.toml", []string{"oqs", "reservation"}, []bool{false, true}, true, []string{"バックアップ用USB HDD（レセコン）"}},
		// Two cloud services; the mail's place is not confirmed.
		{"../../profiles/hikari-nursing.toml", []string{"nursing-record", "email"}, []bool{false, true}, false, nil},
	} {
		o := load(t, tt.file).Offsite
		var ids []string
		var unconfirmed []bool
		for _, h := range o.Systems {
			ids = append(ids, h.ID)
			unconfirmed = append(unconfirmed, h.LocationUnconfirmed)
			if h.Provider == nil {
				t.Errorf("%s: %s has no vendor", tt.file, h.ID)
			}
		}
		got := []any{ids, unconfirmed, o.National, o.Media}
		want := []any{tt.systems, tt.unconfirmed, tt.national, tt.media}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: offsite\n%v\nwant\n%v", tt.file, got, want)
		}
	}
}
