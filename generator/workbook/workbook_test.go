package workbook

import (
	"bytes"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/xuri/excelize/v2"

	"github.com/anzen-dev/anzen/generator/checklist"
	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/refs"
	"github.com/anzen-dev/anzen/generator/verdict"
)

// answered answers the checklist of an example profile with the real
// items and messages.
func answered(t testing.TB, file string) (*profile.Profile, []checklist.Row, []checklist.VendorSheet, *fragment.Messages) {
	t.Helper()
	var reg refs.Registry
	if _, err := toml.DecodeFile("../../templates/refs.toml", &reg); err != nil {
		t.Fatal(err)
	}
	m, err := fragment.LoadMessages(fragment.Layer{Name: "templates", FS: os.DirFS("../../templates")})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	p, err := profile.Decode(file, data)
	if err != nil {
		t.Fatal(err)
	}
	v := verdict.Judge(p, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	return p, checklist.Clinic(p, v, reg.Checklist, m), checklist.Vendors(p, v, reg.Checklist, m), m
}

// TestWorkbook opens the workbook with excelize and checks every item's
// row on the clinic's sheet and on each vendor's: the answer (blank and
// marked 要確認 when the profile cannot answer), the dates, the notes; a
// hostile clinic name stays text; two writes are byte-identical.
func TestWorkbook(t *testing.T) {
	for _, tc := range []struct {
		file     string
		pharmacy bool
	}{{"../../profiles/sakura-naika.toml", false}, {"../../profiles/midori-pharmacy.toml", true}} {
		t.Run(tc.file, func(t *testing.T) {
			p, rows, vendors, m := answered(t, tc.file)
			name := `=HYPERLINK("http://x","y") ` + p.Clinic.Name
			c := Clinic{Name: name, Pharmacy: tc.pharmacy, AsOf: "2026-06-01"}
			data, err := Workbook(c, rows, vendors, m)
			if err != nil {
				t.Fatal(err)
			}
			again, _ := Workbook(c, rows, vendors, m)
			if !bytes.Equal(data, again) {
				t.Error("two writes of the same checklist differ")
			}
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			want := []string{ClinicSheet(tc.pharmacy)}
			for i := range vendors {
				want = append(want, VendorSheetName(i+1))
			}
			if got := f.GetSheetList(); len(got) != len(want) || got[0] != want[0] {
				t.Fatalf("sheets %q, want %q", got, want)
			}
			if len(vendors) == 0 {
				t.Fatal("the example has no 事業者確認用 sheet")
			}
			sheet := want[0]
			if v, _ := f.GetCellValue(sheet, "C2"); v != name {
				t.Errorf("clinic name cell %q", v)
			}
			if fm, _ := f.GetCellFormula(sheet, "C2"); fm != "" {
				t.Errorf("the clinic's name became a formula: %q", fm)
			}
			get := func(sheet, col string, row int) string {
				v, err := f.GetCellValue(sheet, col+strconv.Itoa(row))
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			open := 0
			for i, r := range rows {
				n := FirstRow + i
				if got := get(sheet, ColID, n); got != r.ID {
					t.Errorf("row %d: item %q, want %q", n, got, r.ID)
				}
				answer, mark := get(sheet, ColAnswer, n), get(sheet, ColMark, n)
				switch r.Answer {
				case checklist.Open:
					open++
					if answer != "" || mark != checklist.Open {
						t.Errorf("item %s: an open question reads %q, marked %q", r.ID, answer, mark)
					}
				default:
					if answer != r.Answer || mark != "" || get(sheet, ColChecked, n) != r.Checked {
						t.Errorf("item %s: answer %q (want %q), mark %q, checked %q", r.ID, answer, r.Answer, mark, get(sheet, ColChecked, n))
					}
				}
				if got := get(sheet, ColTarget, n); got != r.Target {
					t.Errorf("item %s: target %q, want %q", r.ID, got, r.Target)
				}
				if r.Evidence != "" && !bytes.Contains([]byte(get(sheet, ColNotes, n)), []byte(r.Evidence)) {
					t.Errorf("item %s: notes lack the evidence", r.ID)
				}
			}
			if open == 0 {
				t.Error("no open question in the example: the test checks nothing of them")
			}
			if got := get(sheet, ColID, FirstRow+len(rows)); got != "" {
				t.Errorf("a row after the last item: %q", got)
			}
			for i, vs := range vendors {
				sh := VendorSheetName(i + 1)
				if got, _ := f.GetCellValue(sh, "C3"); !bytes.Contains([]byte(got), []byte(vs.Vendor.Name)) {
					t.Errorf("%s names %q, not the vendor %q", sh, got, vs.Vendor.Name)
				}
				for j, r := range vs.Rows {
					n := FirstRow + j
					if got := get(sh, ColID, n); got != r.ID {
						t.Errorf("%s row %d: item %q, want %q", sh, n, got, r.ID)
					}
					if got := get(sh, ColAnswer, n); got != "" {
						t.Errorf("%s item %s: the vendor's answer is prefilled: %q", sh, r.ID, got)
					}
				}
			}
		})
	}
}

// BenchmarkWorkbook measures the workbook of the example clinic, a step
// every clinic's build now takes.
func BenchmarkWorkbook(b *testing.B) {
	p, rows, vendors, m := answered(b, "../../profiles/sakura-naika.toml")
	c := Clinic{Name: p.Clinic.Name, AsOf: "2026-06-01"}
	for b.Loop() {
		if _, err := Workbook(c, rows, vendors, m); err != nil {
			b.Fatal(err)
		}
	}
}
