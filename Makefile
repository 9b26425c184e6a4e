# Credence: `make run` serves the demo site, `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMPS := .make

.PHONY: run test install install-test lint checks pytest bench clean

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	PORT=$(PORT) bin/serve

test: install-test lint checks pytest

install: $(STAMPS)/runtime

install-test: $(STAMPS)/test $(STAMPS)/node $(STAMPS)/chromium

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMPS)/runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/test: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@mkdir -p $(STAMPS) && touch $@ $(STAMPS)/runtime

$(STAMPS)/node: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/chromium:
	bin/ensure-chromium
	@mkdir -p $(STAMPS) && touch $@

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

checks:
	DJANGO_SETTINGS_MODULE=settings.test $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=settings.test $(PY) manage.py makemigrations --check --dry-run
	bin/check-deploy

pytest:
	$(PY) -m pytest

bench: install-test
	for script in bench/*.py; do $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) $(STAMPS) node_modules test-results static-collected
