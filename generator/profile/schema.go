package profile

import (
	"encoding/json"
	"reflect"
	"strings"
	"time"
)

// SchemaFile is the name of the profile's JSON Schema next to the example
// profiles; profiles point editors to it with a `#:schema` first line.
const SchemaFile = "anzen-profile.schema.json"

// required lists, by key path without indices, the keys validation
// requires; the schema marks them so editors flag them while typing.
var required = map[string][]string{
	"":         {"format", "clinic", "policy", "staff", "systems"},
	"clinic":   {"id", "name", "type", "manager"},
	"policy":   {"version", "effective", "last_review", "review_interval_months", "approver"},
	"staff":    {"id", "name", "job"},
	"roles":    {"role", "holder"},
	"systems":  {"id", "name", "kind", "hosting"},
	"devices":  {"id", "name", "kind"},
	"vendors":  {"id"},
	"contacts": {"kind", "name"},
}

// descriptions explain keys whose name is not enough.
var descriptions = map[string]string{
	"format":                            "プロファイル形式の版（現在は 1） / profile format version",
	"clinic":                            "施設 / the institution",
	"clinic.id":                         "出力フォルダ名になるID（小文字英数字とハイフン） / slug naming the output folder",
	"clinic.manager":                    "管理者（院長・管理薬剤師等）の staff id",
	"policy":                            "文書の版・施行日・見直し / document set metadata",
	"policy.effective":                  "施行日 / date the documents take effect",
	"policy.approver":                   "承認者の staff id",
	"policy.last_training":              "最後に全職員教育を行った日",
	"policy.last_drill":                 "最後にBCP・インシデント訓練を行った日",
	"policy.prepared_by":                "文書の作成を支援した事業者の vendor id（その事業者定義の [brand] が表示される）",
	"policy.coordinator":                "複数の事業者のシステム全体について助言し、事業者にまたがる不具合の切り分けを引き受けた事業者の vendor id",
	"staff":                             "職員 / members of staff",
	"english":                           "英語版のページに出す訳：「日本語の記載そのまま」= \"English\"（anzen check -english が未訳の一覧を出す） / English for the profile's Japanese texts",
	"roles":                             "安全管理の役割と担当者・代理者（staff id） / security roles with holder and deputy",
	"systems":                           "情報システム / information systems",
	"systems.vendor":                    "提供・保守する事業者の vendor id",
	"systems.medical_info":              "患者の医療情報を扱うか",
	"systems.originals":                 "法定の記録を電子的に原本として保存するか（真正性・見読性・保存性が適用）",
	"systems.backup.offline":            "ネットワークから切り離した写しがあるか",
	"systems.backup.copies":             "別の媒体・場所に置くバックアップの数（元データを除く。3-2-1の判定に使う。0は未登録）",
	"systems.backup.operator":           "バックアップを行う staff id または vendor id",
	"systems.backup.last_restore_test":  "最後に復旧テストをした日",
	"devices":                           "機器台帳 / equipment register",
	"devices.managed_by":                "管理する staff id または vendor id",
	"devices.systems":                   "この機器で使うシステムの id",
	"vendors":                           "事業者 / vendors",
	"vendors.definition":                "事業者定義ファイル（vendors/<id>.toml）のID。プロファイルに書かないキーは定義の値になる / vendor definition to inherit from",
	"vendors.responsibilities":          "責任分界表の行（項目ごとの通常時・非常時の分担） / responsibility split lines",
	"vendors.responsibilities.service":  "この行が当てはまるサービス（空ならすべて）",
	"vendors.contract.notice_days":      "更新日の何日前までに解約・変更を申し出るか",
	"vendors.contract.termination_data": "契約終了時のデータの返却・消去",
	"vendors.documents":                 "受領した書類と受領日（未受領なら書かない）",
	"contacts":                          "外部の連絡先（厚生労働省・保健所・警察・個人情報保護委員会など）",
}

// enums maps the enumerated types to their allowed values.
var enums = map[reflect.Type][]Term{
	reflect.TypeOf(ClinicType("")):  ClinicTypes,
	reflect.TypeOf(Job("")):         Jobs,
	reflect.TypeOf(RoleKind("")):    RoleKinds,
	reflect.TypeOf(SystemKind("")):  SystemKinds,
	reflect.TypeOf(Hosting("")):     Hostings,
	reflect.TypeOf(Frequency("")):   Frequencies,
	reflect.TypeOf(DeviceKind("")):  DeviceKinds,
	reflect.TypeOf(ContactKind("")): ContactKinds,
	reflect.TypeOf(Owner("")):       Owners,
}

var (
	flagType  = reflect.TypeOf(Flag(0))
	countType = reflect.TypeOf(Count(0))
)

// unwrittenNote says what a tri-state key means when it is not written.
const unwrittenNote = "書かなければ「未確認」として扱う（「いいえ」「0」とはみなさない） / unwritten means not confirmed, never no or 0"

func withUnwritten(desc any) string {
	d, _ := desc.(string)
	return strings.TrimSpace(d + " " + unwrittenNote)
}

// Schema returns the JSON Schema (draft 2020-12) of a profile, generated
// from the Go types, so it cannot drift from what Decode accepts.
func Schema() ([]byte, error) {
	s := schemaOf(reflect.TypeOf(Profile{}), "", func(p string) string { return p })
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["$id"] = "https://github.com/anzen-dev/anzen/profiles/" + SchemaFile
	s["title"] = "anzen clinic profile"
	b, err := json.MarshalIndent(s, "", "  ")
	return append(b, '\n'), err
}

// definitionKeys describe the keys only vendor definitions have; the others
// are described as the profile's vendors[] keys.
var definitionKeys = map[string]string{
	"format":      "定義ファイル形式の版（現在は 1） / definition format version",
	"id":          "事業者ID（ファイル名と同じ）。プロファイルの vendors[].definition で参照する",
	"brand":       "作成支援として文書に表示するブランド / branding of the documents this vendor prepares",
	"brand.name":  "作成支援として表示する名前（省略時は name）",
	"brand.logo":  "ロゴ画像（PNG または JPEG、256KiB・2000px まで）。定義ファイルのフォルダからの相対パス",
	"brand.color": "アクセント色 #rrggbb（白地とのコントラスト比 4.5:1 以上）",
	"brand.url":   "事業者のウェブサイト（文字として表示）",
}

// DefinitionSchema returns the JSON Schema of a vendor definition file.
func DefinitionSchema() ([]byte, error) {
	s := schemaOf(reflect.TypeOf(Definition{}), "", func(p string) string {
		if _, ok := definitionKeys[p]; ok {
			return "definition:" + p
		}
		return joinPart("vendors", p)
	})
	s["required"] = []string{"format", "id", "name"}
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["$id"] = "https://github.com/anzen-dev/anzen/profiles/vendors/" + DefinitionSchemaFile
	s["title"] = "anzen vendor definition"
	b, err := json.MarshalIndent(s, "", "  ")
	return append(b, '\n'), err
}

// schemaOf builds the schema of t at the key path; keyOf maps the path to
// the key of the descriptions and required tables.
func schemaOf(t reflect.Type, path string, keyOf func(string) string) map[string]any {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	s := map[string]any{}
	key := keyOf(path)
	if d, ok := strings.CutPrefix(key, "definition:"); ok {
		s["description"] = definitionKeys[d]
	} else if d, ok := descriptions[key]; ok {
		s["description"] = d
	}
	if terms, ok := enums[t]; ok {
		vals := make([]string, len(terms))
		labels := make([]string, len(terms))
		for i, term := range terms {
			vals[i] = term.Value
			labels[i] = term.Value + "：" + term.Ja
		}
		desc, _ := s["description"].(string)
		s["type"] = "string"
		s["enum"] = vals
		s["description"] = strings.TrimSpace(desc + " (" + strings.Join(labels, "、") + ")")
		return s
	}
	if t == reflect.TypeOf(time.Time{}) {
		s["type"] = "string"
		s["format"] = "date"
		return s
	}
	switch t {
	case flagType:
		s["type"] = "boolean"
		s["description"] = withUnwritten(s["description"])
		return s
	case countType:
		s["type"] = "integer"
		s["minimum"] = 0
		s["description"] = withUnwritten(s["description"])
		return s
	}
	switch t.Kind() {
	case reflect.String:
		s["type"] = "string"
		s["maxLength"] = MaxText
		if strings.HasSuffix(path, "id") && (path == "id" || strings.HasSuffix(path, ".id")) {
			s["pattern"] = slugRE.String()
		}
	case reflect.Bool:
		s["type"] = "boolean"
	case reflect.Int:
		s["type"] = "integer"
		s["minimum"] = 0
	case reflect.Slice:
		s["type"] = "array"
		s["items"] = schemaOf(t.Elem(), path, keyOf)
	case reflect.Map:
		s["type"] = "object"
		s["additionalProperties"] = map[string]any{"type": "string", "minLength": 1, "maxLength": MaxText}
	case reflect.Struct:
		props := map[string]any{}
		for i := 0; i < t.NumField(); i++ {
			tag := t.Field(i).Tag.Get("toml")
			if tag == "" || tag == "-" {
				continue
			}
			props[tag] = schemaOf(t.Field(i).Type, joinPart(path, tag), keyOf)
		}
		s["type"] = "object"
		s["properties"] = props
		s["additionalProperties"] = false
		if req, ok := required[key]; ok {
			s["required"] = req
		}
	}
	return s
}

// Key describes one profile key, for the key reference.
type Key struct {
	// Path is the key path without indices (systems.backup.offline).
	Path string
	// Field is the Go field chain templates use (Systems.Backup.Offline).
	Field string
	// Type is "text", "integer", "true/false", "date", "list", "table" or
	// "list of tables".
	Type        string
	Values      []Term
	Required    bool
	Description string
	// TriState tells that an unwritten key means unknown (未確認), not
	// no or 0: a Flag or a Count.
	TriState bool
}

// Keys lists every profile key in file order, from the Go types.
func Keys() []Key {
	var out []Key
	var walk func(t reflect.Type, path, field string)
	walk = func(t reflect.Type, path, field string) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := f.Tag.Get("toml")
			if tag == "" || tag == "-" {
				continue
			}
			p := strings.TrimPrefix(path+"."+tag, ".")
			fp := strings.TrimPrefix(field+"."+f.Name, ".")
			k := Key{Path: p, Field: fp, Description: descriptions[p], Values: enums[f.Type]}
			for _, r := range required[path] {
				k.Required = k.Required || r == tag
			}
			ft := f.Type
			switch {
			case ft == flagType:
				k.Type, k.TriState = "true/false", true
			case ft == countType:
				k.Type, k.TriState = "integer", true
			case ft == reflect.TypeOf(time.Time{}):
				k.Type = "date"
			case ft.Kind() == reflect.String:
				k.Type = "text"
			case ft.Kind() == reflect.Bool:
				k.Type = "true/false"
			case ft.Kind() == reflect.Int:
				k.Type = "integer"
			case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
				k.Type = "list of tables"
			case ft.Kind() == reflect.Slice:
				k.Type = "list"
			case ft.Kind() == reflect.Map:
				k.Type = "table of texts"
			case ft.Kind() == reflect.Struct:
				k.Type = "table"
			}
			out = append(out, k)
			if ft.Kind() == reflect.Slice {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct && ft != reflect.TypeOf(time.Time{}) {
				walk(ft, p, fp)
			}
		}
	}
	walk(reflect.TypeOf(Profile{}), "", "")
	return out
}
