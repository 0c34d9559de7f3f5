# Marketplace Messaging Interactions — `make help` lists the targets.
SHELL := /bin/bash
PYTHON_BOOT ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | sha1sum | cut -c1-12)
PORT ?= 8000
DEMO_CONVERSATIONS ?= 20000
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -hE '^[a-z][a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON_BOOT) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[test,dev]'
	@rm -f $(VENV)/.installed-*; touch $@

install: $(STAMP) ## Create or update the virtual environment
	@echo "environment ready: $(VENV)"

lock: ## Re-pin constraints.txt from what is installed now
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

migrate: $(STAMP) ## Apply the database migrations (DATABASE_URL, default var/marketplace.db)
	@$(BIN)/alembic upgrade head

seed: migrate ## Load the demo marketplace if the database is empty
	@ENV=development $(BIN)/python -m seed --if-empty --conversations $(DEMO_CONVERSATIONS) --seed 42

run: seed ## Start the service with demo data on 127.0.0.1:$(PORT)
	@$(BIN)/python -m seed.banner --port $(PORT)
	@PORT=$(PORT) exec $(BIN)/gunicorn -c gunicorn.conf.py "app:create_app()"

browser: ## Install Debian's headless Chromium for the browser tests, if it is missing
	@command -v chromium >/dev/null || { echo "installing Debian's chromium (tests/e2e)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	  chromium chromium-driver >/dev/null; }

test: $(STAMP) browser ## Run the whole suite on SQLite and PostgreSQL
	@$(BIN)/pytest -q

test-unit: $(STAMP) ## Run the tests that need no database
	@$(BIN)/pytest -q -m unit

lint: $(STAMP) ## ruff, formatting and the import layers
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(STAMP) ## mypy --strict on app, schemas and seed
	$(BIN)/mypy

db-check: $(STAMP) ## Migrate an empty SQLite database and check the models match the migrations
	@rm -f var/db-check.db; mkdir -p var
	DATABASE_URL=sqlite:///var/db-check.db $(BIN)/alembic upgrade head
	DATABASE_URL=sqlite:///var/db-check.db $(BIN)/alembic check

bench-seed: $(STAMP) ## Measure the seed rate on SQLite and PostgreSQL
	$(BIN)/python bench/bench_seed.py

bench-search: $(STAMP) ## Measure search latency on 100,000 conversations, SQLite and PostgreSQL
	$(BIN)/python bench/bench_search.py

.PHONY: help install lock migrate seed run browser test test-unit lint typecheck db-check bench-seed bench-search
