# The two commands the README opens with: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run serve test lint install clean bench load

$(STAMP): pyproject.toml package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres,server]'
	@# axe-core for the browser tests' accessibility checks (skipped, saying so, where npm is missing)
	if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; fi
	touch $(STAMP)

install: $(STAMP)

## make run: a working directory on SQLite, seeded and indexed, at http://127.0.0.1:5000
run: $(STAMP)
	$(BIN)/flask --app app migrate
	$(BIN)/flask --app app seed
	$(BIN)/flask --app app run --host 127.0.0.1 --port 5000

## make test: lint, complexity, types, the import layers and the whole test suite
## make serve: gunicorn (DIRECTORY_WORKERS, default 4, on DIRECTORY_BIND, default 127.0.0.1:8000) over the configured
## database; the schema is upgraded first and the index built or caught up before any worker starts.
serve: $(STAMP)
	$(BIN)/flask --app app migrate
	$(BIN)/gunicorn -c python:directory.serving app:app

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q

## make bench: search, matching, index and serving figures at 10k and 100k services (BENCH_SIZES=2000,10000 to
## change); writes bench/results/latest.{json,md,png}. Never part of `make test`; generated data is cached in bench/.work/.
BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python bench/run.py --sizes "$${BENCH_SIZES:-10000,100000}"

## make load: a bounded load run (60 s) against gunicorn x4 (make serve's settings) on PostgreSQL with 100k services;
## writes bench/results/production.{json,md}. Needs a PostgreSQL server (DIRECTORY_CI_POSTGRES_URL).
load: $(BENCH_STAMP)
	$(BIN)/python bench/production_load.py

clean:
	rm -rf $(VENV) node_modules instance indexes/*/ .pytest_cache .mypy_cache .ruff_cache
