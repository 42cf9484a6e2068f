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
FIXTURES := fixtures/zhz_governance.json fixtures/zhz_procurement.json fixtures/zhz_programme.json fixtures/zhz_finance.json fixtures/zhz_letters.json

.PHONY: run test lint bench reset-db install install-test system-packages demo-data

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.lock
	touch $@

install: $(VENV)/.installed

## Debian packages the app benefits from (Chromium for browser tests, faster font subsetting
## for WeasyPrint, pdftoppm). Installed when we are root with apt; skipped otherwise.
system-packages:
	@bash .ci/system-packages.sh

demo-data: install
	@# The demo's own settings, so the README's manage.py commands work as written afterwards.
	@test -f .env || printf '# Demo-installatie (make run): lokale instellingen.\nDEBUG=true\n' > .env
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py loaddata $(FIXTURES)
	$(DEMO_ENV) $(PY) manage.py populate_history --auto
	$(DEMO_ENV) $(PY) manage.py issue_fixture_letters
	$(DEMO_ENV) $(PY) manage.py demo_accounts

## Fresh machine to running demo on SQLite at http://$(HOST):$(PORT)/
run: demo-data
	@echo "Jeugdregio draait op http://$(HOST):$(PORT)/ (stoppen met Ctrl-C)"
	$(DEMO_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

## Fresh machine to green tests: PostgreSQL when its server binaries are present, else SQLite.
test: install system-packages
	$(TEST_ENV) bash .ci/run-tests.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## Latency (p50/p95) and query counts of the main pages with the ZHZ data and at national scale
## (42 generated regions), over HTTP against gunicorn and a throwaway PostgreSQL cluster (SQLite
## when its server binaries are absent); prints a table and writes the figures to $(BENCH_OUT).
BENCH_OUT ?= bench-results.json
bench: install
	$(PY) tests/bench/run.py --out "$(BENCH_OUT)"

reset-db:
	rm -f db.sqlite3
	rm -rf media/brieven
	$(MAKE) demo-data
