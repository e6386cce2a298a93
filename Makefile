# Two commands set everything up on a fresh machine: `make ingest` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install ingest test validate bench fuzz clean

$(STAMP): pyproject.toml setup.py pipeline/readers/_pdfium_loops.c
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

ingest: $(STAMP)
	$(BIN)/pipeline ingest raw/

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest
	$(BIN)/pipeline validate raw/ --quiet

validate: $(STAMP)
	$(BIN)/pipeline validate raw/

EXPECTED ?= $(wildcard ../shared/realdocs/expected/*.json tests/realdocs_expected/*.json)

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(if $(EXPECTED),$(BIN)/pipeline eval $(EXPECTED) --documents ../shared/realdocs --no-misses,@echo "no expected-facts files: eval skipped")

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest tests/test_fuzz.py -q

clean:
	rm -rf $(VENV) warehouse/*.duckdb warehouse/*.wal parsed/*.json
