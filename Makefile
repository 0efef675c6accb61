# Two entry points for a fresh machine with Python 3.11+, make and git:
#   make serve   build and serve the sample site on http://127.0.0.1:8000
#   make test    run every test
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve build check test lint clean bench bench-quick editor checkers lighthouse

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict

check: $(STAMP)
	$(BIN)/site-builder check content

lint: $(STAMP)
	$(BIN)/ruff check site_builder tests
	$(BIN)/ruff format --check site_builder tests
	$(BIN)/mypy

test: $(STAMP) lint
	$(BIN)/pytest

# Third-party checkers, installed by npm's own client into .cache/tools (no lock file, so no
# registry address is written down): the Nu HTML Checker for the tests (it needs Java), and
# Lighthouse for the benchmark (it drives Debian's /usr/bin/chromium). Their install scripts
# are not run: vnu-jar's would download a Java of its own.
TOOLS := .cache/tools
VNU_VERSION := 26.9.27
LIGHTHOUSE_VERSION := 12.2.3

# One folder each: npm would remove from a folder what its last install did not name.
NPM_INSTALL := npm install --silent --no-save --no-package-lock --no-audit --no-fund \
  --ignore-scripts --prefix

checkers:
	$(NPM_INSTALL) $(TOOLS)/vnu vnu-jar@$(VNU_VERSION)

lighthouse:
	$(NPM_INSTALL) $(TOOLS)/lighthouse lighthouse@$(LIGHTHOUSE_VERSION)

# Benchmarks (not tests): N = 1,000 and 10,000, or 1,000 only. Results in bench-results.json.
# The quick one leaves out the serve rebuild (two more builds) to stay under two minutes.
bench: $(STAMP)
	$(BIN)/python tests/bench/benchmark.py --sizes 1000 10000

bench-quick: $(STAMP)
	$(BIN)/python tests/bench/benchmark.py --sizes 1000 --steps floor core plugin plain cached weight

# The browser editor (Decap CMS) is kept in the repository, so /admin/ loads nothing from
# another origin and the build needs no network. `make editor` replaces it with the pinned
# release, fetched by npm's own client (so the machine's configured registry is used), after
# checking the tarball against the sha512 pinned here.
EDITOR_VERSION := 3.16.3
EDITOR_SHA512 := 85ff9d3e50a1ed32665a5f3ee954731d839686b8b9c605249eb65b0dec1a59ee2cf41ef127c3d0ba0a7640779295d3142b36afebecf4a08a7051885424362d63
EDITOR_DIR := theme_overrides/admin

editor:
	tmp=$$(mktemp -d) && \
	npm pack --silent --pack-destination $$tmp decap-cms@$(EDITOR_VERSION) >/dev/null && \
	echo "$(EDITOR_SHA512)  $$tmp/decap-cms-$(EDITOR_VERSION).tgz" | sha512sum --check --quiet && \
	tar -xzf $$tmp/decap-cms-$(EDITOR_VERSION).tgz -C $$tmp && \
	rm -rf $(EDITOR_DIR) && mkdir -p $(EDITOR_DIR) && \
	cp $$tmp/package/dist/*decap-cms.js $$tmp/package/dist/*.wasm \
	   $$tmp/package/dist/decap-cms.js.LICENSE.txt $(EDITOR_DIR)/ && \
	echo "decap-cms $(EDITOR_VERSION) (MIT), from npm; sha512 $(EDITOR_SHA512)" > $(EDITOR_DIR)/VERSION && \
	rm -rf $$tmp

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache
