# Jeugdregio – the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_ENV := DEBUG=true
TEST_ENV := DEBUG=false SECRET_KEY=test-only-not-secret SECURE_SSL_REDIRECT=false STATICFILES_BACKEND=django.contrib.staticfiles.storage.StaticFilesStorage
# uv compiles the locks (make locks); pinned so that a regeneration is reproducible.
UV_VERSION := 0.13.9
LOCK_FLAGS := --generate-hashes --python-version 3.11 --no-header --quiet

.PHONY: run test lint bench reset-db install install-test system-packages demo-data locks

## Production packages only (requirements.lock); every line has a hash, so pip checks them all.
$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet --require-hashes -r requirements.lock
	touch $@

## The test tools on top (requirements-test.lock: production plus the `test` extra).
$(VENV)/.installed-test: requirements-test.lock $(VENV)/.installed
	$(PIP) install --quiet --require-hashes -r requirements-test.lock
	touch $@

## The local OpenID Connect provider the login tests start (Node's oidc-provider, from its lock).
OIDC_PROVIDER := tests/oidc_provider
$(OIDC_PROVIDER)/node_modules/.installed: $(OIDC_PROVIDER)/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --prefix $(OIDC_PROVIDER) --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm ontbreekt: de tests met een identiteitsprovider worden overgeslagen."; fi

## The Nu Html Checker (vnu.jar, from its lock) that the HTML test runs; it needs Java 11+.
HTML_VALIDATOR := tests/html_validator
$(HTML_VALIDATOR)/node_modules/.installed: $(HTML_VALIDATOR)/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --prefix $(HTML_VALIDATOR) --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm ontbreekt: de HTML-controle wordt overgeslagen."; fi

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test $(OIDC_PROVIDER)/node_modules/.installed \
	$(HTML_VALIDATOR)/node_modules/.installed

## Regenerate both locks from pyproject.toml, with hashes. Versions already locked stay as they
## are unless pyproject.toml asks for another; uv is installed into a throwaway venv.
locks:
	@tools=$$(mktemp -d) && trap 'rm -rf "$$tools"' EXIT && \
	$(PYTHON) -m venv "$$tools" && "$$tools/bin/pip" install --quiet uv==$(UV_VERSION) && \
	"$$tools/bin/uv" pip compile pyproject.toml $(LOCK_FLAGS) -o requirements.lock && \
	"$$tools/bin/uv" pip compile pyproject.toml --extra test $(LOCK_FLAGS) \
		-c requirements.lock -o requirements-test.lock
	@echo "requirements.lock en requirements-test.lock bijgewerkt."

## Debian packages the app benefits from (Chromium for browser tests, faster font subsetting
## for WeasyPrint, pdftoppm). Installed when we are root with apt; skipped otherwise.
system-packages:
	@bash .ci/system-packages.sh

demo-data: install
	@# The demo's own settings, so the README's manage.py commands work as written afterwards;
	@# .env is never committed (.gitignore), its secret key is generated here.
	@test -f .env || printf '# Demo-installatie (make run): lokale instellingen.\nDEBUG=true\n' > .env
	@grep -q '^SECRET_KEY=' .env || \
		echo "SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" >> .env
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py load_reference_data
	$(DEMO_ENV) $(PY) manage.py populate_history --auto
	$(DEMO_ENV) $(PY) manage.py issue_fixture_letters
	$(DEMO_ENV) $(PY) manage.py demo_accounts

## Fresh machine to running demo on SQLite at http://$(HOST):$(PORT)/, with the background
## worker beside it (the regional letter batches). Ctrl-C stops both: the worker runs in the
## background of this shell, whose trap stops it when runserver ends; it runs without autoreload,
## so that the trap's signal reaches the worker itself rather than a reloader around it.
run: demo-data
	@echo "Jeugdregio draait op http://$(HOST):$(PORT)/ met de achtergrondwerker (stoppen met Ctrl-C)"
	@$(DEMO_ENV) $(PY) manage.py schedule_daily_tasks
	@$(DEMO_ENV) nice -n 10 $(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEMO_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

## Fresh machine to green tests: PostgreSQL when its server binaries are present, else SQLite.
test: install-test system-packages
	$(TEST_ENV) bash .ci/run-tests.sh

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## What the product costs with the ZHZ data and at national scale (42 generated regions): pages
## of every role, exports, PDFs, background jobs and concurrent clients, over HTTP against gunicorn
## and a throwaway PostgreSQL cluster (SQLite when its server binaries are absent), each figure
## beside the floor of the same run; prints a table and writes the figures to $(BENCH_OUT).
## BENCH_ARGS=--quick: ZHZ only, few repeats.
BENCH_OUT ?= bench-results.json
BENCH_ARGS ?=
bench: install-test
	$(PY) tests/bench/run.py --out "$(BENCH_OUT)" $(BENCH_ARGS)

reset-db:
	rm -f db.sqlite3
	rm -rf media/brieven
	$(MAKE) demo-data
