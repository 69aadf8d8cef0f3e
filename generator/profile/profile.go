// Package profile decodes and validates a clinic profile: the TOML file that
// describes one medical institution, its staff and security roles, its
// systems, devices, vendors and outside contacts.
//
// Each key is declared once, by the field that holds it: its tags say all
// the schema (schema.go), the validation (validate.go), the English pages
// (english.go) and the key reference need to know about it.
//
//	toml:"phone"      the key's name in the profile
//	desc:"…"          what it means, Japanese first, for whoever edits the
//	                  profile (JSON Schema, key reference); none when the
//	                  name says it
//	required:"true"   it must be written (the schema's required; checked
//	                  by validation: text must not be empty, a kind must be
//	                  given; ids, dates and numbers have messages of their
//	                  own in validate.go)
//	ref:"staff"       it holds the id of a member of staff, "vendor" of a
//	                  vendor, "system" of a system; "staff,vendor" either
//	                  (checked by validation, never translated)
//	id:"true"         it holds an id that is not such a reference (an
//	                  entry's own id, a definition's): never translated
//
// Tri-state is the field's type: a yes/no fact is a Flag and a count a
// Count, which keep "not written" apart from no and 0; the allowed values
// of a kind come from its type too (kinds.go).
package profile

import (
	"sort"
	"strings"
	"time"
)

// FormatVersion is the profile format this package reads.
const FormatVersion = 1

// Profile is one clinic's description, decoded from TOML and validated.
type Profile struct {
	// Format is the profile format version (key `format`); 1 today.
	Format   int       `toml:"format" desc:"プロファイル形式の版（現在は 1） / profile format version" required:"true"`
	Clinic   Clinic    `toml:"clinic" desc:"施設 / the institution" required:"true"`
	Policy   Policy    `toml:"policy" desc:"文書の版・施行日・見直し / document set metadata" required:"true"`
	Staff    []Staff   `toml:"staff" desc:"職員 / members of staff" required:"true"`
	Roles    []Role    `toml:"roles" desc:"安全管理の役割と担当者・代理者（staff id） / security roles with holder and deputy"`
	Systems  []System  `toml:"systems" desc:"情報システム / information systems" required:"true"`
	Devices  []Device  `toml:"devices" desc:"機器台帳 / equipment register"`
	Vendors  []Vendor  `toml:"vendors" desc:"事業者 / vendors"`
	Contacts []Contact `toml:"contacts" desc:"外部の連絡先（厚生労働省・保健所・警察・個人情報保護委員会など）"`
	// English gives the English of the profile's Japanese texts (names of
	// systems, methods, places …) for the English pages: each key is a
	// text exactly as written in another key.
	English map[string]string `toml:"english" desc:"英語版のページに出す訳：「日本語の記載そのまま」= \"English\"（anzen check -english が未訳の一覧を出す） / English for the profile's Japanese texts"`
	// jaOf maps each English text In put in the profile back to its
	// Japanese.
	jaOf map[string]string

	// File is the name the profile was read from, for messages.
	File string `toml:"-"`
}

// Clinic identifies the institution.
type Clinic struct {
	// ID is a slug used for the output folder.
	ID      string     `toml:"id" desc:"出力フォルダ名になるID（小文字英数字とハイフン） / slug naming the output folder" required:"true" id:"true"`
	Name    string     `toml:"name" required:"true"`
	NameEn  string     `toml:"name_en"`
	Type    ClinicType `toml:"type" required:"true"`
	Address string     `toml:"address"`
	Phone   string     `toml:"phone"`
	// Manager is the staff id of the 管理者 (院長, 管理薬剤師, 管理者).
	Manager string `toml:"manager" desc:"管理者（院長・管理薬剤師等）の staff id" required:"true" ref:"staff"`
	// Hours are the opening hours, as shown to staff.
	Hours string `toml:"hours"`

	// nameJa is the Japanese name when Name was replaced by NameEn for
	// the English pages (Profile.In).
	nameJa string
}

// JaName is the clinic's name in Japanese, as said on the phone to a
// Japanese office, also on the English pages.
func (c Clinic) JaName() string {
	if c.nameJa != "" {
		return c.nameJa
	}
	return c.Name
}

// Policy is the document set's metadata: the 改訂履歴 comes from here.
type Policy struct {
	Version              string    `toml:"version" required:"true"`
	Effective            time.Time `toml:"effective" desc:"施行日 / date the documents take effect" required:"true"`
	LastReview           time.Time `toml:"last_review" required:"true"`
	ReviewIntervalMonths int       `toml:"review_interval_months" required:"true"`
	// Approver is the staff id of the person who approves the documents.
	Approver string `toml:"approver" desc:"承認者の staff id" required:"true" ref:"staff"`
	// LastTraining is the date of the last security training for all
	// staff; LastDrill of the last BCP / incident drill.
	LastTraining time.Time  `toml:"last_training" desc:"最後に全職員教育を行った日"`
	LastDrill    time.Time  `toml:"last_drill" desc:"最後にBCP・インシデント訓練を行った日"`
	History      []Revision `toml:"history"`
	// PreparedBy is the id of the vendor that prepared the documents; its
	// definition's brand signs them (作成支援).
	PreparedBy string `toml:"prepared_by" desc:"文書の作成を支援した事業者の vendor id（その事業者定義の [brand] が表示される）" ref:"vendor"`
	// Coordinator is the id of the vendor the clinic has agreed will
	// advise on its systems as a whole and sort out faults that cross
	// vendors (guidance 3.5.3); empty when none is agreed.
	Coordinator string `toml:"coordinator" desc:"複数の事業者のシステム全体について助言し、事業者にまたがる不具合の切り分けを引き受けた事業者の vendor id" ref:"vendor"`
}

// NextReview is the date the documents are due for review.
func (p Policy) NextReview() time.Time {
	return p.LastReview.AddDate(0, p.ReviewIntervalMonths, 0)
}

// Revision is one line of the 改訂履歴.
type Revision struct {
	Version string    `toml:"version"`
	Date    time.Time `toml:"date"`
	Summary string    `toml:"summary"`
}

// Staff is one member of staff.
type Staff struct {
	ID             string `toml:"id" required:"true" id:"true"`
	Name           string `toml:"name" required:"true"`
	Job            Job    `toml:"job" required:"true"`
	Title          string `toml:"title"`
	EmergencyPhone string `toml:"emergency_phone"`
	// Roles is filled by validation from the profile's [[roles]]; it is
	// not a profile key.
	Roles []RoleKind `toml:"-"`
}

// Role assigns a security role to a holder and a deputy (staff ids).
type Role struct {
	Role   RoleKind `toml:"role" required:"true"`
	Holder string   `toml:"holder" required:"true" ref:"staff"`
	Deputy string   `toml:"deputy" ref:"staff"`
	// Note says anything the role holder should know (scope, hours).
	Note string `toml:"note"`
}

// System is one information system in use.
type System struct {
	ID   string     `toml:"id" required:"true" id:"true"`
	Name string     `toml:"name" required:"true"`
	Kind SystemKind `toml:"kind" required:"true"`
	// Includes lists other kinds the system also does: a cloud 電子カルテ
	// with the レセコン built in is kind emr, includes ["receipt"].
	Includes []SystemKind `toml:"includes"`
	Hosting  Hosting      `toml:"hosting" required:"true"`
	// Vendor is the id of the vendor that provides or maintains it.
	Vendor string `toml:"vendor" desc:"提供・保守する事業者の vendor id" ref:"vendor"`
	// MedicalInfo tells whether the system holds medical information
	// (患者の医療情報).
	MedicalInfo Flag `toml:"medical_info" desc:"患者の医療情報を扱うか"`
	// Originals tells whether records required by law are kept
	// electronically as originals (電子保存の原本): then 真正性・見読性・保存性
	// apply.
	Originals Flag `toml:"originals" desc:"法定の記録を電子的に原本として保存するか（真正性・見読性・保存性が適用）"`
	// Records lists the records kept (診療録, 処方箋, 調剤録, 訪問看護記録…).
	Records []string `toml:"records"`
	// DataLocation says where the data is held (院内サーバ室, 国内DC…).
	DataLocation string `toml:"data_location"`
	// ESignature tells whether electronic signatures are applied.
	ESignature Flag              `toml:"e_signature"`
	Users      string            `toml:"users"`
	Remote     RemoteMaintenance `toml:"remote_maintenance"`
	Backup     Backup            `toml:"backup"`
	Auth       Auth              `toml:"auth"`
	// Downtime describes how work continues while the system is down.
	Downtime string `toml:"downtime"`
}

// RemoteMaintenance describes vendor access from outside.
type RemoteMaintenance struct {
	Enabled Flag   `toml:"enabled"`
	Method  string `toml:"method"`
	// Approval says how each session is approved and logged.
	Approval string `toml:"approval"`
}

// Backup describes how a system's data is backed up.
type Backup struct {
	Method    string    `toml:"method"`
	Frequency Frequency `toml:"frequency"`
	// Offline tells whether a copy is kept disconnected from the network.
	Offline Flag `toml:"offline" desc:"ネットワークから切り離した写しがあるか"`
	// Generations is how many past copies are kept.
	Generations Count `toml:"generations"`
	// Copies is how many backup copies are kept on separate media or in
	// separate places, the original not counted.
	Copies   Count  `toml:"copies" desc:"別の媒体・場所に置くバックアップの数（元データを除く。3-2-1の判定に使う。0は未登録）"`
	Location string `toml:"location"`
	// Operator is the staff or vendor id that runs the backup.
	Operator        string    `toml:"operator" desc:"バックアップを行う staff id または vendor id" ref:"staff,vendor"`
	LastRestoreTest time.Time `toml:"last_restore_test" desc:"最後に復旧テストをした日"`
}

// Auth describes how users sign in.
type Auth struct {
	TwoFactor      Flag   `toml:"two_factor"`
	Method         string `toml:"method"`
	SharedAccounts Flag   `toml:"shared_accounts"`
	// PasswordMinLength is the enforced minimum length.
	PasswordMinLength Count `toml:"password_min_length"`
}

// Device is one entry of the equipment register (機器台帳).
type Device struct {
	ID       string     `toml:"id" required:"true" id:"true"`
	Name     string     `toml:"name" required:"true"`
	Kind     DeviceKind `toml:"kind" required:"true"`
	Count    Count      `toml:"count"`
	Location string     `toml:"location"`
	OS       string     `toml:"os"`
	// ManagedBy is a staff or vendor id.
	ManagedBy    string    `toml:"managed_by" desc:"管理する staff id または vendor id" ref:"staff,vendor"`
	Systems      []string  `toml:"systems" desc:"この機器で使うシステムの id" ref:"system"`
	EndOfSupport time.Time `toml:"end_of_support"`
	// Portable tells whether the device leaves the premises.
	Portable Flag `toml:"portable"`
	// Owner says whose device it is: the clinic's, or a member of
	// staff's own (BYOD).
	Owner Owner `toml:"owner"`
	// MDM tells whether the device is enrolled in mobile device
	// management; Encryption whether its storage is encrypted;
	// RemoteWipe whether it can be erased remotely; ScreenLock whether a
	// screen lock is enforced.
	MDM        Flag `toml:"mdm"`
	Encryption Flag `toml:"encryption"`
	RemoteWipe Flag `toml:"remote_wipe"`
	ScreenLock Flag `toml:"screen_lock"`
}

// Vendor is a system vendor or service provider (システム関連事業者).
type Vendor struct {
	ID string `toml:"id" required:"true" id:"true"`
	// Definition names a vendor definition file (vendors/<id>.toml) whose
	// values fill the keys this profile does not write.
	Definition       string           `toml:"definition" desc:"事業者定義ファイル（vendors/<id>.toml）のID。プロファイルに書かないキーは定義の値になる / vendor definition to inherit from" id:"true"`
	Name             string           `toml:"name"`
	Services         []string         `toml:"services"`
	Contacts         []VendorContact  `toml:"contacts"`
	Contract         Contract         `toml:"contract"`
	Documents        VendorDocuments  `toml:"documents" desc:"受領した書類と受領日（未受領なら書かない）"`
	Subcontractors   []Subcontractor  `toml:"subcontractors"`
	Responsibilities []Responsibility `toml:"responsibilities" desc:"責任分界表の行（項目ごとの通常時・非常時の分担） / responsibility split lines"`

	// Brand comes from the vendor's definition; nil without one.
	Brand *Brand `toml:"-"`
}

// SubcontractorsKnown tells whether the profile says whom the vendor
// subcontracts to: a written empty list (subcontractors = []) says no
// one; no list at all says nothing.
func (v Vendor) SubcontractorsKnown() bool { return v.Subcontractors != nil }

// VendorContact is a way to reach a vendor.
type VendorContact struct {
	Name           string `toml:"name"`
	Phone          string `toml:"phone"`
	Email          string `toml:"email"`
	Hours          string `toml:"hours"`
	EmergencyPhone string `toml:"emergency_phone"`
}

// Contract is a vendor contract's terms that matter for management.
type Contract struct {
	Start       time.Time `toml:"start"`
	Renewal     time.Time `toml:"renewal"`
	AutoRenewal Flag      `toml:"auto_renewal"`
	NoticeDays  Count     `toml:"notice_days" desc:"更新日の何日前までに解約・変更を申し出るか"`
	// TerminationData says what happens to data when the contract ends.
	TerminationData string `toml:"termination_data" desc:"契約終了時のデータの返却・消去"`
	// Confidentiality tells whether the contract has a 守秘義務 clause.
	Confidentiality Flag `toml:"confidentiality"`
}

// NoticeBy is the last day to give notice before the renewal date.
func (c Contract) NoticeBy() time.Time {
	if c.Renewal.IsZero() {
		return time.Time{}
	}
	return c.Renewal.AddDate(0, 0, -c.NoticeDays.N())
}

// VendorDocuments records the dates documents were received; a zero date
// means not received.
type VendorDocuments struct {
	MDSSDS           time.Time `toml:"mds_sds"`
	ServiceSpec      time.Time `toml:"service_spec"`
	Responsibility   time.Time `toml:"responsibility"`
	PrivacyAgreement time.Time `toml:"privacy_agreement"`
}

// Subcontractor is a party the vendor entrusts part of its work to.
type Subcontractor struct {
	Name    string `toml:"name"`
	Service string `toml:"service"`
}

// Contact is an outside body to call in an incident.
type Contact struct {
	Kind  ContactKind `toml:"kind" required:"true"`
	Name  string      `toml:"name" required:"true"`
	Phone string      `toml:"phone"`
	URL   string      `toml:"url"`
	Note  string      `toml:"note"`
}

// StaffByID returns the member of staff with the id, or nil.
func (p *Profile) StaffByID(id string) *Staff {
	for i := range p.Staff {
		if p.Staff[i].ID == id {
			return &p.Staff[i]
		}
	}
	return nil
}

// VendorByID returns the vendor with the id, or nil.
func (p *Profile) VendorByID(id string) *Vendor {
	for i := range p.Vendors {
		if p.Vendors[i].ID == id {
			return &p.Vendors[i]
		}
	}
	return nil
}

// SystemByID returns the system with the id, or nil.
func (p *Profile) SystemByID(id string) *System {
	for i := range p.Systems {
		if p.Systems[i].ID == id {
			return &p.Systems[i]
		}
	}
	return nil
}

// Role returns the assignment of a security role, or nil when no one holds it.
func (p *Profile) Role(kind string) *Role {
	for i := range p.Roles {
		if string(p.Roles[i].Role) == kind {
			return &p.Roles[i]
		}
	}
	return nil
}

// HolderOf returns the member of staff holding a role (a RoleKinds value);
// the zero Staff when no one does. It takes a string so templates can pass
// variables.
func (p *Profile) HolderOf(kind string) Staff {
	if r := p.Role(kind); r != nil {
		if s := p.StaffByID(r.Holder); s != nil {
			return *s
		}
	}
	return Staff{}
}

// DeputyOf returns a role's deputy; the zero Staff when there is none.
func (p *Profile) DeputyOf(kind string) Staff {
	if r := p.Role(kind); r != nil {
		if s := p.StaffByID(r.Deputy); s != nil {
			return *s
		}
	}
	return Staff{}
}

// Brand returns the brand of the vendor that prepared the documents, or
// nil.
func (p *Profile) Brand() *Brand {
	if v := p.VendorByID(p.Policy.PreparedBy); v != nil && v.Brand != nil {
		b := *v.Brand
		if b.Name == "" {
			b.Name = v.Name
		}
		return &b
	}
	return nil
}

// Manager returns the clinic's 管理者.
func (p *Profile) Manager() Staff { return p.staff(p.Clinic.Manager) }

// Approver returns the person who approves the documents.
func (p *Profile) Approver() Staff { return p.staff(p.Policy.Approver) }

func (p *Profile) staff(id string) Staff {
	if s := p.StaffByID(id); s != nil {
		return *s
	}
	return Staff{}
}

// Party names a staff member or vendor by id, for fields that accept either.
func (p *Profile) Party(id string) string {
	if s := p.StaffByID(id); s != nil {
		return s.Name
	}
	if v := p.VendorByID(id); v != nil {
		return v.Name
	}
	return ""
}

// systems returns the systems for which keep is true, in profile order.
func (p *Profile) systems(keep func(System) bool) []System {
	var out []System
	for _, s := range p.Systems {
		if keep(s) {
			out = append(out, s)
		}
	}
	return out
}

// SystemsOf returns the systems a vendor provides.
func (p *Profile) SystemsOf(vendorID string) []System {
	return p.systems(func(s System) bool { return s.Vendor == vendorID })
}

// HostedAs returns the systems with the given hosting.
func (p *Profile) HostedAs(h string) []System {
	return p.systems(func(s System) bool { return string(s.Hosting) == h })
}

// SystemsOfKind returns the systems of a kind (a SystemKinds value), as
// their kind or one they include.
func (p *Profile) SystemsOfKind(kind string) []System {
	return p.systems(func(s System) bool { return s.Is(kind) })
}

// Is tells whether the system is of the kind, or includes it.
func (s System) Is(kind string) bool {
	if string(s.Kind) == kind {
		return true
	}
	for _, k := range s.Includes {
		if string(k) == kind {
			return true
		}
	}
	return false
}

// HasKind tells whether the clinic uses a system of the kind.
func (p *Profile) HasKind(kind string) bool { return len(p.SystemsOfKind(kind)) > 0 }

// MedicalSystems returns the systems in the medical-information scope:
// those that hold medical information, and those the profile does not say
// do not (unknown is in scope until confirmed otherwise).
func (p *Profile) MedicalSystems() []System {
	return p.systems(func(s System) bool { return s.InScope() })
}

// BackupLocations returns the places where the backups of the systems in
// scope are kept, each once, in profile order. A location that lists
// several places (院内NAS、USB HDD) is split into them, so that a place
// two systems share is named once.
func (p *Profile) BackupLocations() []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range p.MedicalSystems() {
		for _, place := range splitList(s.Backup.Location) {
			if !seen[place] {
				seen[place] = true
				out = append(out, place)
			}
		}
	}
	return out
}

// splitList splits a list written in a text at 、 or ", " outside
// parentheses: "NAS (staff room), USB HDD (home)" is two places.
func splitList(s string) []string {
	var out []string
	depth, start := 0, 0
	flush := func(end int) {
		if part := strings.TrimSpace(s[start:end]); part != "" {
			out = append(out, part)
		}
	}
	for i, r := range s {
		switch {
		case r == '(' || r == '（':
			depth++
		case (r == ')' || r == '）') && depth > 0:
			depth--
		case depth == 0 && r == '、':
			flush(i)
			start = i + len("、")
		case depth == 0 && r == ',' && strings.HasPrefix(s[i:], ", "):
			flush(i)
			start = i + 1
		}
	}
	flush(len(s))
	return out
}

// InScope tells whether the system is in the medical-information scope:
// medical_info is not written as false.
func (s System) InScope() bool { return !s.MedicalInfo.IsNo() }

// OriginalSystems returns the systems that keep legal records electronically
// as originals.
func (p *Profile) OriginalSystems() []System {
	return p.systems(func(s System) bool { return s.Originals.IsYes() })
}

// RemoteSystems returns the systems maintained remotely.
func (p *Profile) RemoteSystems() []System {
	return p.systems(func(s System) bool { return s.Remote.Enabled.IsYes() })
}

// OffsiteData tells whether records the law requires to be kept
// (法定保存文書, kept electronically as originals) are held outside the
// premises by a cloud or hybrid system the clinic contracts for. Then the
// 外部保存 notice applies. Other data kept in the cloud (a booking
// service's appointments) is not such a record, and the national systems
// (オンライン資格確認, 電子処方箋) are not the clinic's external storage.
func (p *Profile) OffsiteData() bool { return len(p.OffsiteOriginals()) > 0 }

// OffsiteOriginals returns the systems that keep such records outside the
// premises: those the 外部保存 notice applies to.
func (p *Profile) OffsiteOriginals() []System {
	return p.systems(func(s System) bool {
		return s.Originals.IsYes() && (s.Hosting == Cloud || s.Hosting == Hybrid) && !s.Kind.National()
	})
}

// UsesESignature tells whether any system applies electronic signatures.
func (p *Profile) UsesESignature() bool {
	for _, s := range p.Systems {
		if s.ESignature.IsYes() {
			return true
		}
	}
	return false
}

// ContactsOf returns the outside contacts of one kind.
func (p *Profile) ContactsOf(kind string) []Contact {
	var out []Contact
	for _, c := range p.Contacts {
		if string(c.Kind) == kind {
			out = append(out, c)
		}
	}
	return out
}

// RolesOf returns the roles a member of staff holds, and those they deputise.
func (p *Profile) RolesOf(staffID string) (holds, deputises []RoleKind) {
	for _, r := range p.Roles {
		if r.Holder == staffID {
			holds = append(holds, r.Role)
		}
		if r.Deputy == staffID {
			deputises = append(deputises, r.Role)
		}
	}
	return holds, deputises
}

// VendorsByRenewal returns the vendors ordered by contract renewal date
// (vendors without a date last, then by id).
func (p *Profile) VendorsByRenewal() []Vendor {
	out := append([]Vendor(nil), p.Vendors...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Contract.Renewal, out[j].Contract.Renewal
		if a.IsZero() != b.IsZero() {
			return b.IsZero()
		}
		if !a.Equal(b) {
			return a.Before(b)
		}
		return out[i].ID < out[j].ID
	})
	return out
}
