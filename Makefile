# Threat Atlas. The two commands a newcomer needs: `make serve` and `make test`.
# Every target that builds first runs `scripts/setup.sh`, which installs missing tools.

PUBLIC_URL ?= /
# The site's public origin, for canonical addresses and sitemap.xml (the Pages workflow passes
# https://<owner>.github.io); without it the pages have neither.
SITE_URL ?=
E2E_DIST := target/e2e-dist
# The origin the end-to-end build's pages name (never contacted: only compared).
E2E_SITE_URL := https://example.github.io
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
# A RUSTFLAGS in the environment replaces .cargo/config.toml's flags for the wasm
# (`--cfg erase_components`, 70 KB gzip); the wasm builds keep them by adding them back.
WASM_FLAGS := --cfg erase_components
TRUNK := $(if $(RUSTFLAGS),RUSTFLAGS="$(RUSTFLAGS) $(WASM_FLAGS)",) trunk

.PHONY: setup setup-build serve dist preview e2e-dist test lint bench clean data data-check data-stats fuzz

setup:
	@bash scripts/setup.sh all

setup-build:
	@bash scripts/setup.sh build

## Serve the app with the bundled dataset on http://127.0.0.1:8080/, rebuilding on change.
serve: setup-build
	$(TRUNK) serve

## A release build into dist/ for the given sub-path and origin, e.g.
## `make dist PUBLIC_URL=/threat-atlas/ SITE_URL=https://owner.github.io`.
dist: setup-build
	$(TRUNK) build --release --public-url "$(PUBLIC_URL)" --dist dist
	cargo run -q --profile tools -p atlas-data -- shells dist --site-url "$(SITE_URL)"
	cargo run -q --profile tools -p atlas-data -- csp dist
	cargo run -q --profile tools -p atlas-data -- service-worker dist

## The release build the end-to-end tests drive, served under /threat-atlas/ like GitHub Pages.
e2e-dist: setup-build
	$(TRUNK) build --release --public-url /threat-atlas/ --dist $(E2E_DIST)
	cargo run -q --profile tools -p atlas-data -- shells $(E2E_DIST) --site-url "$(E2E_SITE_URL)"
	cargo run -q --profile tools -p atlas-data -- csp $(E2E_DIST)
	cargo run -q --profile tools -p atlas-data -- service-worker $(E2E_DIST)

## Serve dist/ like GitHub Pages (sub-path, 404.html fallback): `make preview PUBLIC_URL=/threat-atlas/`.
preview: dist
	python3 scripts/serve-dist.py dist "$(PUBLIC_URL)" 8081

lint: setup
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --workspace --target wasm32-unknown-unknown -- -D warnings

## Every test: formatting and lints, core unit tests, and the browser tests on the release build.
test: setup lint e2e-dist
	@bash scripts/test.sh

## Sizes of every file in dist/ (raw, gzip, brotli), then timings in headless Chromium.
bench: setup dist e2e-dist
	@bash scripts/bench-size.sh dist
	@cargo run -q --profile tools -p atlas-data -- bench public/data/atlas.json
	@mkdir -p target/bench
	@cargo run -q --profile tools -p atlas-data -- scale public/data/atlas.json 20 target/bench/atlas-20x.json
	@cargo run -q --profile tools -p atlas-data -- story public/data/atlas.json target/bench/story.txt
	@ATLAS_E2E_DIST=$(CURDIR)/$(E2E_DIST) ATLAS_BENCH_LARGE=$(CURDIR)/target/bench/atlas-20x.json \
		ATLAS_BENCH_STORY=$(CURDIR)/target/bench/story.txt \
		cargo test -q --test e2e -- --ignored --nocapture --test-threads=1 bench_ 2>&1 | grep -o 'BENCH.*'
	@$(MAKE) -s dist PUBLIC_URL=/threat-atlas/ >/dev/null 2>&1
	@bash scripts/lighthouse.sh

## Regenerate public/data/atlas.json and data/review.md from ../shared/reference and data/*.json.
## Another upstream folder: `make data REFERENCE=/path/to/reference`.
REFERENCE ?= ../shared/reference
data:
	cargo run -q -p atlas-data --profile tools -- build --reference "$(REFERENCE)"

## Fail if `make data` would change the committed files.
data-check:
	cargo run -q -p atlas-data --profile tools -- check --reference "$(REFERENCE)"

## One JSON line of figures about the bundled dataset.
data-stats:
	@cargo run -q -p atlas-data --profile tools -- stats public/data/atlas.json

## Fuzz parsing, every import format and the search path (nightly + cargo-fuzz; RUNS=n per target).
fuzz:
	scripts/fuzz.sh

clean:
	rm -rf dist $(E2E_DIST)
