// Package anzen holds the defaults embedded in the anzen binary: guidance
// fragments, fixed content pages, the Hugo theme, the Hugo site skeleton and
// the example clinic profiles. Directories given on the command line are
// layered over these (see generator/layerfs).
package anzen

import (
	"embed"
	"io/fs"
)

//go:embed all:templates all:content all:themes all:site all:profiles
var defaults embed.FS

// Defaults returns the embedded default tree. Its top level holds the
// directories templates, content, themes, site and profiles.
func Defaults() fs.FS { return defaults }

// DefaultProfile is the path, inside Defaults, of the profile built when
// `anzen build` gets no profile argument.
const DefaultProfile = "profiles/sakura-naika.toml"

// DefaultVendors is the folder, inside Defaults, of the example vendor
// definitions profiles can reference with vendors[].definition.
const DefaultVendors = "profiles/vendors"
