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
	checkEnglish(ps, p)
	c := &checker{ps: ps, roles: map[RoleKind]string{}, sets: map[string]map[string]bool{
		"staff":  ids(ps, "staff", len(p.Staff), func(i int) string { return p.Staff[i].ID }),
		"vendor": ids(ps, "vendors", len(p.Vendors), func(i int) string { return p.Vendors[i].ID }),
		"system": ids(ps, "systems", len(p.Systems), func(i int) string { return p.Systems[i].ID }),
	}}
	ids(ps, "devices", len(p.Devices), func(i int) string { return p.Devices[i].ID })
	c.walk("", "", reflect.ValueOf(p).Elem())
	assignRoles(p)
}

// assignRoles fills each member of staff's Roles from the profile's
// [[roles]].
func assignRoles(p *Profile) {
	for _, r := range p.Roles {
		if s := p.StaffByID(r.Holder); s != nil && r.Role != "" {
			s.Roles = append(s.Roles, r.Role)
		}
	}
}

// checker checks a profile's keys.
type checker struct {
	ps *problems
	// sets are the ids of the things keys refer to, by the names of the
	// ref tag.
	sets map[string]map[string]bool
	// roles maps each role assigned to where it was first (roles[0]).
	roles map[RoleKind]string
}

// refNames are the words messages use for the things a key refers to.
var refNames = map[string]string{"staff": "staff member", "vendor": "vendor", "system": "system"}

// walk checks the keys of the table v at path (shape: the path without
// indices), in file order: what each key's tags declare, then the keys
// inside it, then the checks that are code (conditional).
func (c *checker) walk(path, shape string, v reflect.Value) {
	for _, f := range fieldsOf(v.Type()) {
		fp, fs, fv := joinPart(path, f.Key), joinPart(shape, f.Key), v.FieldByIndex(f.Index)
		c.declared(fp, f, fv)
		switch {
		case fv.Kind() == reflect.Struct && fv.Type() != timeType:
			c.walk(fp, fs, fv)
		case fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() == reflect.Struct:
			for i := 0; i < fv.Len(); i++ {
				c.walk(fmt.Sprintf("%s[%d]", fp, i), fs, fv.Index(i))
			}
		}
		if check, ok := conditional[fs]; ok {
			check(c, fp, v)
		}
	}
}

// declared checks what a key's tags and type declare: a required text is
// written, a kind is one of its values, a reference names a known id. A
// list is checked item by item.
func (c *checker) declared(path string, f field, v reflect.Value) {
	if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.String {
		// An item of a list of kinds must be one; an empty reference in a
		// list refers to nothing.
		_, kind := kinds[v.Type().Elem()]
		for i := 0; i < v.Len(); i++ {
			c.value(fmt.Sprintf("%s[%d]", path, i), f, kind, v.Index(i))
		}
		return
	}
	if v.Kind() == reflect.String {
		c.value(path, f, f.Required, v)
	}
}

// value checks one text: a kind, a reference or a required text.
func (c *checker) value(path string, f field, required bool, v reflect.Value) {
	s := v.String()
	switch k, ok := kinds[v.Type()]; {
	case ok:
		enum(c.ps, path, k.what, s, k.terms, required)
	case f.Refs != nil:
		if required {
			c.required(path, s)
		}
		c.ref(path, f.Refs, s)
	case required && !f.ID:
		c.required(path, s)
	}
}

func (c *checker) required(path, v string) {
	if strings.TrimSpace(v) == "" {
		c.ps.addf(path, "missing: this key is required")
	}
}

// ref checks that id, when written, is the id of one of the kinds of thing
// named (the key's ref tag).
func (c *checker) ref(path string, refs []string, id string) {
	if id == "" {
		return
	}
	var known, what []string
	for _, k := range refs {
		if c.sets[k][id] {
			return
		}
		known = append(known, sortedKeys(c.sets[k])...)
		what = append(what, refNames[k])
	}
	msg := fmt.Sprintf("no %s with id %q", strings.Join(what, " or "), id)
	if s := nearest(id, known); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	c.ps.addf(path, "%s (known: %s)", msg, list(known))
}

// conditional holds the checks that are code, by key path without
// indices: each gets the key's path and the table that holds it, and runs
// after the key's declared checks.
var conditional = map[string]func(c *checker, path string, table reflect.Value){
	"format":                        func(c *checker, _ string, t reflect.Value) { checkFormat(c.ps, t.Interface().(Profile).Format) },
	"clinic.id":                     checkClinicID,
	"policy.effective":              checkEffective,
	"policy.last_review":            checkLastReview,
	"policy.review_interval_months": checkReviewInterval,
	"policy.history.version":        func(c *checker, path string, t reflect.Value) { c.required(path, t.Interface().(Revision).Version) },
	"policy.history.date":           checkRevisionDate,
	"staff":                         checkStaffListed,
	"roles.role":                    checkRoleOnce,
	"roles.deputy":                  checkDeputy,
	"systems":                       checkSystemsListed,
	"systems.originals":             checkOriginals,
	"vendors.name":                  checkVendorName,
	"vendors.responsibilities":      checkVendor,
	"contacts.url":                  checkContactURL,
}

func checkClinicID(c *checker, path string, t reflect.Value) {
	switch id := t.Interface().(Clinic).ID; {
	case id == "":
		c.ps.addf(path, "missing: the clinic id names the output folder, e.g. id = \"sakura-naika\"")
	case !ValidClinicID(id):
		c.ps.addf(path, "%q is not a safe id: use 1-63 lower-case letters, digits and hyphens, starting with a letter or digit (not %s)", id, list(sortedKeys(reserved)))
	}
}

func checkEffective(c *checker, path string, t reflect.Value) {
	if t.Interface().(Policy).Effective.IsZero() {
		c.ps.addf(path, "missing: the date the documents take effect (施行日), e.g. effective = 2026-04-01")
	}
}

func checkLastReview(c *checker, path string, t reflect.Value) {
	if t.Interface().(Policy).LastReview.IsZero() {
		c.ps.addf(path, "missing: the date of the last review, e.g. last_review = 2026-04-01")
	}
}

func checkReviewInterval(c *checker, path string, t reflect.Value) {
	if n := t.Interface().(Policy).ReviewIntervalMonths; n < 1 || n > 36 {
		c.ps.addf(path, "%d is out of range: review at least every 36 months (12 is usual)", n)
	}
}

func checkRevisionDate(c *checker, path string, t reflect.Value) {
	if t.Interface().(Revision).Date.IsZero() {
		c.ps.addf(path, "missing: the date of this revision")
	}
}

func checkStaffListed(c *checker, path string, t reflect.Value) {
	if len(t.Interface().(Profile).Staff) == 0 {
		c.ps.addf(path, "missing: list at least one member of staff as [[staff]]")
	}
}

func checkRoleOnce(c *checker, path string, t reflect.Value) {
	r := t.Interface().(Role)
	if first, ok := c.roles[r.Role]; ok && r.Role != "" {
		c.ps.addf(path, "role %q is assigned twice (also %s): give one holder and one deputy", r.Role, first)
	}
	c.roles[r.Role] = strings.TrimSuffix(path, ".role")
}

func checkDeputy(c *checker, path string, t reflect.Value) {
	if r := t.Interface().(Role); r.Deputy != "" && r.Deputy == r.Holder {
		c.ps.addf(path, "the deputy must be someone other than the holder %q", r.Holder)
	}
}

func checkSystemsListed(c *checker, path string, t reflect.Value) {
	if len(t.Interface().(Profile).Systems) == 0 {
		c.ps.addf(path, "missing: list at least one system as [[systems]] (kind: %s)", list(values(SystemKinds)))
	}
}

func checkOriginals(c *checker, path string, t reflect.Value) {
	if s := t.Interface().(System); s.Originals.IsYes() && s.MedicalInfo.IsNo() {
		c.ps.addf(path, "a system that keeps records as originals holds medical information: set medical_info = true")
	}
}

// checkVendorName: a vendor's name is required unless its definition
// gives it.
func checkVendorName(c *checker, path string, t reflect.Value) {
	if v := t.Interface().(Vendor); v.Definition == "" || v.Name != "" {
		c.required(path, v.Name)
	}
}

func checkVendor(c *checker, path string, t reflect.Value) {
	v := t.Interface().(Vendor)
	checkVendorParts(c.ps, strings.TrimSuffix(path, ".responsibilities"), v.Contacts, v.Contract, v.Responsibilities)
}

func checkContactURL(c *checker, path string, t reflect.Value) {
	if u := t.Interface().(Contact).URL; u != "" && !webAddress(u) {
		c.ps.addf(path, "%q is not a web address: write it as https://…", u)
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
