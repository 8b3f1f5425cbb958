#!/usr/bin/env bash
# Run the whole test suite. With DATABASE_URL it tests on that PostgreSQL, otherwise on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
exec .venv/bin/python -m pytest "$@"
