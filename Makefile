# Two commands set everything up on a fresh machine, with any CPython 3.11, 3.12 or 3.13
# (a distribution's externally managed python3 included; choose one with PYTHON=...):
#   make run    load the sample articles into warehouse/newsfacts.duckdb
#   make test   lint, then run the whole test suite (what CI runs)
# uv is installed into .tools/ with pip's --target (never into the system Python: PEP 668
# refuses that, and --target needs no venv module); uv then builds .venv/ on that Python.
PYTHON ?= python3
# The interpreter itself, not a shim on PATH (pyenv's), so uv sees the same Python on every call
# and keeps .venv instead of rebuilding it.
PYTHON_PATH := $(shell $(PYTHON) -c 'import sys; print(sys.executable)' 2>/dev/null)
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
export UV_PYTHON := $(PYTHON_PATH)
export UV_PYTHON_DOWNLOADS := never
# Bytecode compiled once at install: without it every run compiles Prefect and the pipeline
# from source (importing the pipeline took 6.2 s instead of 2.7 s where bytecode is not written).
export UV_COMPILE_BYTECODE := 1

.PHONY: install run test test-fast lint bench train-cleaner

$(UV):
	@test -n "$(PYTHON_PATH)" || { echo "make: $(PYTHON) does not run; set PYTHON=/path/to/python3.11-3.14" >&2; exit 1; }
	$(PYTHON_PATH) -m pip install --quiet --disable-pip-version-check --target $(TOOLS) uv==$(UV_VERSION) \
	  || { echo "make: $(PYTHON) has no pip: install it (Debian/Ubuntu: apt install python3-pip)" >&2; exit 1; }

install: $(UV)
	$(UV) sync --frozen

run: install
	$(UV) run --frozen newsfacts run --sample --warehouse warehouse/newsfacts.duckdb

lint: install
	$(UV) run --frozen ruff check .

test: lint
	$(UV) run --frozen pytest

test-fast: install
	$(UV) run --frozen pytest -m "not slow"

# Retrain the plain-text block model on tests/corpora/ and validate it across corpora
# (writes flows/models/text_blocks.npz and benchmarks/cleaner_training.txt).
train-cleaner: install
	$(UV) run --frozen python -m flows.train_cleaner

bench: install
	$(UV) run --frozen python benchmarks/clean_speed.py
	$(UV) run --frozen python benchmarks/extract_speed.py
