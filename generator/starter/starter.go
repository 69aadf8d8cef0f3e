// Package starter writes a first profile for a new clinic from a few
// answers — clinic type and name, staff and who holds which role, systems
// and how they are hosted, vendors — filling in what fits the clinic type,
// as a commented TOML file that validates. The answers come from a
// questionnaire on a terminal (Ask) or from a file (DecodeAnswers).
package starter

import (
	"bytes"
	"fmt"
	"strings"
	"text/template"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"

	"github.com/anzen-dev/anzen/generator/profile"
)

// Answers are what a clinic tells anzen about itself to start.
type Answers struct {
	// Lang is the language of the questions and the profile's comments:
	// "ja" (default, also when empty) or "en".
	Lang    string   `toml:"lang"`
	Type    string   `toml:"type"`
	ID      string   `toml:"id"`
	Name    string   `toml:"name"`
	Address string   `toml:"address"`
	Phone   string   `toml:"phone"`
	Staff   []Person `toml:"staff"`
	// Deputy is the index in Staff of the security officer's deputy
	// (the manager, Staff[0], holds the role); -1 when there is none.
	Deputy  int      `toml:"deputy"`
	Systems []System `toml:"systems"`
	// Date is the effective date of the first version; today when zero.
	Date time.Time `toml:"date"`
}

// Person is a member of staff; the first one listed is the manager (院長,
// 管理薬剤師, 管理者).
type Person struct {
	Name string `toml:"name"`
	Job  string `toml:"job"`
}

// System is a system in use, with the vendor that provides it: a vendor
// name, or the id of a vendor definition.
type System struct {
	Kind    string `toml:"kind"`
	Name    string `toml:"name"`
	Hosting string `toml:"hosting"`
	Vendor  string `toml:"vendor"`
}

// Defaults returns the answers a clinic of the type most likely gives:
// its usual systems and the manager's job. Names are left empty.
func Defaults(clinicType string) Answers {
	a := Answers{Type: clinicType, Deputy: 1}
	manager := map[string]string{"clinic": "doctor", "dental": "dentist", "pharmacy": "pharmacist", "home_nursing": "nurse"}[clinicType]
	clerk := map[string]string{"pharmacy": "pharmacy_assistant", "home_nursing": "clerk"}[clinicType]
	if clerk == "" {
		clerk = "clerk"
	}
	a.Staff = []Person{{Job: manager}, {Job: clerk}}
	sys := func(kind, name, hosting string) System { return System{Kind: kind, Name: name, Hosting: hosting} }
	switch clinicType {
	case "clinic":
		a.Systems = []System{sys("emr", "電子カルテ", "cloud"), sys("receipt", "レセコン", "onprem")}
	case "dental":
		a.Systems = []System{sys("receipt", "レセコン", "onprem"), sys("imaging", "デジタルX線画像システム", "onprem")}
	case "pharmacy":
		a.Systems = []System{sys("dispensing", "レセコン（調剤システム）", "onprem"), sys("medication_record", "電子薬歴", "cloud")}
	case "home_nursing":
		a.Systems = []System{sys("nursing_record", "訪問看護記録システム（請求機能付き）", "cloud")}
	}
	if clinicType != "home_nursing" {
		a.Systems = append(a.Systems, sys("online_qualification", "オンライン資格確認端末", "hybrid"))
	}
	a.Systems = append(a.Systems, sys("network", "院内ネットワーク（ルータ）", "onprem"))
	return a
}

// DecodeAnswers reads answers from a TOML file; kinds and jobs are the
// profile's values. Keys the file leaves out take the clinic type's
// defaults.
func DecodeAnswers(file string, data []byte) (Answers, error) {
	// Bounded like a profile before the decoder reads it: nested or
	// endless answers would take it minutes.
	if pr := profile.CheckShape(file, data); pr != nil {
		return Answers{}, fmt.Errorf("answers %w", pr)
	}
	var head struct {
		Type string `toml:"type"`
	}
	if _, err := toml.Decode(string(data), &head); err != nil {
		return Answers{}, fmt.Errorf("answers %s: %w", file, err)
	}
	a := Defaults(head.Type)
	md, err := toml.Decode(string(data), &a)
	if err != nil {
		return Answers{}, fmt.Errorf("answers %s: %w", file, err)
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		return Answers{}, fmt.Errorf("answers %s: unknown key %q (known: lang, type, id, name, address, phone, staff, deputy, systems, date)", file, keys[0].String())
	}
	return a, nil
}

// clerical are the jobs whose holders usually run the office's systems.
var clerical = map[string]bool{"clerk": true, "office_manager": true, "pharmacy_assistant": true}

// check says what is missing or wrong in the answers, in their language.
func (a Answers) check() error {
	var errs []string
	add := func(ja, en string) {
		if a.Lang == "en" {
			errs = append(errs, en)
		} else {
			errs = append(errs, ja)
		}
	}
	// Texts become profile values, which may not hold control characters
	// or invisible direction and width marks.
	texts := [][2]string{{"name", a.Name}, {"address", a.Address}, {"phone", a.Phone}}
	for i, p := range a.Staff {
		texts = append(texts, [2]string{fmt.Sprintf("staff[%d].name", i), p.Name})
	}
	for i, s := range a.Systems {
		texts = append(texts, [2]string{fmt.Sprintf("systems[%d].name", i), s.Name}, [2]string{fmt.Sprintf("systems[%d].vendor", i), s.Vendor})
	}
	for _, t := range texts {
		if at, r, ok := profile.Hidden(t[1]); ok {
			add(fmt.Sprintf("%s: %d文字目の %U（制御文字または見えない文字）は使えません", t[0], at, r),
				fmt.Sprintf("%s: character %d, %U, is a control character or an invisible mark: remove it", t[0], at, r))
		}
	}
	if !known(profile.ClinicTypes, a.Type) {
		add("type: 施設の種類は "+values(profile.ClinicTypes)+" のどれかです", "type: the clinic type is one of "+values(profile.ClinicTypes))
	}
	if !profile.ValidClinicID(a.ID) {
		add("id: IDは小文字の英数字とハイフン（例: yamada-naika）です。con・nul などの予約語は使えません", "id: the id is lower-case letters, digits and hyphens (e.g. yamada-naika), not a reserved name such as con or nul")
	}
	if strings.TrimSpace(a.Name) == "" {
		add("name: 施設名を入れてください", "name: give the clinic's name")
	}
	if len(a.Staff) == 0 || strings.TrimSpace(a.Staff[0].Name) == "" {
		add("staff: 管理者（1人目の職員）の氏名を入れてください", "staff: give the manager's name (the first member of staff)")
	}
	for i, p := range a.Staff {
		if !known(profile.Jobs, p.Job) {
			add(fmt.Sprintf("staff[%d].job: 職種は %s のどれかです", i, values(profile.Jobs)), fmt.Sprintf("staff[%d].job: the job is one of %s", i, values(profile.Jobs)))
		}
	}
	if a.Deputy == 0 || a.Deputy >= len(a.Staff) {
		add("deputy: 代理者は2人目以降の職員の番号です（いなければ -1）", "deputy: the deputy is the number of the second or a later member of staff (-1: none)")
	}
	if len(a.Systems) == 0 {
		add("systems: システムを1つ以上選んでください", "systems: choose at least one system")
	}
	for i, s := range a.Systems {
		if !known(profile.SystemKinds, s.Kind) {
			add(fmt.Sprintf("systems[%d].kind: 種類は %s のどれかです", i, values(profile.SystemKinds)), fmt.Sprintf("systems[%d].kind: the kind is one of %s", i, values(profile.SystemKinds)))
		}
		if !known(profile.Hostings, s.Hosting) {
			add(fmt.Sprintf("systems[%d].hosting: 設置形態は %s のどれかです", i, values(profile.Hostings)), fmt.Sprintf("systems[%d].hosting: the hosting is one of %s", i, values(profile.Hostings)))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return nil
}

func known(terms []profile.Term, v string) bool {
	for _, t := range terms {
		if t.Value == v {
			return true
		}
	}
	return false
}

func values(terms []profile.Term) string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = t.Value
	}
	return strings.Join(out, ", ")
}

// now is the clock Write reads for the default date (tests replace it).
var now = time.Now

// Write renders the answers as a commented profile and checks that it
// decodes and validates with the catalog (for vendors given as a
// definition id). A vendor answer that names a definition in the catalog
// refers to it; any other answer becomes a vendor of that name.
func Write(a Answers, cat *profile.Catalog) ([]byte, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	// The profile's dates are calendar dates in Japan (profile.Day): the
	// first version takes effect today in Japan, whatever the machine's
	// time zone.
	if a.Date.IsZero() {
		a.Date = profile.Today(now())
	} else {
		a.Date = profile.Day(a.Date)
	}
	data := tmplData{Answers: a, En: a.Lang == "en", Today: a.Date.Format("2006-01-02")}
	data.TypeLabel = label(profile.ClinicTypes, a.Type, data.En)
	for i, p := range a.Staff {
		data.People = append(data.People, person{ID: fmt.Sprintf("staff-%d", i+1), Person: p, JobLabel: label(profile.Jobs, p.Job, data.En)})
	}
	data.Officer = data.People[0].ID
	if a.Deputy > 0 {
		data.Deputy = data.People[a.Deputy].ID
	}
	// Office work (accounts, backups, first call in an incident) goes to
	// the first clerk who is not the manager, else to the second member of
	// staff; the manager audits it, so no one checks their own work.
	data.Office = data.Officer
	for i, p := range data.People[1:] {
		if i == 0 || clerical[p.Job] {
			data.Office = p.ID
			if clerical[p.Job] {
				break
			}
		}
	}
	vendorIDs := map[string]string{}
	for i, s := range a.Systems {
		vs := sysData{ID: fmt.Sprintf("%s-%d", strings.ReplaceAll(s.Kind, "_", "-"), i+1), System: s,
			KindLabel: label(profile.SystemKinds, s.Kind, data.En), Medical: s.Kind != "network" && s.Kind != "email",
			Originals: s.Kind == "emr" || s.Kind == "medication_record" || s.Kind == "nursing_record"}
		if v := strings.TrimSpace(s.Vendor); v != "" {
			id, ok := vendorIDs[v]
			if !ok {
				vd := vendor{Name: v}
				if d := cat.Lookup(v); d != nil {
					vd = vendor{ID: d.ID, Definition: d.ID, Name: d.Name}
				} else {
					vd.ID = fmt.Sprintf("vendor-%d", len(data.Vendors)+1)
				}
				data.Vendors = append(data.Vendors, vd)
				id = vd.ID
				vendorIDs[v] = id
			}
			vs.VendorID = id
		}
		data.Systems = append(data.Systems, vs)
	}
	var b bytes.Buffer
	if err := profileTmpl.Execute(&b, data); err != nil {
		return nil, err
	}
	if _, err := profile.Decode(a.ID+".toml", b.Bytes(), profile.WithCatalog(cat)); err != nil {
		return nil, fmt.Errorf("the starter profile does not validate (a bug in anzen): %w", err)
	}
	return b.Bytes(), nil
}

func label(terms []profile.Term, v string, en bool) string {
	for _, t := range terms {
		if t.Value == v {
			if en {
				return t.En
			}
			return t.Ja
		}
	}
	return v
}

type tmplData struct {
	Answers
	En                      bool
	Today, TypeLabel        string
	People                  []person
	Officer, Deputy, Office string
	Systems                 []sysData
	Vendors                 []vendor
}

type person struct {
	ID string
	Person
	JobLabel string
}

type sysData struct {
	ID string
	System
	KindLabel          string
	Medical, Originals bool
	VendorID           string
}

type vendor struct{ ID, Definition, Name string }

// t picks the Japanese or English text of a comment.
func t(en bool, ja, eng string) string {
	if en {
		return eng
	}
	return ja
}

// comment makes s safe in a # comment: control characters, line breaks
// included, become spaces.
func comment(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

var profileTmpl = template.Must(template.New("profile").Funcs(template.FuncMap{"q": profile.Quote, "t": t, "comment": comment}).Parse(profileText))

const profileText = `#:schema ./anzen-profile.schema.json
# {{ t .En "anzen 施設プロファイル" "anzen clinic profile" }} — {{ comment .Name }}
# {{ t .En "anzen init が作った最初の版です。# の行は説明で、消してもかまいません。" "Written by anzen init. Lines starting with # are comments; you may delete them." }}
# {{ t .En "編集したら anzen validate で確かめ、anzen check で足りない点を確認してください。" "After editing, run anzen validate, then anzen check to see what is still missing." }}
format = 1

[clinic]
id = {{ q .ID }}  # {{ t .En "出力フォルダ名になります" "names the output folder" }}
name = {{ q .Name }}
type = {{ q .Type }}  # {{ .TypeLabel }}
address = {{ q .Address }}
phone = {{ q .Phone }}
manager = {{ q .Officer }}
hours = ""  # {{ t .En "診療・営業時間（例: 月〜金 9:00〜18:00）" "opening hours" }}

[policy]
version = "1.0"
effective = {{ .Today }}  # {{ t .En "施行日" "date the documents take effect" }}
last_review = {{ .Today }}
review_interval_months = 12
approver = {{ q .Officer }}

[[policy.history]]
version = "1.0"
date = {{ .Today }}
summary = {{ q (t .En "初版制定" "First edition") }}
{{ range .People }}
[[staff]]
id = {{ q .ID }}
name = {{ q .Name }}
job = {{ q .Job }}  # {{ .JobLabel }}
emergency_phone = ""  # {{ t $.En "緊急時に連絡がつく電話" "phone that reaches them in an emergency" }}
{{ end }}
# {{ t .En "安全管理の役割。holder が担当者、deputy が不在時の代理者です（staff の id）。" "Security roles: holder and deputy are staff ids." }}
[[roles]]
role = "security_officer"  # {{ t .En "医療情報システム安全管理責任者" "security officer" }}
holder = {{ q .Officer }}
{{- if .Deputy }}
deputy = {{ q .Deputy }}
{{- end }}

[[roles]]
role = "privacy_officer"  # {{ t .En "個人情報保護責任者" "privacy officer" }}
holder = {{ q .Officer }}

[[roles]]
role = "system_operator"  # {{ t .En "システム運用担当者（アカウント・端末）" "system operator (accounts, devices)" }}
holder = {{ q .Office }}
{{- if ne .Office .Officer }}
deputy = {{ q .Officer }}
{{- end }}

[[roles]]
role = "incident_contact"  # {{ t .En "インシデント連絡窓口" "incident contact" }}
holder = {{ q .Office }}
{{- if ne .Office .Officer }}
deputy = {{ q .Officer }}
{{- end }}

[[roles]]
role = "backup_operator"  # {{ t .En "バックアップ担当者" "backup operator" }}
holder = {{ q .Office }}

[[roles]]
role = "training_lead"  # {{ t .En "教育・訓練担当者" "training lead" }}
holder = {{ q .Officer }}
{{- if ne .Office .Officer }}

[[roles]]
role = "auditor"  # {{ t .En "点検・監査担当者（運用担当者の作業を確かめる）" "auditor (checks the operator's work)" }}
holder = {{ q .Officer }}
{{- end }}
{{ range .Systems }}
[[systems]]
id = {{ q .ID }}
name = {{ q .Name }}
kind = {{ q .Kind }}  # {{ .KindLabel }}
hosting = {{ q .Hosting }}  # onprem / cloud / hybrid
{{- if .VendorID }}
vendor = {{ q .VendorID }}
{{- end }}
medical_info = {{ .Medical }}
{{- if .Originals }}
originals = true  # {{ t $.En "記録を電子的に原本として保存する（紙が原本なら false）" "records kept electronically as originals (false if paper is the original)" }}
{{- end }}
# {{ t $.En "止まったときの業務の続け方" "how work continues while it is down" }}
downtime = ""
# {{ t $.En "バックアップ（方法・頻度・オフラインの写し・保管場所・担当・最後の復旧テスト）を事業者に確かめて記入します。" "Ask the vendor and fill in the backup (method, frequency, offline copy, location, operator, last restore test)." }}
# [systems.backup]
# method = ""
# frequency = "daily"
# offline = false
# generations = 7
# copies = 2  # {{ t $.En "別の媒体・場所に置くコピーの数（元データを除く）" "copies on other media or in other places (the original not counted)" }}
# last_restore_test = 2026-01-01
{{ end }}
{{- range .Vendors }}
[[vendors]]
id = {{ q .ID }}
{{- if .Definition }}
definition = {{ q .Definition }}  # {{ t $.En "事業者定義ファイルの内容を使います" "uses the vendor's definition file" }}
{{- else }}
name = {{ q .Name }}
{{- end }}
# {{ t $.En "契約の更新日・解約の申出期限・終了時のデータの扱いを記入します。" "Fill in the renewal date, notice period and what happens to data at termination." }}
# [vendors.contract]
# renewal = 2027-03-31
# notice_days = 60
# termination_data = ""
{{ end }}
[[contacts]]
kind = "mhlw"
name = "厚生労働省 医政局 特定医薬品開発支援・医療情報担当参事官室"
phone = "03-5253-1111（代表）"
url = "https://www.mhlw.go.jp/stf/seisakunitsuite/bunya/kenkou_iryou/iryou/johoka/cyber-security.html"
note = "サイバー攻撃で個人情報の漏えいや診療への支障が生じた（おそれがある）とき"

[[contacts]]
kind = "ppc"
name = "個人情報保護委員会 漏えい等報告（Webフォーム）"
url = "https://www.ppc.go.jp/personalinfo/legal/leakAction/"
note = "速報はおおむね3〜5日以内、確報は30日以内（不正アクセス等は60日以内）"

# {{ t .En "都道府県警察のサイバー犯罪相談窓口と、管轄の保健所を記入します。" "Add the prefectural police cyber-crime desk and the local health centre." }}
# [[contacts]]
# kind = "police"
# name = ""
# phone = ""
#
# [[contacts]]
# kind = "health_center"
# name = ""
# phone = ""
`
