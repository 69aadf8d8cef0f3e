package verdict

import (
	"strings"

	"github.com/anzen-dev/anzen/generator/profile"
)

// Offsite is the medical information kept outside the premises, as the
// section on external storage (legal-offsite) lists it.
type Offsite struct {
	// Systems are the systems in scope whose data is kept outside the
	// premises (not hosted on the premises only), in profile order.
	Systems []*Held
	// National: a national system is in scope (its data is the
	// nation's, not stored by a vendor for the clinic).
	National bool
	// Media names the storage media taken off the premises.
	Media []string
}

// Held is a system whose data is kept outside the premises.
type Held struct {
	*System
	// KeepsOriginals: it keeps legally required records electronically as
	// originals: the 外部保存 notice applies to it.
	KeepsOriginals bool
	// Location is where the data is kept, as written; LocationUnconfirmed:
	// it says that place is not confirmed (未確認) in writing.
	Location            string
	LocationUnconfirmed bool
	// Provider is the system's vendor as the profile writes it; nil
	// without one.
	Provider *profile.Vendor
}

func judgeOffsite(p *profile.Profile, c *Clinic) Offsite {
	var out Offsite
	for _, s := range c.Systems {
		ps := p.Systems[s.Index]
		if s.National && s.InScope() {
			out.National = true
		}
		if !s.InScope() || ps.Hosting == profile.OnPrem {
			continue
		}
		out.Systems = append(out.Systems, &Held{System: s, KeepsOriginals: ps.Originals.IsYes(),
			Location:            ps.DataLocation,
			LocationUnconfirmed: strings.Contains(p.Ja(ps.DataLocation), "未確認"),
			Provider:            p.VendorByID(ps.Vendor),
		})
	}
	for _, k := range c.Carried {
		if k.Media {
			out.Media = append(out.Media, k.Name)
		}
	}
	return out
}
