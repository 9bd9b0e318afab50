# The two commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

# Quick start: DEBUG on, SQLite under var/, tasks run eagerly unless REDIS_URL is set.
RUN_ENV := DEBUG=$${DEBUG:-1}
# Tests: PostgreSQL and Redis on this machine unless the caller says otherwise.
TEST_ENV := DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/strongcities} \
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/15} \
	SECRET_KEY=$${SECRET_KEY:-test-only-secret-key-not-for-production-0123456789} \
	DEBUG=0 SECURE_SSL_REDIRECT=0 EMAIL_URL=locmem://

.PHONY: run test install messages makemessages migrate seed worker beat lint format clean bench bench-smoke \
	bench-load backup restore

$(STAMP): pyproject.toml requirements.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# The compiled .mo files are committed, so a machine without gettext still runs;
# where msgfmt exists they are rebuilt from the .po files.
messages: $(STAMP)
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(RUN_ENV) $(MANAGE) compilemessages --ignore=.venv --ignore=var --verbosity 0; \
	else echo "msgfmt not found: using the committed .mo files"; fi

migrate: $(STAMP)
	$(RUN_ENV) $(MANAGE) migrate --noinput

seed: migrate
	$(RUN_ENV) $(MANAGE) seed_demo

run: install messages seed
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	$(RUN_ENV) $(MANAGE) runserver $(HOST):$(PORT)

test: install messages
	$(TEST_ENV) $(MANAGE) collectstatic --noinput --verbosity 0
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

worker: install
	$(BIN)/celery -A strongcities worker --loglevel=INFO

beat: install
	$(BIN)/celery -A strongcities beat --loglevel=INFO --scheduler django_celery_beat.schedulers:DatabaseScheduler

# Benchmarks on PostgreSQL and Redis (see bench/README.md). The data is built once
# per fingerprint and kept in its own database (strongcities_bench_<size>).
bench: install
	$(BIN)/python bench/run.py --size full

bench-smoke: install
	$(BIN)/python bench/run.py --size smoke --seconds 1

# Locust, headless: 100 simulated people for 5 minutes against gunicorn (bench/load.py).
bench-load: install
	$(BIN)/python bench/load.py --size $${BENCH_SIZE:-full} --users $${USERS:-100} --minutes $${MINUTES:-5}

# One dated archive (database, media and private files, manifest) into BACKUP_DIR; see README.
backup: install
	$(MANAGE) backup

# Into an EMPTY database and empty folders only: make restore BACKUP=var/backups/strongcities-….tar
restore: install
	$(MANAGE) restore "$(BACKUP)"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

makemessages: install
	$(RUN_ENV) $(MANAGE) makemessages -l ar -l fr --ignore=.venv --ignore=var --ignore=staticfiles --ignore=tests --ignore=bench --no-obsolete
	$(RUN_ENV) $(MANAGE) compilemessages --ignore=.venv --ignore=var

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache
