"""Time pages and API endpoints on a loaded database: p50/p95 over varied requests, queries per request.

Requests go through Django's test client in this process (the whole stack: middleware, views, templates,
cache, database), so the figures are server time without the network. Each page gets one warm-up request
first (Python imports, template compilation), not counted.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

QUERY_WORDS = [
    "敬老院",
    "留守儿童",
    "危房改造",
    "白内障",
    "助学金",
    "电商培训",
    "临时救助",
    "康复辅具",
    "图书角",
    "护理补贴",
]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


class Sample:
    """Ids to build varied requests from, read once (a few small queries)."""

    def __init__(self, rng: random.Random):
        from matching.models import (
            Category,
            NeedPage,
            Organisation,
            Project,
            Region,
            RegionPage,
        )

        top = NeedPage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        ids = [rng.randint(1, top) for _ in range(600)]
        self.needs = list(NeedPage.objects.live().filter(pk__in=ids).values_list("pk", "url_path", "ref")[:200])
        # Keyset cursors at random needs: random depths in the list (at a million needs, mostly pages past 10,000).
        self.cursors = [
            f"{d:%Y%m%d}-{pk}"
            for pk, d in NeedPage.objects.live()
            .filter(pk__in=ids, published_on__isnull=False)
            .values_list("pk", "published_on")[:200]
        ]
        self.provinces = list(
            Region.objects.filter(level="province", page__isnull=False).values_list("code", flat=True)
        )
        self.counties = list(Region.objects.filter(level="county", page__isnull=False).values_list("code", flat=True))
        self.categories = list(Category.objects.values_list("code", flat=True))
        self.projects = list(
            Project.objects.filter(status="active", organisation__status="verified")
            .order_by("?")
            .values_list("ref", flat=True)[:200]
        )
        self.organisations = list(
            Organisation.objects.filter(status="verified").order_by("?").values_list("ref", flat=True)[:200]
        )
        biggest = RegionPage.objects.filter(region__level="county").order_by("-numchild").first()
        self.big_county_page, self.big_county_needs = biggest.pk, biggest.numchild
        self.big_county = biggest.region_id


GAP_MEASURES = ("open", "unanswered_30d", "money_gap", "volunteer_gap", "capacity_funds")


def _pages(s: Sample, rng: random.Random) -> dict:
    """name -> (who: public|nation|county, function returning a URL)."""
    c = rng.choice
    return {
        "home": ("public", lambda: "/"),
        "needs_list": ("public", lambda: f"/needs/?page={rng.randint(1, 5)}"),
        "needs_by_province": ("public", lambda: f"/needs/?region={c(s.provinces)}"),
        "needs_by_county": ("public", lambda: f"/needs/?region={c(s.counties)}"),
        "needs_by_category": ("public", lambda: f"/needs/?category={c(s.categories)}&page={rng.randint(1, 3)}"),
        "needs_page_500": ("public", lambda: f"/needs/?page={rng.randint(450, 550)}"),
        "needs_keyset": ("public", lambda: f"/needs/?after={c(s.cursors)}"),
        "need": ("public", lambda: "/" + c(s.needs)[1].split("/", 2)[2]),
        "project": ("public", lambda: f"/projects/{c(s.projects)}/"),
        "organisation": ("public", lambda: f"/organisations/{c(s.organisations)}/"),
        "search": ("public", lambda: f"/search/?q={c(QUERY_WORDS)}&page={rng.randint(1, 3)}"),
        "transparency": ("public", lambda: f"/transparency/?since={rng.randint(2020, 2026)}"),
        "transparency_province": ("public", lambda: f"/transparency/regions/{c(s.provinces)}/"),
        "transparency_county": ("public", lambda: f"/transparency/regions/{c(s.counties)}/"),
        "gapmap_national": ("public", lambda: f"/transparency/map/?measure={c(GAP_MEASURES)}"),
        "gapmap_province": ("public", lambda: f"/transparency/map/{c(s.provinces)}/?measure={c(GAP_MEASURES)}"),
        "gapmap_county": ("public", lambda: f"/transparency/map/{c(s.counties)}/"),
        "gapmap_staff_county": ("county", lambda: f"/dashboard/map/{s.big_county}/"),
        "opendata_needs_csv": ("public", lambda: "/open-data/needs.csv"),
        "api_needs": (
            "public",
            lambda: f"/api/v1/needs/?region={c(s.provinces + s.counties)}&category={c(s.categories)}",
        ),
        "api_needs_deep": ("public", lambda: f"/api/v1/needs/?page={rng.randint(450, 550)}"),
        "api_needs_keyset": ("public", lambda: f"/api/v1/needs/?after={c(s.cursors)}"),
        "api_projects": ("public", lambda: f"/api/v1/projects/?category={c(s.categories)}&page={rng.randint(1, 3)}"),
        "api_organisations": ("public", lambda: f"/api/v1/organisations/?category={c(s.categories)}"),
        "dashboard_county": ("county", lambda: "/dashboard/"),
        "dashboard_nation": ("nation", lambda: "/dashboard/"),
        "admin_explorer_county": ("nation", lambda: f"/admin/pages/{s.big_county_page}/?p={rng.randint(1, 5)}"),
        "admin_need_candidates": ("nation", lambda: f"/admin/needs/{c(s.needs)[0]}/candidates/"),
    }


def _clients(s: Sample) -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from matching.models import Region
    from matching.services.staff import staff_user_add

    User = get_user_model()
    nation, _ = User.objects.get_or_create(username="scale-nation", defaults={"is_superuser": True, "is_staff": True})
    county = User.objects.filter(username="scale-county").first() or staff_user_add(
        username="scale-county", password="scale-county-pass-1", region=Region.objects.get(code=s.big_county)
    )
    clients = {"public": Client()}
    for name, user in (("nation", nation), ("county", county)):
        clients[name] = Client()
        clients[name].force_login(user)
    return clients


def _request(client, url: str) -> tuple[float, int, int]:
    """(ms, queries, status). A streamed response is read to its first 64 KiB (time to first screen)."""
    from django.db import connection

    queries = [0]

    def count(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    t0 = time.perf_counter()
    with connection.execute_wrapper(count):
        response = client.get(url)
        if response.streaming:
            got = 0
            for chunk in response.streaming_content:
                got += len(chunk)
                if got >= 65536:
                    break
            response.close()
    return (time.perf_counter() - t0) * 1000, queries[0], response.status_code


def measure_pages(*, requests: int, only=None, seed: int = 21, budget_s: float = 60) -> dict:
    rng = random.Random(seed)
    sample = Sample(rng)
    clients = _clients(sample)
    out = {}
    for name, (who, url) in _pages(sample, rng).items():
        if only and name not in only:
            continue
        warm_ms = _request(clients[who], url())[0]  # warm-up
        times, queries, statuses = [], [], {}
        deadline = time.perf_counter() + budget_s
        at_least = 5 if warm_ms < budget_s * 1000 / 6 else 2  # a page of minutes gets two requests
        for _ in range(requests):
            if time.perf_counter() > deadline and len(times) >= at_least:
                break  # a page this slow is reported on fewer requests (the count says how many)
            ms, n, status = _request(clients[who], url())
            times.append(ms)
            queries.append(n)
            statuses[status] = statuses.get(status, 0) + 1
        out[name] = {
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(pct(times, 95), 1),
            "queries": max(queries),
            "requests": len(times),
            **({"statuses": statuses} if set(statuses) != {200} else {}),
        }
        print(f"{name}: {out[name]}", file=sys.stderr, flush=True)
    return out


def database_size() -> dict:
    from django.db import connection

    from matching.funding.models import LedgerEntry
    from matching.models import NeedPage, Organisation, Project, Volunteer

    with connection.cursor() as cur:
        cur.execute("SELECT pg_database_size(current_database())")
        size = cur.fetchone()[0]
    return {
        "needs": NeedPage.objects.count(),
        "projects": Project.objects.count(),
        "organisations": Organisation.objects.count(),
        "volunteers": Volunteer.objects.count(),
        "ledger_lines": LedgerEntry.objects.count(),
        "database_mib": round(size / 2**20),
    }


def measure_all(
    *,
    requests: int,
    budget_s: float = 60,
    small_database: str | None = None,
    only=None,
    import_needs: int = 0,
    rebuild: bool = False,
) -> dict:
    result = {
        "machine": {"cpus": os.cpu_count(), "load_average_start": round(os.getloadavg()[0], 1)},
        "size": database_size(),
    }
    if rebuild:
        from scale_search import measure_rebuild_and_match

        result["rebuild"] = measure_rebuild_and_match()
    result["pages"] = measure_pages(requests=requests, only=only, budget_s=budget_s)
    if import_needs:
        from scale_import import measure_import

        result["import"] = measure_import(needs=import_needs)
    if small_database:
        result["small"] = _measure_other(small_database, requests=requests, only=only, budget_s=budget_s)
    result["machine"]["load_average_end"] = round(os.getloadavg()[0], 1)
    return result


def _measure_other(database: str, *, requests: int, only, budget_s: float) -> dict:
    """The same pages on another database (the 10,000-need one), in a child process of this run."""
    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + database
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "BANGFU_DATA_DIR": os.environ.get("SMALL_DATA_DIR", os.environ["BANGFU_DATA_DIR"] + "-small"),
    }
    args = [
        sys.executable,
        str(Path(__file__).with_name("national_scale.py")),
        "measure",
        "--json",
        "--requests",
        str(requests),
        "--budget",
        str(budget_s),
    ] + (["--only", ",".join(only)] if only else [])
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    small = json.loads(done.stdout.strip().splitlines()[-1])
    return {"size": small["size"], "pages": small["pages"]}
