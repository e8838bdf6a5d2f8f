# Guomen — two commands for a newcomer: `make demo` and `make test`.
SHELL := /bin/bash
export PATH := $(HOME)/.local/bin:$(PATH)
UV ?= $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
GUOMEN = $(UV) run --frozen guomen
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: uv install translations demo serve test test-fast lint format bench clean

uv:
	@command -v uv >/dev/null 2>&1 || test -x $(HOME)/.local/bin/uv || python3 -m pip install --user --quiet uv \
	  || python3 -m pip install --user --quiet --break-system-packages uv

install: uv
	$(UV) sync --frozen
	$(GUOMEN) compile-translations

translations:
	cd src/guomen && for app in */; do [ -d "$$app/locale" ] && (cd $$app && $(UV) run django-admin makemessages -l zh_Hans --settings=guomen.settings.base); done; true

demo: install
	$(GUOMEN) migrate --noinput
	$(GUOMEN) seed-demo --size small --if-empty --summary-json var/demo-summary.json
	$(GUOMEN) collectstatic --noinput -v 0
	@echo "Guomen is starting on http://$(HOST):$(PORT)/  (Ctrl-C stops the server and the worker)"
	@$(GUOMEN) demo-logins
	@$(GUOMEN) demo-serve --host $(HOST) --port $(PORT) || true

test: install
	$(UV) run --frozen pytest -q $(PYTEST_ARGS)

test-fast: install
	$(UV) run --frozen pytest -q -m "not browser" $(PYTEST_ARGS)

lint: uv
	$(UV) run --frozen ruff check src tests bench
	$(UV) run --frozen ruff format --check src tests bench

format: uv
	$(UV) run --frozen ruff format src tests bench
	$(UV) run --frozen ruff check --fix src tests bench

bench: install
	$(UV) run --frozen python bench/run_all.py

clean:
	rm -rf var/ .pytest_cache .ruff_cache
