# Guichet unique — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Local development only: a random secret kept in a git-ignored file, passed by environment.
DEV_SECRET_FILE := .dev-secret-key

.PHONY: run test lint format migrations-check pytest pytest-sqlite pytest-browser pytest-postgres \
	browser-deps redis-deps bench lock clean

# Python keeps the compiled modules of the project and its tests (in git-ignored __pycache__ folders), even where the
# environment asks it not to: every process of the suite would otherwise compile them again (about a second each).
unexport PYTHONDONTWRITEBYTECODE

# Debian packages the project needs: installed on first use (as root, or through sudo).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
define apt_install
	@command -v $(1) >/dev/null 2>&1 || { echo "Installation du paquet Debian $(2)…"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $(2); }
endef

# The virtualenv, with uv (Astral's installer, from the package registry) to fill it: the system's pip puts uv in
# it, then uv installs the locked packages in 2 s where pip took 10, plus 5 s to bring pip into the virtualenv.
UV_VERSION := 0.13.9
$(BIN)/uv:
	$(PYTHON) -m venv --without-pip $(VENV)
	$(PYTHON) -m pip --python $(BIN)/python install --quiet uv==$(UV_VERSION)

# The virtualenv is brought up to date whenever the lock file changes (every package checked against its hash).
# Packages are not compiled ahead (half pip's install time): Python compiles the modules it imports, once, on first use.
$(VENV)/.installed: requirements-dev.txt | $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes -r requirements-dev.txt
	touch $@

$(DEV_SECRET_FILE):
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(64))" > $@
	chmod 600 $@

run: $(VENV)/.installed $(DEV_SECRET_FILE)
	DJANGO_DEBUG=1 DJANGO_SECRET_KEY="$$(cat $(DEV_SECRET_FILE))" $(BIN)/python manage.py migrate --no-input
	DJANGO_DEBUG=1 DJANGO_SECRET_KEY="$$(cat $(DEV_SECRET_FILE))" $(BIN)/python manage.py load_demo
	@echo ""
	@echo "  Guichet unique : http://127.0.0.1:$(PORT)/"
	@echo "  Administration : http://127.0.0.1:$(PORT)/admin/"
	@echo "  Comptes de démonstration (mot de passe : guichet-demo) :"
	@echo "    animatrice@demo.guichet.invalid (animatrice), operatrice@demo.guichet.invalid (opératrice),"
	@echo "    admin@demo.guichet.invalid (administratrice)"
	@echo ""
	DJANGO_DEBUG=1 DJANGO_SECRET_KEY="$$(cat $(DEV_SECRET_FILE))" $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/python manage.py makemigrations --check --dry-run

# The browser and accessibility tests drive Debian's Chromium (never a downloaded browser).
browser-deps:
	$(call apt_install,chromium,chromium)

# Redis, shared by the servers of the production-like test (tests/test_production.py) and the benchmark.
redis-deps:
	$(call apt_install,redis-server,redis-server)

# The suite on both cores (pytest-xdist; a file's tests stay together, sharing what a module loads once), in the
# order tests/helpers/cores.py gives so that both cores stay busy to the end. Each process copies a database migrated
# once (tests/helpers/template_db.py), and puts it back after a test that commits.
PYTEST_WORKERS ?= 2
SPREAD := -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder

# Everything on SQLite: the suite and the browser tests (Playwright on Debian's Chromium, against the live server),
# in one run: the browser tests, in one group per core, start early and the other files fill in around them.
pytest-sqlite: $(VENV)/.installed browser-deps
	$(BIN)/pytest --create-db $(SPREAD)
pytest: pytest-sqlite

# The browser tests alone (only their folder collected; tests/conftest.py refuses a browser test elsewhere).
pytest-browser: $(VENV)/.installed browser-deps
	$(BIN)/pytest --create-db -m browser $(SPREAD) tests/browser

# On PostgreSQL with a throwaway Redis: every test that reaches the database but the browser's (the pages they drive
# are the suite's too, and their queries run here through it); the tests that never reach it (settings, scans of the
# code, pure functions) ran on the SQLite pass and would run the same (tests/conftest.py). The production-like test
# (two gunicorn servers) must run, never be skipped.
pytest-postgres: $(VENV)/.installed redis-deps
	GUICHET_PRODUCTION_TEST=1 GUICHET_DATABASE_TESTS_ONLY=1 scripts/with-postgres scripts/with-redis \
	  $(BIN)/pytest --create-db -m "not browser" $(SPREAD)

# The whole suite: lint (with the layers between apps), the suite on SQLite (migrations in sync included:
# tests/test_settings.py) with the browser tests, then the suite on PostgreSQL, one after the other: each keeps both
# cores busy (run side by side, the browser tests and the PostgreSQL pass took 262 s instead of 218 s, measured).
test: lint pytest-sqlite pytest-postgres

# Performance benchmark (not part of `make test`): gunicorn with 2 workers on loopback, PostgreSQL, Redis (the
# production cache), a large synthetic dataset, wrk. Writes bench/results.md.
bench: $(VENV)/.installed redis-deps
	$(call apt_install,wrk,wrk)
	GUICHET_SITE_URL=https://bench.invalid scripts/with-postgres scripts/with-redis $(BIN)/python bench/run.py

lock: $(BIN)/uv
	$(BIN)/uv pip compile pyproject.toml -o requirements.txt --python-version 3.11 --generate-hashes -q
	$(BIN)/uv pip compile pyproject.toml --extra dev -o requirements-dev.txt --python-version 3.11 --generate-hashes -q

clean:
	rm -rf $(VENV) .pytest_cache db.sqlite3 staticfiles
