package verdict

import "github.com/anzen-dev/anzen/generator/profile"

// Coordination is who looks at the clinic's systems as a whole when
// several vendors' systems connect (guidance 3.5.3): each vendor answers
// for its own system only, so a fault that crosses systems, or advice on
// the whole environment, needs someone to hold it together.
type Coordination struct {
	// Vendors are the vendors of systems in the medical-information
	// scope; coordination matters when there are two or more.
	Vendors []*Vendor
	// Network is the vendor that runs the clinic's network (a system of
	// kind network), the one that sees how the systems connect: the one
	// to ask first for advice on the whole. Nil without one.
	Network *Vendor
	// Coordinator is the vendor the clinic has agreed advises on the
	// whole and sorts out faults that cross vendors (policy.coordinator);
	// nil when none is agreed.
	Coordinator *Vendor
	// Keeper is who keeps the overall picture and calls the vendors
	// together: the planning manager, else the security officer, else
	// the manager.
	Keeper profile.Staff
}

// Several tells that two or more vendors' systems are in scope.
func (c Coordination) Several() bool { return len(c.Vendors) > 1 }

func judgeCoordination(p *profile.Profile, c *Clinic) Coordination {
	var out Coordination
	for _, v := range c.Vendors {
		if v.Medical {
			out.Vendors = append(out.Vendors, v)
		}
	}
	for _, s := range p.Systems {
		if s.Kind == "network" && s.Vendor != "" && out.Network == nil {
			out.Network = c.Vendor(s.Vendor)
		}
	}
	out.Coordinator = c.Vendor(p.Policy.Coordinator)
	for _, r := range []profile.RoleKind{profile.RolePlanningManager, profile.RoleSecurityOfficer} {
		if h := p.HolderOf(string(r)); h.Name != "" {
			out.Keeper = h
			return out
		}
	}
	out.Keeper = p.Manager()
	return out
}
