# Two commands do everything on a fresh machine: `make html` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: html publish serve test quick golden lint clean install bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

html: $(STAMP)
	$(PELICAN) content -o output -s pelicanconf.py

publish: $(STAMP)
	$(PELICAN) content -o output -s publishconf.py

serve: $(STAMP)
	$(BIN)/news-digest serve --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The expected site of the five samples (tests/fixtures/expected-site), written anew on purpose.
golden: $(STAMP)
	$(BIN)/python tests/expected_site.py

quick: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow and not tooling"

lint: $(STAMP)
	$(BIN)/ruff check plugins tests bench
	$(BIN)/ruff format --check plugins tests bench

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf output cache content/posts import-report.json
