package verdict

import (
	"strings"
	"time"

	"github.com/anzen-dev/anzen/generator/profile"
)

// Support is where a device stands against its end of support.
type Support int

// Support states.
const (
	// SupportUnknown: no end of support is written.
	SupportUnknown Support = iota
	SupportOK
	// SupportEndingSoon: support ends within a year.
	SupportEndingSoon
	// SupportEnded: support has ended; the device is to be disconnected now.
	SupportEnded
)

// Device is the verdicts about one device.
type Device struct {
	ID    string
	Index int
	Name  string
	// Personal: a member of staff's own device (BYOD); it is never in the
	// clinic's equipment register.
	Personal bool
	// Count is the number of units when written.
	Count profile.Count
	// EndOfSupport is the date support ends; zero when not written.
	EndOfSupport time.Time
	Support      Support
	// Medical: the device is used for a system in the medical-information
	// scope.
	Medical bool
	// Managed is whether a personal device is under the clinic's control
	// (MDM): Met, Gap or Unknown; Met for the clinic's own devices.
	Managed State
	// Uncontracted lists the medical systems used on a personal device
	// that have no vendor under contract (an app with no contract).
	Uncontracted []string
}

// Ended, EndingSoon and SupportUnknown read Support in templates.
func (d *Device) Ended() bool          { return d.Support == SupportEnded }
func (d *Device) EndingSoon() bool     { return d.Support == SupportEndingSoon }
func (d *Device) SupportUnknown() bool { return d.Support == SupportUnknown }

func judgeDevice(p *profile.Profile, c *Clinic, i int, asOf time.Time) *Device {
	d := p.Devices[i]
	v := &Device{ID: d.ID, Index: i, Name: d.Name, Personal: d.Owner.Personal(), Count: d.Count, Managed: Met, EndOfSupport: d.EndOfSupport}
	switch eos := d.EndOfSupport; {
	case eos.IsZero():
		v.Support = SupportUnknown
	case !eos.After(asOf):
		v.Support = SupportEnded
	case eos.Before(asOf.AddDate(1, 0, 0)):
		v.Support = SupportEndingSoon
	default:
		v.Support = SupportOK
	}
	for _, id := range d.Systems {
		s := c.System(id)
		if s == nil || !s.InScope() {
			continue
		}
		v.Medical = true
		if v.Personal && !contracted(p, p.SystemByID(id).Vendor) {
			v.Uncontracted = append(v.Uncontracted, s.Name)
		}
	}
	if v.Personal {
		v.Managed = flagState(d.MDM)
	}
	return v
}

// contracted tells whether a vendor is known and has a contract on
// record: a start date, confidentiality or a termination clause.
func contracted(p *profile.Profile, vendorID string) bool {
	v := p.VendorByID(vendorID)
	if v == nil {
		return false
	}
	c := v.Contract
	return !c.Start.IsZero() || c.Confidentiality.IsYes() || strings.TrimSpace(c.TerminationData) != "" ||
		!v.Documents.PrivacyAgreement.IsZero()
}

// Vendor is the verdicts about one vendor.
type Vendor struct {
	ID    string
	Index int
	Name  string
	// Medical: the vendor provides a system in the medical-information
	// scope; the documents and clauses that only concern medical
	// information (MDS/SDS, 事業者確認用 sheet, termination data) apply
	// only then.
	Medical bool
	// Systems are the ids of the systems it provides.
	Systems  []string
	Contract Contract
	// OwnLines: the vendor gave its own 責任分界 lines (in its
	// definition or the profile); the table reproduces them. Without,
	// the table is anzen's draft, to check against the vendor's
	// agreement.
	OwnLines bool
	// Questions are the facts the profile leaves unconfirmed that this
	// vendor can answer, in the order the sheet asks them.
	Questions []Question
	// TerminationRisk rates the risk that data is not returned or stays
	// with the vendor when the contract ends, for a contract that does
	// not say how: 中 when it renews (and could end) within a year, 低
	// otherwise.
	TerminationRisk Level
	// Call is how to reach the vendor urgently (incident.go); nil when
	// no contact is written.
	Call *Call
	// NoMDS: the vendor provides a system in scope and its MDS/SDS (医療
	//情報セキュリティ開示書) has not been received. Checklist 2-3 asks
	// for the MDS/SDS itself: a サービス仕様適合開示書 received besides
	// does not answer it.
	NoMDS bool
}

// Contract is the deadlines of a vendor's contract.
type Contract struct {
	Renewal time.Time
	// NoticeBy is the last day to give notice before renewal; zero when
	// the notice period is not written.
	NoticeBy time.Time
	// NoticeKnown: the notice period is written.
	NoticeKnown bool
	// DaysToNotice counts days from the verdicts' date to NoticeBy
	// (negative when passed); DaysToRenewal to the renewal.
	DaysToNotice  int
	DaysToRenewal int
	// Urgency is how soon the clinic must act: 高 when the notice
	// deadline is within 30 days, 中 within 90 days (or the renewal is
	// within 90 days and the notice period is unknown), 低 when only the
	// renewal is within 90 days; 0 when nothing is near.
	Urgency Level
	// NoticePassed: the notice deadline has passed, the renewal not yet;
	// RenewalPassed: the renewal date has passed (the profile's date is
	// out of date).
	NoticePassed  bool
	RenewalPassed bool
	// Upcoming: the contract needs attention within the documents'
	// horizon of 180 days (its notice deadline, or its renewal when the
	// notice period is unknown, is that close or already passed).
	Upcoming bool
	// CheckFrom is when the renewal check starts: a month before the
	// notice deadline; zero when that deadline is unknown.
	CheckFrom time.Time
}

func judgeVendor(p *profile.Profile, c *Clinic, i int, asOf time.Time) *Vendor {
	pv := p.Vendors[i]
	v := &Vendor{ID: pv.ID, Index: i, Name: pv.Name, OwnLines: len(pv.Responsibilities) > 0}
	for _, s := range c.Systems {
		if p.Systems[s.Index].Vendor == pv.ID {
			v.Systems = append(v.Systems, s.ID)
			v.Medical = v.Medical || s.InScope()
		}
	}
	v.NoMDS = v.Medical && pv.Documents.MDSSDS.IsZero()
	ct := Contract{Renewal: pv.Contract.Renewal, NoticeKnown: pv.Contract.NoticeDays.Known()}
	if !ct.Renewal.IsZero() {
		ct.DaysToRenewal = days(asOf, ct.Renewal)
		if ct.NoticeKnown {
			ct.NoticeBy = pv.Contract.NoticeBy()
			ct.DaysToNotice = days(asOf, ct.NoticeBy)
		}
		ct.RenewalPassed = ct.DaysToRenewal < 0
		if ct.NoticeKnown {
			ct.CheckFrom = ct.NoticeBy.AddDate(0, -1, 0)
			ct.Upcoming = ct.DaysToNotice <= 180
		} else {
			ct.Upcoming = ct.DaysToRenewal <= 180
		}
		if ct.DaysToRenewal >= 0 {
			switch {
			case ct.NoticeKnown && ct.DaysToNotice < 0:
				ct.NoticePassed = true
				if ct.DaysToRenewal <= 90 {
					ct.Urgency = Low
				}
			case ct.NoticeKnown && ct.DaysToNotice <= 30:
				ct.Urgency = High
			case ct.NoticeKnown && ct.DaysToNotice <= 90:
				ct.Urgency = Medium
			case !ct.NoticeKnown && ct.DaysToRenewal <= 90:
				ct.Urgency = Medium
			case ct.DaysToRenewal <= 90:
				ct.Urgency = Low
			}
		}
	}
	v.Contract = ct
	if pv.Contract.TerminationData == "" {
		v.TerminationRisk = Low
		if !ct.Renewal.IsZero() && ct.DaysToRenewal < 365 {
			v.TerminationRisk = Medium
		}
	}
	return v
}

// days counts calendar days from a to b.
func days(a, b time.Time) int {
	a = time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	b = time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}

// Duties is the separation of duties: who can check whose work.
type Duties struct {
	// HeadCount is the number of staff.
	HeadCount int
	// Auditor is the auditor's name ("" when no one holds the role).
	Auditor string
	// SelfAudit: the auditor checks work they do themselves (they hold
	// the security officer's, the system operator's or the backup
	// operator's role), or no one is appointed.
	SelfAudit bool
	// SelfApproval: the person who approves the documents also runs the
	// security management they describe (the security officer).
	SelfApproval bool
	// Independent lists the staff who hold none of the roles an audit
	// checks, by name: they could audit instead.
	Independent []string
	// OutsideReviewer: no one inside can check the others' work
	// independently, so an outside reviewer (医師会, an outside expert,
	// a vendor other than the one audited) is needed. True whenever the
	// audit is a self-audit and no one independent is on the staff, and
	// for three staff or fewer whenever the auditor is also the
	// approver.
	OutsideReviewer bool
}

// audited are the roles whose work an audit checks.
var audited = []profile.RoleKind{profile.RoleSecurityOfficer, profile.RoleSystemOperator, profile.RoleBackupOperator}

func judgeDuties(p *profile.Profile) Duties {
	d := Duties{HeadCount: len(p.Staff)}
	auditor := ""
	if r := p.Role(string(profile.RoleAuditor)); r != nil {
		auditor = r.Holder
	}
	d.Auditor = p.Party(auditor)
	holdsAudited := func(id string) bool {
		for _, k := range audited {
			if r := p.Role(string(k)); r != nil && r.Holder == id {
				return true
			}
		}
		return false
	}
	d.SelfAudit = auditor == "" || holdsAudited(auditor)
	if so := p.Role(string(profile.RoleSecurityOfficer)); so != nil {
		d.SelfApproval = so.Holder == p.Policy.Approver
	}
	for _, s := range p.Staff {
		if !holdsAudited(s.ID) && s.ID != p.Policy.Approver {
			d.Independent = append(d.Independent, s.Name)
		}
	}
	d.OutsideReviewer = (d.SelfAudit && len(d.Independent) == 0) ||
		(d.HeadCount <= 3 && auditor != "" && auditor == p.Policy.Approver)
	return d
}
