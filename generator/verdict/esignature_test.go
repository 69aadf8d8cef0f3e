package verdict

import "testing"

func systemNames(ss []*System) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Name)
	}
	return out
}

// TestSignatures checks whether each example signs electronically: the
// pharmacy's e-prescription link does; the others do not write it, which
// is to be confirmed, never "no".
func TestSignatures(t *testing.T) {
	for _, tt := range []struct {
		profile             string
		signing, unconfirmd int
	}{
		{"midori-pharmacy", 1, 0},
		{"sakura-naika", 0, 1},
		{"aoba-dental", 0, 2},
	} {
		e := load(t, "../../profiles/"+tt.profile+".toml").Signatures
		if len(e.Signing) != tt.signing || len(e.Unconfirmed) != tt.unconfirmd || e.None() {
			t.Errorf("%s: signing %q, unconfirmed %q; want %d and %d", tt.profile, systemNames(e.Signing), systemNames(e.Unconfirmed), tt.signing, tt.unconfirmd)
		}
		for _, s := range e.Unconfirmed {
			if s.Confirmer == "" {
				t.Errorf("%s: %s has no one to confirm it", tt.profile, s.Name)
			}
		}
	}
}

// TestCoordination checks who holds several vendors' systems together.
func TestCoordination(t *testing.T) {
	c := load(t, "../../profiles/sakura-naika.toml").Coordination
	if !c.Several() || c.Keeper.Name == "" {
		t.Errorf("sakura: vendors %d, keeper %q", len(c.Vendors), c.Keeper.Name)
	}
	if c.Network == nil {
		t.Error("sakura: no network vendor, though a vendor runs its network")
	}
	for _, v := range c.Vendors {
		if !v.Medical {
			t.Errorf("sakura: %s provides no medical system", v.Name)
		}
	}
	if c.Coordinator != nil {
		t.Errorf("sakura: coordinator %s, though the profile names none", c.Coordinator.Name)
	}
	// aoba names the vendor that coordinates (policy.coordinator).
	if a := load(t, "../../profiles/aoba-dental.toml").Coordination; a.Coordinator == nil || a.Coordinator.ID != "shonan-dentsys" {
		t.Errorf("aoba: coordinator %+v, want shonan-dentsys", a.Coordinator)
	}
}

// TestQuestions: what the documents leave 未確認 and a vendor can answer
// is on that vendor's sheet; what the profile writes is not.
func TestQuestions(t *testing.T) {
	items := func(v *Vendor) map[string]bool {
		m := map[string]bool{}
		for _, q := range v.Questions {
			m[q.Item] = true
		}
		return m
	}
	for _, tt := range []struct {
		file, vendor string
		want, not    []string
	}{
		// Nothing written about the cloud chart's backup or sign-in.
		{"testdata/cloud-unwritten.toml", "sora-medical", []string{"backup", "restore", "two_factor", "shared_accounts", "password"}, []string{"notice", "confidentiality", "remote"}},
		// A contract whose renewal terms are not written.
		{"testdata/three-dental.toml", "", []string{"notice", "auto_renewal", "confidentiality"}, []string{"renewal"}},
		// The example clinic writes its vendor's facts.
		{"../../profiles/sakura-naika.toml", "medicloud", nil, []string{"backup", "two_factor", "notice", "remote"}},
	} {
		c := load(t, tt.file)
		var v *Vendor
		for _, x := range c.Vendors {
			if x.ID == tt.vendor || (tt.vendor == "" && len(x.Questions) > 0 && v == nil) {
				v = x
			}
		}
		if v == nil {
			t.Errorf("%s: no vendor %q", tt.file, tt.vendor)
			continue
		}
		got := items(v)
		for _, w := range tt.want {
			if !got[w] {
				t.Errorf("%s %s: no question %q (have %v)", tt.file, v.ID, w, v.Questions)
			}
		}
		for _, n := range tt.not {
			if got[n] {
				t.Errorf("%s %s: asks %q, which the profile writes", tt.file, v.ID, n)
			}
		}
	}
}

// TestTwoFactorSystems: the systems are sorted once by two-factor
// authentication, as the checklist, the calendar and the documents read it.
func TestTwoFactorSystems(t *testing.T) {
	count := func(l []*System) int { return len(l) }
	for _, tt := range []struct {
		file                                 string
		without, unconfirmed, with, national int
	}{
		{"testdata/cloud-unwritten.toml", 0, 1, 0, 0},
		{"../../profiles/sakura-naika.toml", -1, -1, -1, 1},
	} {
		c := load(t, tt.file)
		tf := c.TwoFactorSystems
		for _, x := range []struct {
			name      string
			got, want int
		}{{"without", count(tf.Without), tt.without}, {"unconfirmed", count(tf.Unconfirmed), tt.unconfirmed},
			{"with", count(tf.With), tt.with}, {"national", count(tf.National), tt.national}} {
			if x.want >= 0 && x.got != x.want {
				t.Errorf("%s: %d %s, want %d", tt.file, x.got, x.name, x.want)
			}
		}
		for _, s := range append(append(append([]*System{}, tf.Without...), tf.Unconfirmed...), tf.With...) {
			if !s.Auth.TwoFactorApplies {
				t.Errorf("%s: %s is sorted by two-factor authentication but need not have it", tt.file, s.Name)
			}
		}
	}
}
