# The two commands a newcomer needs: `make run` and `make test`. Everything else is a step of those.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in the emails and texts the site and its worker send point where the site is served.
run worker: export OPENCEX_SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test lint format install assets demo worker clean lock messages bench-install

$(BIN)/.installed: requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11) and "OpenCEX needs Python 3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build/static/opencex.css: node_modules/.installed $(wildcard src/opencex/web/sass/*.scss)
	@mkdir -p build/static
	npx --no-install sass --quiet --no-source-map --load-path=node_modules --load-path=. \
	  src/opencex/web/sass/citizen.scss build/static/opencex.css
	npx --no-install sass --quiet --no-source-map --load-path=node_modules --load-path=. \
	  src/opencex/web/sass/staff.scss build/static/opencex-staff.css

install: $(BIN)/.installed

assets: build/static/opencex.css

run: install assets
	$(BIN)/opencex migrate --noinput
	$(BIN)/opencex demo
	$(BIN)/opencex sync_forms
	$(BIN)/opencex load_directory
	$(BIN)/opencex send_due_soon_reminders --every-day
	$(BIN)/opencex lapse_unpaid_fees --every-day
	$(BIN)/opencex apply_retention --every-day
	$(BIN)/opencex seal_audit --every-day
	$(BIN)/opencex reconcile_payments --every-day
	$(BIN)/opencex open_booking_slots --every-day
	$(BIN)/opencex send_bin_reminders --every-day
	$(BIN)/opencex send_support_review_reminders --every-day
	$(BIN)/opencex send_panel_refresh --every-day
	$(BIN)/opencex score_sentiment --every-day
	$(BIN)/opencex train_routing
	$(BIN)/opencex train_routing --every-day
	$(BIN)/opencex send_survey_reminders --every-day
	$(BIN)/opencex forecast_completion --every-day
	$(BIN)/opencex propose_duplicate_reports --every-day
	$(BIN)/opencex find_duplicate_residents --every-day
	$(BIN)/opencex poll_back_offices --every 60
	@echo "Starting the demo's planning and housing back offices (local fakes), the task worker and the site on http://$(HOST):$(PORT)/ (Ctrl+C stops them all)"
	@trap 'kill 0' EXIT; $(BIN)/opencex run_fake_back_office uniform & \
	  $(BIN)/opencex run_fake_back_office ql & \
	  $(BIN)/opencex worker & $(BIN)/opencex runserver $(HOST):$(PORT)

test: install assets
	$(BIN)/pytest $(PYTEST_ARGS)

# Lint this checkout's code (import-linter and mypy's django plugin import it), even where the
# venv's editable install points at another checkout, as in a git worktree.
lint: export PYTHONPATH := $(CURDIR)/src
lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/opencex makemigrations --check --dry-run

format: install
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

worker: install
	$(BIN)/opencex worker

# Regenerate the lock files after changing pyproject.toml (the bench's starts from the suite's
# pins, so both agree on every package they share).
lock: install
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --no-emit-index-url \
	  --no-emit-find-links --extra dev --strip-extras -o requirements.lock pyproject.toml
	cp requirements.lock bench/requirements.lock
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --no-emit-index-url \
	  --no-emit-find-links --extra dev --extra bench --strip-extras -o bench/requirements.lock \
	  pyproject.toml

# What bench/record_linkage.py needs besides the platform: Splink and the FEBRL data sets.
bench-install: install
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r bench/requirements.lock

# Refresh the Polish and Arabic message files after changing interface text (needs GNU gettext),
# translate the new entries, then compile. The compiled .mo files are committed so that running
# the platform needs no gettext.
messages: install
	cd src/opencex && ../../$(BIN)/opencex makemessages -l pl -l ar --no-location \
	  --ignore="*/migrations/*"
	cd src/opencex && ../../$(BIN)/opencex compilemessages

clean:
	rm -rf build var .pytest_cache
