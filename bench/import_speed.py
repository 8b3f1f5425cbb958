#!/usr/bin/env python3
"""Speed of ``import_records`` for needs, organisations, projects and volunteers, with synthetic records files.

    .venv/bin/python bench/import_speed.py [--needs 1000] [--orgs 1000] [--projects 1000] [--volunteers 1000]
        [--runs 3] [--per-record] [--profiles 20] [--profile-out FILE]

Uses a temporary SQLite database unless DATABASE_URL is set (point it at an empty PostgreSQL
database), migrates, loads the shipped region dataset, makes ``--profiles`` organisations with a
standing profile each, then imports ``--runs`` files of new records, one after the other, per kind:
``--needs`` need records in the records.md format across real counties (most needs in the counties
tagged as poor, several needs per county, as a province's export would have), and a file of
``--orgs`` organisations, ``--projects`` projects (of those organisations) and ``--volunteers``
volunteers. Each import runs the service the command calls (``records_import``) and prints wall and
CPU time end to end, records a second, database queries per record, what checking the file cost, what
the end of the import cost (Wagtail's indexes; after commit the search outbox drain and the
standing-profile alerts, each Celery task timed). Then per kind: records a second, median and p95 over
the runs (p95 of the run times), and the database size. A second import of the last files must
change nothing (no revision, no log line, no page row); the bench says so and exits non-zero
otherwise. ``--per-record`` writes every record through the single-record services (the path before
the bulk path; for the before/after figure). With ``--profile-out`` the first needs import runs under
cProfile and the heaviest functions are printed.
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
from task_timing import celery_tasks_timed

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
        out.append(
            {
                "kind": "need",
                "ref": f"need-b{first + i:07d}",
                "title": rng.choice(titles).format(c=cname),
                "description": "\n".join(f"{cname}民政局反映：{s}。" for s in lines),
                "categories": sorted({category} | ({rng.choice(THEMES)[0]} if rng.random() < 0.2 else set())),
                "region": code,
                "circle": rng.choice(["core", "low_income", "emergency"]),
                "urgency": rng.choices(["normal", "urgent", "critical"], [8, 2, 1])[0],
                "beneficiaries": rng.randint(1, 300),
                "amount_requested": f"{rng.randint(0, 5000) * 100}.00",
                "currency": "CNY",
                "volunteers_needed": rng.choice([0, 0, 2, 5]),
                "skills": sorted(rng.sample(skills, k=rng.randint(0, len(skills)))),
                "deadline": (TODAY + dt.timedelta(days=rng.randint(30, 700))).isoformat(),
                "published_on": None
                if status == "draft"
                else (TODAY - dt.timedelta(days=rng.randint(0, 400))).isoformat(),
                "status": status,
            }
        )
    return out


def _organisation_records(rng, orgs: int, first: int, prefectures: list[str]) -> list[dict]:
    from matching.taxonomy import CATEGORIES, ORG_TYPES
    from matching.uscc import uscc_check_char

    out = []
    for i in range(orgs):
        body = f"52{rng.choice(prefectures)}MJ{(first + i) % 10**7:07d}"[:17]
        ref = f"org-b{first + i:07d}"
        name = f"{rng.choice(('阳光', '春晖', '同心'))}社会工作服务中心{first + i}"
        out.append(
            {
                "kind": "organisation",
                "ref": ref,
                "name": name,
                "uscc": body + uscc_check_char(body),
                "org_type": rng.choice(list(ORG_TYPES)),
                "service_regions": sorted({rng.choice(prefectures) for _ in range(rng.randint(1, 3))}),
                "categories": sorted(rng.sample(list(CATEGORIES), 2)),
                "status": rng.choices(("verified", "pending", "suspended"), (85, 12, 3))[0],
            }
        )
    return out


def _project_records(rng, projects: int, first: int, org_refs: list[str], poor, prefectures) -> list[dict]:
    out = []
    for i in range(projects):
        category, titles, sentences, skills = rng.choice(THEMES)
        start = TODAY - dt.timedelta(days=rng.randint(0, 900))
        out.append(
            {
                "kind": "project",
                "ref": f"prj-b{first + i:07d}",
                "organisation": rng.choice(org_refs),
                "title": rng.choice(titles).format(c="") + f"项目{first + i}",
                "summary": rng.choice(sentences),
                "description": "；".join(sentences),
                "categories": [category],
                "service_regions": [rng.choice(poor)[0] if rng.random() < 0.5 else rng.choice(prefectures)],
                "budget_available": f"{rng.randint(0, 2000) * 100}.00",
                "currency": "CNY",
                "volunteer_slots": rng.choice((0, 5, 20)),
                "skills": sorted(skills[:1]),
                "starts_on": start.isoformat(),
                "ends_on": (start + dt.timedelta(days=rng.randint(90, 1000))).isoformat(),
                "status": rng.choices(("active", "completed", "draft", "paused"), (70, 20, 7, 3))[0],
            }
        )
    return out


def _volunteer_records(rng, volunteers: int, first: int, everywhere) -> list[dict]:
    from matching.taxonomy import SKILLS

    return [
        {
            "kind": "volunteer",
            "ref": f"vol-b{first + i:07d}",
            "display_name": f"志愿者{first + i}",
            "skills": sorted(rng.sample(list(SKILLS), rng.randint(1, 3))),
            "service_regions": [rng.choice(everywhere)[0]],
            "hours_per_month": rng.choice((4, 8, 16, 40)),
            "status": rng.choices(("active", "inactive"), (9, 1))[0],
        }
        for i in range(volunteers)
    ]


def actor_records(orgs: int, projects: int, volunteers: int, seed: int = 11, first: int = 0) -> list[dict]:
    """Organisations (valid USCC check digits), projects of those organisations and volunteers (records.md)."""
    rng = random.Random(seed)
    poor, everywhere = counties()
    prefectures = sorted({code[:4] + "00" for code, _ in everywhere})
    organisations = _organisation_records(rng, orgs, first, prefectures)
    org_refs = [o["ref"] for o in organisations]
    return (
        organisations
        + _project_records(rng, projects, first, org_refs, poor, prefectures)
        + _volunteer_records(rng, volunteers, first, everywhere)
    )


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def standing_profiles_make(k: int, needs: list[dict]) -> None:
    """``k`` organisations, each with one standing profile on a category in the provinces of the file,
    so the alerts after the import have real work to do."""
    from django.contrib.auth import get_user_model

    from matching.models import Membership, Organisation
    from matching.uscc import uscc_check_char
    from search.standing_profiles.services import standing_profile_save

    rng = random.Random(5)
    provinces = sorted({d["region"][:2] + "0000" for d in needs})
    for i in range(k):
        body = f"52110000MJ{i:06d}X"
        org = Organisation.objects.create(
            ref=f"org-bench{i}",
            name=f"测试社会组织{i}",
            uscc=body + uscc_check_char(body),
            org_type="social_service_agency",
            status="verified",
        )
        user = get_user_model().objects.create_user(username=f"bench-admin{i}", password="x" * 12)
        Membership.objects.create(organisation=org, user=user, role=Membership.Role.ADMIN)
        standing_profile_save(
            user=user,
            organisation=org,
            name=f"关注{i}",
            categories=[rng.choice(THEMES)[0]],
            regions=[rng.choice(provinces)],
        )


def database_state() -> dict:
    """What an import could change."""
    from django.db.models import Max
    from wagtail.models import PageLogEntry, Revision

    from matching.models import (
        NeedPage,
        Organisation,
        Project,
        ResponseLogEntry,
        Volunteer,
    )

    return {
        "needs": NeedPage.objects.count(),
        "revisions": Revision.objects.count(),
        "page log": PageLogEntry.objects.count(),
        "response log": ResponseLogEntry.objects.count(),
        "last revision": Revision.objects.aggregate(Max("pk"))["pk__max"],
        "last published": NeedPage.objects.aggregate(Max("last_published_at"))["last_published_at__max"],
        **{
            m.__name__: (m.objects.count(), m.objects.aggregate(Max("updated_at"))["updated_at__max"])
            for m in (Organisation, Project, Volunteer)
        },
    }


def run_import(path: Path, *, bulk: bool | None, profile_out: str | None = None) -> dict:
    """Import ``path`` as the command does (``records_import``); times the whole run and its parts."""
    import cProfile

    from django.db import connection

    from matching.importexport import records_import

    stamps: list[tuple[float, float]] = []  # (wall, CPU) when the file is checked and after each write
    indexed: list[float] = []  # after each chunk of pages put in Wagtail's indexes at the end
    queries = [0]

    def count(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    profiler = cProfile.Profile() if profile_out else None

    def stamp(_n: int = 0) -> None:
        stamps.append((time.perf_counter(), time.process_time()))

    with celery_tasks_timed() as tasks:
        t0, c0 = time.perf_counter(), time.process_time()
        with open(path, encoding="utf-8") as fh, connection.execute_wrapper(count):
            if profiler:
                profiler.enable()
            result = records_import(
                fh,
                progress=stamp,
                on_total=lambda _n: stamp(),
                bulk=bulk,
                on_index=lambda _done, _total: indexed.append(time.perf_counter()),
            )
            if profiler:
                profiler.disable()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    if profiler:
        profiler.dump_stats(profile_out)
    return {
        "result": result,
        "wall": wall,
        "cpu": cpu,
        "queries": queries[0],
        "check": stamps[0][0] - t0 if stamps else 0.0,
        "after_loop": t0 + wall - stamps[-1][0] if stamps else 0.0,
        "after_loop_cpu": c0 + cpu - stamps[-1][1] if stamps else 0.0,
        "wagtail_index": indexed[-1] - stamps[-1][0] if indexed and stamps else None,
        "tasks": tasks,
    }


def database_size() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return f"{cursor.fetchone()[0] / 2**20:,.1f} MiB (PostgreSQL)"
    return f"{Path(connection.settings_dict['NAME']).stat().st_size / 2**20:,.1f} MiB (SQLite)"


def to_commit(run: dict) -> float:
    """Wall time of the import itself: without the Celery tasks its commit starts (eager without a broker,
    as here; in a worker with one)."""
    return run["wall"] - sum(seconds for _runs, seconds in run["tasks"].values())


def report(label: str, run: dict, n: int) -> None:
    print(
        f"{label}: {run['wall']:.2f} s wall, {run['cpu']:.2f} s CPU, {n / run['wall']:,.0f} records/s; to commit "
        f"{to_commit(run):.2f} s, {n / to_commit(run):,.0f} records/s; {run['queries'] / n:.2f} queries per record; "
        f"{run['result'].summary()}"
    )
    index = "" if run["wagtail_index"] is None else f" (of which Wagtail's indexes {run['wagtail_index']:.2f} s)"
    print(
        f"  checking the file {run['check']:.2f} s; after the last record (Wagtail's indexes, commit, outbox drain, "
        f"alerts) {run['after_loop']:.2f} s wall{index}, {run['after_loop_cpu']:.2f} s CPU",
        flush=True,
    )
    if run["tasks"]:
        print(
            "  Celery tasks after commit: "
            + ", ".join(f"{name} {runs}× {seconds:.2f} s" for name, (runs, seconds) in sorted(run["tasks"].items())),
            flush=True,
        )


def summary(kind: str, runs: list[dict], n: int) -> None:
    walls = [r["wall"] for r in runs]
    print(
        f"{kind}: {n:,} records a run, {len(runs)} runs: {n / statistics.median(walls):,.0f} records/s at the "
        f"median run ({statistics.median(walls):.2f} s), {n / pct(walls, 95):,.0f} records/s at the p95 run "
        f"({pct(walls, 95):.2f} s); CPU {statistics.median([r['cpu'] for r in runs]):.2f} s median",
        flush=True,
    )
    commits = [to_commit(r) for r in runs]
    print(
        f"  to commit (without the after-commit Celery tasks): {n / statistics.median(commits):,.0f} records/s at "
        f"the median run ({statistics.median(commits):.2f} s), {n / pct(commits, 95):,.0f} at the p95 run "
        f"({pct(commits, 95):.2f} s)",
        flush=True,
    )


def files_write(a) -> tuple[list[Path], list[Path], list[dict]]:
    needs_files, actor_files = [], []
    first_needs: list[dict] = []
    for r in range(a.runs):
        if a.needs:
            needs = need_records(a.needs, seed=7 + r, first=r * a.needs)
            first_needs = first_needs or needs
            needs_files.append(TMP / f"needs-{r}.jsonl")
            needs_files[-1].write_text(
                "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in needs), encoding="utf-8"
            )
        if a.orgs or a.projects or a.volunteers:
            base = (r + 1) * max(a.orgs, a.projects, a.volunteers)
            actors = actor_records(a.orgs, a.projects, a.volunteers, seed=11 + r, first=base)
            actor_files.append(TMP / f"actors-{r}.jsonl")
            actor_files[-1].write_text(
                "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in actors), encoding="utf-8"
            )
    return needs_files, actor_files, first_needs


def _arguments(argv) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--needs", type=int, default=1000, help="need records in each needs file")
    ap.add_argument("--orgs", type=int, default=1000, help="organisations in each file of organisations …")
    ap.add_argument("--projects", type=int, default=1000, help="… projects (of those organisations) …")
    ap.add_argument("--volunteers", type=int, default=1000, help="… and volunteers")
    ap.add_argument("--runs", type=int, default=3, help="files of new records imported one after the other, per kind")
    ap.add_argument("--per-record", action="store_true", help="every record through the single-record services")
    ap.add_argument("--profiles", type=int, default=20, help="standing profiles (one organisation each) to alert")
    ap.add_argument("--profile-out", help="run the first needs import under cProfile and write the stats here")
    ap.add_argument("--top", type=int, default=30, help="functions to print from the profile")
    return ap.parse_args(argv)


def _database_ready(a) -> tuple[list[Path], list[Path], list[dict]]:
    """Migrate, load the regions, write the files and make the standing profiles."""
    from django.core.management import call_command

    from matching.models import NeedPage

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_regions", verbosity=0)
    already = NeedPage.objects.count()
    if already:
        print(f"note: the database already holds {already:,} needs")
    needs_files, actor_files, first_needs = files_write(a)
    if first_needs:
        standing_profiles_make(a.profiles, first_needs)
    sizes = ", ".join(f"{p.name} {p.stat().st_size / 2**20:.1f} MiB" for p in (needs_files + actor_files)[:2])
    print(
        f"database ready in {time.perf_counter() - t0:.0f} s; files: {sizes}"
        + (f"; {len({d['region'] for d in first_needs}):,} counties a needs file" if first_needs else "")
        + f"; {a.profiles} standing profiles",
        flush=True,
    )
    return needs_files, actor_files, first_needs


def _import_runs(a, needs_files, actor_files, bulk) -> bool:
    """The runs one after the other, a re-import of the last files and the summary; whether the re-import
    changed nothing."""
    need_runs, actor_runs = [], []
    for r in range(a.runs):
        if needs_files:
            need_runs.append(run_import(needs_files[r], bulk=bulk, profile_out=a.profile_out if r == 0 else None))
            report(f"needs {r + 1} (database had {r * a.needs:,} of them)", need_runs[-1], a.needs)
        if actor_files:
            actor_runs.append(run_import(actor_files[r], bulk=bulk))
            report(f"organisations, projects, volunteers {r + 1}", actor_runs[-1], a.orgs + a.projects + a.volunteers)
    before = database_state()
    for path, n in ((needs_files[-1:], a.needs), (actor_files[-1:], a.orgs + a.projects + a.volunteers)):
        if path:
            report(f"re-import of {path[0].name}", run_import(path[0], bulk=bulk), n)
    after = database_state()
    unchanged = before == after
    print(f"  re-import changed nothing: {'yes' if unchanged else 'NO'} ({after})")
    print()
    if need_runs:
        summary("needs", need_runs, a.needs)
    if actor_runs:
        summary("organisations + projects + volunteers", actor_runs, a.orgs + a.projects + a.volunteers)
    return unchanged


def _indexes_report(first_needs: list[dict]) -> None:
    """What the imports left in Wagtail's search index, the embedded index, the outbox and the alerts."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.backends import get_search_backend as wagtail_backend
    from wagtail.search.models import IndexEntry

    from matching.models import NeedPage
    from search.backends.base import get_search_backend
    from search.models import IndexOutbox, ProfileAlert

    published = NeedPage.objects.live().count()
    wagtail_entries = IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(NeedPage)).count()
    wagtail_hits = len(list(wagtail_backend().search(first_needs[0]["title"], NeedPage)[:50]))
    embedded = get_search_backend().search("need", first_needs[0]["title"]).total
    print(
        f"after the imports: {NeedPage.objects.count():,} needs, {published:,} live; "
        f"Wagtail's search index holds "
        f"{wagtail_entries:,} needs and finds '{first_needs[0]['title']}' {wagtail_hits} times, the embedded "
        f"index {embedded:,} times; outbox rows left {IndexOutbox.objects.count()}; "
        f"profile alerts {ProfileAlert.objects.count():,}"
    )


def main(argv=None) -> int:
    a = _arguments(argv)
    import django

    django.setup()
    from django.db import connection

    bulk = False if a.per_record else None
    print(
        f"import_records bench ({'single-record path' if a.per_record else 'default path'}): {a.runs} runs of "
        f"{a.needs:,} needs and of {a.orgs:,} organisations + {a.projects:,} projects + {a.volunteers:,} volunteers; "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, database {connection.vendor}",
        flush=True,
    )
    needs_files, actor_files, first_needs = _database_ready(a)
    unchanged = _import_runs(a, needs_files, actor_files, bulk)
    if first_needs:
        _indexes_report(first_needs)
    print(f"database {database_size()}")
    if a.profile_out:
        import pstats

        print(f"\nprofile of the first needs import ({a.profile_out}), by cumulative time:")
        pstats.Stats(a.profile_out).sort_stats("cumulative").print_stats(a.top)
    return 0 if unchanged else 1


if __name__ == "__main__":
    sys.exit(main())
