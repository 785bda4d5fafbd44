# Developer entry points. `make run` starts a self-contained instance (SQLite,
# eager tasks); `make test` runs the suite; `.ci/run` is what CI runs.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Exit status 0 when the interpreter running it is Python >= 3.12.
PY_OK := import sys; sys.exit(sys.version_info < (3, 12))

.PHONY: help venv run test lint bench check-deploy compose-check clean distclean

help:
	@echo "make venv           create/refresh .venv from requirements-dev.txt"
	@echo "make run            migrate, seed demo data, serve on http://127.0.0.1:8000"
	@echo "make test           run pytest in parallel (PYTEST_ARGS='-k foo -x', TEST_PROCESSES=0 for one process)"
	@echo "make lint           ruff check"
	@echo "make bench          benchmarks (ratios to a baseline measured in the same run)"
	@echo "make check-deploy   manage.py check --deploy with production-like settings"
	@echo "make compose-check  validate docker-compose.yml against the Compose spec"
	@echo "make clean          remove caches and build artefacts (distclean: also .venv, db, var/)"

venv: $(STAMP)

# Reuses an existing .venv when its Python is recent enough; otherwise looks for
# python3.13, python3.12, python3, then pyenv's 3.12/3.13, and builds a new one.
$(STAMP): requirements.txt requirements-dev.txt
	@set -euo pipefail; \
	if [ -x $(PY) ] && $(PY) -c '$(PY_OK)' 2>/dev/null; then \
	  echo "Using existing $(VENV) ($$($(PY) -V))"; \
	else \
	  base=""; \
	  for cand in python3.13 python3.12 python3; do \
	    if command -v $$cand >/dev/null 2>&1 && $$cand -c '$(PY_OK)' >/dev/null 2>&1; then \
	      base=$$(command -v $$cand); break; \
	    fi; \
	  done; \
	  if [ -z "$$base" ] && command -v pyenv >/dev/null 2>&1; then \
	    for v in 3.12 3.13; do \
	      cand=$$(PYENV_VERSION=$$v pyenv which python3 2>/dev/null || true); \
	      if [ -n "$$cand" ] && "$$cand" -c '$(PY_OK)' >/dev/null 2>&1; then base=$$cand; break; fi; \
	    done; \
	  fi; \
	  if [ -z "$$base" ]; then \
	    echo "error: Python >= 3.12 not found (tried python3.13, python3.12, python3, pyenv 3.12/3.13)." >&2; \
	    echo "       Install Python 3.12+ or select it with pyenv, then run 'make venv' again." >&2; \
	    exit 1; \
	  fi; \
	  echo "Creating $(VENV) with $$base ($$("$$base" -V))"; \
	  rm -rf $(VENV); \
	  "$$base" -m venv $(VENV); \
	fi; \
	[ -x $(VENV)/bin/uv ] || $(PY) -m pip install --quiet --disable-pip-version-check uv; \
	$(VENV)/bin/uv pip install --python $(PY) --compile-bytecode -r requirements-dev.txt; \
	touch $@

run: venv
	@set -euo pipefail; \
	export DEBUG="$${DEBUG:-true}"; \
	$(PY) manage.py migrate --noinput; \
	$(PY) manage.py seed_demo; \
	exec $(PY) manage.py runserver 127.0.0.1:8000

# Settings module and options come from the pytest configuration, so a
# DJANGO_SETTINGS_MODULE left in the shell must not override it.
# Tests run in parallel, one process per core (TEST_PROCESSES=0 runs them in this process).
TEST_PROCESSES ?= auto
test: venv
	env -u DJANGO_SETTINGS_MODULE $(PY) -m pytest -n $(TEST_PROCESSES) --dist loadfile $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .

# Benchmarks print each figure as a ratio to a baseline measured in the same run.
bench: venv
	env -u DJANGO_SETTINGS_MODULE $(PY) bench/vault_decrypt.py
	env -u DJANGO_SETTINGS_MODULE $(PY) bench/debrief.py
	env -u DJANGO_SETTINGS_MODULE $(PY) bench/pages_load.py
	env -u DJANGO_SETTINGS_MODULE $(PY) bench/sync_load.py
	env -u DJANGO_SETTINGS_MODULE $(PY) bench/report_render.py
	env -u DJANGO_SETTINGS_MODULE $(PY) bench/reminders.py
	@echo "figures written to bench/results.md"

# Production settings with a throwaway key; *_FILE variants in the shell would win
# over the values given here, so they are removed.
check-deploy: venv
	env -u DEBUG_FILE -u SECRET_KEY_FILE -u ALLOWED_HOSTS_FILE -u VAULT_MASTER_KEYS_FILE \
	  DEBUG=false \
	  VAULT_MASTER_KEYS="ci:$$($(PY) -c 'import base64, secrets; print(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())')" \
	  ALLOWED_HOSTS=example.org \
	  DJANGO_SETTINGS_MODULE=mapping_platform.settings \
	  SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	  $(PY) manage.py check --deploy --fail-level WARNING

compose-check: venv
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml

clean:
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache staticfiles test-results playwright-report

distclean: clean
	rm -rf $(VENV) db.sqlite3 var
