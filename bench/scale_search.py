"""search_index rebuild of the loaded database (wall, CPU of both cores, peak memory) and match latency
need → project and project → need on the embedded engine, in-process."""

from __future__ import annotations

import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from scale_measure import pct

REPO = Path(__file__).resolve().parent.parent


def measure_rebuild_and_match(*, queries: int = 300) -> dict:
    out = {"rebuild": _rebuild()}
    out["match"] = _match(queries)
    return out


def _rebuild() -> dict:
    """``manage.py search_index rebuild`` in a child process: its wall time, CPU time (user + system, so
    CPU / wall near 2 means both cores busy) and peak resident memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_before = os.getloadavg()[0]
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(REPO / "manage.py"), "search_index", "rebuild", "--no-progress"],
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "ok": done.returncode == 0,
        "seconds": round(wall),
        "cpu_seconds": round(cpu),
        "cores_busy": round(cpu / wall, 2),
        "peak_rss_mib": round(after.ru_maxrss / 1024),  # the largest single process (main or one worker)
        "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],
        "output": (done.stdout + done.stderr).strip().splitlines()[-6:],
    }


def _match(queries: int) -> dict:
    from matching.models import NeedPage, Project
    from search.backends.base import get_search_backend
    from search.services import rank_for_need, rank_for_project

    rng = random.Random(5)
    backend = get_search_backend()
    top = NeedPage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    needs = list(
        NeedPage.objects.live()
        .filter(status="open", pk__in=[rng.randint(1, top) for _ in range(queries * 4)])
        .values_list("ref", flat=True)[:queries]
    )
    projects = list(
        Project.objects.filter(status="active", organisation__status="verified")
        .order_by("?")
        .values_list("ref", flat=True)[:queries]
    )
    out = {}
    for name, refs, call in (
        ("need_to_project", needs, lambda r: rank_for_need(need_ref=r, backend=backend)),
        ("project_to_need", projects, lambda r: rank_for_project(project_ref=r, backend=backend)),
    ):
        if not refs:
            continue
        call(refs[0])  # warm-up
        times, cpu, load_before = [], [], os.getloadavg()[0]
        for ref in refs:
            t0, c0 = time.perf_counter(), time.process_time()
            call(ref)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        out[name] = {
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(pct(times, 95), 2),
            # CPU of this process per match: what the match costs, whatever else the machine runs
            "cpu_p50_ms": round(statistics.median(cpu), 2),
            "cpu_p95_ms": round(pct(cpu, 95), 2),
            "queries": len(times),
            "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],
        }
    return out
