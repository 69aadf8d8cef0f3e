package build

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/anzen-dev/anzen/generator/profile"
)

// manySystems returns the sakura-naika example with n systems: its
// electronic medical record repeated under new ids, as a vendor's export
// might list every terminal as a system.
func manySystems(tb testing.TB, n int) *profile.Profile {
	tb.Helper()
	data, err := os.ReadFile("../../profiles/sakura-naika.toml")
	if err != nil {
		tb.Fatal(err)
	}
	src := string(data)
	start := strings.Index(src, "[[systems]]")
	end := start + len("[[systems]]") + strings.Index(src[start+len("[[systems]]"):], "[[systems]]")
	block := src[start:end]
	var b strings.Builder
	b.WriteString(src[:end])
	for i := 0; b.Len() > 0 && i < n-1; i++ {
		s := strings.Replace(block, `id = "emr"`, fmt.Sprintf(`id = "emr-%d"`, i), 1)
		s = strings.Replace(s, "」\"\n", fmt.Sprintf("」%d号\"\n", i), 1)
		b.WriteString(s)
	}
	b.WriteString(src[end:])
	cat := profile.NewCatalog()
	if err := cat.AddDir("vendors", os.DirFS("../../profiles/vendors")); err != nil {
		tb.Fatal(err)
	}
	p, err := profile.Decode("sakura-naika.toml", []byte(b.String()), profile.WithCatalog(cat))
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// TestThousandSystemsValidate: a profile with 1,000 systems is within the
// profile's limits (profile.MaxItems), so the build benchmark below can
// measure it.
func TestThousandSystemsValidate(t *testing.T) {
	if p := manySystems(t, 1000); len(p.Systems) < 1000 {
		t.Fatalf("%d systems", len(p.Systems))
	}
}

// BenchmarkClinicSystems is a whole clinic's build with 10, 100 and 1,000
// systems: the build must grow about linearly with the profile.
func BenchmarkClinicSystems(b *testing.B) {
	bl, err := New()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{10, 100, 1000} {
		p := manySystems(b, n)
		if len(p.Systems) < n {
			b.Fatalf("%d systems, want %d", len(p.Systems), n)
		}
		b.Run(fmt.Sprintf("systems=%d", n), func(b *testing.B) {
			out := b.TempDir()
			for i := 0; i < b.N; i++ {
				if _, err := bl.Clinic(context.Background(), p, out); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
