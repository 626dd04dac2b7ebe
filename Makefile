# rfm9 — build, run, test. `make run` and `make test` are all a fresh machine needs.
GO        ?= go
BIN       := bin/rfm9
GOBIN     := $(shell $(GO) env GOPATH)/bin
STATICCHECK_VERSION := v0.8.2
DEMO      := data/demo.csv
FUZZTIME  ?= 5s

.PHONY: build run segment-demo test fuzz lint bench bench-e2e clean

build:
	$(GO) build -o $(BIN) ./cmd/rfm9

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

test:
	$(GO) test -race -count=1 ./...

# Runs every fuzz target briefly; `make fuzz FUZZTIME=5m` for a real session.
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$t"; \
	    $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg; \
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
	rm -rf bin data
