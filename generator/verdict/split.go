package verdict

import (
	"strings"
	"time"

	"github.com/anzen-dev/anzen/generator/profile"
)

// Who is the party that does something for a system: the clinic, the
// vendor, both, or Nobody when the profile does not say.
type Who int

// Parties.
const (
	Nobody Who = iota
	ByClinic
	ByVendor
	ByBoth
)

// Clinic, Vendor, Both and Unknown read Who in templates.
func (w Who) Clinic() bool  { return w == ByClinic }
func (w Who) Vendor() bool  { return w == ByVendor }
func (w Who) Both() bool    { return w == ByBoth }
func (w Who) Unknown() bool { return w == Nobody }

// String names the party, for tests and messages.
func (w Who) String() string {
	return [...]string{"unknown", "clinic", "vendor", "both"}[w]
}

// Equipment is one of the clinic's devices used for a system, as the
// 責任分界表 names it.
type Equipment struct {
	Name string
	// Manager is who manages it, by name ("" when not written);
	// ByVendor: the manager is a vendor.
	Manager  string
	ByVendor bool
}

// Split is what the 責任分界表 (responsibility split) of a system is built
// from: the vendor's own lines when it gave them, else the facts of the
// profile (hosting, who runs the backup, who manages the devices and the
// accounts, remote maintenance), from which the table is a draft to check
// against the vendor's agreement.
type Split struct {
	System string
	// Lines are the vendor's own 責任分界 lines for the system: those
	// written for a service of the vendor that names the system; when
	// there are none, those written for all services. Lines written for
	// another service are left out, and so are the all-services lines
	// when the system has lines of its own (they are the vendor's lines
	// for its other services). Empty when the vendor gave no line for
	// the system: the table is then a draft (案).
	Lines []profile.Responsibility
	// Contracted: the system has a vendor with a contract on record (a
	// start date, confidentiality, a termination clause or a privacy
	// agreement). Without, there is no one to agree the split with.
	Contracted bool
	// Equipment lists the clinic's devices used for the system (staff's
	// own devices are not the clinic's equipment and are not listed);
	// Equip is who manages them: ByVendor when every one is managed by a
	// vendor, ByClinic when every one is managed by staff, ByBoth when
	// some are each, Nobody when none is registered or a manager is not
	// written.
	Equipment []Equipment
	Equip     Who
	// Accounts is who manages the sign-in accounts: ByVendor when the
	// sign-in method says the vendor manages them (事業者が管理), ByClinic
	// for a system staff sign in to, Nobody for network equipment whose
	// administrator accounts the profile does not assign.
	Accounts Who
	// Personal lists the staff's own devices the system is used on, by
	// name; PersonalOnly: every device it is used on is a member of
	// staff's own (an app on personal phones): the clinic has no
	// equipment, backup or account of its own to check for it, and the
	// BYOD rule governs it.
	Personal     []string
	PersonalOnly bool

	// What the 責任分界表 (the fragment vendors-matrix) shows for the
	// system, worked out here so that the fragment only words it.

	// Basis is what the table is: BasisNone without a vendor (no one to
	// agree the split with), BasisLines the vendor's own lines, BasisDraft
	// a draft made from the register. Draft: the heading calls it a draft
	// (案): a draft for a vendor under contract (without a contract, the
	// text says so instead). Agreement says why there is a draft ("" for
	// the other bases).
	Basis     Basis
	Draft     bool
	Agreement Agreement
	// Received is when the vendor's responsibility agreement was
	// received; zero when it was not, or there is no vendor.
	Received time.Time
	// Managers names the managers of the Equipment, each once, in order.
	Managers []string
	// Network: the system is the network equipment (its emergency rows
	// and first response differ).
	Network bool
	// VendorDisconnects: in an incident, staff disconnect as the vendor
	// instructs (the vendor manages the equipment, or it is the network);
	// otherwise they disconnect the device themselves.
	VendorDisconnects bool
	// Keeper is who keeps the system's backup.
	Keeper Keeper
}

// CheckBackup tells whether staff check each day that the system's backup
// succeeded: the clinic runs it itself (not the vendor, not the nation).
func (s *Split) CheckBackup() bool { return s.Keeper == KeptByClinic }

// Basis is what a system's 責任分界表 is made from.
type Basis string

// Bases.
const (
	BasisNone  Basis = "none"  // no vendor registered
	BasisLines Basis = "lines" // the vendor's own lines
	BasisDraft Basis = "draft" // a draft from the register
)

// Agreement is why a system's 責任分界表 is a draft.
type Agreement string

// Agreements.
const (
	// AgreementUncontracted: no contract is on record.
	AgreementUncontracted Agreement = "uncontracted"
	// AgreementElsewhere: the vendor gave its own lines, none for this
	// system.
	AgreementElsewhere Agreement = "elsewhere"
	// AgreementReceived: an agreement was received, but its lines are not
	// in the profile.
	AgreementReceived Agreement = "received"
	// AgreementMissing: no agreement has been received.
	AgreementMissing Agreement = "missing"
)

// Keeper is who keeps a system's backup, as the 責任分界表 says it.
type Keeper string

// Keepers.
const (
	// KeptByNation: the clinic answers for no backup of the system (the
	// nation's system holds the data, or the system is out of scope).
	KeptByNation Keeper = "national"
	// KeptByNobody: the profile says there is no backup.
	KeptByNobody Keeper = "none"
	// KeptUnrecorded: the profile says nothing of the backup.
	KeptUnrecorded Keeper = "unrecorded"
	// KeptByVendor: the vendor runs it (Backup.ByVendor).
	KeptByVendor Keeper = "vendor"
	// KeptByClinic: staff run it.
	KeptByClinic Keeper = "clinic"
)

// Split returns the 責任分界 facts of the system with the id, or nil.
func (c *Clinic) Split(id string) *Split {
	for _, s := range c.Splits {
		if s.System == id {
			return s
		}
	}
	return nil
}

// PersonalOnlySystems returns the systems used only on staff's own
// devices.
func (c *Clinic) PersonalOnlySystems() []*System {
	var out []*System
	for _, s := range c.Systems {
		if sp := c.Split(s.ID); sp != nil && sp.PersonalOnly {
			out = append(out, s)
		}
	}
	return out
}

// mentions caches, per vendor id, lineMentions of the vendor: each
// system's lines are picked against the same vendor's lines and systems.
func judgeSplit(p *profile.Profile, c *Clinic, i int, mentions map[string]map[int]map[string]bool) *Split {
	s := p.Systems[i]
	out := &Split{System: s.ID, Contracted: s.Vendor != "" && contracted(p, s.Vendor)}
	if v := p.VendorByID(s.Vendor); v != nil {
		m, ok := mentions[v.ID]
		if !ok {
			m = lineMentions(p, v)
			mentions[v.ID] = m
		}
		out.Lines = ownLines(p, v, s, c.Systems[i].Backup, m)
	}

	clinicDevs, vendorDevs, unknown, personal := 0, 0, 0, 0
	for j, d := range p.Devices {
		if !has(d.Systems, s.ID) {
			continue
		}
		if c.Devices[j].Personal {
			personal++
			out.Personal = append(out.Personal, d.Name)
			continue
		}
		e := Equipment{Name: d.Name, Manager: p.Party(d.ManagedBy), ByVendor: p.VendorByID(d.ManagedBy) != nil}
		out.Equipment = append(out.Equipment, e)
		switch {
		case e.ByVendor:
			vendorDevs++
		case e.Manager != "":
			clinicDevs++
		default:
			unknown++
		}
	}
	switch {
	case unknown > 0 || clinicDevs+vendorDevs == 0:
		out.Equip = Nobody
	case clinicDevs > 0 && vendorDevs > 0:
		out.Equip = ByBoth
	case vendorDevs > 0:
		out.Equip = ByVendor
	default:
		out.Equip = ByClinic
	}
	out.PersonalOnly = personal > 0 && len(out.Equipment) == 0

	ja := p.Ja(s.Auth.Method)
	switch {
	case strings.Contains(ja, "事業者") && strings.Contains(ja, "管理"):
		out.Accounts = ByVendor
	case s.Kind == "network":
		out.Accounts = Nobody
	default:
		out.Accounts = ByClinic
	}
	judgeTable(p, c, i, out)
	return out
}

// judgeTable works out what the 責任分界表 of the system shows: its
// basis, why it is a draft, who keeps the backup and who disconnects.
func judgeTable(p *profile.Profile, c *Clinic, i int, out *Split) {
	s, b := p.Systems[i], c.Systems[i].Backup
	v := p.VendorByID(s.Vendor)
	switch {
	case v == nil:
		out.Basis = BasisNone
	case len(out.Lines) > 0:
		out.Basis = BasisLines
	default:
		out.Basis = BasisDraft
		out.Draft = out.Contracted
	}
	if v != nil {
		out.Received = v.Documents.Responsibility
	}
	switch {
	case out.Basis != BasisDraft:
	case !out.Contracted:
		out.Agreement = AgreementUncontracted
	case c.Vendor(v.ID).OwnLines:
		out.Agreement = AgreementElsewhere
	case !out.Received.IsZero():
		out.Agreement = AgreementReceived
	default:
		out.Agreement = AgreementMissing
	}
	for _, e := range out.Equipment {
		if e.Manager != "" && !has(out.Managers, e.Manager) {
			out.Managers = append(out.Managers, e.Manager)
		}
	}
	out.Network = s.Kind == "network"
	out.VendorDisconnects = out.Equip == ByVendor || out.Network
	switch {
	case !b.Applies:
		out.Keeper = KeptByNation
	case b.Missing():
		out.Keeper = KeptByNobody
	case b.Unrecorded():
		out.Keeper = KeptUnrecorded
	case b.ByVendor:
		out.Keeper = KeptByVendor
	default:
		out.Keeper = KeptByClinic
	}
}

// ownLines picks the vendor's lines for a system: those of a service that
// names the system; when there are none, those written for all services,
// less the ones that are plainly about something else:
//
//   - a line whose item or normal-time text names another of the vendor's
//     systems (its name or the short label of its kind, such as レセコン)
//     and not this one is that system's line (「レセコン本体PCの保守」 is
//     not the オンライン資格確認端末's);
//   - a line whose item is the backup is left out for a system the clinic
//     keeps no backup of (national, or the profile says there is none).
//
// Texts are compared in Japanese, as written, also for the English pages.
//
// mentions is lineMentions(p, v).
func ownLines(p *profile.Profile, v *profile.Vendor, s profile.System, b Backup, mentions map[int]map[string]bool) []profile.Responsibility {
	name := strings.TrimSpace(p.Ja(s.Name))
	var mine []profile.Responsibility
	var all []int
	for i, r := range v.Responsibilities {
		svc := strings.TrimSpace(p.Ja(r.Service))
		switch {
		case svc == "":
			all = append(all, i)
		case name != "" && (strings.Contains(svc, name) || strings.Contains(name, svc)):
			mine = append(mine, r)
		}
	}
	if len(mine) > 0 {
		return mine
	}
	var out []profile.Responsibility
	for _, i := range all {
		r := v.Responsibilities[i]
		item := p.Ja(r.Item)
		// About another of the vendor's systems, and not this one.
		m := mentions[i]
		if !m[s.ID] && len(m) > 0 {
			continue
		}
		if strings.Contains(item, "バックアップ") && (!b.Applies || b.Missing()) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// lineMentions maps each of the vendor's lines written for all services
// (by index) to the vendor's systems whose words (systemWords) it
// contains. Worked out once per vendor, so that picking the lines of each
// of n systems stays linear in n (comparing every system's lines with
// every other system's words made 1,000 systems allocate 2 GB).
func lineMentions(p *profile.Profile, v *profile.Vendor) map[int]map[string]bool {
	type sysWords struct {
		id    string
		words []string
	}
	var systems []sysWords
	for _, t := range p.Systems {
		if t.Vendor == v.ID {
			systems = append(systems, sysWords{t.ID, systemWords(p, t)})
		}
	}
	out := map[int]map[string]bool{}
	for i, r := range v.Responsibilities {
		if strings.TrimSpace(p.Ja(r.Service)) != "" {
			continue
		}
		text := p.Ja(r.Item) + " " + p.Ja(r.Normal)
		for _, t := range systems {
			if containsAny(text, t.words) {
				if out[i] == nil {
					out[i] = map[string]bool{}
				}
				out[i][t.id] = true
			}
		}
	}
	return out
}

// systemWords are the words that name a system in a vendor's line: its
// name and the short labels of its kinds (レセコン, 電子カルテ …).
func systemWords(p *profile.Profile, s profile.System) []string {
	words := []string{strings.TrimSpace(p.Ja(s.Name))}
	for _, k := range append([]profile.SystemKind{s.Kind}, s.Includes...) {
		if k == "other" || k == "" {
			continue
		}
		label := k.Ja()
		if i := strings.Index(label, "（"); i > 0 {
			label = label[:i]
		}
		words = append(words, label)
	}
	return words
}

func containsAny(text string, words []string) bool {
	for _, w := range words {
		if w != "" && strings.Contains(text, w) {
			return true
		}
	}
	return false
}
