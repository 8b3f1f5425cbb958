#!/usr/bin/env bash
# Run the whole test suite on real servers: PostgreSQL and Redis are installed (Debian's packages)
# and started by scripts/services.sh unless DATABASE_URL is already set. Where they cannot be had
# (not root, no packages), the suite runs on SQLite and the Redis tests skip with a reason.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
if [ -z "${DATABASE_URL:-}" ]; then
  if scripts/services.sh start >/dev/null; then
    export DATABASE_URL="postgres://postgres@127.0.0.1:${PGPORT:-5432}/bangfu_test_$$"
    export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:${REDIS_PORT:-6379}/0}"
  else
    echo "warning: PostgreSQL/Redis could not be started; testing on SQLite" >&2
  fi
fi
exec .venv/bin/python -m pytest "$@"
