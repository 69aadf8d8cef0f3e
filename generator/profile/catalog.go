package profile

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // logo formats
	_ "image/png"
	"io"
	"io/fs"
	"math"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// DefinitionSchemaFile is the JSON Schema of vendor definition files, kept
// next to them in profiles/vendors/.
const DefinitionSchemaFile = "anzen-vendor.schema.json"

// Definition is a vendor's description of itself, written once in a file
// (vendors/<id>.toml) that many client profiles reference with
// vendors[].definition: its services, the standard 責任分界 per item, its
// support contacts, the documents it issues, its standard contract terms
// and subcontractors, and the branding of the documents it prepares. A
// client profile's own keys win over the definition's.
type Definition struct {
	Format           int              `toml:"format" desc:"定義ファイル形式の版（現在は 1） / definition format version" required:"true"`
	ID               string           `toml:"id" desc:"事業者ID（ファイル名と同じ）。プロファイルの vendors[].definition で参照する" required:"true" id:"true"`
	Name             string           `toml:"name" required:"true"`
	Services         []string         `toml:"services"`
	Contacts         []VendorContact  `toml:"contacts"`
	Contract         Contract         `toml:"contract"`
	Documents        VendorDocuments  `toml:"documents"`
	Subcontractors   []Subcontractor  `toml:"subcontractors"`
	Responsibilities []Responsibility `toml:"responsibilities"`
	Brand            *Brand           `toml:"brand" desc:"作成支援として文書に表示するブランド / branding of the documents this vendor prepares"`

	// File is the name the definition was read from, for messages.
	File string `toml:"-"`
}

// Brand is how a vendor signs the documents it prepares for a client: the
// footer 「作成支援: …」, a logo and an accent colour.
type Brand struct {
	// Name is shown as 作成支援; the vendor's name when empty.
	Name string `toml:"name" desc:"作成支援として表示する名前（省略時は name）"`
	// Logo is a PNG or JPEG file, relative to the definition's folder.
	Logo string `toml:"logo" desc:"ロゴ画像（PNG または JPEG、256KiB・2000px まで）。定義ファイルのフォルダからの相対パス"`
	// Color is the accent colour, #rrggbb; it must be readable on white.
	Color string `toml:"color" desc:"アクセント色 #rrggbb（白地とのコントラスト比 4.5:1 以上）"`
	// URL is the vendor's web site, shown as text.
	URL string `toml:"url" desc:"事業者のウェブサイト（文字として表示）"`

	// LogoData is the logo file's content and LogoType its media type
	// (image/png, image/jpeg), filled when the definition is loaded.
	LogoData []byte `toml:"-"`
	LogoType string `toml:"-"`
}

// Logo limits: a logo is a small image in a header; anything larger is a
// mistake and would be copied into every clinic's output.
const (
	MaxLogoBytes  = 256 << 10
	MaxLogoPixels = 2000
)

// Responsibility is one line of a vendor's standard 責任分界表: who does
// what, in normal operation and in an emergency.
type Responsibility struct {
	// Service limits the line to one of the vendor's services; empty: all.
	Service   string `toml:"service" desc:"この行が当てはまるサービス（空ならすべて）"`
	Item      string `toml:"item"`
	Normal    string `toml:"normal"`
	Emergency string `toml:"emergency"`
}

// Catalog holds the vendor definitions client profiles may reference.
type Catalog struct {
	defs map[string]*Definition
}

// NewCatalog returns an empty catalog.
func NewCatalog() *Catalog { return &Catalog{defs: map[string]*Definition{}} }

// IDs lists the definitions' ids, sorted.
func (c *Catalog) IDs() []string {
	if c == nil {
		return nil
	}
	out := make([]string, 0, len(c.defs))
	for id := range c.defs {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// Lookup returns the definition with the id, or nil.
func (c *Catalog) Lookup(id string) *Definition {
	if c == nil {
		return nil
	}
	return c.defs[id]
}

// AddDir reads every *.toml file at the top of fsys as a vendor definition;
// name prefixes file names in messages. A definition replaces one with the
// same id added before (a vendor's own folder over the embedded examples).
// Logos are read from fsys too, so a file system confined to one folder
// (os.Root) confines them. All problems are returned together.
func (c *Catalog) AddDir(name string, fsys fs.FS) error {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return fmt.Errorf("vendor definitions %s: %w", name, err)
	}
	var errs []error
	seen := map[string]string{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".toml") {
			continue
		}
		file := path.Join(name, e.Name())
		data, err := readLimited(fsys, e.Name(), MaxSize)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", file, err))
			continue
		}
		d, err := DecodeDefinition(file, data, fsys)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if want := strings.TrimSuffix(e.Name(), ".toml"); d.ID != want {
			errs = append(errs, &Problem{File: file, Path: "id", Msg: fmt.Sprintf("%q does not match the file name: a definition of id %q is the file %s.toml", d.ID, d.ID, d.ID)})
			continue
		}
		if other, dup := seen[d.ID]; dup {
			errs = append(errs, fmt.Errorf("%s: duplicate vendor definition %q (also %s)", file, d.ID, other))
			continue
		}
		seen[d.ID] = file
		c.defs[d.ID] = d
	}
	return errors.Join(errs...)
}

// readLimited reads a file, refusing one larger than limit bytes before
// reading it whole.
func readLimited(fsys fs.FS, name string, limit int64) ([]byte, error) {
	// A FIFO or device would block or never end: only files are read.
	if st, err := fs.Stat(fsys, name); err != nil {
		return nil, err
	} else if !st.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("larger than the limit of %d bytes", limit)
	}
	return data, nil
}

// DecodeDefinition decodes and validates a vendor definition; logos are
// read from fsys (nil: a definition with a logo is an error).
func DecodeDefinition(file string, data []byte, fsys fs.FS) (*Definition, error) {
	ps := &problems{file: file}
	var d Definition
	md, ok := decodeTOML(ps, data, &d)
	if !ok {
		return nil, ps.err()
	}
	d.File = file
	checkUndecoded(ps, md.Undecoded(), reflect.TypeOf(Definition{}))
	checkText(ps, "", reflect.ValueOf(&d).Elem())
	checkFormat(ps, d.Format)
	switch {
	case d.ID == "":
		ps.addf("id", "missing: the vendor's id, the name client profiles use in vendors[].definition")
	case !slugRE.MatchString(d.ID):
		ps.addf("id", "%q is not a valid id: use lower-case letters, digits and hyphens, starting with a letter or digit", d.ID)
	}
	if strings.TrimSpace(d.Name) == "" {
		ps.addf("name", "missing: the vendor's name")
	}
	checkVendorParts(ps, "", d.Contacts, d.Contract, d.Responsibilities)
	if b := d.Brand; b != nil {
		checkBrand(ps, b, fsys)
	}
	if err := ps.err(); err != nil {
		return nil, err
	}
	return &d, nil
}

// checkVendorParts validates what vendors and definitions share; prefix is
// the key path of the vendor ("" in a definition).
func checkVendorParts(ps *problems, prefix string, contacts []VendorContact, c Contract, rs []Responsibility) {
	if prefix != "" {
		prefix += "."
	}
	for j, ct := range contacts {
		if strings.TrimSpace(ct.Name) == "" {
			ps.addf(fmt.Sprintf("%scontacts[%d].name", prefix, j), "missing: this key is required")
		}
	}
	for j, r := range rs {
		p := fmt.Sprintf("%sresponsibilities[%d]", prefix, j)
		if strings.TrimSpace(r.Item) == "" {
			ps.addf(p+".item", "missing: the item the line is about, e.g. バックアップ")
		}
		if strings.TrimSpace(r.Normal) == "" && strings.TrimSpace(r.Emergency) == "" {
			ps.addf(p, "missing: say who does what in normal operation (normal) or in an emergency (emergency)")
		}
	}
}

var colorRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// checkBrand validates a brand and reads its logo from fsys.
func checkBrand(ps *problems, b *Brand, fsys fs.FS) {
	if b.Color != "" {
		if !colorRE.MatchString(b.Color) {
			ps.addf("brand.color", "%q is not a colour: write it as #rrggbb, e.g. \"#1b5e8c\"", b.Color)
		} else if r := contrast(b.Color, "#ffffff"); r < 4.5 {
			ps.addf("brand.color", "%s on white has a contrast ratio of %.1f:1; links and buttons need at least 4.5:1 (WCAG AA): choose a darker colour", b.Color, r)
		}
	}
	if b.URL != "" && !webAddress(b.URL) {
		ps.addf("brand.url", "%q is not a web address: write it as https://…", b.URL)
	}
	if b.Logo == "" {
		return
	}
	ext := strings.ToLower(path.Ext(b.Logo))
	switch {
	case !fs.ValidPath(b.Logo) || strings.Contains(b.Logo, `\`) || b.Logo == ".":
		ps.addf("brand.logo", "%q is not allowed: name a file inside the definitions folder (no leading /, no .., no backslash), e.g. logo = \"logo.png\"", b.Logo)
		return
	case ext == ".svg":
		ps.addf("brand.logo", "%q: SVG logos are not accepted (an SVG file can carry scripts); use PNG or JPEG", b.Logo)
		return
	case ext != ".png" && ext != ".jpg" && ext != ".jpeg":
		ps.addf("brand.logo", "%q: use a PNG or JPEG file (.png, .jpg, .jpeg)", b.Logo)
		return
	case fsys == nil:
		ps.addf("brand.logo", "%q: no folder to read the logo from", b.Logo)
		return
	}
	data, err := readLimited(fsys, b.Logo, MaxLogoBytes)
	if err != nil {
		ps.addf("brand.logo", "%q: %v", b.Logo, cleanFSError(err))
		return
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	switch {
	case err != nil:
		ps.addf("brand.logo", "%q is not a PNG or JPEG image: %v", b.Logo, err)
		return
	case (format == "png") != (ext == ".png"):
		ps.addf("brand.logo", "%q holds a %s image: its name must end in .%s", b.Logo, format, format)
		return
	case cfg.Width < 1 || cfg.Height < 1 || cfg.Width > MaxLogoPixels || cfg.Height > MaxLogoPixels:
		ps.addf("brand.logo", "%q is %d×%d pixels; the limit is %d×%d", b.Logo, cfg.Width, cfg.Height, MaxLogoPixels, MaxLogoPixels)
		return
	}
	// The header alone says nothing of the rest: a truncated or corrupt
	// file is caught only by decoding it whole (size and pixels are
	// bounded above).
	if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
		ps.addf("brand.logo", "%q is not a complete %s image: %v", b.Logo, strings.ToUpper(format), err)
		return
	}
	b.LogoData, b.LogoType = data, "image/"+format
}

// cleanFSError drops the operation and path from a file error: the message
// already names the file.
func cleanFSError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, fs.ErrNotExist) {
			return errors.New("no such file in the definitions folder")
		}
		return pe.Err
	}
	return err
}

// contrast is the WCAG contrast ratio of two #rrggbb colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(hex string) float64 {
	var c [3]float64
	for i := range c {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		s := float64(v) / 255
		if s <= 0.04045 {
			c[i] = s / 12.92
		} else {
			c[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}

// applyDefinitions fills each vendor that names a definition with the
// definition's values for the keys the profile does not write itself, and
// checks the profile's prepared_by.
func applyDefinitions(p *Profile, ps *problems, cat *Catalog) {
	for i := range p.Vendors {
		v := &p.Vendors[i]
		if v.Definition == "" {
			continue
		}
		vpath := fmt.Sprintf("vendors[%d]", i)
		d := cat.Lookup(v.Definition)
		if d == nil {
			known := cat.IDs()
			msg := fmt.Sprintf("no vendor definition %q", v.Definition)
			if s := nearest(v.Definition, known); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			if len(known) == 0 {
				msg += " (no definitions are loaded: give the folder that holds " + v.Definition + ".toml with -vendors DIR)"
			} else {
				msg += fmt.Sprintf(" (known: %s; add a folder with -vendors DIR)", list(known))
			}
			ps.addf(vpath+".definition", "%s", msg)
			continue
		}
		fill(reflect.ValueOf(v).Elem(), reflect.ValueOf(d).Elem(), vpath, ps.pos)
		v.Brand = d.Brand
	}
	id := p.Policy.PreparedBy
	if v := p.VendorByID(id); v != nil && v.Brand == nil && (v.Definition == "" || cat.Lookup(v.Definition) != nil) {
		ps.addf("policy.prepared_by", "vendor %q has no brand: documents are signed with the [brand] table of the vendor's definition file (vendors[].definition)", id)
	}
}

// fill copies each field of src into the field of dst with the same TOML
// key, unless the profile writes that key (pos knows every key written):
// so a profile can override a definition's value, even with false or 0.
// Tables are filled key by key; lists and values are taken whole.
func fill(dst, src reflect.Value, path string, pos positions) {
	st := src.Type()
	for i := 0; i < st.NumField(); i++ {
		tag := st.Field(i).Tag.Get("toml")
		if tag == "" || tag == "-" || tag == "id" || tag == "format" {
			continue
		}
		df, ok := fieldByTag(dst.Type(), tag)
		if !ok {
			continue
		}
		d, s, p := dst.FieldByIndex(df.Index), src.Field(i), joinPart(path, tag)
		if _, written := pos.at[p]; written && d.Kind() != reflect.Struct {
			continue
		}
		if d.Kind() == reflect.Struct && d.Type() != timeType {
			fill(d, s, p, pos)
			continue
		}
		if _, written := pos.at[p]; !written && d.Type() == s.Type() {
			d.Set(s)
		}
	}
}
