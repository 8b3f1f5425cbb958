"""A bounded load run: gunicorn with 4 workers on PostgreSQL with the demo data, driven by ``wrk``.

    DATABASE_URL=postgres://…/bangfu_load REDIS_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python bench/load_run.py [--duration 15] [--connections 20,100] [--port 8181]

It migrates the database and loads the demo data (``--skip-setup`` to reuse them), starts gunicorn
on the loopback address only, and drives three pages in turn — the needs list, one need page, the
API's needs list — at each number of concurrent connections for ``--duration`` seconds each. It
prints p50/p95 latency, requests per second, errors (socket errors and answers of 400 or more)
and requests that took longer than ``--timeout``, per page. The API's anonymous throttle is raised
for the run (the point is the server, not the limiter). The cache is Redis when ``REDIS_URL`` is set (database 3),
local memory otherwise.
Needs the Debian package ``wrk``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# wrk prints its latency distribution with --latency; the Lua report adds p95 (not printed by default).
REPORT_LUA = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT p50=%.2f p95=%.2f rps=%.1f requests=%d non2xx=%d sockerr=%d timeouts=%d\\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write,
    summary.errors.timeout))
end
"""


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    if not env.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("DATABASE_URL must name a PostgreSQL database (the run is about the production database)")
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DEBUG": "false",
            "BANGFU_DATA_DIR": env.get("BANGFU_DATA_DIR", str(tmp)),
            "LOG_LEVEL": "WARNING",
            "API_THROTTLE_ANON": "1000000/min",
            "AXES_ENABLED": "false",
        }
    )
    if env.get("REDIS_URL"):
        env["CACHE_URL"] = re.sub(r"/\d*$", "/3", env["REDIS_URL"])
    return env


def _manage(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, check=True, capture_output=True, text=True
    ).stdout


def _need_path(env: dict[str, str]) -> str:
    code = "from matching.models import NeedPage; print(NeedPage.objects.live().order_by('pk').first().url)"
    return _manage(env, "shell", "-c", code).strip().splitlines()[-1]


def _wait(url: str, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            urllib.request.urlopen(url, timeout=seconds).read()
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"server did not answer at {url}")


def _wrk(url: str, connections: int, duration: int, script: Path, timeout: int) -> dict[str, float]:
    out = subprocess.run(
        [
            "wrk",
            "-t",
            "2",
            "-c",
            str(connections),
            "-d",
            f"{duration}s",
            "--timeout",
            f"{timeout}s",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    return {k: float(v) for k, v in (part.split("=") for part in line.split()[1:])}


def _gunicorn(args, env) -> subprocess.Popen:
    """The site under gunicorn in its own session (stopped as a group)."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--chdir",
            "site",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=REPO,
        env=env,
        start_new_session=True,
    )


def _rows(args, base: str, pages: dict, script: Path) -> None:
    """One row per concurrency and page: wrk's latencies, rate, errors and timeouts."""
    print(
        f"{'page':<12} {'conns':>5} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8} "
        f"{'requests':>9} {'errors':>7} {'timeouts':>8}"
    )
    for connections in (int(c) for c in args.connections.split(",")):
        for name, path in pages.items():
            r = _wrk(base + path, connections, args.duration, script, args.timeout)
            _wait(base + path, seconds=300)  # requests wrk left queued are served before the next row
            errors = int(r["non2xx"] + r["sockerr"])
            print(
                f"{name:<12} {connections:>5} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['rps']:>8.1f} "
                f"{int(r['requests']):>9} {errors:>7} {int(r['timeouts']):>8}",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=15, help="seconds per page and concurrency")
    parser.add_argument("--connections", default="20,100")
    parser.add_argument("--port", type=int, default=8181)
    parser.add_argument("--timeout", type=int, default=30, help="seconds before wrk counts a request as timed out")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--skip-setup", action="store_true", help="reuse a migrated database with demo data")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian package wrk)")
    tmp = Path(tempfile.mkdtemp(prefix="bangfu-load-"))
    env = _env(tmp)
    if not args.skip_setup:
        _manage(env, "migrate", "--no-input", "-v0")
        _manage(env, "load_demo", "-v0")
    base = f"http://127.0.0.1:{args.port}"
    pages = {"needs list": "/needs/", "need page": _need_path(env), "API needs": "/api/v1/needs/"}
    script = tmp / "report.lua"
    script.write_text(REPORT_LUA)
    server = _gunicorn(args, env)
    try:
        for path in pages.values():
            _wait(base + path)
        print(
            f"gunicorn {args.workers} workers, PostgreSQL, demo data; {args.duration}s per row; "
            f"cache {'redis' if env.get('CACHE_URL') else 'locmem'}"
        )
        _rows(args, base, pages, script)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
