"""The one-machine run: loopback by default, private files never under a public URL, links to where it runs."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

MEDIA_PROBE = """
import django, os, pathlib
django.setup()
from django.conf import settings
from django.test import RequestFactory
from django.urls import resolve
from django.http import Http404
root = pathlib.Path(settings.MEDIA_ROOT)
for folder in ("documents", "certificates/2026/01", "images"):
    (root / folder).mkdir(parents=True, exist_ok=True)
    (root / folder / "probe.txt").write_text("household receipt")
for path in ("/media/documents/probe.txt", "/media/certificates/2026/01/probe.txt", "/media/images/probe.txt",
             "/media/images/../documents/probe.txt"):
    try:
        match = resolve(path)
        status = match.func(RequestFactory().get(path), *match.args, **match.kwargs).status_code
    except Http404:
        status = 404
    print(path, status)
"""


def test_dev_settings_never_serve_private_documents_by_path(tmp_path):
    """Issue 11, item 8: /media/documents/… served grant files and receipts to anyone in development."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "BANGFU_DATA_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT / "site"),
    }
    result = subprocess.run(
        [sys.executable, "-c", MEDIA_PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    statuses = dict(line.rsplit(" ", 1) for line in result.stdout.strip().splitlines())
    assert statuses == {
        "/media/documents/probe.txt": "404",
        "/media/certificates/2026/01/probe.txt": "404",
        "/media/images/probe.txt": "200",
        "/media/images/../documents/probe.txt": "404",
    }


def test_run_script_binds_loopback_unless_host_is_given():
    script = (ROOT / "scripts" / "run.sh").read_text()
    assert "0.0.0.0:${PORT}" not in script
    assert 'HOST="${HOST:-127.0.0.1}"' in script and 'runserver --noreload "${HOST}:${PORT}"' in script
    assert 'export SITE_URL="${SITE_URL:-http://${URL_HOST}:${PORT}}"' in script


def test_every_migration_runs_on_a_fresh_sqlite_database(tmp_path):
    """`make run` migrates a new SQLite file: a migration only PostgreSQL can run (an index with NULLS LAST
    once was one) stops the one-machine platform before it starts."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "BANGFU_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "outcomes.0006_staff_figures... OK" in result.stdout
