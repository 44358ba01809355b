# Two commands for a newcomer: `make demo` (install, run on examples/) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
DB ?= veille.db

.PHONY: demo test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/veille ingest --db $(DB) examples/
	$(BIN)/veille show --db $(DB)
	$(BIN)/veille stats --db $(DB)

test: $(VENV)/.installed
	$(BIN)/python -m pytest

bench: $(VENV)/.installed
	PATH=$(abspath $(BIN)):$$PATH ../shared/bench/run.sh
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm veille-csv
