# Every job creates .venv when needed; a fresh machine needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run samples test lint typecheck imports pytest bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Starts the API on 127.0.0.1:8000 (SQLite in instance/); prints a first token and a
# curl example when there is no API client yet.
run: $(STAMP)
	$(BIN)/letterforge serve --first-token

samples: $(STAMP)
	$(BIN)/letterforge samples samples --out out

test: lint typecheck imports pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

imports: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/render.py
	$(BIN)/python benchmarks/readability.py
	$(BIN)/python benchmarks/api_http.py
	$(BIN)/python benchmarks/batch.py
	$(BIN)/python benchmarks/pdf.py

clean:
	rm -rf $(VENV) out .mypy_cache .ruff_cache .pytest_cache
