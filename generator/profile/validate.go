package profile

import (
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// slugRE is what ids that become file names and anchors may look like.
var slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// reserved names cannot be clinic ids: they clash with the output layout or
// with names Windows refuses.
var reserved = map[string]bool{"con": true, "prn": true, "aux": true, "nul": true, "hugo": true, "site": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true}

// ValidClinicID tells whether id may name a clinic: a safe slug that is
// not a reserved name, since it becomes the output folder.
func ValidClinicID(id string) bool { return slugRE.MatchString(id) && !reserved[id] }

// MaxText is the longest text a profile value may have, in characters: a
// name or a note is at most a few lines; anything longer is a mistake and
// would be repeated on every page.
const MaxText = 2000

func validate(p *Profile, ps *problems) {
	checkText(ps, "", reflect.ValueOf(p).Elem())
	checkFormat(ps, p.Format)
	checkEnglish(ps, p)

	staff := ids(ps, "staff", len(p.Staff), func(i int) string { return p.Staff[i].ID })
	vendors := ids(ps, "vendors", len(p.Vendors), func(i int) string { return p.Vendors[i].ID })
	systems := ids(ps, "systems", len(p.Systems), func(i int) string { return p.Systems[i].ID })
	ids(ps, "devices", len(p.Devices), func(i int) string { return p.Devices[i].ID })

	ref := func(path, what, id string, sets ...map[string]bool) {
		if id == "" {
			return
		}
		var known []string
		for _, set := range sets {
			if set[id] {
				return
			}
			known = append(known, sortedKeys(set)...)
		}
		msg := fmt.Sprintf("no %s with id %q", what, id)
		if s := nearest(id, known); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		ps.addf(path, "%s (known: %s)", msg, list(known))
	}
	required := func(path, v string) {
		if strings.TrimSpace(v) == "" {
			ps.addf(path, "missing: this key is required")
		}
	}

	c := p.Clinic
	switch {
	case c.ID == "":
		ps.addf("clinic.id", "missing: the clinic id names the output folder, e.g. id = \"sakura-naika\"")
	case !ValidClinicID(c.ID):
		ps.addf("clinic.id", "%q is not a safe id: use 1-63 lower-case letters, digits and hyphens, starting with a letter or digit (not %s)", c.ID, list(sortedKeys(reserved)))
	}
	required("clinic.name", c.Name)
	enum(ps, "clinic.type", "clinic type", string(c.Type), ClinicTypes, true)
	required("clinic.manager", c.Manager)
	ref("clinic.manager", "staff member", c.Manager, staff)

	pol := p.Policy
	required("policy.version", pol.Version)
	if pol.Effective.IsZero() {
		ps.addf("policy.effective", "missing: the date the documents take effect (施行日), e.g. effective = 2026-04-01")
	}
	if pol.LastReview.IsZero() {
		ps.addf("policy.last_review", "missing: the date of the last review, e.g. last_review = 2026-04-01")
	}
	if pol.ReviewIntervalMonths < 1 || pol.ReviewIntervalMonths > 36 {
		ps.addf("policy.review_interval_months", "%d is out of range: review at least every 36 months (12 is usual)", pol.ReviewIntervalMonths)
	}
	required("policy.approver", pol.Approver)
	ref("policy.approver", "staff member", pol.Approver, staff)
	for i, h := range pol.History {
		path := fmt.Sprintf("policy.history[%d]", i)
		required(path+".version", h.Version)
		if h.Date.IsZero() {
			ps.addf(path+".date", "missing: the date of this revision")
		}
	}

	if len(p.Staff) == 0 {
		ps.addf("staff", "missing: list at least one member of staff as [[staff]]")
	}
	for i, s := range p.Staff {
		path := fmt.Sprintf("staff[%d]", i)
		required(path+".name", s.Name)
		enum(ps, path+".job", "job", string(s.Job), Jobs, true)
	}

	seenRole := map[RoleKind]int{}
	for i, r := range p.Roles {
		path := fmt.Sprintf("roles[%d]", i)
		enum(ps, path+".role", "role", string(r.Role), RoleKinds, true)
		if j, ok := seenRole[r.Role]; ok && r.Role != "" {
			ps.addf(path+".role", "role %q is assigned twice (also roles[%d]): give one holder and one deputy", r.Role, j)
		}
		seenRole[r.Role] = i
		required(path+".holder", r.Holder)
		ref(path+".holder", "staff member", r.Holder, staff)
		ref(path+".deputy", "staff member", r.Deputy, staff)
		if r.Deputy != "" && r.Deputy == r.Holder {
			ps.addf(path+".deputy", "the deputy must be someone other than the holder %q", r.Holder)
		}
		if s := p.StaffByID(r.Holder); s != nil && r.Role != "" {
			s.Roles = append(s.Roles, r.Role)
		}
	}

	if len(p.Systems) == 0 {
		ps.addf("systems", "missing: list at least one system as [[systems]] (kind: %s)", list(values(SystemKinds)))
	}
	for i, s := range p.Systems {
		path := fmt.Sprintf("systems[%d]", i)
		required(path+".name", s.Name)
		enum(ps, path+".kind", "system kind", string(s.Kind), SystemKinds, true)
		enum(ps, path+".hosting", "hosting", string(s.Hosting), Hostings, true)
		ref(path+".vendor", "vendor", s.Vendor, vendors)
		enum(ps, path+".backup.frequency", "backup frequency", string(s.Backup.Frequency), Frequencies, false)
		ref(path+".backup.operator", "staff member or vendor", s.Backup.Operator, staff, vendors)
		for j, k := range s.Includes {
			enum(ps, fmt.Sprintf("%s.includes[%d]", path, j), "system kind", string(k), SystemKinds, true)
		}
		if s.Originals.IsYes() && s.MedicalInfo.IsNo() {
			ps.addf(path+".originals", "a system that keeps records as originals holds medical information: set medical_info = true")
		}
	}

	for i, d := range p.Devices {
		path := fmt.Sprintf("devices[%d]", i)
		required(path+".name", d.Name)
		enum(ps, path+".kind", "device kind", string(d.Kind), DeviceKinds, true)
		ref(path+".managed_by", "staff member or vendor", d.ManagedBy, staff, vendors)
		for j, s := range d.Systems {
			ref(fmt.Sprintf("%s.systems[%d]", path, j), "system", s, systems)
		}
		enum(ps, path+".owner", "owner", string(d.Owner), Owners, false)
	}

	for i, v := range p.Vendors {
		path := fmt.Sprintf("vendors[%d]", i)
		if v.Definition == "" || v.Name != "" {
			required(path+".name", v.Name)
		}
		checkVendorParts(ps, path, v.Contacts, v.Contract, v.Responsibilities)
	}
	ref("policy.prepared_by", "vendor", pol.PreparedBy, vendors)
	ref("policy.coordinator", "vendor", pol.Coordinator, vendors)

	for i, ct := range p.Contacts {
		path := fmt.Sprintf("contacts[%d]", i)
		enum(ps, path+".kind", "contact kind", string(ct.Kind), ContactKinds, true)
		required(path+".name", ct.Name)
		if ct.URL != "" && !webAddress(ct.URL) {
			ps.addf(path+".url", "%q is not a web address: write it as https://…", ct.URL)
		}
	}
}

// checkFormat checks the format version: missing, older and newer formats
// each get a message that says what to do.
func checkFormat(ps *problems, f int) {
	switch {
	case f == 0:
		ps.addf("format", "missing: add `format = %d` as the first key of the file (format 1 is the first profile format; nothing else changes)", FormatVersion)
	case f < FormatVersion:
		ps.addf("format", "format %d is not a profile format: the first and current format is %d; write format = %d", f, FormatVersion, FormatVersion)
	case f > FormatVersion:
		ps.addf("format", "format %d is newer than this anzen, which reads format %d: install a newer anzen (go install github.com/anzen-dev/anzen/generator/cmd/anzen@latest)", f, FormatVersion)
	}
}

// webAddress tells whether s is an absolute http(s) address.
func webAddress(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// checkText reports string values longer than MaxText, by key path.
func checkText(ps *problems, path string, v reflect.Value) {
	eachString(v, path, func(path string, v reflect.Value) {
		if n := utf8.RuneCountInString(v.String()); n > MaxText {
			ps.addf(path, "text is %d characters long; the limit is %d", n, MaxText)
		}
		if at, r, ok := hidden(v.String()); ok {
			ps.addf(path, "%s", hiddenMessage(at, r))
		}
	})
}

// eachString calls visit with the key path and value of every string the
// profile's keys hold, through tables, lists and the english table, in
// file order (map keys sorted). Values reached through tables and lists
// are settable when v is.
func eachString(v reflect.Value, path string, visit func(path string, v reflect.Value)) {
	switch v.Kind() {
	case reflect.String:
		visit(path, v)
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			tag := t.Field(i).Tag.Get("toml")
			if tag == "" || tag == "-" {
				continue
			}
			eachString(v.Field(i), joinPart(path, tag), visit)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			eachString(v.Index(i), fmt.Sprintf("%s[%d]", path, i), visit)
		}
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			eachString(v.MapIndex(k), joinPart(path, k.String()), visit)
		}
	}
}

// ids checks that each element of a list has a unique, safe id and returns
// the set of ids.
func ids(ps *problems, list string, n int, id func(int) string) map[string]bool {
	set := map[string]bool{}
	first := map[string]int{}
	for i := 0; i < n; i++ {
		path := fmt.Sprintf("%s[%d].id", list, i)
		v := id(i)
		switch {
		case v == "":
			ps.addf(path, "missing: every entry of %s needs an id (lower-case letters, digits, hyphens) that other keys refer to", list)
		case !slugRE.MatchString(v):
			ps.addf(path, "%q is not a valid id: use lower-case letters, digits and hyphens, starting with a letter or digit", v)
		case set[v]:
			ps.addf(path, "duplicate id %q (first used by %s[%d])", v, list, first[v])
		default:
			set[v] = true
			first[v] = i
		}
	}
	return set
}

func enum(ps *problems, path, what, v string, terms []Term, required bool) {
	if v == "" {
		if required {
			ps.addf(path, "missing: the %s is required (allowed: %s)", what, termList(terms))
		}
		return
	}
	for _, t := range terms {
		if t.Value == v {
			return
		}
	}
	msg := fmt.Sprintf("unknown %s %q", what, v)
	if s := nearest(v, values(terms)); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	ps.addf(path, "%s (allowed: %s)", msg, termList(terms))
}

func termList(terms []Term) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = t.Value + " " + t.Ja
	}
	return strings.Join(parts, ", ")
}

func list(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
