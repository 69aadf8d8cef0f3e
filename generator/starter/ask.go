package starter

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/anzen-dev/anzen/generator/profile"
)

// ErrAborted is returned when the input ends before the questions do.
var ErrAborted = errors.New("input ended before all questions were answered")

// asker asks questions on w and reads answers from r, one line each. An
// empty line takes the default shown in brackets.
type asker struct {
	r  *bufio.Reader
	w  io.Writer
	en bool
}

func (q *asker) line(prompt, def string) (string, error) {
	if def != "" {
		fmt.Fprintf(q.w, "%s [%s]: ", prompt, def)
	} else {
		fmt.Fprintf(q.w, "%s: ", prompt)
	}
	s, err := q.r.ReadString('\n')
	if err != nil && (err != io.EOF || s == "") {
		fmt.Fprintln(q.w)
		return "", ErrAborted
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return def, nil
	}
	return s, nil
}

// text asks until the answer is not empty (when required).
func (q *asker) text(ja, en, def string, required bool) (string, error) {
	for {
		s, err := q.line(t(q.en, ja, en), def)
		if err != nil || s != "" || !required {
			return s, err
		}
		fmt.Fprintln(q.w, t(q.en, "  入力してください。", "  Please answer."))
	}
}

// choose shows numbered terms and returns the value picked by number or
// by value.
func (q *asker) choose(ja, en string, terms []profile.Term, def string) (string, error) {
	fmt.Fprintln(q.w, t(q.en, ja, en))
	defN := ""
	for i, term := range terms {
		lbl := term.Ja
		if q.en {
			lbl = term.En
		}
		fmt.Fprintf(q.w, "  %2d) %s  %s\n", i+1, term.Value, lbl)
		if term.Value == def {
			defN = strconv.Itoa(i + 1)
		}
	}
	for {
		s, err := q.line(t(q.en, "  番号", "  number"), defN)
		if err != nil {
			return "", err
		}
		if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= len(terms) {
			return terms[n-1].Value, nil
		}
		if known(terms, s) {
			return s, nil
		}
		fmt.Fprintf(q.w, t(q.en, "  1〜%d の番号で答えてください。\n", "  Answer with a number from 1 to %d.\n"), len(terms))
	}
}

func (q *asker) yes(ja, en string, def bool) (bool, error) {
	d := t(q.en, "いいえ", "n")
	if def {
		d = t(q.en, "はい", "y")
	}
	for {
		s, err := q.line(t(q.en, ja+"（はい/いいえ）", en+" (y/n)"), d)
		if err != nil {
			return false, err
		}
		switch strings.ToLower(s) {
		case "はい", "y", "yes", "1":
			return true, nil
		case "いいえ", "n", "no", "0":
			return false, nil
		}
	}
}

// Ask runs the questionnaire: clinic type and name, staff (the first is
// the manager), the security officer's deputy, the systems the clinic
// type usually has and their hosting and vendor. vendorIDs are the vendor
// definitions that can be named instead of a vendor.
func Ask(r io.Reader, w io.Writer, lang string, vendorIDs []string) (Answers, error) {
	q := &asker{r: bufio.NewReader(r), w: w, en: lang == "en"}
	fmt.Fprintln(w, t(q.en, "anzen の最初のプロファイルを作ります。[ ] 内は既定値で、空のまま Enter で使えます。",
		"anzen writes a first profile. Values in [ ] are defaults: press Enter to take them."))
	typ, err := q.choose("施設の種類：", "Clinic type:", profile.ClinicTypes, "clinic")
	if err != nil {
		return Answers{}, err
	}
	a := Defaults(typ)
	a.Lang = lang
	if a.Name, err = q.text("施設名（例：やまだ内科クリニック）", "Clinic name", "", true); err != nil {
		return a, err
	}
	for {
		if a.ID, err = q.text("施設ID（小文字の英数字とハイフン。出力フォルダ名。例：yamada-naika）", "Clinic id (lower-case letters, digits, hyphens; names the output folder)", "", true); err != nil {
			return a, err
		}
		if profile.ValidClinicID(a.ID) {
			break
		}
		fmt.Fprintln(w, t(q.en, "  小文字の英数字とハイフンで入力してください。", "  Use lower-case letters, digits and hyphens."))
	}
	if a.Address, err = q.text("所在地", "Address", "", false); err != nil {
		return a, err
	}
	if a.Phone, err = q.text("電話番号", "Phone", "", false); err != nil {
		return a, err
	}
	title := profile.ClinicType(typ).ManagerTitle()
	if a.Staff[0].Name, err = q.text(fmt.Sprintf("%sの氏名", title), "Manager's name (院長 / 管理薬剤師 / 管理者)", "", true); err != nil {
		return a, err
	}
	if a.Staff[0].Job, err = q.choose(fmt.Sprintf("%sの職種：", title), "Manager's job:", profile.Jobs, a.Staff[0].Job); err != nil {
		return a, err
	}
	defJob := a.Staff[1].Job
	a.Staff = a.Staff[:1]
	fmt.Fprintln(w, t(q.en, "ほかの職員を1人ずつ入力します（空のまま Enter で終わり）。", "Now the other members of staff, one at a time (empty line to finish)."))
	for {
		name, err := q.text("職員の氏名", "Name", "", false)
		if err != nil {
			return a, err
		}
		if name == "" {
			break
		}
		job, err := q.choose("職種：", "Job:", profile.Jobs, defJob)
		if err != nil {
			return a, err
		}
		a.Staff = append(a.Staff, Person{Name: name, Job: job})
	}
	a.Deputy = -1
	if len(a.Staff) > 1 {
		fmt.Fprintln(w, t(q.en, "安全管理責任者（"+a.Staff[0].Name+"）が不在のときの代理者：", "Deputy of the security officer ("+a.Staff[0].Name+"):"))
		for i, p := range a.Staff[1:] {
			fmt.Fprintf(w, "  %2d) %s\n", i+1, p.Name)
		}
		for {
			s, err := q.line(t(q.en, "  番号", "  number"), "1")
			if err != nil {
				return a, err
			}
			if n, err := strconv.Atoi(s); err == nil && n >= 1 && n < len(a.Staff) {
				a.Deputy = n
				break
			}
		}
	}
	var systems []System
	lastVendor := ""
	hint := ""
	if len(vendorIDs) > 0 {
		hint = t(q.en, "（事業者定義のID "+strings.Join(vendorIDs, ", ")+" も使えます）", " (or a vendor definition id: "+strings.Join(vendorIDs, ", ")+")")
	}
	for _, s := range a.Systems {
		use, err := q.yes(s.Name+"を使っていますか", "Do you use "+s.Name+"?", true)
		if err != nil {
			return a, err
		}
		if !use {
			continue
		}
		if s.Hosting, err = q.choose("  "+s.Name+"の設置形態：", "  Hosting of "+s.Name+":", profile.Hostings, s.Hosting); err != nil {
			return a, err
		}
		if s.Vendor, err = q.text("  "+s.Name+"の事業者名"+hint, "  Vendor of "+s.Name+hint, lastVendor, false); err != nil {
			return a, err
		}
		lastVendor = s.Vendor
		systems = append(systems, s)
	}
	a.Systems = systems
	return a, nil
}
