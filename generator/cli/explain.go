package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/term"
)

// explain prints where each fragment in effect came from: the embedded
// defaults or an overlay, and which default an overlay fragment replaced;
// then, per clinic, the fragments its profile left out.
func explain(w io.Writer, set *fragment.Set, results []outcome) {
	var def, replaced, added int
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "fragment\tdocument\tfile\tsource")
	for _, f := range set.Fragments {
		src := "default"
		switch {
		case f.Replaces != "":
			src = "overlay " + term.Name(f.Origin) + ", replaces " + f.Replaces
			replaced++
		case f.Layer > 0:
			src = "overlay " + term.Name(f.Origin) + ", added"
			added++
		default:
			def++
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", term.Name(f.ID), term.Name(f.Document), term.Name(f.File), src)
	}
	tw.Flush()
	fmt.Fprintf(w, "%d fragments: %d default, %d replaced by an overlay, %d added by an overlay\n", len(set.Fragments), def, replaced, added)
	for _, r := range results {
		if r.err != nil {
			continue
		}
		skipped := r.res.Report.Skipped
		fmt.Fprintf(w, "%s: %d fragments used", r.res.Clinic, len(set.Fragments)-len(skipped))
		if len(skipped) > 0 {
			fmt.Fprintf(w, "; left out by their when condition: %s", strings.Join(skipped, ", "))
		}
		fmt.Fprintln(w)
	}
}
