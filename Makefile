# diplomatic-kg: `make run` ingests the example articles into an embedded store and serves them at
# http://127.0.0.1:8000 (docs at /docs); `make test` runs the test suite. Both create the virtual
# environment when it is missing.
PYTHON ?= python3
VENV   ?= .venv
DATA   ?= data/store
BIN    := $(VENV)/bin
PORT   ?= 8000

.PHONY: install browser run test lint eval bench clean

$(BIN)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "diplomatic-kg needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/.installed

run: install
	$(BIN)/kg ingest examples/articles --data-dir $(DATA)
	$(BIN)/kg stats --data-dir $(DATA)
	$(BIN)/kg query --data-dir $(DATA) --file examples/queries/who-met-whom.rq
	$(BIN)/kg serve --data-dir $(DATA) --port $(PORT)

test: install browser
	$(BIN)/python -m pytest -q

# The explorer's browser tests drive a headless Chromium from Debian's archive (Playwright's own
# download site is not reachable from CI). Without root or apt the tests are skipped, with the reason.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo -n ); \
	  ( $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null ) \
	    || echo "warning: could not install chromium; the explorer's browser tests will be skipped"; }

lint: install
	$(BIN)/ruff check kg api tests examples scripts bench

eval: install
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python ../shared/eval/score.py ../shared/eval/dev/plover_dev.jsonl --report /tmp/plover_errors.jsonl

bench: install
	$(BIN)/python bench/bench_ingest.py --copies 20
	$(BIN)/python bench/bench_store.py
	$(BIN)/python bench/bench_service.py
	$(BIN)/python bench/bench_memory.py
	$(BIN)/python bench/bench_api.py
	$(BIN)/python bench/bench_sparql_check.py

clean:
	rm -rf $(VENV) data .pytest_cache
