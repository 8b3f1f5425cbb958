#!/usr/bin/env bash
# Regenerate the English catalogue from the code, check it and compile it. The English lives in
# locale/en/LC_MESSAGES/django.po: write the msgstr of each new string there (any .po editor will do)
# and rerun until it reports "untranslated: 0".
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python manage.py makemessages -l en --no-location --no-obsolete --no-wrap \
  -i ".venv/*" -i "tests/*" -i "bench/*" -i "var/*" -i "node_modules/*" -i "test-artifacts/*"
status=0
.venv/bin/python scripts/messages_check.py locale/en/LC_MESSAGES/django.po || status=$?
.venv/bin/python manage.py compilemessages -l en --ignore=.venv
exit $status
