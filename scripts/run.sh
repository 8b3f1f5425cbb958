#!/usr/bin/env bash
# Run Bangfu on one machine: SQLite file, embedded search, tasks in-process, local Stripe test server.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.dev}"
PORT="${PORT:-8000}"
mkdir -p var
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py load_regions -v0
if [ ! -f var/.demo-loaded ]; then
  echo "==> first start: loading demo data"
  .venv/bin/python manage.py load_demo && touch var/.demo-loaded
fi
.venv/bin/python manage.py collectstatic --no-input -v0
echo "==> Bangfu on http://127.0.0.1:${PORT}/  (admin: http://127.0.0.1:${PORT}/admin/, accounts in README)"
exec .venv/bin/python manage.py runserver "0.0.0.0:${PORT}"
