// Package verdict holds every judgement the documents state about a clinic,
// computed once from its profile as of a date: which systems are in the
// medical-information scope, the backup posture of each (3-2-1, a copy off
// the network, generations, the restore test), authentication (two-factor,
// shared accounts, with the national systems' own rules), remote
// maintenance, the end of support of each device and who owns it, the
// contract deadlines of each vendor, and the separation of duties; and
// what the sections that list them print: who calls whom in an incident,
// how the roles sit on the staff, the devices taken off the premises, the
// training's topics, the contracts to act on, the data kept outside and
// the rows of the risk register with their likelihood.
//
// Findings, the checklist answers, the risk register, the 3-2-1 table,
// the 責任分界表 and the fragments all read these verdicts; none derives
// them again. A fact the profile does not write is never judged as "no":
// it is Unknown, and the verdict says who confirms it.
package verdict

import (
	"time"

	"github.com/anzen-dev/anzen/generator/profile"
)

// State is a three-valued verdict: the profile shows the condition met,
// shows it not met, or does not say.
type State int

// States.
const (
	Unknown State = iota
	Met
	Gap
)

// IsMet, IsGap and IsUnknown read a State in templates.
func (s State) IsMet() bool     { return s == Met }
func (s State) IsGap() bool     { return s == Gap }
func (s State) IsUnknown() bool { return s == Unknown }

// String names the state, for tests and messages.
func (s State) String() string {
	switch s {
	case Met:
		return "met"
	case Gap:
		return "gap"
	}
	return "unknown"
}

// Clinic is every verdict about one clinic.
type Clinic struct {
	AsOf    time.Time
	Systems []*System
	Devices []*Device
	Vendors []*Vendor
	Duties  Duties
	// Professions names the staff's licensed professions that write
	// records, and the confidentiality laws that bind them.
	Professions Professions
	// Splits are the 責任分界 facts of each system, in profile order.
	Splits []*Split
	// Review, Training and Drill are the clinic's recurring dates.
	Review   Recurring
	Training Recurring
	Drill    Recurring
	// Coordination is who holds the systems of several vendors together.
	Coordination Coordination
	// Signatures is whether the clinic signs documents electronically.
	Signatures ESignature
	// TwoFactorBy is the date by which systems in use are to have
	// two-factor authentication (checklist 2-10: 令和9年度末);
	// TwoFactorSystems sorts the systems by it.
	TwoFactorBy      time.Time
	TwoFactorSystems TwoFactorSplit
	// ConfirmBy is when a fact the profile does not write is to be
	// confirmed: a month from the verdicts' date, the next monthly check
	// at the latest.
	ConfirmBy time.Time
	// Carried are the devices and media taken off the premises.
	Carried []*Carried
	// Incident is who calls whom when something goes wrong; Staffing how
	// the roles sit on the staff; Lessons what the training explains;
	// Takeout who approves taking things out.
	Incident Incident
	Staffing Staffing
	Lessons  Lessons
	Takeout  Takeout
	// Contracts are the contracts that need attention.
	Contracts Contracts
	// Offsite is the medical information kept outside the premises.
	Offsite Offsite
	// Risks are the rows of the risk register (リスク一覧), numbered, in
	// the order it lists them.
	Risks []*Risk
}

// FY2027End is the end of 令和9年度, by which systems in use are to have
// two-factor authentication (checklist 2-10).
var FY2027End = time.Date(2028, 3, 31, 0, 0, 0, 0, time.UTC)

// Judge computes the verdicts of a profile as of a date.
func Judge(p *profile.Profile, asOf time.Time) *Clinic {
	c := &Clinic{AsOf: asOf, TwoFactorBy: FY2027End, ConfirmBy: asOf.AddDate(0, 1, 0)}
	for i := range p.Systems {
		c.Systems = append(c.Systems, judgeSystem(p, i, asOf))
	}
	for i := range p.Devices {
		c.Devices = append(c.Devices, judgeDevice(p, c, i, asOf))
	}
	for i := range p.Vendors {
		c.Vendors = append(c.Vendors, judgeVendor(p, c, i, asOf))
	}
	for _, v := range c.Vendors {
		v.Questions = questions(p, c, v)
		v.Call = CallOf(p.Vendors[v.Index])
	}
	mentions := map[string]map[int]map[string]bool{}
	for i := range p.Systems {
		c.Splits = append(c.Splits, judgeSplit(p, c, i, mentions))
	}
	c.Duties = judgeDuties(p)
	c.Professions = judgeProfessions(p)
	c.Signatures = judgeESignature(p, c)
	c.Coordination = judgeCoordination(p, c)
	c.TwoFactorSystems = splitTwoFactor(c.Systems)
	c.Carried = judgeCarried(p, c)
	c.Incident = judgeIncident(p, c)
	c.Staffing = judgeStaffing(p)
	c.Lessons = judgeLessons(p, c)
	c.Takeout = judgeTakeout(p, c)
	c.Contracts = judgeContracts(p, c)
	c.Offsite = judgeOffsite(p, c)
	c.Risks = judgeRisks(p, c)
	c.Review = recurring(p.Policy.LastReview, p.Policy.NextReview(), asOf)
	c.Training = yearly(p.Policy.LastTraining, asOf)
	c.Drill = yearly(p.Policy.LastDrill, asOf)
	return c
}

// System returns the verdicts of the system with the id, or nil.
func (c *Clinic) System(id string) *System {
	for _, s := range c.Systems {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// Vendor returns the verdicts of the vendor with the id, or nil.
func (c *Clinic) Vendor(id string) *Vendor {
	for _, v := range c.Vendors {
		if v.ID == id {
			return v
		}
	}
	return nil
}

// Device returns the verdicts of the device with the id, or nil.
func (c *Clinic) Device(id string) *Device {
	for _, d := range c.Devices {
		if d.ID == id {
			return d
		}
	}
	return nil
}

// InScope returns the systems in the medical-information scope.
func (c *Clinic) InScope() []*System {
	return filter(c.Systems, func(s *System) bool { return s.InScope() })
}

// OutOfScope returns the systems the profile says hold no medical
// information.
func (c *Clinic) OutOfScope() []*System {
	return filter(c.Systems, func(s *System) bool { return !s.InScope() })
}

// BackupSystems returns the systems whose backup the clinic answers
// for: in scope, not national.
func (c *Clinic) BackupSystems() []*System {
	return filter(c.Systems, func(s *System) bool { return s.Backup.Applies })
}

// RemoteUnconfirmed returns the systems in scope whose vendor may
// maintain them remotely: the profile does not say.
func (c *Clinic) RemoteUnconfirmed() []*System {
	return filter(c.Systems, func(s *System) bool { return s.Remote.Unconfirmed })
}

// PersonalDevices returns the devices owned by members of staff.
func (c *Clinic) PersonalDevices() []*Device {
	return filter(c.Devices, func(d *Device) bool { return d.Personal })
}

// ClinicDevices returns the devices in the equipment register: everything
// but staff's own.
func (c *Clinic) ClinicDevices() []*Device {
	return filter(c.Devices, func(d *Device) bool { return !d.Personal })
}

// TwoFactorSplit sorts the systems by two-factor authentication: those
// that must have it (in scope, not national, not the network) without it,
// not confirmed and with it, and the national systems in scope, whose
// sign-in follows the nation's rules.
type TwoFactorSplit struct {
	Without, Unconfirmed, With, National []*System
}

func splitTwoFactor(systems []*System) TwoFactorSplit {
	var out TwoFactorSplit
	for _, s := range systems {
		switch a := s.Auth; {
		case !a.TwoFactorApplies:
			if s.National && s.InScope() {
				out.National = append(out.National, s)
			}
		case a.TwoFactor == Gap:
			out.Without = append(out.Without, s)
		case a.TwoFactor == Unknown:
			out.Unconfirmed = append(out.Unconfirmed, s)
		default:
			out.With = append(out.With, s)
		}
	}
	return out
}

// filter returns the items that keep, in order (nil when none: an empty
// list in a template's condition is false either way).
func filter[T any](items []T, keep func(T) bool) []T {
	var out []T
	for _, it := range items {
		if keep(it) {
			out = append(out, it)
		}
	}
	return out
}

// Recurring is a duty done every so often: when it was last done, when it
// is next due, and whether it is overdue as of the verdicts' date.
type Recurring struct {
	Last time.Time
	Next time.Time
	// Never tells that no date is recorded.
	Never   bool
	Overdue bool
}

func recurring(last, next, asOf time.Time) Recurring {
	r := Recurring{Last: last, Next: next, Never: last.IsZero()}
	r.Overdue = !r.Never && asOf.After(next)
	return r
}

func yearly(last, asOf time.Time) Recurring {
	if last.IsZero() {
		return Recurring{Never: true, Next: asOf}
	}
	return recurring(last, last.AddDate(1, 0, 0), asOf)
}
