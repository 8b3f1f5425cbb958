#!/usr/bin/env bash
# Run Bangfu on one machine: SQLite file, embedded search, tasks in-process, local Stripe test server.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.dev}"
PORT="${PORT:-8000}"
# Loopback only: the demo accounts' passwords are public. HOST=0.0.0.0 serves other machines too.
HOST="${HOST:-127.0.0.1}"
URL_HOST="$HOST"
case "$HOST" in 0.0.0.0|::|"[::]") URL_HOST=127.0.0.1 ;; esac
# Links in e-mails sent outside a request (notifications, receipts) point where the site is served.
export SITE_URL="${SITE_URL:-http://${URL_HOST}:${PORT}}"
mkdir -p var
# The web server and the periodic tasks (below) are two processes: one file cache under var/ lets a refresh in
# one show in the other's pages (a local-memory cache is per process). CACHE_URL chooses another.
export CACHE_URL="${CACHE_URL:-filecache://${PWD}/var/cache}"
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py load_regions -v0
if [ ! -f var/.demo-loaded ]; then
  echo "==> first start: loading demo data"
  .venv/bin/python manage.py load_demo && touch var/.demo-loaded
fi
.venv/bin/python manage.py collectstatic --no-input -v0

# Processes started beside the web server, stopped with it.
BACKGROUND=()
trap 'for pid in "${BACKGROUND[@]}"; do kill "$pid" 2>/dev/null; done' EXIT

# Donations work offline against a local Stripe test server unless real Stripe keys are configured.
if [ -z "${STRIPE_SECRET_KEY:-}" ] && [ -z "${STRIPE_API_BASE:-}" ]; then
  STRIPE_PORT="${STRIPE_PORT:-8420}"
  .venv/bin/python scripts/localstripe_server.py --port "$STRIPE_PORT" --store var/localstripe/store.pickle \
    >var/localstripe.log 2>&1 &
  BACKGROUND+=($!)
  export STRIPE_API_BASE="http://127.0.0.1:${STRIPE_PORT}"
  export STRIPE_WEBHOOK_SECRET="${STRIPE_WEBHOOK_SECRET:-whsec_bangfu_local}"
  for _ in $(seq 1 50); do
    curl -fs "$STRIPE_API_BASE/js.stripe.com/v3/" -o /dev/null && break
    sleep 0.2
  done
  curl -fs -X POST "$STRIPE_API_BASE/_config/webhooks/bangfu" -H 'Content-Type: application/json' \
    -d "{\"url\": \"http://127.0.0.1:${PORT}/funding/webhooks/stripe/\", \"secret\": \"${STRIPE_WEBHOOK_SECRET}\"}" \
    -o /dev/null || echo "warning: could not register the webhook with the local Stripe test server"
  echo "==> local Stripe test server on $STRIPE_API_BASE (test card payments, no internet needed)"
fi
# Without a broker nothing runs the periodic tasks (the outbox and payment sweeps, the kept figures' refresh,
# the digests): run_periodic runs them on their schedule in a process of its own.
if [ -z "${CELERY_BROKER_URL:-}" ]; then
  .venv/bin/python manage.py run_periodic -v0 >var/periodic.log 2>&1 &
  BACKGROUND+=($!)
  echo "==> periodic tasks in-process (figures, sweeps, digests; log in var/periodic.log)"
fi
echo "==> Bangfu on ${SITE_URL}/  (sign-in: ${SITE_URL}/accounts/login/, accounts in README)"
.venv/bin/python manage.py runserver --noreload "${HOST}:${PORT}"
