.PHONY: run test bench
run:  ## serve the platform on its embedded defaults with demo data
	scripts/run.sh
test:  ## run the whole test suite
	scripts/test.sh
bench:  ## print match quality and speed figures
	.venv/bin/python bench/match_quality.py
