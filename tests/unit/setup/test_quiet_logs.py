"""The one-machine run's log: tasks run in-process without a "Task … succeeded" line each or a broker warning."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PROBE = """
import django, logging
django.setup()
from config.celery import app

@app.task(name="probe.ping")
def ping():
    return "pong"

logging.getLogger("probe").warning("probe start")
print(ping.delay().get())
ping.delay_on_commit()
logging.getLogger("probe").warning("probe end")
"""


def _run(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if k not in ("CELERY_BROKER_URL", "LOG_LEVEL", "DATABASE_URL")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "BANGFU_DATA_DIR": str(tmp_path),
            "PYTHONPATH": str(ROOT / "site"),
            **extra,
        }
    )
    return subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_tasks_run_in_process_log_no_trace_lines_and_no_broker_warning(tmp_path):
    result = _run(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "pong"
    assert "probe start" in result.stderr and "probe end" in result.stderr  # the log itself still works
    assert "celery.app.trace" not in result.stderr and "succeeded in" not in result.stderr
    assert "No hostname was supplied" not in result.stderr


def test_the_trace_lines_come_back_when_asked_for(tmp_path):
    result = _run(tmp_path, CELERY_TRACE_LOG_LEVEL="INFO")
    assert result.returncode == 0, result.stderr
    assert "Task probe.ping" in result.stderr and "succeeded in" in result.stderr
