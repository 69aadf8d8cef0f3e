// Package workbook writes the MHLW サイバーセキュリティ対策チェックリスト as
// the Excel workbook inspectors ask for (checklist.xlsx): the
// 医療機関確認用 sheet (薬局確認用 for a pharmacy) with the answers the
// checklist package made from the profile, and one 事業者確認用 sheet per
// vendor and system for the vendor to fill in. An item the profile
// cannot answer is left blank and marked 要確認.
package workbook

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/anzen-dev/anzen/generator/checklist"
	"github.com/anzen-dev/anzen/generator/fragment"
)

// Clinic is what the workbook says about the clinic.
type Clinic struct {
	Name     string
	Pharmacy bool
	// AsOf is the date the answers hold as of (2026-04-01); it also dates
	// the workbook's properties, so the same profile gives the same file.
	AsOf string
}

// Columns of an item row, and the first item row (after the title, the
// clinic, the date and the heading).
const (
	ColID      = "A"
	ColSection = "B"
	ColText    = "C"
	ColAnswer  = "D"
	ColChecked = "E"
	ColTarget  = "F"
	ColNotes   = "G"
	ColMark    = "H"
	FirstRow   = 6
	headingRow = 5
)

// ClinicSheet is the name of the clinic's sheet.
func ClinicSheet(pharmacy bool) string {
	if pharmacy {
		return "薬局確認用"
	}
	return "医療機関確認用"
}

// VendorSheetName is the name of the n-th 事業者確認用 sheet (from 1).
func VendorSheetName(n int) string { return fmt.Sprintf("事業者確認用%d", n) }

// Workbook writes the checklist: rows are the clinic's answers, vendors
// the 事業者確認用 sheets; m gives the headings (checklist.xlsx.*).
func Workbook(c Clinic, rows []checklist.Row, vendors []checklist.VendorSheet, m *fragment.Messages) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	t := func(key string, pairs ...string) string { return m.Text("ja", "checklist.xlsx."+key, pairs...) }
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	clinicSheet := ClinicSheet(c.Pharmacy)
	if err := f.SetSheetName("Sheet1", clinicSheet); err != nil {
		return nil, err
	}
	form := t("form_clinic")
	if c.Pharmacy {
		form = t("form_pharmacy")
	}
	head := [][2]string{{t("clinic"), c.Name}, {t("as_of"), c.AsOf}}
	if err := sheet(f, st, t, clinicSheet, form, head, rows, false); err != nil {
		return nil, err
	}
	for i, v := range vendors {
		name := VendorSheetName(i + 1)
		if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
		head := [][2]string{{t("clinic"), c.Name}, {t("vendor"), v.Vendor.Name + "（" + v.System.Name + "）"}}
		if err := sheet(f, st, t, name, t("form_vendor"), head, v.Rows, true); err != nil {
			return nil, err
		}
	}
	f.SetActiveSheet(0)
	date := c.AsOf + "T00:00:00Z"
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: "anzen", LastModifiedBy: "anzen", Created: date, Modified: date,
		Title: form, Language: "ja-JP",
	}); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

type styles struct{ title, head, text, open, center int }

func newStyles(f *excelize.File) (styles, error) {
	border := []excelize.Border{{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1}}
	wrap := &excelize.Alignment{WrapText: true, Vertical: "top"}
	var s styles
	var err error
	for _, def := range []struct {
		dst   *int
		style *excelize.Style
	}{
		{&s.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&s.head, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8EEF4"}}}},
		{&s.text, &excelize.Style{Border: border, Alignment: wrap}},
		{&s.center, &excelize.Style{Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
		{&s.open, &excelize.Style{Border: border, Alignment: wrap, Font: &excelize.Font{Bold: true, Color: "B42318"},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FDECEA"}}}},
	} {
		if *def.dst, err = f.NewStyle(def.style); err != nil {
			return s, err
		}
	}
	return s, nil
}

// sheet lays out one sheet: the form's title, the header lines, the
// heading and one row per item. blank: the answers are the vendor's to
// give (only the clinic's records go in the notes).
func sheet(f *excelize.File, st styles, t func(string, ...string) string, name, title string, head [][2]string, rows []checklist.Row, blank bool) error {
	set := func(cell string, v any) error { return f.SetCellValue(name, cell, v) }
	if err := set("A1", title); err != nil {
		return err
	}
	f.SetCellStyle(name, "A1", "A1", st.title)
	for i, h := range head {
		r := 2 + i
		set(fmt.Sprintf("A%d", r), h[0])
		// Profile values go in as strings: a name starting with = is
		// text, not a formula.
		f.SetCellStr(name, fmt.Sprintf("C%d", r), h[1])
	}
	set(fmt.Sprintf("A%d", 2+len(head)), t("how"))
	headings := []string{t("col_id"), t("col_section"), t("col_text"), t("col_answer"), t("col_checked"), t("col_target"), t("col_notes"), t("col_mark")}
	for i, h := range headings {
		cell := fmt.Sprintf("%c%d", 'A'+i, headingRow)
		set(cell, h)
	}
	f.SetCellStyle(name, fmt.Sprintf("A%d", headingRow), fmt.Sprintf("H%d", headingRow), st.head)
	for i, w := range []float64{7, 16, 52, 10, 12, 12, 48, 14} {
		col := string(rune('A' + i))
		f.SetColWidth(name, col, col, w)
	}
	f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: headingRow, TopLeftCell: fmt.Sprintf("A%d", FirstRow), ActivePane: "bottomLeft"})
	for i, r := range rows {
		n := FirstRow + i
		cell := func(col string) string { return fmt.Sprintf("%s%d", col, n) }
		text := r.Text
		if r.Status != "confirmed" {
			text += " " + t("wording_unverified")
		}
		vals := map[string]string{ColID: r.ID, ColSection: r.Section, ColText: text}
		if !blank {
			if r.Answer == checklist.Yes || r.Answer == checklist.No {
				vals[ColAnswer] = r.Answer
			}
			vals[ColChecked], vals[ColTarget] = r.Checked, r.Target
		}
		var notes []string
		if r.Evidence != "" {
			notes = append(notes, r.Evidence)
		}
		if r.Step != "" {
			notes = append(notes, "→ "+r.Step)
		}
		vals[ColNotes] = strings.Join(notes, "\n")
		if !blank && r.Answer == checklist.Open {
			vals[ColMark] = checklist.Open
		}
		// In column order: the shared strings are numbered as set, and
		// the same profile must give the same file.
		for _, col := range []string{ColID, ColSection, ColText, ColAnswer, ColChecked, ColTarget, ColNotes, ColMark} {
			if v := vals[col]; v != "" {
				if err := f.SetCellStr(name, cell(col), v); err != nil {
					return err
				}
			}
		}
		f.SetCellStyle(name, cell(ColID), cell(ColID), st.center)
		f.SetCellStyle(name, cell(ColSection), cell(ColText), st.text)
		f.SetCellStyle(name, cell(ColAnswer), cell(ColTarget), st.center)
		f.SetCellStyle(name, cell(ColNotes), cell(ColNotes), st.text)
		mark := st.text
		if vals[ColMark] != "" {
			mark = st.open
			f.SetCellStyle(name, cell(ColAnswer), cell(ColAnswer), st.open)
		}
		f.SetCellStyle(name, cell(ColMark), cell(ColMark), mark)
	}
	if len(rows) == 0 {
		return nil
	}
	// The answer is はい or いいえ: offer the two.
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s%d:%s%d", ColAnswer, FirstRow, ColAnswer, FirstRow+len(rows)-1)
	if err := dv.SetDropList([]string{checklist.Yes, checklist.No}); err != nil {
		return err
	}
	return f.AddDataValidation(name, dv)
}
