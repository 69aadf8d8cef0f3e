package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/anzen-dev/anzen/generator/internal/atomicfile"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/starter"
	"github.com/anzen-dev/anzen/generator/term"
)

// runInit writes a first profile from a questionnaire on a terminal, or
// from an answers file for scripts. It never reads a non-terminal standard
// input unless told to (-answers -), so it cannot hang in a pipeline.
func runInit(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("anzen init", flag.ContinueOnError)
	fl.SetOutput(stderr)
	out := fl.String("o", "", "write the profile to `FILE` (default: <clinic-id>.toml)")
	lang := fl.String("lang", "ja", "language of the questions and comments: ja or en")
	answers := fl.String("answers", "", "read the answers from a TOML `FILE` instead of asking (- for standard input)")
	force := fl.Bool("force", false, "overwrite an existing profile")
	var ld loader
	ld.flags(fl)
	fl.Usage = func() {
		fmt.Fprintf(stderr, `Usage: anzen init [flags]

Asks for the clinic type and name, staff and who holds which role, systems
and their vendors, and writes a commented profile that validates. Without
a terminal, give the answers in a file (-answers), e.g.:

  type = "clinic"
  id = "yamada-naika"
  name = "やまだ内科クリニック"
  staff = [{ name = "山田 一郎", job = "doctor" }, { name = "鈴木 花子", job = "clerk" }]
  systems = [{ kind = "emr", name = "電子カルテ", hosting = "cloud", vendor = "株式会社カルテ" }]

Flags:
`)
		fl.PrintDefaults()
	}
	if code, ok := parse(fl, args); !ok {
		return code
	}
	if fl.NArg() > 0 || (*lang != "ja" && *lang != "en") {
		fl.Usage()
		return 2
	}
	cat, err := ld.catalog()
	if err != nil {
		fmt.Fprintln(stderr, term.Lines(err.Error()))
		return 1
	}
	var a starter.Answers
	switch {
	case *answers != "":
		var data []byte
		in := stdin
		if *answers != "-" {
			f, ferr := os.Open(*answers)
			if ferr != nil {
				fmt.Fprintf(stderr, "anzen init: %s\n", term.Lines(ferr.Error()))
				return 1
			}
			defer f.Close()
			in = f
		}
		// At most a profile's size: /dev/zero as the answers ends.
		data, err = io.ReadAll(io.LimitReader(in, profile.MaxSize+1))
		if err == nil && len(data) > profile.MaxSize {
			err = fmt.Errorf("%s: more than %d bytes; answers are a few hundred", *answers, profile.MaxSize)
		}
		if err != nil {
			fmt.Fprintf(stderr, "anzen init: %s\n", term.Lines(err.Error()))
			return 1
		}
		if a, err = starter.DecodeAnswers(*answers, data); err != nil {
			fmt.Fprintf(stderr, "anzen init: %s\n", term.Lines(err.Error()))
			return 1
		}
		if a.Lang == "" {
			a.Lang = *lang
		}
	case !isTerminal(stdin):
		fmt.Fprintln(stderr, "anzen init: standard input is not a terminal: give the answers in a file with -answers FILE (see anzen init -h)")
		return 2
	default:
		if a, err = starter.Ask(stdin, stderr, *lang, cat.IDs()); err != nil {
			fmt.Fprintf(stderr, "anzen init: %s\n", term.Lines(err.Error()))
			return 1
		}
	}
	data, err := starter.Write(a, cat)
	if err != nil {
		fmt.Fprintf(stderr, "anzen init: %s\n", term.Lines(err.Error()))
		return 1
	}
	file := *out
	if file == "" {
		file = a.ID + ".toml"
	}
	if err := writeNew(file, data, *force); err != nil {
		fmt.Fprintf(stderr, "anzen init: %s\n", term.Lines(err.Error()))
		return 1
	}
	// The profile's first line points editors to the schema beside it.
	schema := filepath.Join(filepath.Dir(file), profile.SchemaFile)
	if _, err := os.Stat(schema); errors.Is(err, os.ErrNotExist) {
		if s, err := profile.Schema(); err == nil {
			_ = writeNew(schema, s, false)
		}
	}
	fmt.Fprintf(stdout, "%s: written (%d staff, %d systems). Next: fill in the commented keys, then\n  anzen validate %s\n  anzen check %s\n  anzen build %s\n", term.Name(file), len(a.Staff), len(a.Systems), term.Name(file), term.Name(file), term.Name(file))
	return 0
}

// isTerminal tells whether r is a character device (a terminal).
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// writeNew writes a file through a temporary file in the same folder,
// refusing to replace an existing one unless force is set.
func writeNew(name string, data []byte, force bool) error {
	if _, err := os.Lstat(name); err == nil && !force {
		return fmt.Errorf("%s exists; choose another name with -o, or overwrite it with -force", name)
	}
	return atomicfile.WriteFile(name, data, 0o644)
}
