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

.PHONY: run test test-fast e2e lint fmt messages check bench screenshots browser clean

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

run: $(STAMP)
	DEBUG=true $(PY) manage.py migrate --no-input
	DEBUG=true $(PY) manage.py demo
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

screenshots: $(STAMP) browser
	$(PY) scripts/screenshots.py http://$(HOST):$(PORT) screenshots

clean:
	rm -rf $(VENV) staticfiles screenshots db.sqlite3*
