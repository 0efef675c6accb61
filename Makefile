# Two entry points for a fresh machine with Python 3.11+, make and git:
#   make serve   build and serve the sample site on http://127.0.0.1:8000
#   make test    run every test
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve build check test lint clean bench bench-quick

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

# Benchmarks (not tests): N = 1,000 and 10,000, or 1,000 only. Results in bench-results.json.
bench: $(STAMP)
	$(BIN)/python tests/bench/benchmark.py --sizes 1000 10000

bench-quick: $(STAMP)
	$(BIN)/python tests/bench/benchmark.py --sizes 1000

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache
