# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
EMPLOYEES ?= 3000
# The site's public address: links in e-mails, calendar files, QR codes and certificates start
# with it. `make run` serves on $(PORT), so by default the links point there too.
PUBLIC_URL ?= http://127.0.0.1:$(PORT)
export PUBLIC_URL

.PHONY: run test setup migrate seed lint messages bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

setup: $(VENV)/.installed

migrate: setup
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo --employees $(EMPLOYEES)

## make run: set up, migrate, seed the demo city, then serve on http://127.0.0.1:$(PORT) with one
## background worker (mail, reminders, the schedule); Ctrl+C stops both.
run: seed
	@echo "Portal: http://127.0.0.1:$(PORT)/  (links in e-mails and QR codes: $(PUBLIC_URL); demo logins above; web server + worker; stop both with Ctrl+C)"
	@$(BIN)/python manage.py worker & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	trap 'exit 130' INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## make test: the whole suite (SQLite by default; DATABASE_URL=postgres://… for PostgreSQL)
test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .

## make messages: refresh the .po files after changing user-facing text, then compile them
messages: setup
	$(BIN)/python manage.py makemessages -l id -l en --ignore=.venv --ignore=staticfiles --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore=.venv

bench: setup
	@ls bench/*.py >/dev/null 2>&1 && for f in bench/[!_]*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done || echo "no benchmarks yet"

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
