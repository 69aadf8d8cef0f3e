package verdict

import "github.com/anzen-dev/anzen/generator/profile"

// Question is a fact the documents print as 未確認 that a vendor can
// answer: what to ask (Item) and, for a system's fact, about which system.
type Question struct {
	// Item names the fact: scope, backup, frequency, location, copies,
	// offline, generations,
	// restore, two_factor, shared_accounts, password, remote (a system's),
	// renewal, notice, auto_renewal, confidentiality, subcontractors (the
	// contract's).
	Item string
	// System is the system's name; empty for the contract's facts.
	System string
}

// questions lists what the profile leaves unconfirmed that the vendor v
// can answer: the facts of its systems in scope that it runs or knows (the
// backup only where the vendor runs it or nothing is written), and its
// contract's terms. The fragment vendors-confirm prints them as the sheet
// the clinic sends the vendor.
func questions(p *profile.Profile, c *Clinic, v *Vendor) []Question {
	var out []Question
	for _, s := range c.Systems {
		if p.Systems[s.Index].Vendor != v.ID || !s.InScope() {
			continue
		}
		ask := func(item string) { out = append(out, Question{Item: item, System: s.Name}) }
		if s.ScopeUnconfirmed() {
			ask("scope")
		}
		if b := s.Backup; b.Applies && (b.ByVendor || b.Unrecorded()) {
			ps := p.Systems[s.Index].Backup
			switch {
			case b.Unrecorded():
				ask("backup")
			case b.Kept():
				if ps.Frequency == "" {
					ask("frequency")
				}
				if ps.Location == "" {
					ask("location")
				}
			}
			for _, u := range b.Unknowns {
				if u != "backup" {
					ask(u)
				}
			}
			if b.Restore.IsUnknown() {
				ask("restore")
			}
		}
		if s.Auth.TwoFactorApplies && s.Auth.TwoFactor.IsUnknown() {
			ask("two_factor")
		}
		if s.Auth.TwoFactorApplies && s.Auth.Shared.IsUnknown() {
			ask("shared_accounts")
		}
		if s.Auth.TwoFactorApplies && !s.Auth.PasswordMinLength.Known() {
			ask("password")
		}
		if s.Remote.Unconfirmed {
			ask("remote")
		}
	}
	pv := p.Vendors[v.Index]
	ask := func(item string) { out = append(out, Question{Item: item}) }
	switch {
	case v.Contract.Renewal.IsZero():
		ask("renewal")
	case !v.Contract.NoticeKnown:
		ask("notice")
	}
	if !pv.Contract.AutoRenewal.Known() {
		ask("auto_renewal")
	}
	if !pv.Contract.Confidentiality.Known() {
		ask("confidentiality")
	}
	if v.Medical && !pv.SubcontractorsKnown() {
		ask("subcontractors")
	}
	return out
}

// ToConfirm returns the vendors with facts to confirm (Vendor.Questions).
func (c *Clinic) ToConfirm() []*Vendor {
	return filter(c.Vendors, func(v *Vendor) bool { return len(v.Questions) > 0 })
}
