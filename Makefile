# One entry point.  `make` (or `make help`) lists the targets.
# The two commands a new user needs: `make book` and `make test`.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NAME   ?=
PARAMS ?=
PARAMS_FILE ?=

# NAME, PARAMS and PARAMS_FILE reach the recipes as environment variables,
# quoted there ("$$NAME"), never pasted into the shell text: a value such as
# "x; touch FILE" is then a (bad) chapter name, not a command.  PARAMS is
# split into words by the project's command line (Python's shlex), so quotes
# inside it work as in a shell: PARAMS="-p kwic_terms 'Durand Line,TTP'".
export NAME PARAMS PARAMS_FILE

.DEFAULT_GOAL := help
.PHONY: help setup book pdf chapter variant params lint test test-fast browser bench release lock clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

$(STAMP): requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(PY) -m analysis setup
	@touch $@

setup: $(STAMP)  ## create .venv, install the locked environment and NLTK data

book: $(STAMP)  ## build the HTML book into _build/html (re-executes only what changed)
	$(PY) -m analysis build

pdf: book browser  ## print the book to _build/pdf/<name>-<version>.pdf (title page, page numbers)
	$(PY) -m analysis pdf

chapter: $(STAMP)  ## re-run one chapter: make chapter NAME=corpus PARAMS="-p documents tariq2026"
	@test -n "$$NAME" || { echo "error: give the chapter, e.g. make chapter NAME=corpus PARAMS=\"-p name value\""; \
	  $(PY) -m analysis params | grep -E '^[a-z_]+:$$' | tr -d ':' | sed 's/^/  /'; exit 2; }
	$(PY) -m analysis chapter "$$NAME" --words="$$PARAMS"

variant: $(STAMP)  ## build a whole alternative book: make variant PARAMS_FILE=scenario.yaml
	@test -n "$$PARAMS_FILE" || { echo "error: give PARAMS_FILE=<yaml with one section per chapter>"; exit 2; }
	$(PY) -m analysis build --params "$$PARAMS_FILE"

params: $(STAMP)  ## list every chapter's parameters and defaults
	$(PY) -m analysis params $${NAME:+"$$NAME"}

browser:  ## install Debian's chromium for the browser test (tests/test_browser.py) if missing
	@test -x /usr/bin/chromium || { S=$$(test "$$(id -u)" = 0 || echo sudo); \
	  $$S apt-get update && DEBIAN_FRONTEND=noninteractive $$S apt-get install -y chromium; }

lint: $(STAMP)  ## ruff: lint, import order and formatting (configured in pyproject.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: $(STAMP) browser lint  ## run every test: lint, unit, then the end-to-end book build
	$(PY) -m pytest

test-fast: $(STAMP)  ## unit tests only (skips the slow end-to-end checks)
	$(PY) -m pytest -m "not slow"

bench: $(STAMP)  ## measure build times and text-pipeline throughput against peers (_build/bench.json)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-bench.lock
	$(PY) -m analysis bench

release: $(STAMP) browser  ## build the book and write dist/<name>-<version>.zip with SHA256SUMS
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct)} $(PY) -m analysis release

lock:  ## re-pin requirements.lock from the current environment
	$(PY) -m pip freeze --exclude-editable | grep -v '^-e' > requirements.lock.new
	{ sed -n '1,3p' requirements.lock; cat requirements.lock.new; } > requirements.lock.tmp
	rm requirements.lock.new && mv requirements.lock.tmp requirements.lock

clean:  ## remove _build (the book, caches, tables); keeps .venv
	rm -rf _build
