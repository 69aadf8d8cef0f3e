package verdict

import "github.com/anzen-dev/anzen/generator/profile"

// Incident is who calls whom when something goes wrong, as the contact
// chains by situation (incident-scenarios) and the arrangements for
// absence (organization-absence) state it.
type Incident struct {
	// OfficerIsContact: the security officer is also the incident
	// contact, so the contact does not call the officer.
	OfficerIsContact bool
	// PrivacyIsOfficer: the privacy officer is the security officer: one
	// person to tell of a leak.
	PrivacyIsOfficer bool
	// Keepers are who manage the clinic's own devices taken off the
	// premises, each once, in device order: the incident contact calls
	// them when one is lost.
	Keepers []DeviceKeeper
	// Backstop is whom staff call when neither the incident contact nor
	// the deputy answers; nil when no one else on the staff can be called
	// (the vendors' emergency numbers are left).
	Backstop *Backstop
}

// DeviceKeeper is who manages devices taken off the premises.
type DeviceKeeper struct {
	Name string
	// Vendor is the vendor that manages them, asked to lock and wipe a
	// lost one remotely; nil for a member of staff, who checks what the
	// device held.
	Vendor *Vendor
	// Phone is a member of staff's emergency number ("" when not written).
	Phone string
}

// Backstop is the last person on the staff to call.
type Backstop struct {
	Name string
	// Manager: the manager (管理者); else the security officer.
	Manager bool
}

// Call is how to reach a vendor urgently: the first emergency number of
// its contacts (Emergency); without one, the phone, else the e-mail
// (Email), of its first contact, during that contact's Hours. It is the one
// rule every document and chart follows for which number to call.
type Call struct {
	Number    string
	Hours     string
	Emergency bool
	// Email tells that Number is the first contact's e-mail address: it
	// has no phone written.
	Email bool
}

// CallOf returns how to reach the vendor urgently; nil when it has no
// contact.
func CallOf(v profile.Vendor) *Call {
	for _, c := range v.Contacts {
		if c.EmergencyPhone != "" {
			return &Call{Number: c.EmergencyPhone, Emergency: true}
		}
	}
	if len(v.Contacts) == 0 {
		return nil
	}
	c := v.Contacts[0]
	if c.Phone == "" && c.Email != "" {
		return &Call{Number: c.Email, Hours: c.Hours, Email: true}
	}
	return &Call{Number: c.Phone, Hours: c.Hours}
}

func judgeIncident(p *profile.Profile, c *Clinic) Incident {
	ic := p.HolderOf(string(profile.RoleIncidentContact))
	icd := p.DeputyOf(string(profile.RoleIncidentContact))
	so := p.HolderOf(string(profile.RoleSecurityOfficer))
	pv := p.HolderOf(string(profile.RolePrivacyOfficer))
	out := Incident{
		OfficerIsContact: so.ID != "" && so.ID == ic.ID,
		PrivacyIsOfficer: pv.Name != "" && pv.ID == so.ID,
	}
	seen := map[string]bool{}
	for _, k := range c.Carried {
		if k.Personal || k.KeeperID == "" || seen[k.KeeperID] {
			continue
		}
		seen[k.KeeperID] = true
		kp := DeviceKeeper{Name: k.Keeper, Vendor: c.Vendor(k.KeeperID)}
		if s := p.StaffByID(k.KeeperID); kp.Vendor == nil && s != nil {
			kp.Phone = s.EmergencyPhone
		}
		out.Keepers = append(out.Keepers, kp)
	}
	other := func(s profile.Staff) bool { return s.ID != "" && s.ID != ic.ID && s.ID != icd.ID }
	switch m := p.Manager(); {
	case other(m):
		out.Backstop = &Backstop{Name: m.Name, Manager: true}
	case other(so):
		out.Backstop = &Backstop{Name: so.Name}
	}
	return out
}
