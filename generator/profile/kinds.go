package profile

import "strings"

// Term is one allowed value of an enumerated profile key, with its Japanese
// and English labels.
type Term struct {
	Value string
	Ja    string
	En    string
}

func lookup(terms []Term, v string) Term {
	for _, t := range terms {
		if t.Value == v {
			return t
		}
	}
	return Term{Value: v, Ja: v, En: v}
}

func values(terms []Term) []string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = t.Value
	}
	return out
}

// ClinicType is the kind of institution.
type ClinicType string

// Clinic types. A small hospital is a later addition: it needs its own
// fragments (委員会, 部門) before it is listed here.
const (
	TypeClinic      ClinicType = "clinic"
	TypeDental      ClinicType = "dental"
	TypePharmacy    ClinicType = "pharmacy"
	TypeHomeNursing ClinicType = "home_nursing"
)

// ClinicTypes lists the allowed clinic types.
var ClinicTypes = []Term{
	{"clinic", "診療所", "Clinic"},
	{"dental", "歯科診療所", "Dental clinic"},
	{"pharmacy", "薬局", "Pharmacy"},
	{"home_nursing", "訪問看護ステーション", "Home-visit nursing station"},
}

// Ja is the Japanese label.
func (t ClinicType) Ja() string { return lookup(ClinicTypes, string(t)).Ja }

// En is the English label.
func (t ClinicType) En() string { return lookup(ClinicTypes, string(t)).En }

// ManagerTitle is what the manager (管理者) is called in this kind of
// institution.
func (t ClinicType) ManagerTitle() string {
	switch t {
	case TypePharmacy:
		return "管理薬剤師"
	case TypeHomeNursing:
		return "管理者"
	default:
		return "院長"
	}
}

// Self is how documents refer to the institution itself: 当院, 当薬局,
// 当ステーション.
func (t ClinicType) Self() string {
	switch t {
	case TypePharmacy:
		return "当薬局"
	case TypeHomeNursing:
		return "当ステーション"
	default:
		return "当院"
	}
}

// Work is the institution's core service: 診療, 調剤, 訪問看護.
func (t ClinicType) Work() string {
	switch t {
	case TypePharmacy:
		return "調剤"
	case TypeHomeNursing:
		return "訪問看護"
	default:
		return "診療"
	}
}

// Patient is what the institution calls the people it serves: 患者, or
// 利用者 in home nursing.
func (t ClinicType) Patient() string {
	if t == TypeHomeNursing {
		return "利用者"
	}
	return "患者"
}

// Authority is the office that supervises the institution, as a noun:
// the 保健所 for a clinic or a pharmacy, the 指定権者 for a home-visit
// nursing station.
func (t ClinicType) Authority() string {
	if t == TypeHomeNursing {
		return "指定権者（都道府県・市）"
	}
	return "保健所"
}

// AuthorityEn is Authority in English, with its article.
func (t ClinicType) AuthorityEn() string {
	if t == TypeHomeNursing {
		return "the designating authority (指定権者: the prefecture or city)"
	}
	return "the public health centre (保健所)"
}

// AuthorityLabel is Authority as a label (a table's cell, a heading).
func (t ClinicType) AuthorityLabel() string { return t.Authority() }

// AuthorityLabelEn is AuthorityLabel in English: without its article,
// with a capital letter.
func (t ClinicType) AuthorityLabelEn() string {
	a := strings.TrimPrefix(t.AuthorityEn(), "the ")
	return strings.ToUpper(a[:1]) + a[1:]
}

// ManagerNoun is ManagerTitle as a noun after a name: 佐藤 健一（院長）.
func (t ClinicType) ManagerNoun() string { return t.ManagerTitle() }

// ManagerNounEn is ManagerNoun in English, without its article:
// Sato Kenichi (director).
func (t ClinicType) ManagerNounEn() string { return strings.TrimPrefix(t.ManagerTitleEn(), "the ") }

// Inspection is the check by the authorities the institution answers
// to, in the words of a sentence: a clinic's 立入検査 by the 保健所
// (医療法第25条), a pharmacy's by the 保健所 or prefecture (薬機法第69条),
// a home-visit nursing station's 運営指導・監査 by its 指定権者.
func (t ClinicType) Inspection() string {
	switch t {
	case TypePharmacy:
		return "保健所等の立入検査（薬事監視）"
	case TypeHomeNursing:
		return "指定権者（都道府県・市）の運営指導・監査"
	default:
		return "保健所の立入検査"
	}
}

// The English words for the same: "the director", "the clinic",
// "care", "patients".

// ManagerTitleEn is ManagerTitle in English.
func (t ClinicType) ManagerTitleEn() string {
	switch t {
	case TypePharmacy:
		return "the managing pharmacist"
	case TypeHomeNursing:
		return "the station manager"
	default:
		return "the director"
	}
}

// SelfEn is Self in English.
func (t ClinicType) SelfEn() string {
	switch t {
	case TypePharmacy:
		return "the pharmacy"
	case TypeHomeNursing:
		return "the station"
	case TypeDental:
		return "the dental clinic"
	default:
		return "the clinic"
	}
}

// InspectionEn is Inspection in English, with its article.
func (t ClinicType) InspectionEn() string {
	switch t {
	case TypePharmacy:
		return "an on-site inspection (立入検査, 薬事監視) by the public health centre (保健所) or the prefecture"
	case TypeHomeNursing:
		return "operational guidance or an audit (運営指導・監査) by the designating authority (指定権者: the prefecture or city)"
	default:
		return "an on-site inspection (立入検査) by the public health centre (保健所)"
	}
}

// WorkEn is Work in English.
func (t ClinicType) WorkEn() string {
	switch t {
	case TypePharmacy:
		return "dispensing"
	case TypeHomeNursing:
		return "home-visit nursing"
	default:
		return "care"
	}
}

// PatientOne is Patient for one person: Japanese nouns have no plural,
// so it is Patient.
func (t ClinicType) PatientOne() string { return t.Patient() }

// PatientOneEn is PatientOne in English: "patient", "client".
func (t ClinicType) PatientOneEn() string { return strings.TrimSuffix(t.PatientEn(), "s") }

// PatientEn is Patient in English (plural).
func (t ClinicType) PatientEn() string {
	if t == TypeHomeNursing {
		return "clients"
	}
	return "patients"
}

// Job is a member of staff's profession.
type Job string

// Jobs lists the allowed jobs.
var Jobs = []Term{
	{"doctor", "医師", "Doctor"},
	{"dentist", "歯科医師", "Dentist"},
	{"pharmacist", "薬剤師", "Pharmacist"},
	{"nurse", "看護師", "Nurse"},
	{"assistant_nurse", "准看護師", "Assistant nurse"},
	{"dental_hygienist", "歯科衛生士", "Dental hygienist"},
	{"dental_assistant", "歯科助手", "Dental assistant"},
	{"therapist", "理学療法士・作業療法士等", "Therapist"},
	{"physical_therapist", "理学療法士", "Physical therapist"},
	{"occupational_therapist", "作業療法士", "Occupational therapist"},
	{"speech_therapist", "言語聴覚士", "Speech-language-hearing therapist"},
	{"orthoptist", "視能訓練士", "Orthoptist"},
	{"clinical_engineer", "臨床工学技士", "Clinical engineer"},
	{"dietitian", "管理栄養士・栄養士", "Dietitian"},
	{"dental_technician", "歯科技工士", "Dental technician"},
	{"public_health_nurse", "保健師", "Public health nurse"},
	{"midwife", "助産師", "Midwife"},
	{"care_manager", "介護支援専門員（ケアマネジャー）", "Care manager"},
	{"care_worker", "介護職員", "Care worker"},
	{"social_worker", "医療ソーシャルワーカー", "Medical social worker"},
	{"registered_seller", "登録販売者", "Registered seller of medicines"},
	{"radiographer", "診療放射線技師", "Radiographer"},
	{"lab_technician", "臨床検査技師", "Laboratory technician"},
	{"pharmacy_assistant", "調剤事務", "Pharmacy clerk"},
	{"clerk", "医療事務", "Medical clerk"},
	{"office_manager", "事務長", "Office manager"},
	{"other", "その他", "Other"},
}

// Ja is the Japanese label.
func (j Job) Ja() string { return lookup(Jobs, string(j)).Ja }

// En is the English label.
func (j Job) En() string { return lookup(Jobs, string(j)).En }

// RoleKind is a security role the guideline expects someone to hold.
type RoleKind string

// Security roles.
const (
	RoleSecurityOfficer RoleKind = "security_officer"
	RolePlanningManager RoleKind = "planning_manager"
	RoleSystemOperator  RoleKind = "system_operator"
	RolePrivacyOfficer  RoleKind = "privacy_officer"
	RoleIncidentContact RoleKind = "incident_contact"
	RoleBackupOperator  RoleKind = "backup_operator"
	RoleTrainingLead    RoleKind = "training_lead"
	RoleAuditor         RoleKind = "auditor"
)

// RoleKinds lists the security roles in the order the documents show them.
var RoleKinds = []Term{
	{"security_officer", "医療情報システム安全管理責任者", "Medical information system security officer"},
	{"planning_manager", "企画管理者", "Security planning manager"},
	{"system_operator", "システム運用担当者", "System operator"},
	{"privacy_officer", "個人情報保護責任者", "Privacy officer"},
	{"incident_contact", "インシデント連絡窓口", "Incident contact"},
	{"backup_operator", "バックアップ担当者", "Backup operator"},
	{"training_lead", "教育・訓練担当者", "Training lead"},
	{"auditor", "点検・監査担当者", "Auditor"},
}

// Ja is the Japanese label.
func (r RoleKind) Ja() string { return lookup(RoleKinds, string(r)).Ja }

// En is the English label.
func (r RoleKind) En() string { return lookup(RoleKinds, string(r)).En }

// SystemKind is what a system does.
type SystemKind string

// SystemKinds lists the allowed system kinds.
var SystemKinds = []Term{
	{"emr", "電子カルテ", "Electronic medical record"},
	{"receipt", "レセコン（医事会計）", "Receipt computer (billing)"},
	{"dispensing", "調剤システム（レセコン）", "Dispensing system"},
	{"medication_record", "電子薬歴", "Electronic medication record"},
	{"imaging", "画像（デジタルX線等）", "Imaging"},
	{"pacs", "画像保存（PACS）", "Image archive (PACS)"},
	{"online_qualification", "オンライン資格確認", "Online eligibility check"},
	{"e_prescription", "電子処方箋", "Electronic prescription"},
	{"reservation", "予約システム", "Appointment booking"},
	{"nursing_record", "訪問看護記録", "Home-nursing record"},
	{"email", "メール", "Email"},
	{"network", "ネットワーク（ルータ・UTM・Wi-Fi）", "Network (router, UTM, Wi-Fi)"},
	{"other", "その他", "Other"},
}

// Ja is the Japanese label.
func (k SystemKind) Ja() string { return lookup(SystemKinds, string(k)).Ja }

// National tells whether the national infrastructure holds the system's
// data (オンライン資格確認等システム, 電子処方箋管理サービス): the clinic
// does not back it up or test its restore.
func (k SystemKind) National() bool { return k == "online_qualification" || k == "e_prescription" }

// En is the English label.
func (k SystemKind) En() string { return lookup(SystemKinds, string(k)).En }

// Hosting is where a system runs.
type Hosting string

// Hostings.
const (
	OnPrem Hosting = "onprem"
	Cloud  Hosting = "cloud"
	Hybrid Hosting = "hybrid"
)

// Hostings lists the allowed hostings.
var Hostings = []Term{
	{"onprem", "院内設置（オンプレミス）", "On premises"},
	{"cloud", "クラウド", "Cloud"},
	{"hybrid", "ハイブリッド（院内＋クラウド）", "Hybrid"},
}

// Ja is the Japanese label.
func (h Hosting) Ja() string { return lookup(Hostings, string(h)).Ja }

// En is the English label.
func (h Hosting) En() string { return lookup(Hostings, string(h)).En }

// Frequency is how often a backup runs.
type Frequency string

// Frequencies lists the allowed backup frequencies.
var Frequencies = []Term{
	{"continuous", "随時（リアルタイム複製）", "Continuous"},
	{"daily", "毎日", "Daily"},
	{"weekly", "毎週", "Weekly"},
	{"monthly", "毎月", "Monthly"},
	{"manual", "手動（不定期）", "Manual"},
	{"none", "なし", "None"},
}

// Ja is the Japanese label.
func (f Frequency) Ja() string { return lookup(Frequencies, string(f)).Ja }

// En is the English label.
func (f Frequency) En() string { return lookup(Frequencies, string(f)).En }

// DeviceKind is a kind of equipment.
type DeviceKind string

// DeviceKinds lists the allowed device kinds.
var DeviceKinds = []Term{
	{"server", "サーバ", "Server"},
	{"pc", "パソコン", "PC"},
	{"laptop", "ノートパソコン", "Laptop"},
	{"tablet", "タブレット", "Tablet"},
	{"smartphone", "スマートフォン", "Smartphone"},
	{"router", "ルータ", "Router"},
	{"utm", "UTM（統合脅威管理）", "UTM"},
	{"wifi", "無線LANアクセスポイント", "Wi-Fi access point"},
	{"nas", "NAS", "NAS"},
	{"media", "外部記録媒体（USB・外付けHDD）", "Removable media"},
	{"printer", "プリンタ・複合機", "Printer"},
	{"other", "その他", "Other"},
}

// Ja is the Japanese label.
func (k DeviceKind) Ja() string { return lookup(DeviceKinds, string(k)).Ja }

// En is the English label.
func (k DeviceKind) En() string { return lookup(DeviceKinds, string(k)).En }

// Owner says whose a device is.
type Owner string

// Owners.
const (
	OwnedByClinic Owner = "clinic"
	OwnedByStaff  Owner = "staff"
	OwnedByVendor Owner = "vendor"
)

// Owners lists the allowed device owners.
var Owners = []Term{
	{"clinic", "施設の所有", "The institution's"},
	{"staff", "職員の私物（BYOD）", "A member of staff's own (BYOD)"},
	{"vendor", "事業者の所有（貸与・リース）", "The vendor's (lent or leased)"},
}

// Ja is the Japanese label.
func (o Owner) Ja() string { return lookup(Owners, string(o)).Ja }

// En is the English label.
func (o Owner) En() string { return lookup(Owners, string(o)).En }

// Personal tells whether the device is a member of staff's own.
func (o Owner) Personal() bool { return o == OwnedByStaff }

// ContactKind is a kind of outside body.
type ContactKind string

// ContactKinds lists the allowed outside contacts, in the order the contact
// sheet shows them.
var ContactKinds = []Term{
	{"mhlw", "厚生労働省", "Ministry of Health, Labour and Welfare"},
	{"health_center", "保健所・都道府県", "Public health centre / prefecture"},
	{"police", "警察（サイバー犯罪相談窓口）", "Police (cybercrime desk)"},
	{"ppc", "個人情報保護委員会", "Personal Information Protection Commission"},
	{"insurer", "保険会社（サイバー保険）", "Insurer (cyber insurance)"},
	{"association", "医師会・歯科医師会・薬剤師会・看護協会", "Professional association"},
	{"expert", "外部専門家・セキュリティ事業者", "Outside security expert"},
	{"other", "その他", "Other"},
}

// Ja is the Japanese label.
func (k ContactKind) Ja() string { return lookup(ContactKinds, string(k)).Ja }

// En is the English label.
func (k ContactKind) En() string { return lookup(ContactKinds, string(k)).En }
