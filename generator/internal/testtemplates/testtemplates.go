// Package testtemplates loads the real templates' wording for the tests of
// the packages that print it (chart, checklist, site). It is apart from
// testenv because package fragment's own tests use testenv.
package testtemplates

import (
	"os"
	"testing"

	"github.com/anzen-dev/anzen/generator/fragment"
)

// Messages loads templates/messages, for a test in a package of
// generator/.
func Messages(t testing.TB) *fragment.Messages {
	t.Helper()
	m, err := fragment.LoadMessages(fragment.Layer{Name: "templates", FS: os.DirFS("../../templates")})
	if err != nil {
		t.Fatal(err)
	}
	return m
}
