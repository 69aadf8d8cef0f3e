package fragment

import (
	"maps"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// templateMessages loads the messages of the real templates.
func templateMessages(t *testing.T) *Messages {
	t.Helper()
	m, err := LoadMessages(Layer{Name: "templates", FS: os.DirFS("../../templates")})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestMessagesBothLanguages checks, for every message domain (findings,
// checklist …), that the Japanese and English files have the same keys
// and that each message uses the same placeholders in both languages, so
// no value is lost or left unfilled in either.
func TestMessagesBothLanguages(t *testing.T) {
	m := templateMessages(t)
	domains := map[string]bool{}
	for _, lang := range []string{"ja", "en"} {
		for _, k := range m.Keys(lang) {
			domains[strings.SplitN(k, ".", 2)[0]] = true
		}
	}
	for _, want := range []string{"findings", "checklist"} {
		if !domains[want] {
			t.Errorf("no messages of domain %q", want)
		}
	}
	for _, d := range slices.Sorted(maps.Keys(domains)) {
		t.Run(d, func(t *testing.T) {
			ja, en := domainKeys(m, "ja", d), domainKeys(m, "en", d)
			for _, k := range ja {
				if !m.Has("en", k) {
					t.Errorf("%s is in %s.ja.toml but not in %s.en.toml", k, d, d)
				}
			}
			for _, k := range en {
				if !m.Has("ja", k) {
					t.Errorf("%s is in %s.en.toml but not in %s.ja.toml", k, d, d)
				}
			}
			for _, k := range ja {
				if !m.Has("en", k) {
					continue
				}
				pj, pe := m.Placeholders("ja", k), m.Placeholders("en", k)
				if !slices.Equal(pj, pe) {
					t.Errorf("%s: placeholders ja %v, en %v", k, pj, pe)
				}
			}
		})
	}
}

func domainKeys(m *Messages, lang, domain string) []string {
	var out []string
	for _, k := range m.Keys(lang) {
		if strings.HasPrefix(k, domain+".") {
			out = append(out, k)
		}
	}
	return out
}

// profileKeyRE matches what looks like a profile key or key path in a
// text: a snake_case name (security_officer, mds_sds) or an indexed key
// (roles[7], systems[]).
var profileKeyRE = regexp.MustCompile(`\b[a-z]+_[a-z_]+\b|\b[a-z]+\[[0-9]*\]`)

// TestMessagesSpeakToStaff checks that no message, placeholders aside,
// names a profile key: the documents are read by staff, who never see the
// profile.
func TestMessagesSpeakToStaff(t *testing.T) {
	m := templateMessages(t)
	for _, lang := range []string{"ja", "en"} {
		for _, k := range m.Keys(lang) {
			text := placeholderRE.ReplaceAllString(m.Text(lang, k), "")
			if key := profileKeyRE.FindString(text); key != "" {
				t.Errorf("%s:%s names the profile key %q: %q", lang, k, key, m.Text(lang, k))
			}
		}
	}
}

// severities are the names findings.ParseSeverity accepts (fragment does
// not import findings; keep the two lists the same).
var severities = []string{"info", "low", "medium", "high"}

// TestRules checks every rule of messages/rules.toml: a kind of "gap" or
// "confirm", a known severity, and a title, detail and action in both
// languages. A rule "base:variant" (role-missing:security_officer) takes
// the texts of its base rule.
func TestRules(t *testing.T) {
	m := templateMessages(t)
	if len(m.Rules) == 0 {
		t.Fatal("no rules loaded")
	}
	ids := make([]string, 0, len(m.Rules))
	for id := range m.Rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		r := m.Rules[id]
		if r.Kind != "gap" && r.Kind != "confirm" {
			t.Errorf("rule %s: kind %q, want gap or confirm", id, r.Kind)
		}
		if !slices.Contains(severities, r.Severity) {
			t.Errorf("rule %s: severity %q, want one of %v", id, r.Severity, severities)
		}
		base, _, _ := strings.Cut(id, ":")
		for _, lang := range []string{"ja", "en"} {
			for _, part := range []string{"title", "detail", "action"} {
				key := "findings." + base + "." + part
				if !m.Has(lang, key) {
					t.Errorf("rule %s: no %s in findings.%s.toml", id, key, lang)
				} else if strings.TrimSpace(m.Text(lang, key)) == "" {
					t.Errorf("rule %s: %s is empty in findings.%s.toml", id, key, lang)
				}
			}
		}
	}
}
