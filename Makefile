# Belarus between Russia and Ukraine since 2021: an executable research book.
# `make help` lists the targets. Everything runs inside .venv, created when missing.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
BENCH_RUNS ?= 3
PREVIEW_PORT ?= 8000

.DEFAULT_GOAL := help
CFF_VENV := .venv-cff
CFF_STAMP := $(CFF_VENV)/.installed-stamp
.PHONY: help book html pdf preview system-packages test bench lint format check-data clean requirements release citation

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check pip==26.3
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

# cffconvert (which validates CITATION.cff) needs jsonschema 3: it gets an environment of its own.
$(CFF_STAMP): requirements-cff.txt
	@test -x $(CFF_VENV)/bin/python || $(PYTHON) -m venv $(CFF_VENV)
	$(CFF_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-cff.txt
	@touch $@

system-packages: ## Install the Debian packages for the PDFs and the EPUB (XeLaTeX, fonts, poppler, EPUBCheck, Chromium) if missing
	bash scripts/install-system-packages.sh

# The build imports this folder's package and builds this folder, even with a .venv copied from
# another checkout (whose editable install points there).
BUILD := PYTHONPATH=$(CURDIR)/src $(PY) -m belarus_book.build --root $(CURDIR)

book: $(STAMP) system-packages ## Build the book: HTML into _build/html, with book.pdf, book-audit.pdf and book.epub beside it
	$(BUILD)

pdf: book ## Same as book: the PDFs and the EPUB are built with the HTML and published beside it

html: $(STAMP) ## Build the HTML only (no TeX needed; the front page's PDF and EPUB links will not resolve)
	$(BUILD) --no-pdf

preview: $(STAMP) ## Serve the book on 127.0.0.1:$(PREVIEW_PORT), rebuild on every save, reload the open pages (HTML only; Ctrl-C stops it)
	PYTHONPATH=$(CURDIR)/src $(PY) -m belarus_book.build.preview --root $(CURDIR) --port $(PREVIEW_PORT)

test: $(STAMP) $(CFF_STAMP) system-packages ## Format check, lint, the layers' import contract, then every test (builds the book, HTML, PDFs and EPUB, in temporary copies)
	$(MAKE) --no-print-directory lint
	$(PY) -m pytest

release: $(STAMP) system-packages ## Release the committed book: dist/<name>-<version>/ with checksums, CHANGELOG.md, tag v<version>
	PYTHONPATH=$(CURDIR)/src $(PY) -m belarus_book.build.release --root $(CURDIR)

citation: $(STAMP) ## Rewrite CITATION.cff from _config.yml (title, authors, version) and the commentaries' sources
	PYTHONPATH=$(CURDIR)/src $(PY) -m belarus_book.build.release --root $(CURDIR) --citation

bench: $(STAMP) system-packages ## Time the build against stock Jupyter Book (BENCH_RUNS=3 runs); writes benchmarks/results.md
	$(PY) -m belarus_book.build.bench --runs $(BENCH_RUNS)

# The layers' contract (pyproject.toml, [tool.importlinter]): lower layers never import higher ones, no cycles.
LINT_IMPORTS := PYTHONPATH=$(CURDIR)/src $(VENV)/bin/lint-imports --config $(CURDIR)/pyproject.toml --no-cache

lint: $(STAMP) ## Format check, lint, and the package's import contract (layers, no cycles)
	$(PY) -m ruff format --check src tests
	$(PY) -m ruff check src tests
	$(LINT_IMPORTS)

format: $(STAMP) ## Reformat the code
	$(PY) -m ruff format src tests
	$(PY) -m ruff check --fix src tests

check-data: $(STAMP) ## Validate data/ and the claims ledger without building
	$(BUILD) --check

requirements: ## Re-pin requirements.txt from a fresh resolve of pyproject.toml's dependencies
	rm -rf .venv-pin && $(PYTHON) -m venv .venv-pin
	.venv-pin/bin/pip install --quiet pip==26.3 && .venv-pin/bin/pip install --quiet . pytest ruff import-linter jupytext ipykernel hypothesis playwright axe-playwright-python pypdf
	{ echo "# Every package, transitive ones included, pinned exactly (pip freeze of a working environment)."; \
	  echo "# Regenerate: make requirements (after changing what pyproject.toml asks for)."; \
	  .venv-pin/bin/pip freeze --all --exclude-editable | grep -viE '^(pip|wheel|belarus-book)[=@ ]' | sort -f; } > requirements.txt
	rm -rf .venv-pin

clean: ## Remove the built book and the execution cache (keeps .venv)
	rm -rf _build
