# Netral — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install migrate seed lint format ci clean vendor-axe vendor-static

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed --demo

# The web server, a Celery worker and beat (Procfile, run by honcho); Ctrl-C stops all three.
run: seed
	@echo "Netral berjalan di http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	PATH="$(abspath $(BIN)):$$PATH" DJANGO_SETTINGS_MODULE=config.settings.local \
	  HOST=$(HOST) PORT=$(PORT) SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} \
	  $(BIN)/honcho start --procfile Procfile

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

ci:
	bash .ci/run

# axe-core for the browser tests only (never served): the version pinned in package.json.
vendor-axe:
	cd tests/browser/vendor && npm ci --ignore-scripts --no-audit --no-fund
	cp tests/browser/vendor/node_modules/axe-core/axe.min.js tests/browser/vendor/node_modules/axe-core/LICENSE tests/browser/vendor/node_modules/axe-core/LICENSE-3RD-PARTY.txt tests/browser/vendor/axe-core/
	rm -rf tests/browser/vendor/node_modules

# Chart.js, served by the app from its static files: the version pinned in vendor/static/package.json.
vendor-static:
	cd vendor/static && npm ci --ignore-scripts --no-audit --no-fund
	cp vendor/static/node_modules/chart.js/dist/chart.umd.min.js vendor/static/node_modules/chart.js/LICENSE.md apps/core/static/core/vendor/chartjs/
	rm -rf vendor/static/node_modules

clean:
	rm -rf $(VENV) var
