# rfm9 — build, run, test. `make run` and `make test` are all a fresh machine needs.
GO        ?= go
BIN       := bin/rfm9
GOBIN     := $(shell $(GO) env GOPATH)/bin
STATICCHECK_VERSION := v0.8.2
DEMO      := data/demo.csv
FUZZTIME  ?= 5s

# Apache ECharts for the dashboard's charts, from the npm registry at a pinned version,
# embedded into the binary (no CDN: 1C servers often have no internet). The stamp names
# the version, so changing ECHARTS_VERSION fetches again.
ECHARTS_VERSION := 6.0.0
VENDOR    := dashboard/assets/vendor
ECHARTS   := $(VENDOR)/.echarts-$(ECHARTS_VERSION)

.PHONY: build run segment-demo test fuzz lint bench bench-e2e clean assets

build: assets
	$(GO) build -o $(BIN) ./cmd/rfm9

assets: $(ECHARTS)

$(ECHARTS):
	@tmp=$$(mktemp -d) && \
	  npm pack --silent --pack-destination "$$tmp" echarts@$(ECHARTS_VERSION) >/dev/null && \
	  tar -xzf "$$tmp/echarts-$(ECHARTS_VERSION).tgz" -C "$$tmp" package/dist/echarts.min.js && \
	  cp "$$tmp/package/dist/echarts.min.js" $(VENDOR)/echarts.min.js && \
	  rm -rf "$$tmp" $(VENDOR)/.echarts-* && touch $@
	@echo "echarts $(ECHARTS_VERSION) -> $(VENDOR)/echarts.min.js"

# The service on the built-in 1C emulator with demo data and an embedded SQLite store:
# the API on http://localhost:8080 (LISTEN=… to move it), the admin token printed.
LISTEN ?= 127.0.0.1:8080
run: build
	./$(BIN) serve --demo --listen $(LISTEN)

# One-shot segmentation of a generated demo file, no service.
segment-demo: build $(DEMO)
	./$(BIN) segment --file $(DEMO)

$(DEMO): | build
	@mkdir -p data
	./$(BIN) gen --clients 20000 --lines 150000 --seed 1 --out $(DEMO)

test: assets
	$(GO) test -race -count=1 ./...

# Runs every fuzz target briefly; `make fuzz FUZZTIME=5m` for a real session. Go 1.26's
# fuzzer can fail a target with a bare "context deadline exceeded" as -fuzztime ends
# (go.dev/issue/75804, fixed in Go 1.27): such a run, with no failing input written, is
# run once more; any other failure fails.
fuzz:
	@set -e; out=$$(mktemp); trap 'rm -f $$out' EXIT; \
	for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$t"; \
	    if $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg >$$out 2>&1; then cat $$out; continue; fi; \
	    cat $$out; \
	    if grep -q 'context deadline exceeded' $$out && ! grep -q 'Failing input written' $$out; then \
	      echo "fuzz $$t: the fuzztime race of go.dev/issue/75804, no input found: once more"; \
	      $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg; \
	    else exit 1; fi; \
	  done; \
	done

lint: $(GOBIN)/staticcheck
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GOBIN)/staticcheck ./...

$(GOBIN)/staticcheck:
	$(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

# Micro-benchmarks of the hot paths.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# End-to-end: rfm9 against DuckDB on a 10M-line file (see docs/benchmarks.md).
bench-e2e: build
	bash bench/segment.sh

clean:
	rm -rf bin data $(VENDOR)/echarts.min.js $(VENDOR)/.echarts-*
