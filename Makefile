# Two commands set everything up on a fresh machine with Python 3.11 and pip:
#   make run    load the sample articles in seeds/ into warehouse/newsfacts.duckdb
#   make test   run the test suite
PYTHON ?= python3
UV := $(PYTHON) -m uv
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS ?= 120

.PHONY: install run test bench train-cleaner

install:
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	$(UV) sync --frozen

run: install
	$(UV) run --frozen newsfacts run seeds --warehouse warehouse/newsfacts.duckdb

test: install
	$(UV) run --frozen pytest

# Retrain the plain-text block model on tests/corpora/ and validate it across corpora
# (writes flows/models/text_blocks.pkl and benchmarks/cleaner_training.txt).
train-cleaner: install
	$(UV) run --frozen python -m flows.train_cleaner

bench: install
	$(UV) run --frozen python benchmarks/clean_speed.py
	$(UV) run --frozen python benchmarks/extract_speed.py
