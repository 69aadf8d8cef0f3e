package serve

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func fakeSite(t *testing.T, title string) BuildFunc {
	return func(ctx context.Context) (map[string][]byte, error) {
		page := `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'"><title>` + title + `</title></head><body>本文</body></html>`
		handbook := `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-x'; style-src 'unsafe-inline'"></head><body>手順書</body></html>`
		return map[string][]byte{"index.html": []byte(page), "handbook.html": []byte(handbook), "css/a.css": []byte("body{}")}, nil
	}
}

func get(t *testing.T, srv *httptest.Server, method, path string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, srv.URL+path, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestServeOnlyTheSite(t *testing.T) {
	s := New(fakeSite(t, "さくら"), nil, io.Discard)
	if err := s.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	tests := []struct {
		method, path string
		code         int
		body         string
	}{
		{"GET", "/", 200, "<title>さくら</title>"},
		{"GET", "/index.html", 200, `<script src="/_anzen/reload.js" data-version="1"></script></body>`},
		{"GET", "/index.html", 200, `content="default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'"`},
		{"GET", "/handbook.html", 200, `content="default-src 'none'; script-src 'sha256-x' 'self'; style-src 'unsafe-inline'; connect-src 'self'"`},
		{"GET", "/handbook.html", 200, `<script src="/_anzen/reload.js" data-version="1"></script></body>`},
		{"GET", "/css/a.css", 200, "body{}"},
		{"GET", "/css/", 404, ""},
		{"GET", "/../secret.txt", 404, ""},
		{"GET", "/%2e%2e/secret.txt", 404, ""},
		{"GET", "/css/..%2f..%2fsecret.txt", 404, ""},
		{"POST", "/", 405, ""},
		{"DELETE", "/index.html", 405, ""},
		{"GET", "/_anzen/reload.js", 200, "location.reload()"},
	}
	for _, tt := range tests {
		code, body := get(t, srv, tt.method, tt.path)
		if code != tt.code || !strings.Contains(body, tt.body) {
			t.Errorf("%s %s = %d %.80q; want %d with %q", tt.method, tt.path, code, body, tt.code, tt.body)
		}
		if strings.Contains(body, "secret") {
			t.Errorf("%s %s leaked a file outside the site", tt.method, tt.path)
		}
	}
}

func TestServeManyParallelRequestsAndRebuilds(t *testing.T) {
	s := New(fakeSite(t, "さくら"), nil, io.Discard)
	s.Rebuild(context.Background())
	srv := httptest.NewServer(s)
	defer srv.Close()
	var wg sync.WaitGroup
	for i := 0; i < 64; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				if code, _ := get(t, srv, "GET", "/"); code != 200 {
					t.Errorf("status %d", code)
				}
			}
		}()
	}
	for i := 0; i < 5; i++ {
		s.Rebuild(context.Background())
	}
	wg.Wait()
	// A page waiting for a rebuild is answered with the new version.
	done := make(chan string)
	go func() { _, b := get(t, srv, "GET", "/_anzen/wait?v=6"); done <- b }()
	s.Rebuild(context.Background())
	if v := <-done; v != "7" {
		t.Errorf("wait answered %q, want 7", v)
	}
}

// TestServeChecksHost: a request whose Host header is another site's name
// (DNS rebinding: evil.example resolved to 127.0.0.1) is refused; the
// names and addresses of this machine are served.
func TestServeChecksHost(t *testing.T) {
	s := New(fakeSite(t, "さくら"), nil, io.Discard)
	if err := s.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		host string
		code int
	}{
		{"127.0.0.1:8080", 200},
		{"127.0.0.1", 200},
		{"localhost:8080", 200},
		{"LOCALHOST.:8080", 200},
		{"clinic.localhost:8080", 200},
		{"[::1]:8080", 200},
		{"192.168.1.20:8080", 200},
		{"evil.example:8080", 403},
		{"evil.example", 403},
		{"localhost.evil.example", 403},
		{"127.0.0.1.nip.io:8080", 403},
		{"[fe80::1%25eth0]:8080", 403},
		{"", 403},
	}
	for _, tt := range tests {
		for _, path := range []string{"/", "/_anzen/wait?v=0", "/_anzen/reload.js"} {
			req := httptest.NewRequest("GET", path, nil)
			req.Host = tt.host
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			if rec.Code != tt.code {
				t.Errorf("Host %q %s: %d, want %d", tt.host, path, rec.Code, tt.code)
			}
			if tt.code == 403 && strings.Contains(rec.Body.String(), "本文") {
				t.Errorf("Host %q %s: page served", tt.host, path)
			}
		}
	}
}

// TestServerTimeouts: a client that sends headers slowly, or keeps a
// connection open and idle, is cut off (bounds in the server, not timed
// here).
func TestServerTimeouts(t *testing.T) {
	srv := httpServer(http.NotFoundHandler())
	if srv.ReadHeaderTimeout <= 0 || srv.ReadHeaderTimeout > 10*time.Second {
		t.Errorf("ReadHeaderTimeout %v", srv.ReadHeaderTimeout)
	}
	if srv.IdleTimeout <= 25*time.Second || srv.IdleTimeout > time.Minute {
		t.Errorf("IdleTimeout %v: want more than the 25 s long poll, at most a minute", srv.IdleTimeout)
	}
	if srv.MaxHeaderBytes <= 0 || srv.MaxHeaderBytes > 1<<20 {
		t.Errorf("MaxHeaderBytes %d", srv.MaxHeaderBytes)
	}
}

// TestServeDeferredPages: a page the build leaves out is rendered on its
// first request after each build, once however many ask at the same
// time, and served with the reload script like any page; a page that is
// neither built nor deferred is not found.
func TestServeDeferredPages(t *testing.T) {
	site := fakeSite(t, "さくら")
	var mu sync.Mutex
	renders := 0
	build := func(ctx context.Context) (map[string][]byte, error) {
		files, err := site(ctx)
		delete(files, "handbook.html")
		return files, err
	}
	render := func(ctx context.Context) (map[string][]byte, error) {
		mu.Lock()
		renders++
		mu.Unlock()
		return site(ctx)
	}
	s := New(build, nil, io.Discard, WithDeferred([]string{"handbook.html"}, render))
	if err := s.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	count := func() int { mu.Lock(); defer mu.Unlock(); return renders }
	if code, _ := get(t, srv, "GET", "/index.html"); code != 200 || count() != 0 {
		t.Fatalf("index.html: %d, %d renders; want 200 and none", code, count())
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if code, body := get(t, srv, "GET", "/handbook.html"); code != 200 || !strings.Contains(body, `手順書<script src="/_anzen/reload.js" data-version="1">`) {
				t.Errorf("handbook.html = %d %.80q", code, body)
			}
		}()
	}
	wg.Wait()
	if count() != 1 {
		t.Errorf("%d renders for 8 requests at once, want 1", count())
	}
	if code, _ := get(t, srv, "GET", "/en/handbook.html"); code != 404 {
		t.Errorf("a page neither built nor deferred: %d, want 404", code)
	}
	s.Rebuild(context.Background())
	get(t, srv, "GET", "/index.html")
	if count() != 1 {
		t.Errorf("a rebuild rendered the deferred pages: %d renders", count())
	}
	if code, body := get(t, srv, "GET", "/handbook.html"); code != 200 || !strings.Contains(body, `data-version="2"`) || count() != 2 {
		t.Errorf("after a rebuild: %d %.80q, %d renders; want 200, version 2, 2 renders", code, body, count())
	}
}
