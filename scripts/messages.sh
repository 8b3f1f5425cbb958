#!/usr/bin/env bash
# Regenerate the English catalogue, fill it from scripts/translations_en.py, compile it and
# print how many msgids are still untranslated. Add new strings to the dictionary and rerun.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python manage.py makemessages -l en --no-location --no-obsolete \
  -i ".venv/*" -i "tests/*" -i "bench/*" -i "var/*" -i "node_modules/*" -i "test-artifacts/*"
.venv/bin/python scripts/messages_apply.py locale/en/LC_MESSAGES/django.po scripts/translations_en.py
.venv/bin/python manage.py compilemessages -l en --ignore=.venv
