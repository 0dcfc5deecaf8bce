# marsad — two commands set everything up:
#   make demo   install marsad into .venv, ingest the demo corpus into SQLite, serve the dashboard
#   make test   install marsad + test tools (+ PostgreSQL, Chromium when missing), run lint and tests
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8750

.PHONY: demo test lint install install-dev system-deps bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev,spark]"

demo: install
	$(BIN)/marsad demo --port $(PORT)

system-deps:
	tools/install-system-deps.sh

lint: install-dev
	$(BIN)/ruff check src tests bench tools
	$(BIN)/mypy

test: install-dev system-deps lint
	. tools/test-env.sh && $(BIN)/pytest -q

bench: install-dev
	$(BIN)/python bench/run.py --quick

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache artifacts
