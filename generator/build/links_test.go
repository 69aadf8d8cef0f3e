package build

import (
	"context"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestSiteLinks builds every example clinic and follows every link and
// resource reference in the site and the handbook: internal links must
// be relative and reach an existing file and anchor (so the site works
// from file:// and any folder), and nothing may be loaded from another
// host.
func TestSiteLinks(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	for _, p := range examples(t) {
		res, err := b.Clinic(context.Background(), p, out)
		if err != nil {
			t.Fatal(err)
		}
		pages := map[string]*page{}
		root := filepath.Join(res.Dir, "site")
		err = filepath.WalkDir(root, func(f string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(f, ".html") {
				return err
			}
			rel, _ := filepath.Rel(root, f)
			pg, err := parsePage(f)
			pages[filepath.ToSlash(rel)] = pg
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(pages) < 18 {
			t.Fatalf("%s: only %d pages", p.Clinic.ID, len(pages))
		}
		checked := 0
		for name, pg := range pages {
			for _, ref := range pg.refs {
				u, err := url.Parse(ref.url)
				if err != nil {
					t.Errorf("%s/%s: bad URL %q", p.Clinic.ID, name, ref.url)
					continue
				}
				if u.Scheme == "data" && (strings.HasPrefix(ref.url, "data:image/png;base64,") || strings.HasPrefix(ref.url, "data:image/jpeg;base64,")) {
					continue // an inline logo: nothing is fetched
				}
				if u.Scheme != "" || strings.HasPrefix(ref.url, "//") {
					if ref.load || !(u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "mailto" || u.Scheme == "tel") {
						t.Errorf("%s/%s: %s %q leaves the page", p.Clinic.ID, name, ref.attr, ref.url)
					}
					continue
				}
				if strings.HasPrefix(u.Path, "/") {
					t.Errorf("%s/%s: %q is not relative", p.Clinic.ID, name, ref.url)
					continue
				}
				target := name
				if u.Path != "" {
					target = path.Join(path.Dir(name), u.Path)
					if strings.HasSuffix(u.Path, "/") || path.Ext(target) == "" {
						t.Errorf("%s/%s: %q is a directory link, which file:// cannot open", p.Clinic.ID, name, ref.url)
						continue
					}
					if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(target))); err != nil {
						t.Errorf("%s/%s: %q: no such file", p.Clinic.ID, name, ref.url)
						continue
					}
				}
				if u.Fragment != "" {
					tp := pages[target]
					if tp == nil || !tp.ids[u.Fragment] {
						t.Errorf("%s/%s: %q: no element with id %q", p.Clinic.ID, name, ref.url, u.Fragment)
						continue
					}
				}
				checked++
			}
		}
		if checked < 100 {
			t.Errorf("%s: only %d links checked", p.Clinic.ID, checked)
		}
	}
}

type reference struct {
	attr, url string
	// load tells whether the browser fetches it (src, stylesheet) rather
	// than the reader following it.
	load bool
}

type page struct {
	refs []reference
	ids  map[string]bool
}

func parsePage(file string) (*page, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		return nil, err
	}
	pg := &page{ids: map[string]bool{}}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				switch {
				case a.Key == "id":
					pg.ids[a.Val] = true
				case a.Key == "src" || a.Key == "srcset" || a.Key == "poster" || a.Key == "data":
					pg.refs = append(pg.refs, reference{a.Key, a.Val, true})
				case a.Key == "href":
					pg.refs = append(pg.refs, reference{a.Key, a.Val, n.Data == "link"})
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return pg, nil
}
