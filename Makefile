# Two commands do everything on a fresh machine: `make html` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: html publish serve test lint clean install bench

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

# Pelican rebuilds on change in the background; our server answers missing pages with 404.html.
serve: $(STAMP)
	$(PELICAN) content -o output -s pelicanconf.py
	$(PELICAN) content -o output -s pelicanconf.py --autoreload & pid=$$!; \
	trap 'kill $$pid' EXIT INT TERM; \
	$(BIN)/python -m news_digest.serve output $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check plugins tests bench
	$(BIN)/ruff format --check plugins tests bench

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf output cache content/posts import-report.json
