package verdict

import "github.com/anzen-dev/anzen/generator/profile"

// Lessons is what the yearly training explains for the clinic's own
// systems and devices (training-topics).
type Lessons struct {
	// SharingAccounts names the systems in scope whose staff share
	// accounts.
	SharingAccounts []string
	// UsingTwoFactor names the systems the profile says use two-factor
	// authentication; TwoFactorWithout and TwoFactorUnconfirmed the
	// systems that must have it and do not, or may not
	// (Clinic.TwoFactorSystems).
	UsingTwoFactor       []string
	TwoFactorWithout     []string
	TwoFactorUnconfirmed []string
	// Carried names the devices and media taken off the premises (staff's
	// own included); Screens: one of them has a screen others can see.
	Carried []string
	Screens bool
	// Loss: staff are taught what to do when a device is lost: things
	// are taken out, or the work is done in patients' homes.
	Loss bool
	// WipedByVendor are the devices taken out that a vendor manages (it
	// is asked to lock and wipe a lost one), CheckedByStaff those a
	// member of staff manages (who checks what a lost one held).
	WipedByVendor  []*Carried
	CheckedByStaff []*Carried
}

func judgeLessons(p *profile.Profile, c *Clinic) Lessons {
	var out Lessons
	for _, s := range c.Systems {
		ps := p.Systems[s.Index]
		if s.InScope() && ps.Auth.SharedAccounts.IsYes() {
			out.SharingAccounts = append(out.SharingAccounts, s.Name)
		}
		if ps.Auth.TwoFactor.IsYes() {
			out.UsingTwoFactor = append(out.UsingTwoFactor, s.Name)
		}
	}
	out.TwoFactorWithout = names(c.TwoFactorSystems.Without)
	out.TwoFactorUnconfirmed = names(c.TwoFactorSystems.Unconfirmed)
	for _, k := range c.Carried {
		out.Carried = append(out.Carried, k.Name)
		out.Screens = out.Screens || k.Screen
		switch {
		case k.ByVendor:
			out.WipedByVendor = append(out.WipedByVendor, k)
		case k.KeeperID != "":
			out.CheckedByStaff = append(out.CheckedByStaff, k)
		}
	}
	out.Loss = p.Clinic.Type == "home_nursing" || len(c.Carried) > 0
	return out
}

// names returns the systems' names.
func names(ss []*System) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Name)
	}
	return out
}
