# One command for each job. Both set up .venv from scratch when it is missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test slow lint bench bench-quick stress mutate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q succession cli.py
	touch $(STAMP)

demo: $(STAMP)
	@echo "== Who holds the main offices of Tajikistan today"
	@$(BIN)/succession current --country Tajikistan
	@echo
	@echo "== Who would act if the presidency of Tajikistan fell vacant today"
	@$(BIN)/succession line-of-succession "President of Tajikistan"
	@echo
	@echo "== Successions and posts that stay inside a family"
	@$(BIN)/succession dynasty --country Tajikistan
	@echo
	@$(BIN)/succession validate

test: $(STAMP)
	$(BIN)/python -m pytest

slow: $(STAMP)
	$(BIN)/python -m pytest -m slow

lint: $(STAMP)
	$(BIN)/ruff check succession cli.py tests tools benchmarks

stress: $(STAMP)
	$(BIN)/python benchmarks/stress.py

mutate: $(STAMP)
	$(BIN)/python tools/mutate.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

bench-quick: $(STAMP)
	$(BIN)/python benchmarks/run.py --quick

clean:
	rm -rf $(VENV) .pytest_cache
