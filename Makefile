# anzen — build the example clinic, test, benchmark.
GO ?= go
BIN := bin

.PHONY: run test lint fuzz fuzz-build bench clean

# Build the embedded example clinic into out/sakura-naika/.
run:
	$(GO) run ./generator/cmd/anzen build -o out

# The test command (README, .ci/run): formatting, vet, every test with the
# race detector, and a short fuzz pass over the profile decoder and the
# escaping of profile values. The browser and PDF tests print handbooks
# with Chromium, slow under the race detector: a longer timeout.
test: lint
	$(GO) test -race -count=1 -timeout 30m ./...
	$(MAKE) fuzz FUZZTIME=15s

FUZZTIME ?= 60s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./generator/profile
	$(GO) test -run '^$$' -fuzz '^FuzzEscapeString$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./generator/fragment
	$(GO) test -run '^$$' -fuzz '^FuzzLink$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./generator/fragment

# Fuzz the whole generation: every profile that validates must build. Its
# seeds (the example and test clinics) run in every `go test`; fuzzing it
# instruments Hugo too, so it is not part of `make test`.
fuzz-build:
	$(GO) test -run '^$$' -fuzz '^FuzzGenerate$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./generator/build

lint:
	@fmt=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$fmt" ]; then echo "gofmt needed:"; echo "$$fmt"; exit 1; fi
	$(GO) vet ./...

$(BIN)/anzen: FORCE
	$(GO) build -o $@ ./generator/cmd/anzen

# Stock hugo at the version in go.mod (the `tool` directive).
$(BIN)/hugo: go.mod go.sum
	$(GO) build -o $@ github.com/gohugoio/hugo

# Figures: anzen's whole build vs stock hugo on the generated project, a
# batch of 100 clinics vs one alone, build --pdf vs a plain Chromium print,
# anzen serve's rebuild after an edit vs its first build (median), and
# the in-process benchmarks of the stages (the build at 10, 100 and 1,000
# systems: BenchmarkClinicSystems).
bench: $(BIN)/anzen $(BIN)/hugo
	$(GO) run ./generator/cmd/anzenbench -anzen $(BIN)/anzen -hugo $(BIN)/hugo -n 10
	$(GO) test -run '^$$' -bench . -benchmem ./generator/build/

clean:
	rm -rf $(BIN) out

FORCE:
