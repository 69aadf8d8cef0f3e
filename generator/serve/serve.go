// Package serve previews a clinic's site on this machine: it builds the
// site in memory, serves it read-only on a loopback address, rebuilds when
// the profile or an overlay directory changes, and reloads open pages.
package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/anzen-dev/anzen/generator/term"
)

// BuildFunc builds the site and returns its files by slash path
// ("index.html", "css/anzen.css").
type BuildFunc func(ctx context.Context) (map[string][]byte, error)

// Server serves the latest good build.
type Server struct {
	build BuildFunc
	watch []string
	log   io.Writer
	// deferred are the pages build leaves out and render makes, when
	// one of them is asked for.
	deferred map[string]bool
	render   BuildFunc

	// building is held while build or render runs: one at a time.
	building sync.Mutex

	mu       sync.Mutex
	files    map[string][]byte // the site being served
	built    time.Time
	version  int  // bumped on every good rebuild
	rendered bool // the deferred pages are in files
	lastErr  error
	changed  chan struct{}
}

// Option configures a Server.
type Option func(*Server)

// WithDeferred names pages that the build leaves out and render makes:
// the first request for one of them after a build renders them, and
// render's site is served from then on. Large pages that every edit
// changes (anzen's handbooks) then cost nothing until they are read.
func WithDeferred(names []string, render BuildFunc) Option {
	return func(s *Server) {
		s.deferred = map[string]bool{}
		for _, n := range names {
			s.deferred[n] = true
		}
		s.render = render
	}
}

// New returns a server that builds with build and rebuilds when any of the
// watched files or directories changes.
func New(build BuildFunc, watch []string, logw io.Writer, opts ...Option) *Server {
	s := &Server{build: build, watch: watch, log: logw, changed: make(chan struct{})}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Rebuild builds once and, when the build succeeds, serves its result. A
// failed build keeps the previous site and shows the error on reload.
func (s *Server) Rebuild(ctx context.Context) error {
	s.building.Lock()
	defer s.building.Unlock()
	start := time.Now()
	files, err := s.build(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lastErr = err
	if err != nil {
		fmt.Fprintf(s.log, "build failed (still serving the previous site):\n%s\n", term.Lines(err.Error()))
	} else {
		s.files, s.built, s.rendered = files, time.Now(), false
		fmt.Fprintf(s.log, "built in %s\n", millis(time.Since(start)))
	}
	s.version++
	close(s.changed)
	s.changed = make(chan struct{})
	return err
}

// Watch rebuilds on changes until ctx ends. Changes within 50 ms are taken
// together (an editor's save is often several writes).
func (s *Server) Watch(ctx context.Context) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	for _, p := range s.watch {
		err := filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return w.Add(q)
			}
			return nil
		})
		if err != nil {
			return err
		}
		// Watch a file's directory too: editors replace files on save.
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			w.Add(filepath.Dir(p))
		}
	}
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev := <-w.Events:
			if s.relevant(ev.Name) {
				timer = time.After(50 * time.Millisecond)
			}
		case err := <-w.Errors:
			fmt.Fprintln(s.log, "watch:", term.Lines(err.Error()))
		case <-timer:
			timer = nil
			s.Rebuild(ctx)
		}
	}
}

// relevant tells whether a changed file is one of the watched ones or
// inside a watched directory (not an editor's backup file).
func (s *Server) relevant(name string) bool {
	base := filepath.Base(name)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") {
		return false
	}
	for _, p := range s.watch {
		if name == p || strings.HasPrefix(name, p+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// AllowedHost tells whether a request's Host header names this machine
// the way a person types it: localhost (or a name under .localhost) or an
// IP address, such as the loopback or the address served on. Any other
// name is refused: a page of another site whose name an attacker
// resolves to this machine (DNS rebinding) sends its own name.
func AllowedHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	_, err := netip.ParseAddr(host)
	return err == nil && !strings.Contains(host, "%")
}

// ServeHTTP serves the built site from memory: requests for this machine
// by name or address only (see AllowedHost), GET and HEAD only, only
// the site's own files, and a small script in HTML pages that reloads
// them after a rebuild.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !AllowedHost(r.Host) {
		// A web page that rebinds its own name to this machine's address
		// would otherwise read the clinic's documents.
		http.Error(w, "anzen serve answers only to localhost and IP addresses, not "+strconv.Quote(r.Host), http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "read-only", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case "/_anzen/reload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		io.WriteString(w, reloadJS)
		return
	case "/_anzen/wait":
		s.wait(w, r)
		return
	}
	s.mu.Lock()
	files, built := s.files, s.built
	s.mu.Unlock()
	if files == nil {
		http.Error(w, "the site has not been built yet", http.StatusServiceUnavailable)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	// The site is a map of its files: nothing outside it can be named, and
	// there are no directories to list.
	body, ok := files[name]
	if !ok && s.deferred[name] {
		files, err := s.renderDeferred(context.WithoutCancel(r.Context()), name)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		body, ok = files[name]
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	if strings.HasSuffix(name, ".html") {
		body = withReload(body, s.currentVersion())
	}
	http.ServeContent(w, r, name, built, bytes.NewReader(body))
}

// renderDeferred makes the deferred pages of the site being served, once
// per build, and returns the site with them. It is not cancelled with the
// request that asked: a build cut short would cost the next one.
func (s *Server) renderDeferred(ctx context.Context, name string) (map[string][]byte, error) {
	s.building.Lock()
	defer s.building.Unlock()
	s.mu.Lock()
	files, done := s.files, s.rendered
	s.mu.Unlock()
	if done {
		return files, nil
	}
	start := time.Now()
	files, err := s.render(ctx)
	if err != nil {
		fmt.Fprintf(s.log, "rendering %s failed:\n%s\n", name, term.Lines(err.Error()))
		return nil, err
	}
	s.mu.Lock()
	s.files, s.rendered = files, true
	s.mu.Unlock()
	fmt.Fprintf(s.log, "%s rendered in %s\n", name, millis(time.Since(start)))
	return files, nil
}

// millis is a duration as a whole number of milliseconds.
func millis(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d.Microseconds())/1000) }

func (s *Server) currentVersion() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.version
}

// wait answers when the version differs from the page's (long poll), so
// an open page reloads right after a rebuild.
func (s *Server) wait(w http.ResponseWriter, r *http.Request) {
	seen, _ := strconv.Atoi(r.URL.Query().Get("v"))
	for {
		s.mu.Lock()
		v, ch := s.version, s.changed
		s.mu.Unlock()
		if v != seen {
			w.Header().Set("Cache-Control", "no-store")
			fmt.Fprint(w, v)
			return
		}
		select {
		case <-ch:
		case <-r.Context().Done():
			return
		case <-time.After(25 * time.Second):
			fmt.Fprint(w, v)
			return
		}
	}
}

var cspRE = regexp.MustCompile(`(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")`)

// withReload adds the reload script to a page for the preview only: the
// built files stay without scripts. The page's policy is widened just
// enough for this server's own script and long poll.
func withReload(page []byte, version int) []byte {
	page = cspRE.ReplaceAllFunc(page, func(m []byte) []byte {
		sub := cspRE.FindSubmatch(m)
		return append(append(append([]byte{}, sub[1]...), widen(string(sub[2]))...), sub[3]...)
	})
	tag := fmt.Sprintf(`<script src="/_anzen/reload.js" data-version="%d"></script></body>`, version)
	return bytes.Replace(page, []byte("</body>"), []byte(tag), 1)
}

// widen allows this server's script and long poll in a page's policy.
// 'self' goes into the page's own script-src and connect-src when it has
// them: a browser obeys only the first directive of a name, so one added
// after the handbook's script-src (its hashes) would be ignored.
func widen(policy string) string {
	parts := strings.Split(policy, ";")
	need := map[string]bool{"script-src": true, "connect-src": true}
	for i, p := range parts {
		f := strings.Fields(p)
		if len(f) > 0 && need[f[0]] {
			need[f[0]] = false
			if !slices.Contains(f[1:], "'self'") {
				parts[i] = strings.TrimRight(p, " ") + " 'self'"
			}
		}
	}
	for _, d := range []string{"script-src", "connect-src"} {
		if need[d] {
			parts = append(parts, " "+d+" 'self'")
		}
	}
	return strings.Join(parts, ";")
}

const reloadJS = `(function () {
  var me = document.currentScript, v = me.getAttribute("data-version");
  function poll() {
    fetch("/_anzen/wait?v=" + v, {cache: "no-store"}).then(function (r) { return r.text(); })
      .then(function (nv) { if (nv !== v) { location.reload(); } else { poll(); } })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
`

// httpServer is the server ListenAndServe runs: headers must arrive
// within 5 s, and idle keep-alive connections are closed after 30 s (the
// long poll of an open page answers within 25 s, so a page keeps its
// connection).
func httpServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, IdleTimeout: 30 * time.Second,
		MaxHeaderBytes: 64 << 10, ErrorLog: log.New(io.Discard, "", 0)}
}

// ListenAndServe serves on addr (a loopback address unless the caller
// chooses otherwise) until ctx ends, rebuilding on changes.
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := httpServer(s)
	fmt.Fprintf(s.log, "serving http://%s/ (Ctrl-C to stop)\n", ln.Addr())
	go s.Watch(ctx)
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
