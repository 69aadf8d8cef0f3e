package verdict

import "github.com/anzen-dev/anzen/generator/profile"

// Staffing is how the security roles sit on the staff: whose roles stop
// when someone is away (organization-absence), and how a clinic of one or
// two people checks its own work (organization-small).
type Staffing struct {
	// ManagerRoles are the roles the manager (管理者) holds, OtherRoles
	// those the others hold, in the profile's order.
	ManagerRoles []profile.RoleKind
	OtherRoles   []profile.RoleKind
	// NoDeputy are the roles held with no deputy on the staff.
	NoDeputy []profile.RoleKind
	// Unassigned are the security roles no one holds, in the documents'
	// order.
	Unassigned []profile.RoleKind
	// Concentrated are the staff who hold three roles or more, in staff
	// order: their absence stops much.
	Concentrated []Load
	// TwoStaff: the clinic has two staff, who deputise and check each
	// other; Other is then the one who is not the manager (the zero Staff
	// in a clinic of one; with more staff, the last who is not).
	TwoStaff bool
	Other    profile.Staff
	// AccountCheck is, for two staff, who checks whose account work: the
	// manager checks the system operator's, or, when the manager runs the
	// systems (or no one is named to), the other checks the manager's.
	AccountCheck CrossCheck
}

// Load is a member of staff and the number of roles they hold.
type Load struct {
	Name  string
	Roles int
}

// CrossCheck is who does a piece of work and who checks it.
type CrossCheck struct {
	Doer, Checker string
}

func judgeStaffing(p *profile.Profile) Staffing {
	var out Staffing
	m := p.Manager()
	held := map[profile.RoleKind]bool{}
	for _, r := range p.Roles {
		held[r.Role] = true
		if r.Holder == p.Clinic.Manager {
			out.ManagerRoles = append(out.ManagerRoles, r.Role)
		} else {
			out.OtherRoles = append(out.OtherRoles, r.Role)
		}
		if p.StaffByID(r.Deputy) == nil {
			out.NoDeputy = append(out.NoDeputy, r.Role)
		}
	}
	for _, k := range profile.RoleKinds {
		if !held[profile.RoleKind(k.Value)] {
			out.Unassigned = append(out.Unassigned, profile.RoleKind(k.Value))
		}
	}
	for _, s := range p.Staff {
		n := 0
		for _, r := range p.Roles {
			if r.Holder == s.ID {
				n++
			}
		}
		if n >= 3 {
			out.Concentrated = append(out.Concentrated, Load{Name: s.Name, Roles: n})
		}
		if s.ID != p.Clinic.Manager {
			out.Other = s
		}
	}
	out.TwoStaff = len(p.Staff) == 2
	if op := p.HolderOf(string(profile.RoleSystemOperator)); op.Name != "" && op.ID != m.ID {
		out.AccountCheck = CrossCheck{Doer: op.Name, Checker: m.Name}
	} else {
		out.AccountCheck = CrossCheck{Doer: m.Name, Checker: out.Other.Name}
	}
	return out
}

// SystemVendors returns the vendors that provide one of the clinic's
// systems, in profile order: those who can stop, cut off and restore them.
func (c *Clinic) SystemVendors() []*Vendor {
	return filter(c.Vendors, func(v *Vendor) bool { return len(v.Systems) > 0 })
}
