#!/usr/bin/env python3
"""Speed of ``import_records`` for needs, with a synthetic records file (no real records).

    .venv/bin/python bench/import_speed.py [--needs 1000] [--rounds 1] [--profiles 20] [--profile-out FILE]

Uses a temporary SQLite database unless DATABASE_URL is set (point it at an empty PostgreSQL
database), migrates, loads the shipped region dataset, makes ``--profiles`` organisations with a
standing profile each, writes ``--needs`` need records in the records.md format across real counties
(most needs in the counties tagged as poor, several needs per county, as a province's export would
have), then imports the file with the service the command calls (``records_import``) and prints:
wall and CPU time end to end, per need (median, p95), database queries per need, what the end of
the import cost (Wagtail's indexes; after commit the search outbox drain and the standing-profile
alerts, each Celery task timed), database size. ``--rounds`` imports that many files of new needs one
after the other, to see whether the cost grows with the database. A second import of the last file
must change nothing (no revision, no log line, no page row); the bench says so and exits non-zero
otherwise. With ``--profile-out`` the first import runs under cProfile and the heaviest functions are
printed.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

from django_env import REPO, prepare
from need_themes import THEMES

TMP = prepare("import")

TODAY = dt.date(2026, 11, 29)


def counties() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(counties tagged as poor, all counties) from the shipped dataset, each as (code, name)."""
    with open(REPO / "matching" / "data" / "regions.csv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["level"] == "county"]
    poor = [(r["code"], r["name"]) for r in rows if r["tags"]]
    return poor, [(r["code"], r["name"]) for r in rows]


def need_records(n: int, seed: int = 7, first: int = 0) -> list[dict]:
    """``n`` need records (records.md): 80 % in counties tagged as poor, the rest anywhere; a few drafts."""
    rng = random.Random(seed)
    poor, everywhere = counties()
    # A file covers a limited set of counties, each with several needs (region pages are shared).
    chosen_poor = rng.sample(poor, min(len(poor), max(1, n // 8)))
    chosen_any = rng.sample(everywhere, min(len(everywhere), max(1, n // 20)))
    out = []
    for i in range(n):
        code, cname = rng.choice(chosen_poor if rng.random() < 0.8 else chosen_any)
        category, titles, sentences, skills = rng.choice(THEMES)
        lines = rng.sample(sentences, k=rng.randint(1, len(sentences)))
        status = rng.choices(["open", "matched", "in_progress", "draft"], [80, 8, 7, 5])[0]
        out.append({
            "kind": "need", "ref": f"need-b{first + i:07d}", "title": rng.choice(titles).format(c=cname),
            "description": "\n".join(f"{cname}民政局反映：{s}。" for s in lines),
            "categories": sorted({category} | ({rng.choice(THEMES)[0]} if rng.random() < 0.2 else set())),
            "region": code, "circle": rng.choice(["core", "low_income", "emergency"]),
            "urgency": rng.choices(["normal", "urgent", "critical"], [8, 2, 1])[0],
            "beneficiaries": rng.randint(1, 300), "amount_requested": f"{rng.randint(0, 5000) * 100}.00",
            "currency": "CNY", "volunteers_needed": rng.choice([0, 0, 2, 5]),
            "skills": sorted(rng.sample(skills, k=rng.randint(0, len(skills)))),
            "deadline": (TODAY + dt.timedelta(days=rng.randint(30, 700))).isoformat(),
            "published_on": None if status == "draft" else (TODAY - dt.timedelta(days=rng.randint(0, 400))).isoformat(),
            "status": status,
        })
    return out


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def standing_profiles_make(k: int, needs: list[dict]) -> None:
    """``k`` organisations, each with one standing profile on a category in the provinces of the file,
    so the alerts after the import have real work to do."""
    from django.contrib.auth import get_user_model

    from matching.models import Membership, Organisation
    from matching.uscc import uscc_check_char
    from search.profile_services import standing_profile_save

    rng = random.Random(5)
    provinces = sorted({d["region"][:2] + "0000" for d in needs})
    for i in range(k):
        body = f"52110000MJ{i:06d}X"
        org = Organisation.objects.create(ref=f"org-bench{i}", name=f"测试社会组织{i}", uscc=body + uscc_check_char(body),
                                          org_type="social_service_agency", status="verified")
        user = get_user_model().objects.create_user(username=f"bench-admin{i}", password="x" * 12)
        Membership.objects.create(organisation=org, user=user, role=Membership.Role.ADMIN)
        standing_profile_save(user=user, organisation=org, name=f"关注{i}", categories=[rng.choice(THEMES)[0]],
                              regions=[rng.choice(provinces)])


def database_state() -> dict:
    """What an import could change."""
    from django.db.models import Max
    from wagtail.models import PageLogEntry, Revision

    from matching.models import NeedPage, ResponseLogEntry

    return {
        "needs": NeedPage.objects.count(), "revisions": Revision.objects.count(),
        "page log": PageLogEntry.objects.count(), "response log": ResponseLogEntry.objects.count(),
        "last revision": Revision.objects.aggregate(Max("pk"))["pk__max"],
        "last published": NeedPage.objects.aggregate(Max("last_published_at"))["last_published_at__max"],
    }


def run_import(path: Path, *, profile_out: str | None = None) -> dict:
    """Import ``path`` as the command does; times per record (the progress callback) and the whole run."""
    import cProfile

    from django.db import connection

    from matching.importexport import records_import

    from inspect import signature

    stamps: list[tuple[float, float]] = []  # (wall, CPU) after each record
    indexed: list[float] = []  # after each chunk of pages put in Wagtail's indexes at the end
    queries = [0]

    def count(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    from tqdm import tqdm

    from celery.signals import task_postrun, task_prerun

    tasks: dict[str, list[float]] = {}  # Celery task name -> [runs, seconds] (eager tasks run in-process)
    started: dict[str, float] = {}

    def task_started(task_id=None, task=None, **_kw):
        started[task_id] = time.perf_counter()

    def task_finished(task_id=None, task=None, **_kw):
        runs = tasks.setdefault(task.name.rsplit(".", 1)[-1], [0, 0.0])
        runs[0] += 1
        runs[1] += time.perf_counter() - started.pop(task_id, time.perf_counter())

    task_prerun.connect(task_started, weak=False)
    task_postrun.connect(task_finished, weak=False)
    profiler = cProfile.Profile() if profile_out else None
    bar = tqdm(desc=path.name, unit="need", mininterval=5, leave=False)

    def stamp(n: int = 0) -> None:
        stamps.append((time.perf_counter(), time.process_time()))
        bar.update(n)

    t0, c0 = time.perf_counter(), time.process_time()
    with open(path, encoding="utf-8") as fh, connection.execute_wrapper(count):
        if profiler:
            profiler.enable()
        kwargs = {"on_index": lambda _done, _total: indexed.append(time.perf_counter())} if "on_index" in signature(
            records_import).parameters else {}  # the same bench measures the code before batching
        result = records_import(fh, progress=stamp, on_total=lambda n: (setattr(bar, "total", n), stamp()), **kwargs)
        if profiler:
            profiler.disable()
    bar.close()
    task_prerun.disconnect(task_started)
    task_postrun.disconnect(task_finished)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    if profiler:
        profiler.dump_stats(profile_out)
    per = [(b[0] - a[0]) * 1000 for a, b in zip(stamps, stamps[1:], strict=False)]
    per_cpu = [(b[1] - a[1]) * 1000 for a, b in zip(stamps, stamps[1:], strict=False)]
    return {"result": result, "wall": wall, "cpu": cpu, "per_ms": per, "per_cpu_ms": per_cpu, "queries": queries[0],
            "check": stamps[0][0] - t0 if stamps else 0.0,
            "after_loop": t0 + wall - stamps[-1][0] if stamps else 0.0,
            "after_loop_cpu": c0 + cpu - stamps[-1][1] if stamps else 0.0,
            "wagtail_index": indexed[-1] - stamps[-1][0] if indexed and stamps else None, "tasks": tasks}


def database_size() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return f"{cursor.fetchone()[0] / 2**20:,.1f} MiB (PostgreSQL)"
    return f"{Path(connection.settings_dict['NAME']).stat().st_size / 2**20:,.1f} MiB (SQLite)"


def report(label: str, run: dict, n: int) -> None:
    per = run["per_ms"]
    print(f"{label}: {run['wall']:.1f} s wall, {run['cpu']:.1f} s CPU; {run['result'].summary()}")
    if per:
        cpu = run["per_cpu_ms"]
        print(f"  per need {statistics.median(per):.1f} ms median, {pct(per, 95):.1f} ms p95, "
              f"{pct(per, 100):.0f} ms max (CPU {statistics.median(cpu):.1f} ms median, {pct(cpu, 95):.1f} ms p95); "
              f"{n / run['wall']:,.1f} needs/s; {run['queries'] / n:.1f} queries per need")
    index = "" if run["wagtail_index"] is None else f" (of which Wagtail's indexes {run['wagtail_index']:.2f} s)"
    print(f"  checking the file {run['check']:.2f} s; after the last need (Wagtail's indexes, commit, outbox drain, "
          f"alerts) {run['after_loop']:.2f} s wall{index}, {run['after_loop_cpu']:.2f} s CPU", flush=True)
    if run["tasks"]:
        print("  Celery tasks after commit: " + ", ".join(
            f"{name} {runs}× {seconds:.2f} s" for name, (runs, seconds) in sorted(run["tasks"].items())), flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--needs", type=int, default=1000, help="need records in the file")
    ap.add_argument("--rounds", type=int, default=1,
                    help="import that many files of --needs new needs one after the other (growth with size)")
    ap.add_argument("--profiles", type=int, default=20, help="standing profiles (one organisation each) to alert")
    ap.add_argument("--profile-out", help="run the first import under cProfile and write the stats here")
    ap.add_argument("--top", type=int, default=30, help="functions to print from the profile")
    a = ap.parse_args(argv)
    import django

    django.setup()
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection
    from wagtail.search.models import IndexEntry
    from wagtail.search.backends import get_search_backend as wagtail_backend

    from matching.models import NeedPage
    from search.backends.base import get_search_backend
    from search.models import IndexOutbox, ProfileAlert

    print(f"import_records bench: {a.needs:,} needs, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, "
          f"database {connection.vendor}", flush=True)
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_regions", verbosity=0)
    already = NeedPage.objects.count()
    if already:
        print(f"note: the database already holds {already:,} needs")
    rounds = [need_records(a.needs, seed=7 + r, first=r * a.needs) for r in range(a.rounds)]
    standing_profiles_make(a.profiles, rounds[0])
    paths = []
    for r, needs in enumerate(rounds):
        paths.append(TMP / f"needs-{r}.jsonl")
        paths[-1].write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in needs), encoding="utf-8")
    print(f"database ready in {time.perf_counter() - t0:.0f} s; {a.rounds} file(s) of {a.needs:,} needs, "
          f"{paths[0].stat().st_size / 2**20:.1f} MiB and {len({d['region'] for d in rounds[0]}):,} counties each, "
          f"{a.profiles} standing profiles", flush=True)

    for r, path in enumerate(paths):
        run = run_import(path, profile_out=a.profile_out if r == 0 else None)
        report(f"import {r + 1} (database had {r * a.needs:,} needs)" if a.rounds > 1 else "import", run, a.needs)
    before = database_state()
    again = run_import(paths[-1])
    report("re-import of the last file", again, a.needs)
    after = database_state()
    unchanged = before == after
    print(f"  re-import changed nothing: {'yes' if unchanged else 'NO'} ({after})")
    needs = rounds[0]

    published = NeedPage.objects.live().count()
    wagtail_entries = IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(NeedPage)).count()
    wagtail_hits = len(list(wagtail_backend().search(needs[0]["title"], NeedPage)[:50]))
    embedded = get_search_backend().search("need", needs[0]["title"]).total
    print(f"after the import: {NeedPage.objects.count():,} needs, {published:,} live; Wagtail's search index holds "
          f"{wagtail_entries:,} needs and finds '{needs[0]['title']}' {wagtail_hits} times, the embedded index "
          f"{embedded:,} times; outbox rows left {IndexOutbox.objects.count()}; "
          f"profile alerts {ProfileAlert.objects.count():,}")
    print(f"database {database_size()}")
    if a.profile_out:
        import pstats

        print(f"\nprofile of the first import ({a.profile_out}), by cumulative time:")
        pstats.Stats(a.profile_out).sort_stats("cumulative").print_stats(a.top)
    return 0 if unchanged else 1


if __name__ == "__main__":
    sys.exit(main())
