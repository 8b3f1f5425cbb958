.PHONY: run test lint bench
run:  ## serve the platform on its embedded defaults with demo data
	scripts/run.sh
test:  ## run the whole test suite
	scripts/test.sh
lint:  ## ruff: the linter and the formatter's check (CI fails on any finding)
	scripts/bootstrap.sh
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
bench:  ## print match quality and speed figures
	.venv/bin/python bench/match_quality.py
