# På forkant: `make run` to try it, `make test` to test it. Both set themselves up.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8000
# Parallel test workers; the machines have two cores.
WORKERS ?= 2

.PHONY: run test test-fast e2e lint fmt messages check bench screenshots browser clean \
	backup restore loadbench loadtest

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium for the browser tests (Playwright must not download a browser of its own).
browser:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Install Debian's chromium: sudo apt-get install chromium" >&2; exit 1; fi; }

# The web server and, beside it, the background worker that renders the inspection bundles
# (its queue is a table in the same database; niced, so a render never slows the pages).
# Ctrl-C stops both; so does runserver stopping.
run: $(STAMP)
	DEBUG=true $(PY) manage.py migrate --no-input
	DEBUG=true $(PY) manage.py demo
	DEBUG=true nice -n 10 $(PY) manage.py db_worker --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

# The whole suite: unit, view and browser tests. PostgreSQL when DATABASE_URL points at one,
# SQLite otherwise.
test: $(STAMP) browser
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n $(WORKERS) $(ARGS)

# Everything but the browser tests.
test-fast: $(STAMP)
	$(PY) -m pytest -n $(WORKERS) -m "not e2e" $(ARGS)

e2e: $(STAMP) browser
	$(PY) -m pytest -m e2e $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: $(STAMP)
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=tests --ignore=bench --ignore=scripts
	$(PY) manage.py compilemessages --ignore=.venv

check: $(STAMP)
	env -u DEBUG -u SECURE -u BEHIND_PROXY SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=forkant.example \
	  $(PY) manage.py check --deploy --fail-level WARNING

# The quality bars of PRODUCT.md §4 that are about time, measured in one run (not part of CI).
bench: $(STAMP)
	$(PY) bench/bench.py

# Backups of the configured database (PostgreSQL: pg_dump; SQLite: online backup).
# `make backup` writes backups/forkant-<time>.<pgdump|sqlite3> (FILE=... to choose);
# `make restore FILE=...` replaces the database's content (it asks first).
backup: $(STAMP)
	$(PY) manage.py backup $(if $(FILE),--output $(FILE))

restore: $(STAMP)
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=backups/forkant-....pgdump" >&2; exit 1; }
	$(PY) manage.py restore $(FILE)

# Serving speed with real processes: gunicorn (2 workers) on PostgreSQL, ApacheBench on loopback.
# Needs DATABASE_URL=postgres://... (a scratch database: the bench loads the demo into it).
loadbench: $(STAMP)
	$(PY) bench/loadbench.py

# 300 wall screens polling every 3 s + 10 members editing for 2 minutes (DURATION=seconds),
# against gunicorn on PostgreSQL on loopback; then again with 2 members exporting the
# inspection bundle (the background worker beside gunicorn). Not part of CI.
# MUNICIPALITY=1: two app servers behind HAProxy with one Redis (CACHE_URL), 1,000 screens,
# 30 members, 3 bundles, 3 minutes, then again with one server stopped half-way (needs haproxy).
loadtest: $(STAMP)
	$(PY) bench/loadtest.py $(if $(DURATION),--duration $(DURATION)) $(if $(MUNICIPALITY),--municipality)

screenshots: $(STAMP) browser
	$(PY) scripts/screenshots.py http://$(HOST):$(PORT) screenshots

clean:
	rm -rf $(VENV) staticfiles screenshots db.sqlite3*
