# One command to run the portal with demo content, one to pass every check. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
PYTEST_ARGS ?=
BENCH_ARGS ?=

.PHONY: run demo test lint check test-sqlite test-postgres install install-test clean bench bench-smoke

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: install
	mkdir -p var
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo

# The background worker sends queued email (invitations, receipts) while the site runs; Ctrl-C stops both.
run: demo
	@echo "Partnership Portal on http://127.0.0.1:$(PORT)/ (admin at /admin/). Ctrl-C stops it."
	if [ -n "$$REDIS_URL" ]; then $(MANAGE) rqworker --job-class django_tasks_rq.Job default & else $(MANAGE) db_worker --backend background --no-reload & fi; worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

lint: install-test
	$(BIN)/ruff check .

check: install-test
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) makemigrations --check --dry-run

test-sqlite: install-test
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install-test
	scripts/with-postgres.sh $(BIN)/pytest $(PYTEST_ARGS)

test: install-test
	scripts/system-deps.sh redis-server
	$(MAKE) lint check
	@echo "== Test suite on SQLite =="
	$(MAKE) test-sqlite
	@echo "== Test suite on PostgreSQL =="
	$(MAKE) test-postgres
	@echo "== Benchmark smoke run =="
	$(MAKE) bench-smoke

# Each page's throughput beside a bare Django view's, on a throwaway PostgreSQL with production
# settings and gunicorn; writes bench/results.json. Options: make bench BENCH_ARGS="--duration 10".
bench: install
	scripts/system-deps.sh
	scripts/system-deps.sh redis-server || echo "Without redis-server only the database cache is measured."
	scripts/with-postgres.sh $(BIN)/python -m bench.run $(BENCH_ARGS)

# The benchmark at a tiny scale, one second a page: fails if a page errs or the report lacks a key.
bench-smoke: install
	scripts/system-deps.sh
	scripts/with-postgres.sh $(BIN)/python -m bench.run --scale 0.01 --duration 1 --warmup 1 --no-redis \
		--out var/bench-smoke.json

clean:
	rm -rf $(VENV) var
