# make run   – set up .venv, install the pinned dependencies, migrate, load the demo, serve
# make test  – the test suite (SQLite by default; DATABASE_URL / REDIS_URL switch backends)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-$(shell sha1sum requirements.lock | cut -c1-12)
MANAGE := $(BIN)/python manage.py

.PHONY: run serve test install messages migrate demo lint format lock clean

run: migrate demo serve

serve:
	$(MANAGE) runserver 127.0.0.1:8000

install: $(INSTALLED)

$(INSTALLED): requirements.lock
	@pkg-config --exists icu-i18n 2>/dev/null || { test -x $(BIN)/python && $(BIN)/python -c "import icu" 2>/dev/null; } || \
	  { echo "PyICU (site search) builds against ICU: apt-get install libicu-dev pkg-config g++ (see README)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $@

messages: install
	$(MANAGE) compile_catalogues

migrate: messages
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo

# pytest-xdist: one worker per core (PYTEST_WORKERS=0 runs in one process).
PYTEST_WORKERS ?= auto

test: messages
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Re-pin the lock after changing pyproject.toml (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

clean:
	rm -rf $(VENV) static media db.sqlite3 db.sqlite3-wal db.sqlite3-shm
