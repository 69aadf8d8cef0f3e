package verdict

import "github.com/anzen-dev/anzen/generator/profile"

// Contracts is what the list of contracts (vendors-contracts) says needs
// doing: the contracts whose deadlines are near and those that lack
// terms, each in the list's order (by renewal date, unknown last).
type Contracts struct {
	// Due are the contracts that need attention within 180 days
	// (Contract.Upcoming).
	Due []*Terms
	// Lacking are the contracts with a term missing or not confirmed
	// (Terms.Lacking).
	Lacking []*Terms
}

// Terms is a vendor's contract as the list judges it.
type Terms struct {
	*Vendor
	// RenewsItself: the profile says the contract renews itself.
	RenewsItself bool
	// RenewalUnknown: no renewal date is written. NoTerminationData:
	// nothing says what becomes of the data when the contract ends.
	RenewalUnknown    bool
	NoTerminationData bool
	// Confidentiality is whether the contract binds the vendor to
	// confidentiality: Met, Gap (it does not) or Unknown.
	Confidentiality State
}

// Lacking tells whether the contract leaves a term out: the renewal date,
// the data at the end, or confidentiality (not written counts).
func (t *Terms) Lacking() bool {
	return t.RenewalUnknown || t.NoTerminationData || t.Confidentiality != Met
}

func judgeContracts(p *profile.Profile, c *Clinic) Contracts {
	var out Contracts
	for _, pv := range p.VendorsByRenewal() {
		t := &Terms{Vendor: c.Vendor(pv.ID), RenewsItself: pv.Contract.AutoRenewal.IsYes(),
			RenewalUnknown:    pv.Contract.Renewal.IsZero(),
			NoTerminationData: pv.Contract.TerminationData == "",
			Confidentiality:   flagState(pv.Contract.Confidentiality),
		}
		if t.Contract.Upcoming {
			out.Due = append(out.Due, t)
		}
		if t.Lacking() {
			out.Lacking = append(out.Lacking, t)
		}
	}
	return out
}
