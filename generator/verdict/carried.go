package verdict

import "github.com/anzen-dev/anzen/generator/profile"

// Carried is a device or medium taken off the premises (the profile says
// it is portable), staff's own included: what it is, who manages it and
// what it holds, for the rules and records of taking things out, the
// training and the contact chain when one is lost.
type Carried struct {
	*Device
	// Media: a storage medium (USB memory, an external disk), not a
	// device one works on.
	Media bool
	// Screen: a laptop, tablet or smartphone, whose screen others can see.
	Screen bool
	// Keeper is who manages it, by name ("" when not written), KeeperID
	// their id; ByVendor: a vendor, which can lock and wipe it remotely
	// (else a member of staff).
	Keeper   string
	KeeperID string
	ByVendor bool
	// Systems names the systems it is used for, in the device's order.
	Systems []string
	// Numbered: there are several of it, told apart by the number on each.
	Numbered bool
}

func judgeCarried(p *profile.Profile, c *Clinic) []*Carried {
	var out []*Carried
	for _, d := range c.Devices {
		pd := p.Devices[d.Index]
		if !pd.Portable.IsYes() {
			continue
		}
		k := &Carried{Device: d, Media: pd.Kind == "media",
			Screen:   pd.Kind == "tablet" || pd.Kind == "smartphone" || pd.Kind == "laptop",
			Keeper:   p.Party(pd.ManagedBy),
			KeeperID: pd.ManagedBy,
			ByVendor: p.VendorByID(pd.ManagedBy) != nil,
			Numbered: pd.Count.N() > 1,
		}
		for _, id := range pd.Systems {
			if s := p.SystemByID(id); s != nil {
				k.Systems = append(k.Systems, s.Name)
			}
		}
		out = append(out, k)
	}
	return out
}
