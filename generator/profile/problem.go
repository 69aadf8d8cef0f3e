package profile

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/anzen-dev/anzen/generator/term"
)

// Problem is one mistake in a profile, located by file, position and key
// path.
type Problem struct {
	File string
	Position
	// Path is the key path, e.g. `staff[2].job`; empty for the whole file.
	Path string
	Msg  string
}

// Error formats the problem as `file:line:col: key.path: message`, for a
// terminal: a control character or an invisible mark in the file name,
// the key path (a quoted key can hold any) or the message is escaped.
func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(term.Name(p.File))
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", p.Line, p.Col)
	}
	b.WriteString(": ")
	if p.Path != "" {
		path := []rune(p.Path)
		if len(path) > 120 {
			// A path that long is an attack or an accident; its end is enough.
			path = append([]rune("…"), path[len(path)-100:]...)
		}
		b.WriteString(term.Name(string(path)))
		b.WriteString(": ")
	}
	b.WriteString(term.Lines(p.Msg))
	return b.String()
}

// Problems returns every *Problem in err, as joined by Decode.
func Problems(err error) []*Problem {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []*Problem
		for _, e := range j.Unwrap() {
			out = append(out, Problems(e)...)
		}
		return out
	}
	var p *Problem
	if errors.As(err, &p) {
		return []*Problem{p}
	}
	return nil
}

// problems collects problems while a profile is checked.
type problems struct {
	file string
	pos  positions
	list []*Problem
	// more counts problems found but not recorded, past MaxProblems.
	more int
}

func (ps *problems) addf(path, format string, args ...any) {
	ps.list = append(ps.list, &Problem{File: ps.file, Position: ps.pos.of(path), Path: path, Msg: fmt.Sprintf(format, args...)})
}

// MaxProblems is the most problems listed for one file.
const MaxProblems = 100

// err returns the problems in file order, joined, or nil.
func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	sort.SliceStable(ps.list, func(i, j int) bool {
		a, b := ps.list[i], ps.list[j]
		if (a.Line == 0) != (b.Line == 0) {
			return b.Line == 0 // located problems first
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	if n := len(ps.list) - MaxProblems + ps.more; n > 0 {
		// A file with thousands of mistakes is not a profile; listing
		// them all would only flood the terminal.
		ps.list = append(ps.list[:min(len(ps.list), MaxProblems)], &Problem{File: ps.file, Msg: fmt.Sprintf("and %d more problems", n)})
	}
	errs := make([]error, len(ps.list))
	for i, p := range ps.list {
		errs[i] = p
	}
	return errors.Join(errs...)
}
