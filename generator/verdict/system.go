package verdict

import (
	"strings"
	"time"

	"github.com/anzen-dev/anzen/generator/profile"
)

// Level rates a risk or a finding's urgency: 低, 中, 高.
type Level int

// Levels.
const (
	Low Level = iota + 1
	Medium
	High
)

// Ja is 低, 中 or 高.
func (l Level) Ja() string { return [...]string{"", "低", "中", "高"}[l] }

// En is Low, Medium or High.
func (l Level) En() string { return [...]string{"", "Low", "Medium", "High"}[l] }

// Scope is whether a system is in the medical-information scope.
type Scope int

// Scopes.
const (
	// ScopeUnconfirmed: the profile does not say whether the system holds
	// medical information. It is treated as in scope until confirmed.
	ScopeUnconfirmed Scope = iota
	ScopeMedical
	ScopeOut
)

// System is the verdicts about one system.
type System struct {
	ID    string
	Index int
	Name  string
	Kind  profile.SystemKind
	Scope Scope
	// National: the national infrastructure holds the data
	// (オンライン資格確認, 電子処方箋); the clinic neither backs it up nor
	// sets its authentication rules.
	National bool
	// Vendor is the vendor's name ("" without one); Confirmer is who
	// confirms what the profile does not say about the system: the
	// vendor, else the system operator, else the manager.
	Vendor    string
	Confirmer string
	Backup    Backup
	Auth      Auth
	Remote    Remote
	// Ransomware rates the risk that the system's data is encrypted or
	// stolen by an attack from outside.
	Ransomware Level
}

// InScope tells whether the system is in the medical-information scope
// (unconfirmed systems are, until confirmed otherwise).
func (s *System) InScope() bool { return s.Scope != ScopeOut }

// ScopeUnconfirmed tells whether the profile does not say whether the
// system holds medical information.
func (s *System) ScopeUnconfirmed() bool { return s.Scope == ScopeUnconfirmed }

// BackupState is what the profile says about a system's backup.
type BackupState int

// Backup states.
const (
	// BackupUnrecorded: neither a method nor a frequency is written.
	BackupUnrecorded BackupState = iota
	// BackupNone: the profile says there is no backup (frequency none).
	BackupNone
	// BackupKept: a backup is described.
	BackupKept
)

// Backup is the backup posture of a system.
type Backup struct {
	// Applies: the clinic answers for this system's backup (in scope,
	// not national).
	Applies bool
	State   BackupState
	// ByVendor: the vendor runs the backup (the operator is a vendor, or
	// none is named for a vendor's cloud service).
	ByVendor bool
	// Operator is who runs it, by name ("" when not written).
	Operator    string
	Offline     profile.Flag
	Copies      profile.Count
	Generations profile.Count
	// ThreeTwoOne is the 3-2-1 verdict: copies on other media or places
	// (at least 2), a copy off the network, generations (at least 2).
	// Gaps and Unknowns list which of "copies", "offline", "generations"
	// fail or are not written ("backup" when there is none at all).
	ThreeTwoOne State
	Gaps        []string
	Unknowns    []string
	// OfflineOrGenerations is the ransomware test of the findings: a copy
	// off the network, or at least two generations that are not
	// overwritten.
	OfflineOrGenerations State
	// Restore is the restore test: Met within the last year, Gap when
	// older or never recorded, Unknown when the vendor runs the backup
	// and the clinic has no record of the vendor's test.
	Restore     State
	LastRestore time.Time
	// RestoreStale: a restore test is recorded but over a year old.
	RestoreStale bool
	// RestoreDue is when the next restore test is due: a year after the
	// last, or within 90 days when none is recorded; RestoreSoon tells
	// that it is due within 90 days.
	RestoreDue  time.Time
	RestoreSoon bool
	// Risk rates the risk that ransomware reaches the backup too.
	Risk Level
}

// Missing tells whether the profile says there is no backup.
func (b Backup) Missing() bool { return b.State == BackupNone }

// Unrecorded tells whether the profile says nothing of the backup.
func (b Backup) Unrecorded() bool { return b.State == BackupUnrecorded }

// Kept tells whether a backup is described.
func (b Backup) Kept() bool { return b.State == BackupKept }

// Gap tells whether a 3-2-1 part is a gap: "copies", "offline",
// "generations".
func (b Backup) Gap(part string) bool { return has(b.Gaps, part) }

// Unconfirmed tells whether a 3-2-1 part is not written.
func (b Backup) Unconfirmed(part string) bool { return has(b.Unknowns, part) }

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Auth is the authentication verdicts of a system.
type Auth struct {
	// TwoFactor is Met, Gap or Unknown for a system that must have it
	// (in scope, not national, not the network); TwoFactorApplies says
	// whether it must.
	TwoFactor        State
	TwoFactorApplies bool
	// Shared is Gap when staff share accounts, Met when they do not.
	Shared State
	// Password is the length rule of checklist 2-7: Met with two-factor
	// authentication or at least 13 characters (no periodic change
	// needed), Gap under 8, Unknown when not written or 8 to 12 (the
	// periodic change is not recorded).
	Password          State
	PasswordMinLength profile.Count
	// Risk rates impersonation through weak sign-in; 0 when there is no
	// weakness (two-factor and no shared accounts).
	Risk Level
}

// Remote is the remote-maintenance verdicts of a system.
type Remote struct {
	Enabled profile.Flag
	// Method and Approval are written; Logged: the approval procedure
	// records each connection.
	Method   bool
	Approval bool
	Logged   bool
	// Unconfirmed: the profile does not say whether the vendor of a
	// system in scope maintains it remotely (a system with no vendor has
	// no one to do so).
	Unconfirmed bool
	// SourceLimited: the method says where connections may come from
	// (the vendor's fixed IP address, a closed network): checklist 2-13.
	SourceLimited bool
	// Risk rates the remote path being abused: 中 when each connection is
	// approved and recorded, 高 otherwise; 0 without remote maintenance.
	Risk Level
}

func judgeSystem(p *profile.Profile, i int, asOf time.Time) *System {
	s := p.Systems[i]
	v := &System{ID: s.ID, Index: i, Name: s.Name, Kind: s.Kind, National: s.Kind.National()}
	switch s.MedicalInfo {
	case profile.Yes:
		v.Scope = ScopeMedical
	case profile.No:
		v.Scope = ScopeOut
	}
	v.Vendor = p.Party(s.Vendor)
	v.Confirmer = v.Vendor
	if v.Confirmer == "" {
		v.Confirmer = p.HolderOf(string(profile.RoleSystemOperator)).Name
	}
	if v.Confirmer == "" {
		v.Confirmer = p.Manager().Name
	}
	v.Backup = judgeBackup(p, s, v, asOf)
	v.Auth = judgeAuth(s, v)
	v.Remote = judgeRemote(p, s)
	v.Remote.Unconfirmed = !s.Remote.Enabled.Known() && v.InScope() && v.Vendor != ""

	exposed := s.Hosting != profile.OnPrem || s.Remote.Enabled.IsYes()
	weak := v.Auth.Risk > 0
	switch {
	case exposed && weak:
		v.Ransomware = High
	case exposed || weak:
		v.Ransomware = Medium
	default:
		v.Ransomware = Low
	}
	return v
}

func judgeBackup(p *profile.Profile, s profile.System, v *System, asOf time.Time) Backup {
	b := s.Backup
	out := Backup{Applies: v.InScope() && !v.National, Offline: b.Offline, Copies: b.Copies,
		Generations: b.Generations, LastRestore: b.LastRestoreTest, Operator: p.Party(b.Operator)}
	switch {
	case b.Frequency == "none":
		out.State = BackupNone
	case b.Frequency == "" && strings.TrimSpace(b.Method) == "":
		out.State = BackupUnrecorded
	default:
		out.State = BackupKept
	}
	out.ByVendor = p.VendorByID(b.Operator) != nil ||
		(b.Operator == "" && s.Vendor != "" && s.Hosting == profile.Cloud)
	if out.Operator == "" && out.ByVendor {
		out.Operator = v.Vendor
	}

	switch out.State {
	case BackupNone:
		out.ThreeTwoOne, out.Gaps = Gap, []string{"backup"}
		out.OfflineOrGenerations = Gap
	case BackupUnrecorded:
		out.ThreeTwoOne, out.Unknowns = Unknown, []string{"backup"}
		out.OfflineOrGenerations = Unknown
	default:
		part := func(name string, st State) {
			switch st {
			case Gap:
				out.Gaps = append(out.Gaps, name)
			case Unknown:
				out.Unknowns = append(out.Unknowns, name)
			}
		}
		part("copies", atLeast(b.Copies, 2))
		part("offline", flagState(b.Offline))
		part("generations", atLeast(b.Generations, 2))
		switch {
		case len(out.Gaps) > 0:
			out.ThreeTwoOne = Gap
		case len(out.Unknowns) > 0:
			out.ThreeTwoOne = Unknown
		default:
			out.ThreeTwoOne = Met
		}
		switch {
		case b.Offline.IsYes() || (b.Generations.Known() && b.Generations.N() >= 2):
			out.OfflineOrGenerations = Met
		case b.Offline.IsNo() && b.Generations.Known():
			out.OfflineOrGenerations = Gap
		default:
			out.OfflineOrGenerations = Unknown
		}
	}

	switch {
	case out.State == BackupNone:
		out.Restore = Gap // nothing to restore from
	case b.LastRestoreTest.IsZero() && (out.ByVendor || out.State == BackupUnrecorded):
		out.Restore = Unknown
	case b.LastRestoreTest.IsZero():
		out.Restore = Gap
	case b.LastRestoreTest.Before(asOf.AddDate(-1, 0, 0)):
		out.Restore, out.RestoreStale = Gap, true
	default:
		out.Restore = Met
	}

	if out.LastRestore.IsZero() {
		out.RestoreDue = asOf.AddDate(0, 0, 90)
	} else {
		out.RestoreDue = out.LastRestore.AddDate(1, 0, 0)
	}
	out.RestoreSoon = out.Restore == Met && out.RestoreDue.Before(asOf.AddDate(0, 0, 90))

	// The criteria of the risk register (評価の基準): 低 with no backup
	// in-house (the data is the vendor's or the nation's), 中 for a cloud
	// backup or at least 7 generations, 高 otherwise (unknown generations
	// included: the register says they are unconfirmed).
	switch {
	case out.State == BackupNone:
		out.Risk = Low
	case s.Hosting == profile.Cloud || (b.Generations.Known() && b.Generations.N() >= 7):
		out.Risk = Medium
	default:
		out.Risk = High
	}
	return out
}

// atLeast judges a count against a minimum.
func atLeast(c profile.Count, n int) State {
	switch {
	case !c.Known():
		return Unknown
	case c.N() >= n:
		return Met
	}
	return Gap
}

func flagState(f profile.Flag) State {
	switch f {
	case profile.Yes:
		return Met
	case profile.No:
		return Gap
	}
	return Unknown
}

func judgeAuth(s profile.System, v *System) Auth {
	a := Auth{PasswordMinLength: s.Auth.PasswordMinLength}
	a.TwoFactorApplies = v.InScope() && !v.National && s.Kind != "network"
	if a.TwoFactorApplies {
		a.TwoFactor = flagState(s.Auth.TwoFactor)
	}
	switch s.Auth.SharedAccounts {
	case profile.Yes:
		a.Shared = Gap
	case profile.No:
		a.Shared = Met
	}
	l := s.Auth.PasswordMinLength
	switch {
	case s.Auth.TwoFactor.IsYes() || (l.Known() && l.N() >= 13):
		a.Password = Met
	case l.Known() && l.N() < 8:
		a.Password = Gap
	default:
		a.Password = Unknown
	}
	switch {
	case !v.InScope():
		if a.Shared == Gap || s.Auth.TwoFactor.IsNo() {
			a.Risk = Low
		}
	case a.Shared == Gap:
		a.Risk = High
	case a.TwoFactorApplies && a.TwoFactor != Met:
		a.Risk = Medium
	}
	return a
}

func judgeRemote(p *profile.Profile, s profile.System) Remote {
	r := s.Remote
	out := Remote{Enabled: r.Enabled, Method: strings.TrimSpace(r.Method) != "",
		Approval: strings.TrimSpace(r.Approval) != ""}
	// The approval is read in Japanese, as written, also when the
	// verdicts are made for the English pages.
	ja := p.Ja(r.Approval)
	out.Logged = out.Approval && (strings.Contains(ja, "記録") || strings.Contains(ja, "記入"))
	if m := p.Ja(r.Method); r.Enabled.IsYes() {
		out.SourceLimited = strings.Contains(m, "固定IP") || strings.Contains(m, "接続元") || strings.Contains(m, "閉域")
	}
	if r.Enabled.IsYes() {
		out.Risk = High
		if out.Logged {
			out.Risk = Medium
		}
	}
	return out
}
