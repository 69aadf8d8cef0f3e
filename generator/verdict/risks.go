package verdict

import (
	"fmt"

	"github.com/anzen-dev/anzen/generator/profile"
)

// RiskKind names a row of the risk register (リスク一覧): the threat it
// is about. The fragment words each kind.
type RiskKind string

// Risk kinds, in the order the register lists them for each system,
// device and vendor, then the clinic-wide rows.
const (
	// A system's rows.
	RiskRansomware       RiskKind = "ransomware"        // in scope: encrypted or stolen
	RiskOutage           RiskKind = "outage"            // not on premises: the vendor's service or the line stops
	RiskRemote           RiskKind = "remote"            // remote maintenance: the path is abused
	RiskBackupMissing    RiskKind = "backup-missing"    // no copy of the clinic's own to restore from
	RiskBackupRansomware RiskKind = "backup-ransomware" // ransomware reaches the backup too
	RiskAuth             RiskKind = "auth"              // weak sign-in: impersonation
	// A device's rows.
	RiskDeviceEnded  RiskKind = "device-ended"  // support has ended
	RiskDeviceEnding RiskKind = "device-ending" // support ends within a year
	RiskPortable     RiskKind = "portable"      // lost or stolen while taken out
	// A vendor's rows.
	RiskMDS             RiskKind = "mds"             // no MDS/SDS received
	RiskTermination     RiskKind = "termination"     // data on termination not agreed
	RiskConfidentiality RiskKind = "confidentiality" // no confidentiality clause, or not confirmed
	// The clinic-wide rows.
	RiskPhishing RiskKind = "phishing"
	RiskInsider  RiskKind = "insider"
	RiskDisaster RiskKind = "disaster"
)

// Risk is one row of the risk register: which threat (Kind), its number,
// what it is about, how likely it is, and the facts that pick the clauses
// of its measures. The fragment risk-register prints the rows in order
// and words each kind; it decides nothing.
type Risk struct {
	// No is the row's number: R01, R02 …
	No   string
	Kind RiskKind
	// System, Device or Vendor is the profile's entry the row is about
	// (one of them for a system's, a device's or a vendor's row; none for
	// the clinic-wide rows), for the names and texts the row prints.
	System *profile.System
	Device *profile.Device
	Vendor *profile.Vendor
	// Party is who the row's work is done with: the system's vendor, or
	// the device's manager, by name ("" when the profile names none).
	Party string
	// Likelihood is the row's 可能性 (the criteria of risk-criteria).
	Likelihood Level
	// Insurer is the clinic's cyber insurer (its first insurer contact),
	// "" without one: a ransomware row's treatment is then also transfer
	// (低減・移転) and its measures say the insurance covers part of the
	// damage.
	Insurer string

	// A ransomware row: SeeAuth, the system's sign-in is weak too and its
	// measures are in the system's auth row.
	SeeAuth bool
	// A remote row: AddWorkRecord, each connection is approved but the
	// procedure does not record the work.
	AddWorkRecord bool
	// A backup-ransomware row: AskRestore, the vendor runs the backup and
	// the clinic has no record of its restore test; RecordRestore, no
	// restore test is recorded (one over a year old is not asked for
	// again here: the restore-test schedule says when it is due).
	AskRestore    bool
	RecordRestore bool
	// An auth row: Shared, staff share accounts (the threat, the
	// impact C・I and the first measure); TwoFactorUnknown, whether there
	// is two-factor authentication is not confirmed (the threat, when the
	// accounts are not shared); NeedTwoFactor, the system must have it and
	// does not; AskTwoFactor, it must and the profile does not say;
	// PasswordLengthUnknown, the minimum password length is not written;
	// PasswordTooShort, it is under 8 characters; WithOperator, the system
	// operator answers for it too (the system is in scope).
	Shared                bool
	TwoFactorUnknown      bool
	NeedTwoFactor         bool
	AskTwoFactor          bool
	PasswordLengthUnknown bool
	PasswordTooShort      bool
	WithOperator          bool
	// A portable row: Media, the device is removable media (encrypt, log
	// and lock) rather than a terminal (screen lock, MDM).
	Media bool
	// A termination row: the contract's renewal and notice deadline.
	Contract Contract
	// A confidentiality row: ConfidentialityUnknown, the profile does not
	// say whether the contract has the clause (else it says it has none).
	ConfidentialityUnknown bool
	// A vendor's row: Systems, the names of the systems it provides. The
	// phishing row: the email systems. The disaster row: the systems in
	// scope on the premises (the row's target; Likelihood 中 when there
	// are any).
	Systems []string
	// The disaster row: OfflineCopies, the systems whose backup (the
	// clinic's) includes a copy off the network, to restore from.
	OfflineCopies []*profile.System
}

// judgeRisks lists the rows of the risk register: for each system (in
// profile order) ransomware when it is in scope, the outage of a service
// not on the premises, remote maintenance when it is used, the backup
// (none of the clinic's own, or ransomware reaching it, when the clinic
// answers for it and keeps no copy off the network) and weak sign-in; for
// each device an end of support passed or near and being taken out; for
// each vendor of a system in scope the MDS/SDS not received and the data
// on termination not agreed, and for every vendor a confidentiality
// clause not confirmed; then phishing, insiders and disasters.
func judgeRisks(p *profile.Profile, c *Clinic) []*Risk {
	var out []*Risk
	add := func(r *Risk) {
		r.No = fmt.Sprintf("R%02d", len(out)+1)
		out = append(out, r)
	}
	insurer := ""
	if ins := p.ContactsOf("insurer"); len(ins) > 0 {
		insurer = ins[0].Name
	}
	var shared bool
	var onprem, mail []string
	var offline []*profile.System
	for i := range p.Systems {
		s, v := &p.Systems[i], c.Systems[i]
		// The insider row is about the systems holding medical
		// information: shared accounts elsewhere (a POS register) do
		// not hide who read a record.
		if v.InScope() && s.Auth.SharedAccounts.IsYes() {
			shared = true
		}
		if v.InScope() && s.Hosting == profile.OnPrem {
			onprem = append(onprem, s.Name)
		}
		if v.Backup.Applies && s.Backup.Offline.IsYes() {
			offline = append(offline, s)
		}
		if s.Kind == "email" {
			mail = append(mail, s.Name)
		}
		row := func(kind RiskKind, l Level) *Risk {
			return &Risk{Kind: kind, System: s, Party: v.Vendor, Likelihood: l}
		}
		if v.InScope() {
			r := row(RiskRansomware, v.Ransomware)
			r.Insurer, r.SeeAuth = insurer, v.Auth.Risk > 0
			add(r)
		}
		if s.Hosting != profile.OnPrem {
			add(row(RiskOutage, Medium))
		}
		if s.Remote.Enabled.IsYes() {
			r := row(RiskRemote, v.Remote.Risk)
			r.AddWorkRecord = v.Remote.Approval && !v.Remote.Logged
			add(r)
		}
		if b := v.Backup; b.Applies && !s.Backup.Offline.IsYes() {
			if b.Missing() {
				add(row(RiskBackupMissing, Low))
			} else {
				r := row(RiskBackupRansomware, b.Risk)
				r.AskRestore = b.Restore.IsUnknown()
				r.RecordRestore = b.Restore.IsGap() && !b.RestoreStale
				add(r)
			}
		}
		if a := v.Auth; a.Risk > 0 {
			r := row(RiskAuth, a.Risk)
			r.Shared = s.Auth.SharedAccounts.IsYes()
			// What the profile says, whether or not two-factor
			// authentication is required of the system (the verdict's
			// TwoFactor is Unknown where it is not): a system out of
			// scope with two_factor = false is "ID and password only".
			r.TwoFactorUnknown = !s.Auth.TwoFactor.Known()
			r.NeedTwoFactor = a.TwoFactor.IsGap()
			r.AskTwoFactor = a.TwoFactorApplies && a.TwoFactor.IsUnknown()
			r.PasswordLengthUnknown = !s.Auth.PasswordMinLength.Known()
			r.PasswordTooShort = a.Password.IsGap() // under 8: written
			r.WithOperator = v.InScope()
			add(r)
		}
	}
	for i := range p.Devices {
		d, v := &p.Devices[i], c.Devices[i]
		row := func(kind RiskKind, l Level) *Risk {
			return &Risk{Kind: kind, Device: d, Party: p.Party(d.ManagedBy), Likelihood: l}
		}
		switch {
		case v.Ended():
			add(row(RiskDeviceEnded, High))
		case v.EndingSoon():
			add(row(RiskDeviceEnding, Medium))
		}
		if d.Portable.IsYes() {
			r := row(RiskPortable, Medium)
			r.Media = d.Kind == "media"
			add(r)
		}
	}
	for i := range p.Vendors {
		pv, v := &p.Vendors[i], c.Vendors[i]
		var systems []string
		for _, s := range p.SystemsOf(pv.ID) {
			systems = append(systems, s.Name)
		}
		row := func(kind RiskKind, l Level) *Risk {
			return &Risk{Kind: kind, Vendor: pv, Likelihood: l, Systems: systems}
		}
		if v.Medical {
			if v.NoMDS {
				add(row(RiskMDS, Medium))
			}
			if pv.Contract.TerminationData == "" {
				r := row(RiskTermination, v.TerminationRisk)
				r.Contract = v.Contract
				add(r)
			}
		}
		if !pv.Contract.Confidentiality.IsYes() {
			r := row(RiskConfidentiality, Medium)
			r.ConfidentialityUnknown = !pv.Contract.Confidentiality.Known()
			add(r)
		}
	}
	add(&Risk{Kind: RiskPhishing, Likelihood: High, Systems: mail})
	insider := &Risk{Kind: RiskInsider, Likelihood: Low}
	if shared {
		insider.Likelihood = Medium
	}
	add(insider)
	disaster := &Risk{Kind: RiskDisaster, Likelihood: Low, Systems: onprem, OfflineCopies: offline}
	if len(onprem) > 0 {
		disaster.Likelihood = Medium
	}
	add(disaster)
	return out
}
